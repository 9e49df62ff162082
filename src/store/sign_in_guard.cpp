#include "store/sign_in_guard.hpp"

#include "domain/account.hpp"

namespace hejia::store {

int64_t ClaimSignInAttempt(Connection& conn, const std::string& login_key,
                           const std::string& client_key, int64_t now_ms) {
  // Old counts go as attempts come; the table holds only the last day's failures.
  conn.Execute("DELETE FROM sign_in_throttle WHERE updated_at < ?",
               {now_ms - domain::kSignInFailureMemoryMs});
  // Racing attempts (several writer connections on PostgreSQL, several nodes) must count one by
  // one: the row is made if missing (a racing insert waits, then does nothing), then locked by an
  // update until this transaction ends, and only then read.
  conn.Execute(
      "INSERT INTO sign_in_throttle (login_key, client_key, failures, blocked_until, updated_at) "
      "VALUES (?, ?, 0, 0, ?) ON CONFLICT (login_key, client_key) DO NOTHING",
      {login_key, client_key, now_ms});
  conn.Execute("UPDATE sign_in_throttle SET updated_at = ? WHERE login_key = ? AND client_key = ?",
               {now_ms, login_key, client_key});
  auto row = conn.QueryOne(
      "SELECT failures, blocked_until FROM sign_in_throttle WHERE login_key = ? AND "
      "client_key = ?",
      {login_key, client_key});
  if (!row) return 0;  // cannot happen: made just above
  if (row->Int(1) > now_ms) return row->Int(1) - now_ms;
  const int64_t failures = row->Int(0) + 1;
  conn.Execute(
      "UPDATE sign_in_throttle SET failures = ?, blocked_until = ? WHERE login_key = ? AND "
      "client_key = ?",
      {failures, now_ms + domain::SignInDelayMs(failures), login_key, client_key});
  return 0;
}

void ForgiveSignInAttempt(Connection& conn, const std::string& login_key,
                          const std::string& client_key, int64_t now_ms) {
  // One statement takes the count down (and the row lock), then the wait follows the new count.
  conn.Execute(
      "UPDATE sign_in_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 "
      "END, updated_at = ? WHERE login_key = ? AND client_key = ?",
      {now_ms, login_key, client_key});
  auto row =
      conn.QueryOne("SELECT failures FROM sign_in_throttle WHERE login_key = ? AND client_key = ?",
                    {login_key, client_key});
  if (!row) return;
  conn.Execute(
      "UPDATE sign_in_throttle SET blocked_until = ? WHERE login_key = ? AND client_key = ?",
      {now_ms + domain::SignInDelayMs(row->Int(0)), login_key, client_key});
}

void ClearSignInAttempts(Connection& conn, const std::string& login_key,
                         const std::string& client_key) {
  conn.Execute("DELETE FROM sign_in_throttle WHERE login_key = ? AND client_key = ?",
               {login_key, client_key});
}

void ClearSignInAttemptsFor(Connection& conn, const std::string& login_key) {
  conn.Execute("DELETE FROM sign_in_throttle WHERE login_key = ?", {login_key});
}

bool IsKnownDevice(Connection& conn, int64_t user_id, const std::string& token_hash) {
  return conn
      .QueryOne("SELECT 1 FROM known_devices WHERE user_id = ? AND token_hash = ?",
                {user_id, token_hash})
      .has_value();
}

void RememberDevice(Connection& conn, int64_t user_id, const std::string& token_hash,
                    int64_t now_ms) {
  conn.Execute(
      "INSERT INTO known_devices (user_id, token_hash, created_at, last_used_at) VALUES "
      "(?, ?, ?, ?) ON CONFLICT (user_id, token_hash) DO UPDATE SET last_used_at = "
      "excluded.last_used_at",
      {user_id, token_hash, now_ms, now_ms});
}

SecuritySettings LoadSecuritySettings(Connection& conn) {
  SecuritySettings s;
  auto row = conn.QueryOne(
      "SELECT staff_totp_required, version, updated_at FROM security_settings WHERE id = 1");
  if (!row) return s;
  s.staff_totp_required = row->Int(0) != 0;
  s.version = row->Int(1);
  s.updated_at = row->Int(2);
  return s;
}

bool SaveSecuritySettings(Connection& conn, const SecuritySettings& settings,
                          std::optional<int64_t> expected_version, int64_t now_ms) {
  const SecuritySettings current = LoadSecuritySettings(conn);
  if (expected_version && *expected_version != current.version) return false;
  const int64_t flag = settings.staff_totp_required ? 1 : 0;
  if (current.version == 0) {
    conn.Execute(
        "INSERT INTO security_settings (id, staff_totp_required, version, updated_at) VALUES "
        "(1, ?, 1, ?)",
        {flag, now_ms});
    return true;
  }
  conn.Execute(
      "UPDATE security_settings SET staff_totp_required = ?, version = version + 1, "
      "updated_at = ? WHERE id = 1",
      {flag, now_ms});
  return true;
}

}  // namespace hejia::store
