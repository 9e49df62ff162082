// The mediation sessions of a case (`mediation_sessions`, the summary encrypted with associated
// data "mediation_sessions/summary/<id>") and its protection track (`case_protection`: police
// report, warning letter, protection order).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_fields.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::store {

// ---- protection ----

/// The protection-track row (times in ms; empty strings for unset texts).
struct Protection {
  std::optional<int64_t> police_reported_at;
  std::string police_ref, warning_letter_no;
  std::optional<int64_t> order_applied_at;
  bool order_urgent = false;
  std::optional<int64_t> order_due_at;
  std::string order_court;
  std::optional<int64_t> order_decided_at;
  std::string order_result;  // "" | granted | refused
  std::optional<int64_t> order_valid_until;
};
void SaveProtection(Connection& conn, int64_t case_id, const Protection& p, int64_t now_ms);
/// The stored track with the time of its last change.
struct ProtectionRow {
  Protection protection;
  int64_t updated_at = 0;
};
std::optional<ProtectionRow> LoadProtection(Connection& conn, int64_t case_id);

// ---- sessions ----

struct SessionInput {
  std::optional<int64_t> room_id;
  bool online = false;
  int64_t starts_at = 0, ends_at = 0;
  std::optional<int64_t> mediator_id;
  std::optional<int64_t> created_by;
};
int64_t InsertSession(Connection& conn, int64_t case_id, const SessionInput& s, int64_t now_ms);
struct SessionRecord {
  int64_t id = 0, case_id = 0, version = 0, starts_at = 0, ends_at = 0;
  std::optional<int64_t> room_id, mediator_id;
  bool online = false;
  domain::SessionStatus status = domain::SessionStatus::kScheduled;
};
std::optional<SessionRecord> LoadSession(Connection& conn, int64_t case_id, int64_t session_id);
/// Sets the status (and an encrypted summary when given) if still at `expected_version`.
bool UpdateSession(Connection& conn, const security::FieldCipher& cipher, int64_t session_id,
                   int64_t expected_version, domain::SessionStatus status,
                   const std::optional<std::string>& summary);

/// A session as shown: the room's and the mediator's names, and the summary when asked for.
struct SessionRow {
  SessionRecord session;
  std::string room_name, mediator_name;
  bool has_summary = false;
  std::optional<std::string> summary;  // read only when asked for
  bool summary_failed = false;         // asked for, and the ciphertext failed its check
};
std::optional<SessionRow> FindSession(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t session_id, bool with_summary);
/// The sessions of a case by start time, without summaries.
std::vector<SessionRow> ListSessions(Connection& conn, int64_t case_id);

}  // namespace hejia::store
