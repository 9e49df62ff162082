// Staff accounts and roles. The system administrator manages accounts (user.write); the security
// administrator locks, unlocks and resets them (user.security). Neither ever knows a password, and
// neither alone can give one: a new account has none until the security administrator issues its
// first one-time secret, which is texted to the phone the system administrator recorded, as every
// reset's is. Graded protection level 3 keeps
// the three administrator duties apart, so the API never grants or takes away an administrator
// role: those accounts are made on the server with `hejia user add`. Nobody changes their own
// role or region, or locks or resets themselves.
#include <boost/asio/use_awaitable.hpp>

#include "api/auth.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/account.hpp"
#include "domain/phone.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "security/mask.hpp"
#include "security/one_time_secret.hpp"
#include "security/password_hash.hpp"
#include "store/region_repo.hpp"
#include "store/session_repo.hpp"
#include "store/sign_in_guard.hpp"
#include "store/sms_outbox.hpp"
#include "store/user_repo.hpp"

namespace hejia::api {

namespace {

using store::UserRecord;

json::value TimeOrNull(int64_t millis) {
  if (millis <= 0) return nullptr;
  return json::value(FormatBeijing(millis));
}

json::object UserToJson(const UserRecord& u, int64_t now) {
  const bool temporarily_locked = u.locked_until > now;
  json::object out = IdentityJson(u.id, u);
  out["locked"] = u.admin_locked || temporarily_locked;
  out["admin_locked"] = u.admin_locked;
  out["locked_until"] = temporarily_locked ? TimeOrNull(u.locked_until) : nullptr;
  out["must_change_password"] = u.must_change_password;
  out["totp_enabled"] = u.totp_enabled;
  out["created_at"] = TimeOrNull(u.created_at);
  out["updated_at"] = TimeOrNull(u.updated_at);
  out["last_sign_in_at"] = TimeOrNull(u.last_sign_in_at);
  out["phone"] = u.phone_mask.empty() ? json::value(nullptr) : json::value(u.phone_mask);
  out["version"] = u.version;
  return out;
}

/// The account's own mobile phone, for the night clinic's SMS: absent = unchanged, "" = none.
std::optional<std::string> ReadPhone(const http::JsonBody& body) {
  if (!body.Has("phone")) return std::nullopt;
  const std::string given = body.OptString("phone", 32).value_or("");
  if (given.empty()) return std::string();
  auto phone = domain::NormalizePhone(given);
  if (!phone || phone->size() != 11 || (*phone)[0] != '1')
    throw Invalid("phone",
                  "应为 11 位手机号（用于夜间值班短信）/ must be an 11-digit mobile number "
                  "(for night-duty text messages)");
  return *phone;
}

/// Seals and stores the phone when one was sent.
void SavePhone(store::Connection& c, const security::FieldCipher& cipher, int64_t id,
               const std::optional<std::string>& phone) {
  if (!phone) return;
  if (phone->empty()) return store::SetUserPhone(c, id, "", "");
  store::SetUserPhone(c, id, store::SealStaffPhone(cipher, id, *phone),
                      security::MaskPhone(*phone));
}

/// The account `id` when its home region lies in `scope`; out of scope reads as missing.
UserRecord RequireUser(store::Connection& c, int64_t id, const ScopeFilter& scope) {
  auto u = store::FindUser(c, id, scope);
  if (!u) throw NotFound("账号不存在 / no such account");
  return *u;
}

int64_t ParseId(const http::Request& req) {
  const std::string& text = req.Param("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound("账号不存在 / no such account");
  return std::stoll(text);
}

/// A home region an account may be given: it exists, is active and lies in the caller's scope.
/// Missing and out of scope answer alike, so the check leaks nothing.
void RequireAssignableRegion(store::Connection& c, const std::string& code,
                             const ScopeFilter& scope) {
  auto region = store::FindRegion(c, std::string_view(code));
  if (!region || !scope.Contains(region->path))
    throw Invalid("region_code", "区划不存在 / no such region");
  if (region->retired) throw Invalid("region_code", "区划已撤销 / the region is retired");
}

/// The role of a code the request named; Invalid(field) when there is none.
domain::Role RoleOf(std::string_view code) {
  auto role = domain::ParseRole(code);
  if (!role) throw Invalid("role", "角色不存在 / no such role");
  return *role;
}

/// A role the API may assign: not one of the separated administrator duties.
void RequireAssignableRole(domain::Role role) {
  if (domain::IsAdministratorRole(role))
    throw ApiError(ErrorKind::kForbidden, "forbidden",
                   "管理员角色只能在服务器上用 hejia user add 创建 / administrator roles are "
                   "granted only with `hejia user add` on the server",
                   "role");
}

/// The text that carries a one-time secret to the account's own phone. The administrator who
/// issued it never sees it: whoever resets a password cannot sign in as its owner.
std::string SecretMessage(std::string_view login, std::string_view secret, bool first) {
  return std::string("【和家】您的账号 ") + std::string(login) +
         (first ? " 已开通" : " 的密码已重置") + "，一次性密码 " + std::string(secret) +
         "，72 小时内有效，首次登录后须设置新密码。如非本人申请，请联系市妇联安全管理员。";
}

/// A fresh one-time secret and its Argon2id hash (computed on a reader thread, never the writer).
struct IssuedSecret {
  std::string secret, hash;
};
asio::awaitable<IssuedSecret> IssueSecret(Services& s) {
  IssuedSecret out;
  out.secret = security::OneTimeSecret();
  out.hash =
      co_await s.db.Read([&](store::Connection&) { return security::HashPassword(out.secret); });
  co_return out;
}

asio::awaitable<http::Response> ListRoles(http::Request&) {
  json::array out;
  for (const auto& r : domain::AllRoles()) {
    json::array perms;
    perms.emplace_back(domain::kSessionSelf);
    for (auto p : r.permissions) perms.emplace_back(p);
    out.push_back(json::object{{"role", r.code},
                               {"label", r.label},
                               {"label_en", r.label_en},
                               {"permissions", std::move(perms)},
                               {"administrator", domain::IsAdministratorRole(r.role)},
                               {"requires_totp", r.requires_totp}});
  }
  co_return http::JsonResponse(200, out);
}

asio::awaitable<http::Response> ListUsers(Services& s, http::Request& req) {
  auto page = http::ParsePage(
      req, {"login", "display_name", "role", "created_at", "last_sign_in_at"}, "login");
  const auto q = http::QueryText(req, "q", 50);
  const auto role = http::QueryText(req, "role", 32);
  const auto region = http::QueryText(req, "region", 20);
  const http::Principal me = req.Caller();
  const int64_t now = s.clock.NowMillis();
  store::UserQuery query{q.value_or(""), role ? std::optional(RoleOf(*role)) : std::nullopt};
  const store::UserSort sort = page.sort == "display_name"      ? store::UserSort::kDisplayName
                               : page.sort == "role"            ? store::UserSort::kRole
                               : page.sort == "created_at"      ? store::UserSort::kCreatedAt
                               : page.sort == "last_sign_in_at" ? store::UserSort::kLastSignInAt
                                                                : store::UserSort::kLogin;
  const store::PageSpec spec{page.page_size, page.Offset(), page.descending};
  auto [items, total] = co_await s.db.Read([&](store::Connection& c) {
    ScopeFilter scope = ScopeOf(me);
    if (region) {
      auto r = store::FindRegion(c, std::string_view(*region));
      if (!r) throw NotFound("区划不存在 / no such region");
      scope = NarrowScope(me, r->path);
    }
    auto result = store::ListUsers(c, scope, query, sort, spec);
    json::array out;
    for (const auto& u : result.items) out.push_back(UserToJson(u, now));
    return std::pair{std::move(out), result.total};
  });
  co_return http::JsonResponse(200, http::PageBody(std::move(items), page, total));
}

asio::awaitable<http::Response> GetUser(Services& s, http::Request& req) {
  const int64_t id = ParseId(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto user = co_await s.db.Read([&](store::Connection& c) { return RequireUser(c, id, scope); });
  co_return http::JsonResponse(200, UserToJson(user, s.clock.NowMillis()));
}

asio::awaitable<http::Response> CreateUser(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(),
                                    {"login", "display_name", "role", "region_code", "phone"});
  const auto phone = ReadPhone(body);
  // The account's own phone: its one-time passwords are texted there.
  if (!phone || phone->empty())
    throw Invalid("phone",
                  "必填：一次性密码将以短信发送到本人手机 / required: the one-time password is "
                  "texted to the account's own mobile phone");
  const std::string login = body.RequiredString("login", domain::kLoginMaxChars + 1);
  if (auto problem = domain::CheckLogin(login)) throw Invalid("login", *problem);
  const std::string display_name =
      body.RequiredString("display_name", domain::kDisplayNameMaxChars);
  const domain::Role role = RoleOf(body.RequiredString("role", 32));
  RequireAssignableRole(role);
  const std::string region_code = body.RequiredString("region_code", 20);
  const ScopeFilter scope = ScopeOf(req.Caller());

  // Check what can be checked before the costly hash, so a mistake is answered at once.
  co_await s.db.Read([&](store::Connection& c) {
    RequireAssignableRegion(c, region_code, scope);
    if (store::LoginTaken(c, login)) throw Conflict("登录名已被使用 / the login is taken", "login");
  });
  // No password yet: the hash of a random secret nobody ever sees. The first one-time password
  // comes from the security administrator (POST /users/{id}/reset-password), so the system
  // administrator cannot make an account for a phone of his own and sign in with it alone.
  const IssuedSecret unusable = co_await IssueSecret(s);
  const int64_t now = s.clock.NowMillis();
  auto user = co_await s.db.Write([&](store::Connection& c) {
    // Checked again inside the transaction: another request may have raced us.
    RequireAssignableRegion(c, region_code, scope);
    if (store::LoginTaken(c, login)) throw Conflict("登录名已被使用 / the login is taken", "login");
    const int64_t id =
        store::InsertUser(c, {login, display_name, role, region_code, unusable.hash, now}, now);
    SavePhone(c, s.cipher, id, phone);
    s.Audit(c, ActorOf(req), "user", std::to_string(id), "create", "ok",
            "role=" + std::string(domain::ToString(role)) + ",region=" + region_code);
    return RequireUser(c, id, scope);
  });
  co_return http::JsonResponse(201, UserToJson(user, now));
}

asio::awaitable<http::Response> UpdateUser(Services& s, http::Request& req) {
  const int64_t id = ParseId(req);
  auto body = http::JsonBody::Parse(req.raw.body(),
                                    {"display_name", "role", "region_code", "phone", "version"});
  const auto phone = ReadPhone(body);
  std::optional<std::string> display_name;
  if (body.Has("display_name"))
    display_name = body.RequiredString("display_name", domain::kDisplayNameMaxChars);
  std::optional<domain::Role> role;
  if (body.Has("role")) role = RoleOf(body.RequiredString("role", 32));
  std::optional<std::string> region_code;
  if (body.Has("region_code")) region_code = body.RequiredString("region_code", 20);
  const auto version = body.OptInt("version", 1, INT64_MAX);
  const http::Principal me = req.Caller();
  const ScopeFilter scope = ScopeOf(me);
  const int64_t now = s.clock.NowMillis();

  struct Outcome {
    UserRecord user;
    bool revoked = false;
  };
  auto out = co_await s.db.Write([&](store::Connection& c) {
    UserRecord u = RequireUser(c, id, scope);
    if (version && *version != u.version)
      throw Conflict("账号已被他人修改，请刷新后重试 / changed by someone else, reload", "version");
    const bool role_changes = role && *role != u.role;
    const bool region_changes = region_code && *region_code != u.region_code;
    if ((role_changes || region_changes) && u.id == me.user_id)
      throw Forbidden("不能修改自己的角色或区划 / you cannot change your own role or region");
    if ((role_changes || region_changes) && domain::IsAdministratorRole(u.role))
      throw ApiError(ErrorKind::kForbidden, "forbidden",
                     "管理员账号的角色和区划只能在服务器上调整 / an administrator's role and "
                     "region are changed only on the server",
                     role_changes ? "role" : "region_code");
    if (role_changes) RequireAssignableRole(*role);
    if (region_changes) RequireAssignableRegion(c, *region_code, scope);
    const bool name_changes = display_name && *display_name != u.display_name;
    const bool phone_changes =
        phone && (phone->empty() ? !u.phone_mask.empty()
                                 : security::MaskPhone(*phone) != u.phone_mask ||
                                       store::StaffPhone(c, s.cipher, id) != *phone);
    if (!name_changes && !role_changes && !region_changes && !phone_changes)
      return Outcome{u, false};

    std::string detail = "changed=";
    auto add_field = [&detail](std::string_view f) {
      if (detail.back() != '=') detail += ',';
      detail += f;
    };
    if (name_changes) add_field("display_name");
    if (role_changes) add_field("role");
    if (region_changes) add_field("region_code");
    if (phone_changes) add_field("phone");
    if (role_changes)
      detail += ";role=" + std::string(domain::ToString(u.role)) + "->" +
                std::string(domain::ToString(*role));
    if (region_changes) detail += ";region=" + u.region_code + "->" + *region_code;
    store::UpdateUser(c, id, display_name.value_or(u.display_name), role.value_or(u.role),
                      region_code.value_or(u.region_code), now);
    if (phone_changes) SavePhone(c, s.cipher, id, phone);
    // What the account may see changed: its sessions end so no request runs on the old rights.
    const bool revoke = role_changes || region_changes;
    if (revoke) store::RevokeUserSessions(c, id);
    s.Audit(c, ActorOf(req), "user", std::to_string(id), "update", "ok", detail);
    return Outcome{RequireUser(c, id, scope), revoke};
  });
  if (out.revoked) s.sessions->EraseUser(id);
  co_return http::JsonResponse(200, UserToJson(out.user, now));
}

enum class SecurityAction { kLock, kUnlock };

asio::awaitable<http::Response> LockOrUnlock(Services& s, http::Request& req,
                                             SecurityAction action) {
  const int64_t id = ParseId(req);
  const http::Principal me = req.Caller();
  const bool lock = action == SecurityAction::kLock;
  if (id == me.user_id)
    throw Forbidden(lock ? "不能锁定自己的账号 / you cannot lock your own account"
                         : "不能解锁自己的账号 / you cannot unlock your own account");
  const ScopeFilter scope = ScopeOf(me);
  const int64_t now = s.clock.NowMillis();
  co_await s.db.Write([&](store::Connection& c) {
    const UserRecord u = RequireUser(c, id, scope);
    store::SetAdminLocked(c, id, lock, now);
    if (!lock) store::ClearSignInAttemptsFor(c, s.cipher.BlindIndex("sign_in_login", u.login));
    if (lock) store::RevokeUserSessions(c, id);
    s.Audit(c, ActorOf(req), "user", std::to_string(id), lock ? "lock" : "unlock");
  });
  if (lock) s.sessions->EraseUser(id);
  co_return http::EmptyResponse(204);
}

asio::awaitable<http::Response> ResetPassword(Services& s, http::Request& req) {
  const int64_t id = ParseId(req);
  const http::Principal me = req.Caller();
  if (id == me.user_id)
    throw Forbidden("请在个人设置中修改自己的密码 / change your own password under your session");
  const ScopeFilter scope = ScopeOf(me);
  const UserRecord target =
      co_await s.db.Read([&](store::Connection& c) { return RequireUser(c, id, scope); });
  // Whoever sets an administrator's password could act as that administrator; the separated
  // duties are reset only on the server.
  if (domain::IsAdministratorRole(target.role))
    throw Forbidden(
        "管理员账号的密码只能在服务器上用 hejia user reset-password 重置 / an administrator's "
        "password is reset only with `hejia user reset-password` on the server");
  // Nothing to send: the administrator chooses no password.
  http::JsonBody::Parse(req.raw.body().empty() ? "{}" : req.raw.body(), {});
  if (target.phone_mask.empty())
    throw ApiError(ErrorKind::kConflict, "no_phone",
                   "该账号没有登记手机号，无法发送一次性密码：请系统管理员先登记本人手机 / the "
                   "account has no mobile phone to text the one-time password to: the system "
                   "administrator adds it first",
                   "phone");
  const IssuedSecret issued = co_await IssueSecret(s);
  const int64_t now = s.clock.NowMillis();
  const std::string sent_to = co_await s.db.Write([&](store::Connection& c) {
    const UserRecord u = RequireUser(c, id, scope);
    auto phone = store::StaffPhone(c, s.cipher, id);
    if (!phone || phone->empty())
      throw ApiError(ErrorKind::kConflict, "no_phone",
                     "该账号没有可用的手机号 / the account has no usable mobile phone", "phone");
    store::ResetPassword(c, id, issued.hash, now + domain::kOneTimeSecretValidMs, now);
    store::ClearSignInAttemptsFor(c, s.cipher.BlindIndex("sign_in_login", u.login));
    store::RevokeUserSessions(c, id);
    store::EnqueueSms(c, s.cipher, *phone,
                      SecretMessage(u.login, issued.secret, u.last_sign_in_at == 0),
                      "account_secret", now);
    s.Audit(c, ActorOf(req), "user", std::to_string(id), "reset_password", "ok",
            "sent_to=" + u.phone_mask);
    return u.phone_mask;
  });
  s.sessions->EraseUser(id);
  co_return http::JsonResponse(200, json::object{{"secret_sent_to", sent_to}});
}

json::value UserSchema() {
  return schema::Shape(
      "id:integer login:string display_name:string role:string role_label:string "
      "region_code:string region_name:string locked:boolean admin_locked:boolean "
      "locked_until:string? must_change_password:boolean totp_enabled:boolean created_at:string "
      "updated_at:string last_sign_in_at:string? phone:string? version:integer");
}

}  // namespace

void AddUserRoutes(http::Router& router, Services& s) {
  AreaRoutes(router, s, "/api/v1", "users")
      .Add(verb::get, "/roles", "user.read", "Roles with their labels and permissions",
           [](Services&, http::Request& r) { return ListRoles(r); },
           {.response_schema =
                json::object{{"type", "array"}, {"items", json::object{{"type", "object"}}}}});
  AreaRoutes area(router, s, "/api/v1/users", "users");
  area.Crud({.permissions = {"user.read", "user.write"},
             .list = {ListUsers,
                      "Accounts whose home region lies in my region",
                      {Contains("login or display name"),
                       {"role", "string", "role identifier"},
                       {"region", "string", "region code in scope: its subtree"}}},
             .create = {CreateUser,
                        "Create an account; a one-time password is texted to its phone and must be "
                        "changed at first sign-in"},
             .get = {GetUser, "One account"},
             .patch = {UpdateUser,
                       "Change display name, role or home region (role/region end its sessions)"},
             .schema = UserSchema(),
             .list_schema = schema::AnyObject(),
             .bodies = {
                 schema::Shape(
                     "login:string display_name:string role:string region_code:string phone:string",
                     "login display_name role region_code phone"),
                 schema::Shape("display_name:string role:string region_code:string phone:string "
                               "version:integer")}});
  const auto security_action = [](SecurityAction action) {
    return [action](Services& s, http::Request& r) { return LockOrUnlock(s, r, action); };
  };
  area.Add(verb::post, "/{id}/lock", "user.security", "Lock an account and end its sessions",
           security_action(SecurityAction::kLock), {.success_status = 204});
  area.Add(verb::post, "/{id}/unlock", "user.security",
           "Unlock an account (also clears a lockout after failed sign-ins)",
           security_action(SecurityAction::kUnlock), {.success_status = 204});
  area.Add(verb::post, "/{id}/reset-password", "user.security",
           "Text a new one-time password to the account's own phone (never shown to the "
           "administrator), a new account's first one too; it must be changed at next sign-in; "
           "ends sessions",
           ResetPassword,
           {.body_schema = schema::Shape(""),
            .response_schema = schema::Shape("secret_sent_to:string")});
}

}  // namespace hejia::api
