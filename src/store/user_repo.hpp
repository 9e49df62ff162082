// Staff accounts in the database: the account as the users API shows it (never the password hash
// or the TOTP secret), the list in the caller's scope, creating and changing accounts, the
// administrator's lock and the password reset, and what signing in and enrolling TOTP read and
// write (the lockout after failed attempts, the TOTP step last used). Records only: the API shapes
// them (api/users_api.cpp, api/session_api.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/roles.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

// ---- accounts ----

/// One account with its home region's name and path (what scope compares).
struct UserRecord : domain::AccountIdentity {
  int64_t id = 0;
  bool admin_locked = false;
  int64_t locked_until = 0;
  bool must_change_password = false;
  bool totp_enabled = false;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t last_sign_in_at = 0;
  int64_t version = 1;
  std::string phone_mask;  ///< the account's own phone, masked ("" when none): night alerts
};

/// The account `id` when its home region lies in `scope`; out of scope reads as missing.
std::optional<UserRecord> FindUser(Connection& conn, int64_t id, const ScopeFilter& scope);
bool LoginTaken(Connection& conn, const std::string& login);

/// What GET /users lists inside its scope. Empty: any.
struct UserQuery {
  std::string text;  ///< login (lower-cased) or display name contains
  std::optional<domain::Role> role;
};
enum class UserSort { kLogin, kDisplayName, kRole, kCreatedAt, kLastSignInAt };
/// By `sort` (`page.descending`), then by id.
RecordPage<UserRecord> ListUsers(Connection& conn, const ScopeFilter& scope, const UserQuery& query,
                                 UserSort sort, const PageSpec& page);

struct NewUser {
  std::string login, display_name;
  domain::Role role = domain::Role::kNone;
  std::string region_code, password_hash;
  int64_t secret_expires_at = 0;  ///< a one-time secret's end; 0: the password does not expire
};
/// The account must change its password at first sign-in. Returns its id.
int64_t InsertUser(Connection& conn, const NewUser& u, int64_t now_ms);
/// Sets the display name, role and home region (the version moves on).
void UpdateUser(Connection& conn, int64_t id, const std::string& display_name, domain::Role role,
                const std::string& region_code, int64_t now_ms);
/// A staff account's own phone ("" when none was given); nullopt when its ciphertext fails.
std::optional<std::string> StaffPhone(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t user_id);
/// The sealed form of a staff phone (associated data "users/phone/<id>").
std::string SealStaffPhone(const security::FieldCipher& cipher, int64_t user_id,
                           std::string_view phone);
/// Sets the account's phone, sealed (store::SealStaffPhone) with its mask; "" for both clears it.
void SetUserPhone(Connection& conn, int64_t id, const std::string& sealed, const std::string& mask);
/// The administrator's lock; unlocking also clears a lockout after failed sign-ins.
void SetAdminLocked(Connection& conn, int64_t id, bool locked, int64_t now_ms);
/// A one-time secret issued by the security administrator (or a password set on the server): to
/// be changed at next sign-in, valid until `expires_at` (0: no end); any lockout ends.
void ResetPassword(Connection& conn, int64_t id, const std::string& password_hash,
                   int64_t expires_at, int64_t now_ms);

// ---- signing in ----

/// What the sign-in check reads of the account with a login.
struct SignInAccount {
  int64_t id = 0;
  std::string password_hash;
  int64_t locked_until = 0;
  bool admin_locked = false;
  bool totp_enabled = false;
  std::string totp_secret_enc;
  int64_t totp_last_step = 0;
  domain::Role role = domain::Role::kNone;
  bool must_change_password = false;
  int64_t secret_expires_at = 0;  ///< 0: none
};
std::optional<SignInAccount> FindSignInAccount(Connection& conn, const std::string& login);

/// Claims a TOTP step for the account: false when this step or a later one was used already.
bool ClaimTotpStep(Connection& conn, int64_t id, int64_t step);

struct AccountLock {
  int64_t locked_until = 0;
  bool admin_locked = false;
};
std::optional<AccountLock> FindAccountLock(Connection& conn, int64_t id);

/// Counts a failed sign-in unless the account is locked now; the `max_failed`-th failure locks it
/// until `lock_until`, and the count starts again. Returns the account's locked_until after the
/// count (later than now when this failure locked it), or nullopt when the account was locked and
/// nothing was counted.
std::optional<int64_t> CountFailedSignIn(Connection& conn, int64_t id, int64_t max_failed,
                                         int64_t lock_until, int64_t now_ms);
/// A successful sign-in, unless the account is locked now (false then). `past_lockout`: a lockout
/// after failed sign-ins does not stop it (a known device, or a second factor was given); an
/// administrator's lock always does.
bool MarkSignedIn(Connection& conn, int64_t id, int64_t now_ms, bool past_lockout);

/// The stored hash of the account's password.
std::optional<std::string> PasswordHashOf(Connection& conn, int64_t id);
/// The account's own new password: no longer to be changed, and never expires.
void ChangePassword(Connection& conn, int64_t id, const std::string& password_hash, int64_t now_ms);

// ---- TOTP enrolment ----

/// Keeps a new (encrypted) secret while TOTP is not enabled yet.
void SaveTotpSecret(Connection& conn, int64_t id, const std::string& secret_enc);
struct TotpEnrolment {
  std::string secret_enc;  ///< "" when set-up has not started
  bool enabled = false;
};
std::optional<TotpEnrolment> FindTotpEnrolment(Connection& conn, int64_t id);
/// TOTP is required from now on; `step` is the one just used.
void EnableTotp(Connection& conn, int64_t id, int64_t step, int64_t now_ms);

}  // namespace hejia::store
