#include "store/session_repo.hpp"

namespace hejia::store {

// ---- sessions ----

void InsertSession(Connection& conn, const NewSession& s, int64_t now_ms) {
  conn.Execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
      "expires_at, ip, user_agent) VALUES (?,?,?,?,?,?,?,?)",
      {s.token_hash, s.user_id, s.csrf_token, now_ms, now_ms, s.expires_at, s.ip, s.user_agent});
}

void RevokeSession(Connection& conn, int64_t session_id) {
  conn.Execute("UPDATE sessions SET revoked = 1 WHERE id = ?", {session_id});
}

void RevokeOtherSessions(Connection& conn, int64_t user_id, int64_t keep_session_id) {
  conn.Execute("UPDATE sessions SET revoked = 1 WHERE user_id = ? AND id <> ?",
               {user_id, keep_session_id});
}

bool SessionActive(Connection& conn, int64_t session_id, int64_t now_ms) {
  constexpr std::string_view kActive =
      "SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.revoked = 0 "
      "AND s.expires_at > ? AND u.admin_locked = 0";
  const auto found = conn.QueryOne(kActive, {session_id, now_ms});
  return found.has_value();
}

void RevokeUserSessions(Connection& conn, int64_t user_id) {
  conn.Execute("UPDATE sessions SET revoked = 1 WHERE user_id = ? AND revoked = 0", {user_id});
}

bool RevokeUserSession(Connection& conn, int64_t user_id, int64_t session_id) {
  return conn.Execute(
             "UPDATE sessions SET revoked = 1 WHERE id = ? AND user_id = ? AND revoked = 0",
             {session_id, user_id}) > 0;
}

RecordPage<SessionRecord> ListActiveSessions(Connection& conn, int64_t user_id, int64_t now_ms,
                                             int64_t idle_since, SessionSort sort,
                                             const PageSpec& page) {
  const std::string order =
      std::string(sort == SessionSort::kLastSeenAt ? "last_seen_at" : "created_at") +
      (page.descending ? " DESC" : " ASC") + ", id DESC";
  RecordPage<SessionRecord> out;
  for (const auto& r : conn.Query(
           "SELECT id, created_at, last_seen_at, ip, user_agent, expires_at FROM sessions "
           "WHERE user_id = ? AND revoked = 0 AND expires_at > ? AND last_seen_at > ? ORDER BY " +
               order + " LIMIT ? OFFSET ?",
           {user_id, now_ms, idle_since, page.limit, page.offset}))
    out.items.push_back(
        SessionRecord{r.Int(0), r.Int(1), r.Int(2), r.Int(5), r.Text(3), r.Text(4)});
  out.total = conn.QueryOne(
                      "SELECT COUNT(*) FROM sessions WHERE user_id = ? AND revoked = 0 AND "
                      "expires_at > ? AND last_seen_at > ?",
                      {user_id, now_ms, idle_since})
                  ->Int(0);
  return out;
}

// ---- sign-in history ----

void InsertSignInAttempt(Connection& conn, const SignInAttempt& a, int64_t now_ms) {
  conn.Execute(
      "INSERT INTO sign_ins (user_id, login, at, ip, user_agent, result) VALUES (?,?,?,?,?,?)",
      {a.user_id ? Value(*a.user_id) : Value(), a.login, now_ms, a.ip, a.user_agent, a.result});
}

RecordPage<SignInRecord> ListSignIns(Connection& conn, int64_t user_id, const PageSpec& page) {
  RecordPage<SignInRecord> out;
  for (const auto& r :
       conn.Query(std::string("SELECT at, ip, user_agent, result FROM sign_ins WHERE user_id = ? "
                              "ORDER BY at ") +
                      (page.descending ? "DESC" : "ASC") + ", id DESC LIMIT ? OFFSET ?",
                  {user_id, page.limit, page.offset}))
    out.items.push_back(SignInRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
  out.total = conn.QueryOne("SELECT COUNT(*) FROM sign_ins WHERE user_id = ?", {user_id})->Int(0);
  return out;
}

}  // namespace hejia::store
