#include "store/user_repo.hpp"

#include <cctype>

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

// The join gives the home region's path, which is what scope compares.
constexpr std::string_view kUserSelect =
    "SELECT u.id, u.login, u.display_name, u.role, u.region_code, r.name, r.path, "
    "u.admin_locked, u.locked_until, u.must_change_password, u.totp_enabled, u.created_at, "
    "u.updated_at, u.last_sign_in_at, u.version, u.phone_mask "
    "FROM users u JOIN regions r ON r.code = u.region_code WHERE 1 = 1";

UserRecord UserOf(const Row& r) {
  using U = UserRecord;
  return ReadColumns<U>(r, &U::id, &U::login, &U::display_name, &U::role, &U::region_code,
                        &U::region_name, &U::region_path, &U::admin_locked, &U::locked_until,
                        &U::must_change_password, &U::totp_enabled, &U::created_at, &U::updated_at,
                        &U::last_sign_in_at, &U::version, &U::phone_mask);
}

std::string_view SortColumn(UserSort sort) {
  switch (sort) {
    case UserSort::kLogin:
      return "login";
    case UserSort::kDisplayName:
      return "display_name";
    case UserSort::kRole:
      return "role";
    case UserSort::kCreatedAt:
      return "created_at";
    case UserSort::kLastSignInAt:
      return "last_sign_in_at";
  }
  return "login";
}

}  // namespace

// ---- accounts ----

std::optional<UserRecord> FindUser(Connection& conn, int64_t id, const ScopeFilter& scope) {
  Params params{id};
  scope.Bind(params);
  auto row =
      conn.QueryOne(std::string(kUserSelect) + " AND u.id = ?" + scope.Sql("r.path"), params);
  if (!row) return std::nullopt;
  return UserOf(*row);
}

bool LoginTaken(Connection& conn, const std::string& login) {
  return conn.QueryOne("SELECT id FROM users WHERE login = ?", {login}).has_value();
}

RecordPage<UserRecord> ListUsers(Connection& conn, const ScopeFilter& scope, const UserQuery& query,
                                 UserSort sort, const PageSpec& page) {
  std::string where = scope.Sql("r.path");
  Params params;
  scope.Bind(params);
  if (query.role) {
    where += " AND u.role = ?";
    params.emplace_back(std::string(domain::ToString(*query.role)));
  }
  if (!query.text.empty()) {
    // LIKE wildcards in the search text are matched literally; logins are lower case.
    const std::string pattern = LikeContains(query.text);
    std::string lower = pattern;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    where += " AND (u.login LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')";
    params.emplace_back(lower);
    params.emplace_back(pattern);
  }
  RecordPage<UserRecord> out;
  out.total = conn.QueryOne(
                      "SELECT COUNT(*) FROM users u JOIN regions r ON r.code = u.region_code "
                      "WHERE 1 = 1" +
                          where,
                      params)
                  ->Int(0);
  const std::string order = " ORDER BY u." + std::string(SortColumn(sort)) +
                            (page.descending ? " DESC" : " ASC") + ", u.id ASC LIMIT ? OFFSET ?";
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  for (const auto& r : conn.Query(std::string(kUserSelect) + where + order, params))
    out.items.push_back(UserOf(r));
  return out;
}

int64_t InsertUser(Connection& conn, const NewUser& u, int64_t now_ms) {
  return conn
      .QueryOne(
          "INSERT INTO users (login, display_name, role, region_code, password_hash, "
          "must_change_password, secret_expires_at, created_at, updated_at) VALUES "
          "(?,?,?,?,?,1,?,?,?) RETURNING id",
          {u.login, u.display_name, std::string(domain::ToString(u.role)), u.region_code,
           u.password_hash, u.secret_expires_at, now_ms, now_ms})
      ->Int(0);
}

void UpdateUser(Connection& conn, int64_t id, const std::string& display_name, domain::Role role,
                const std::string& region_code, int64_t now_ms) {
  conn.Execute(
      "UPDATE users SET display_name = ?, role = ?, region_code = ?, version = version + 1, "
      "updated_at = ? WHERE id = ?",
      {display_name, std::string(domain::ToString(role)), region_code, now_ms, id});
}

void SetUserPhone(Connection& conn, int64_t id, const std::string& sealed,
                  const std::string& mask) {
  conn.Execute("UPDATE users SET phone_enc = ?, phone_mask = ? WHERE id = ?", {sealed, mask, id});
}

std::optional<std::string> StaffPhone(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t user_id) {
  auto row = conn.QueryOne("SELECT phone_enc FROM users WHERE id = ?", {user_id});
  if (!row || row->Text(0).empty()) return std::string();
  return cipher.Decrypt(row->Text(0), AssociatedData("users", "phone", user_id));
}

std::string SealStaffPhone(const security::FieldCipher& cipher, int64_t user_id,
                           std::string_view phone) {
  return cipher.Encrypt(phone, AssociatedData("users", "phone", user_id));
}

void SetAdminLocked(Connection& conn, int64_t id, bool locked, int64_t now_ms) {
  if (locked)
    conn.Execute(
        "UPDATE users SET admin_locked = 1, version = version + 1, updated_at = ? WHERE id = ?",
        {now_ms, id});
  else
    conn.Execute(
        "UPDATE users SET admin_locked = 0, failed_count = 0, locked_until = 0, "
        "version = version + 1, updated_at = ? WHERE id = ?",
        {now_ms, id});
}

void ResetPassword(Connection& conn, int64_t id, const std::string& password_hash,
                   int64_t expires_at, int64_t now_ms) {
  conn.Execute(
      "UPDATE users SET password_hash = ?, must_change_password = 1, secret_expires_at = ?, "
      "failed_count = 0, locked_until = 0, version = version + 1, updated_at = ? WHERE id = ?",
      {password_hash, expires_at, now_ms, id});
}

// ---- signing in ----

std::optional<SignInAccount> FindSignInAccount(Connection& conn, const std::string& login) {
  auto row = conn.QueryOne(
      "SELECT id, password_hash, locked_until, admin_locked, totp_enabled, totp_secret_enc, "
      "totp_last_step, role, must_change_password, secret_expires_at FROM users WHERE login = ?",
      {login});
  if (!row) return std::nullopt;
  SignInAccount a;
  a.id = row->Int(0);
  a.password_hash = row->Text(1);
  a.locked_until = row->Int(2);
  a.admin_locked = row->Int(3) != 0;
  a.totp_enabled = row->Int(4) != 0;
  a.totp_secret_enc = row->Text(5);
  a.totp_last_step = row->Int(6);
  a.role = domain::ParseRole(row->Text(7)).value_or(domain::Role::kNone);
  a.must_change_password = row->Int(8) != 0;
  a.secret_expires_at = row->Int(9);
  return a;
}

bool ClaimTotpStep(Connection& conn, int64_t id, int64_t step) {
  return conn.Execute("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                      {step, id, step}) != 0;
}

std::optional<AccountLock> FindAccountLock(Connection& conn, int64_t id) {
  auto r = conn.QueryOne("SELECT locked_until, admin_locked FROM users WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return AccountLock{r->Int(0), r->Int(1) != 0};
}

std::optional<int64_t> CountFailedSignIn(Connection& conn, int64_t id, int64_t max_failed,
                                         int64_t lock_until, int64_t now_ms) {
  auto r = conn.QueryOne(
      "UPDATE users SET failed_count = failed_count + 1, locked_until = CASE WHEN "
      "failed_count + 1 >= ? THEN ? ELSE locked_until END WHERE id = ? AND admin_locked = 0 "
      "AND locked_until <= ? RETURNING failed_count, locked_until",
      {max_failed, lock_until, id, now_ms});
  if (!r) return std::nullopt;
  const int64_t locked_until = r->Int(1);
  if (locked_until > now_ms) conn.Execute("UPDATE users SET failed_count = 0 WHERE id = ?", {id});
  return locked_until;
}

bool MarkSignedIn(Connection& conn, int64_t id, int64_t now_ms, bool past_lockout) {
  return conn.Execute(
             "UPDATE users SET failed_count = 0, last_sign_in_at = ? WHERE id = ? AND "
             "admin_locked = 0 AND (locked_until <= ? OR ? = 1)",
             {now_ms, id, now_ms, int64_t{past_lockout ? 1 : 0}}) != 0;
}

std::optional<std::string> PasswordHashOf(Connection& conn, int64_t id) {
  auto row = conn.QueryOne("SELECT password_hash FROM users WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

void ChangePassword(Connection& conn, int64_t id, const std::string& password_hash,
                    int64_t now_ms) {
  conn.Execute(
      "UPDATE users SET password_hash = ?, must_change_password = 0, secret_expires_at = 0, "
      "updated_at = ? WHERE id = ?",
      {password_hash, now_ms, id});
}

// ---- TOTP enrolment ----

void SaveTotpSecret(Connection& conn, int64_t id, const std::string& secret_enc) {
  conn.Execute("UPDATE users SET totp_secret_enc = ? WHERE id = ? AND totp_enabled = 0",
               {secret_enc, id});
}

std::optional<TotpEnrolment> FindTotpEnrolment(Connection& conn, int64_t id) {
  auto row = conn.QueryOne("SELECT totp_secret_enc, totp_enabled FROM users WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return TotpEnrolment{row->Text(0), row->Int(1) != 0};
}

void EnableTotp(Connection& conn, int64_t id, int64_t step, int64_t now_ms) {
  conn.Execute("UPDATE users SET totp_enabled = 1, totp_last_step = ?, updated_at = ? WHERE id = ?",
               {step, now_ms, id});
}

}  // namespace hejia::store
