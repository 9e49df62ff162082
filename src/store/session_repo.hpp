// Sessions and the sign-in history in the database: opening a session (only its token's hash is
// kept), ending one, some or all of an account's sessions, listing an account's active sessions,
// and recording every sign-in attempt. Records only: the API shapes them (api/session_api.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

// ---- sessions ----

struct NewSession {
  std::string token_hash, csrf_token, ip, user_agent;
  int64_t user_id = 0, expires_at = 0;
};
void InsertSession(Connection& conn, const NewSession& s, int64_t now_ms);
void RevokeSession(Connection& conn, int64_t session_id);
/// Every session of the account but `keep_session_id`.
void RevokeOtherSessions(Connection& conn, int64_t user_id, int64_t keep_session_id);
/// Whether the session is still signed in: not revoked or expired, its account not locked by an
/// administrator.
bool SessionActive(Connection& conn, int64_t session_id, int64_t now_ms);
/// Every active session of the account.
void RevokeUserSessions(Connection& conn, int64_t user_id);
/// One active session of the account; false when it has none with this id.
bool RevokeUserSession(Connection& conn, int64_t user_id, int64_t session_id);

struct SessionRecord {
  int64_t id = 0, created_at = 0, last_seen_at = 0, expires_at = 0;
  std::string ip, user_agent;
};
enum class SessionSort { kCreatedAt, kLastSeenAt };
/// The account's sessions neither revoked, expired nor idle since `idle_since`; by `sort`
/// (`page.descending`), then newest first.
RecordPage<SessionRecord> ListActiveSessions(Connection& conn, int64_t user_id, int64_t now_ms,
                                             int64_t idle_since, SessionSort sort,
                                             const PageSpec& page);

// ---- sign-in history ----

struct SignInAttempt {
  std::optional<int64_t> user_id;
  std::string login, ip, user_agent, result;
};
void InsertSignInAttempt(Connection& conn, const SignInAttempt& a, int64_t now_ms);

struct SignInRecord {
  int64_t at = 0;
  std::string ip, user_agent, result;
};
/// By time (`page.descending`), then newest first.
RecordPage<SignInRecord> ListSignIns(Connection& conn, int64_t user_id, const PageSpec& page);

}  // namespace hejia::store
