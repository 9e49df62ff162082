// The audit trail: the one audit call, hash-chained so that an altered, inserted or removed row
// is detected. Appends run inside the caller's write transaction, so an audited change and its
// audit row commit or roll back together.
#pragma once
#include <optional>
#include <span>
#include <string>

#include "security/keys.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// What one audit row records. Never put a password, token or sensitive value in `detail`.
struct AuditEntry {
  int64_t at = 0;  // unix millis
  std::optional<int64_t> actor_id;
  std::string actor_login;
  std::string actor_role;
  std::string ip;
  std::string entity;     // "person", "household", "region", "user", "session", "audit"
  std::string entity_id;  // "" when none
  std::string action;     // "create", "update", "read_sensitive", "sign_in", ...
  std::string result;     // "ok", "denied", "failed"
  std::string detail;     // short, non-sensitive (field names changed, reason codes)
};

/// Who did something: a signed-in user (from the API), the public portal (no account, only an
/// address), the system (a job) or the command line.
struct Actor {
  std::optional<int64_t> user_id;
  std::string login;
  std::string role;
  std::string ip;

  static Actor System() { return Actor{std::nullopt, "system", "system", {}}; }
  static Actor CommandLine() { return Actor{std::nullopt, "cli", {}, {}}; }
  static Actor Portal(std::string ip) { return Actor{std::nullopt, {}, {}, std::move(ip)}; }
};

/// Appends one entry to the chain.
void AppendAudit(Connection& conn, const security::KeyRing& keys, const AuditEntry& e);

/// The one audit call: who (`actor`), when (`at`, unix millis), what and the result. Inside the
/// caller's write transaction, so the change and its audit row commit or roll back together.
void Audit(Connection& conn, const security::KeyRing& keys, int64_t at, const Actor& actor,
           std::string_view entity, std::string_view entity_id, std::string_view action,
           std::string_view result = "ok", std::string_view detail = {});

/// A head of the chain as it was once committed: entry `seq` had hash `hash`. Anchors are kept
/// outside the database (store/audit_anchor.hpp), so whoever can rewrite the database cannot
/// cut the chain back to an older head unnoticed.
struct AuditAnchor {
  int64_t seq = 0;
  std::string hash;
  int64_t at = 0;  // unix millis when anchored
};

/// Result of walking the chain.
struct AuditVerification {
  bool ok = true;
  int64_t checked = 0;
  std::optional<int64_t> first_bad_seq;
  std::string problem;
  int64_t anchored_seq = 0;  // the highest anchor the chain was found to reach
};

/// Recomputes every hash in sequence order, checks the signed checkpoint of the head, and that
/// the chain still holds every anchor (the anchored hash at the anchored entry).
AuditVerification VerifyAudit(Connection& conn, const security::KeyRing& keys,
                              std::span<const AuditAnchor> anchors = {});

/// Entries of one entity, action and result at or after `since_ms` (e.g. wrong current passwords).
int64_t CountAudit(Connection& conn, std::string_view entity, std::string_view entity_id,
                   std::string_view action, std::string_view result, int64_t since_ms);

/// VerifyAudit inside one read snapshot, so appends committing meanwhile cannot look like a
/// removed tail. For a connection outside any transaction (a reader).
AuditVerification VerifyAuditSnapshot(Connection& conn, const security::KeyRing& keys,
                                      std::span<const AuditAnchor> anchors = {});

}  // namespace hejia::store
