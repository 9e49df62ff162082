// What every API area needs, looked up once at construction: the database, the clock, the keys,
// the one audit call and the one scope filter.
#pragma once
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "http/request.hpp"
#include "security/field_cipher.hpp"
#include "security/keys.hpp"
#include "store/audit.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {
class AttachmentStore;
class RegionNames;
}  // namespace hejia::store

namespace hejia::api {

class SessionCache;
class PublicGuard;
class CaseStream;

/// Settings the API areas read.
struct ApiSettings {
  bool cookie_secure = false;  // behind TLS
  int64_t idle_timeout_ms = 30LL * 60 * 1000;
  int64_t absolute_timeout_ms = 12LL * 3600 * 1000;
  int max_failed_sign_ins = 5;
  int64_t lockout_ms = 15LL * 60 * 1000;
  int sign_in_attempts_per_minute = 20;  // per client address
  // Leading zero bits the public portal's proof of work asks for (16: ~65k hashes, well under a
  // second in a phone's web worker). Tests lower it.
  int public_pow_difficulty = 16;
  // How long the cockpit serves its figures after a write (marked stale) while they are
  // recomputed (api/cockpit_api.cpp); tests set 0: every write is seen at once.
  int64_t cockpit_stale_ms = 15'000;
  // The audit chain's anchor file GET /audit/verify checks (store/audit_anchor.hpp); empty: none.
  std::string audit_anchor;
};

/// Shared services of the API layer.
struct Services {
  store::Database& db;
  const Clock& clock;
  std::shared_ptr<const security::KeyRing> keys;
  security::FieldCipher cipher;
  ApiSettings settings;
  std::shared_ptr<SessionCache> sessions;
  /// Rate windows and proof-of-work challenges of the public portal (api/public_guard.hpp).
  std::shared_ptr<PublicGuard> public_guard;
  /// Live assignment notifications of GET /cases/stream (api/case_stream.hpp).
  std::shared_ptr<CaseStream> case_stream;
  /// The encrypted files attached to cases (store/attachment_store.hpp).
  std::shared_ptr<const store::AttachmentStore> attachments;
  /// The towns' and villages' names that incident addresses are matched against.
  std::shared_ptr<store::RegionNames> region_names;

  /// The one audit call: records who (the caller), when, from where, what and the result.
  void Audit(store::Connection& conn, const store::Actor& actor, std::string_view entity,
             std::string_view entity_id, std::string_view action, std::string_view result = "ok",
             std::string_view detail = {}) const;
};

/// The caller of a request as the audit trail records it: the signed-in user, or only the
/// client's address on the public portal.
store::Actor ActorOf(const http::Request& req);

/// The one scope filter (store/scope.hpp).
using store::ScopeFilter;

/// The caller's jurisdiction: what they may read, change and reveal.
ScopeFilter ScopeOf(const http::Principal& p);
/// What the case list and one case's read show: the jurisdiction, and, to follow them, the cases
/// the caller took in or holds while they are handled at the caller's own unit (a grid sister's:
/// her village). Read only and masked: changes and reveals use ScopeOf.
ScopeFilter CaseSightOf(const http::Principal& p);
/// Narrows to `region_path` when it lies inside the caller's scope; 404 otherwise (no leak).
ScopeFilter NarrowScope(const http::Principal& p, std::string_view region_path);

}  // namespace hejia::api
