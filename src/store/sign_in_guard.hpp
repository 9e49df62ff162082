// What signing in keeps besides the account: failed attempts per (login, client) with their
// growing wait, the devices each account has signed in from, and the security settings. Logins
// and client addresses are stored only as keyed hashes (the caller makes them), so the table
// names no one. Records only: api/session_api.cpp decides what to answer.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace hejia::store {

// ---- the throttle ----

/// Reserves one sign-in attempt of `login_key` from `client_key`, counted as a failure until
/// ForgiveSignInAttempt or ClearSignInAttempts says otherwise, so racing guesses cannot all pass.
/// Returns 0 when the attempt may go on, or the milliseconds to wait when the client must wait
/// first (nothing is counted then). Counts older than a day start again (domain::SignInDelayMs).
int64_t ClaimSignInAttempt(Connection& conn, const std::string& login_key,
                           const std::string& client_key, int64_t now_ms);
/// The attempt just claimed was not a failure (the password was right, a code is still to come).
void ForgiveSignInAttempt(Connection& conn, const std::string& login_key,
                          const std::string& client_key, int64_t now_ms);
/// A successful sign-in: the count from this client ends.
void ClearSignInAttempts(Connection& conn, const std::string& login_key,
                         const std::string& client_key);
/// The security administrator's unlock or reset: every client's count for the login ends.
void ClearSignInAttemptsFor(Connection& conn, const std::string& login_key);

// ---- known devices ----

/// True when the account signed in from the browser holding this device token before.
bool IsKnownDevice(Connection& conn, int64_t user_id, const std::string& token_hash);
/// Remembers (or refreshes) the device the account just signed in from.
void RememberDevice(Connection& conn, int64_t user_id, const std::string& token_hash,
                    int64_t now_ms);

// ---- security settings ----

struct SecuritySettings {
  /// Staff who see people's data must enrol TOTP (domain::TotpRequired). On unless set off.
  bool staff_totp_required = true;
  int64_t version = 0;  ///< 0: never saved (the defaults)
  int64_t updated_at = 0;
};
SecuritySettings LoadSecuritySettings(Connection& conn);
/// Saves the settings; false when `expected_version` is given and no longer current.
bool SaveSecuritySettings(Connection& conn, const SecuritySettings& settings,
                          std::optional<int64_t> expected_version, int64_t now_ms);

}  // namespace hejia::store
