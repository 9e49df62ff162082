// Sign-in, sign-out, password change, TOTP enrolment, my sessions and sign-in history.
#include <boost/asio/use_awaitable.hpp>
#include <cctype>

#include "api/auth.hpp"
#include "api/rate_window.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/password_policy.hpp"
#include "domain/roles.hpp"
#include "http/client_address.hpp"
#include "http/cookie.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "security/password_hash.hpp"
#include "security/tokens.hpp"
#include "security/totp.hpp"
#include "store/audit.hpp"
#include "store/session_repo.hpp"
#include "store/sign_in_guard.hpp"
#include "store/user_repo.hpp"

namespace hejia::api {

namespace {

// The big screen's account (role screen: figures only) on the hall's wall stays signed in for a
// month; every other session lasts ApiSettings::absolute_timeout_ms.
constexpr int64_t kScreenSessionMs = 30LL * 24 * 3600 * 1000;

struct SignInCheck {
  enum class Outcome {
    kUnknownLogin,
    kThrottled,
    kLocked,
    kAdminLocked,
    kBadPassword,
    kSecretExpired,
    kNeedTotp,
    kBadTotp,
    kOk
  };
  Outcome outcome = Outcome::kUnknownLogin;
  int64_t user_id = 0;
  int64_t retry_after_ms = 0;
  int64_t totp_step = 0;
  domain::Role role = domain::Role::kNone;
  bool known_device = false;
};

/// The browser's device token: remembered per account at each sign-in, so an account stays
/// usable from the devices it has used while strangers' guesses hold its sign-in elsewhere.
constexpr std::string_view kDeviceCookie = "hejia_device";
constexpr int64_t kDeviceCookieMaxAgeS = 400LL * 24 * 3600;

std::string SessionCookie(const Services& s, std::string_view value, int64_t max_age_s) {
  std::string c = std::string(kSessionCookie) + "=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  if (s.settings.cookie_secure) c += "; Secure";
  return c;
}

std::string DeviceCookie(const Services& s, std::string_view value) {
  std::string c = std::string(kDeviceCookie) + "=" + std::string(value) +
                  "; Path=/api/v1/session; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(kDeviceCookieMaxAgeS);
  if (s.settings.cookie_secure) c += "; Secure";
  return c;
}

/// The device token the browser sent, when it has the shape this server gives out.
std::optional<std::string> DeviceToken(const http::RawRequest& req) {
  auto v = http::CookieValue(req, kDeviceCookie, 64);
  if (!v || v->size() < 32) return std::nullopt;
  for (char ch : *v)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_')
      return std::nullopt;
  return v;
}

std::string_view OutcomeName(SignInCheck::Outcome o) {
  using O = SignInCheck::Outcome;
  switch (o) {
    case O::kUnknownLogin:
      return "unknown_login";
    case O::kThrottled:
      return "throttled";
    case O::kLocked:
    case O::kAdminLocked:
      return "locked";
    case O::kBadPassword:
      return "bad_password";
    case O::kSecretExpired:
      return "secret_expired";
    case O::kNeedTotp:
      return "totp_required";
    case O::kBadTotp:
      return "bad_totp";
    case O::kOk:
      return "ok";
  }
  return "failed";
}

ApiError TooManyAttempts(int64_t wait_ms) {
  const int64_t secs = std::max<int64_t>(1, (wait_ms + 999) / 1000);
  return ApiError(ErrorKind::kTooManyRequests, "rate_limited",
                  "登录尝试过于频繁，请稍后再试 / too many sign-in attempts")
      .WithRetryAfter(static_cast<int>(secs))
      .WithDetails(json::object{{"retry_after_seconds", secs}});
}

// Signing in, against guessing and against being locked out by a stranger:
// - each (login, client) pair counts its failures, the first three free, then a doubling wait
//   (domain::SignInDelayMs); the client is the browser's known device for that account, else
//   its address (an IPv6 /64), both kept only as keyed hashes. An unknown login is counted the
//   same way, so the wait tells nothing about which logins exist;
// - five failures from devices the account has not used lock it for unknown devices for a quarter
//   of an hour; its known devices and a correct second factor still sign in;
// - a wrong password, an unknown login and a lockout answer alike (401 invalid_credentials):
//   only someone holding the password learns that an administrator locked the account.
asio::awaitable<http::Response> SignIn(Services& s, RateWindow& limiter, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  // Every attempt reserves a slot first, so concurrent guesses cannot all pass the check; a
  // successful one gives it back, so an office behind one NAT address is not locked out at 8:30.
  // An IPv6 client counts by its /64: the rest of the address rotates freely. Nodes sharing one
  // PostgreSQL count the address together.
  const std::string client = http::ClientKey(req.client_ip);
  if (int wait = co_await limiter.Hit(client, now); wait > 0)
    throw TooManyAttempts(int64_t{wait} * 1000);
  auto body = http::JsonBody::Parse(req.raw.body(), {"login", "password", "totp"});
  const std::string login = body.RequiredString("login", 64);
  const auto password_opt = body.OptString("password", 128);
  if (!password_opt || password_opt->empty()) throw Invalid("password", "必填 / required");
  const std::string password = *password_opt;
  const auto totp = body.OptString("totp", 10);
  const ApiSettings settings = s.settings;
  auto keys = s.keys;
  auto cipher = s.cipher;
  const std::string login_key = cipher.BlindIndex("sign_in_login", login);
  const std::string address_key = "addr:" + cipher.BlindIndex("sign_in_client", client);
  const auto device = DeviceToken(req.raw);
  const std::string device_hash = device ? security::HashToken(*device) : "";
  const std::string ua = req.UserAgent();
  using O = SignInCheck::Outcome;

  // A login that matches no account may be a password typed into the wrong field: only a keyed
  // pseudonym of it is kept.
  const auto shown_login = [&](const SignInCheck& r) {
    return r.user_id ? login : "unknown:" + cipher.BlindIndex("login", login).substr(0, 12);
  };
  const auto record = [&](store::Connection& c, const SignInCheck& r, std::string_view detail) {
    std::optional<int64_t> uid;
    if (r.user_id) uid = r.user_id;
    store::InsertSignInAttempt(
        c, {uid, shown_login(r), req.client_ip, ua, std::string(OutcomeName(r.outcome))}, now);
    // Before sign-in the actor is the account being signed into (pseudonymised when unknown).
    const store::Actor actor{uid, shown_login(r), std::string(domain::ToString(r.role)),
                             req.client_ip};
    store::Audit(c, *keys, now, actor, "session", uid ? std::to_string(*uid) : "", "sign_in",
                 r.outcome == O::kOk ? "ok" : "failed",
                 std::string(OutcomeName(r.outcome)) + std::string(detail));
  };

  // First the attempt is claimed against the (login, client) count, in the writer, so racing
  // guesses cannot all pass; the account and whether this browser is one of its devices are read
  // in the same transaction.
  SignInCheck check;
  std::string client_key = address_key;
  co_await s.db.Write([&](store::Connection& c) {
    if (auto account = store::FindSignInAccount(c, login)) {
      check.user_id = account->id;
      check.role = account->role;
      check.known_device = device && store::IsKnownDevice(c, account->id, device_hash);
    }
    if (check.known_device) client_key = "device:" + device_hash;
    if (int64_t wait = store::ClaimSignInAttempt(c, login_key, client_key, now); wait > 0) {
      check.outcome = O::kThrottled;
      check.retry_after_ms = wait;
      record(c, check, "");
    }
  });
  if (check.outcome == O::kThrottled) throw TooManyAttempts(check.retry_after_ms);

  // The costly Argon2id check runs on a reader thread, never on the writer or an I/O thread. The
  // password is checked whatever the account's state, so a lock costs the same time as a guess.
  check = co_await s.db.Read([&](store::Connection& c) {
    SignInCheck r = check;
    auto account = store::FindSignInAccount(c, login);
    if (!account) {
      security::DummyVerify();
      r.outcome = O::kUnknownLogin;
      r.user_id = 0;
      return r;
    }
    if (!security::VerifyPassword(account->password_hash, password)) {
      r.outcome = O::kBadPassword;
      return r;
    }
    if (account->admin_locked) {
      r.outcome = O::kAdminLocked;
      return r;
    }
    if (account->must_change_password && account->secret_expires_at > 0 &&
        account->secret_expires_at <= now) {
      r.outcome = O::kSecretExpired;
      return r;
    }
    const bool locked_out = account->locked_until > now;
    if (locked_out && !r.known_device && !account->totp_enabled) {
      r.outcome = O::kLocked;
      r.retry_after_ms = account->locked_until - now;
      return r;
    }
    if (account->totp_enabled) {
      if (!totp) {
        r.outcome = O::kNeedTotp;
        return r;
      }
      auto secret = cipher.Decrypt(account->totp_secret_enc,
                                   "users/totp_secret/" + std::to_string(account->id));
      auto step =
          secret ? security::VerifyTotpOnce(*secret, *totp, now / 1000, account->totp_last_step)
                 : std::nullopt;
      if (!step) {
        r.outcome = O::kBadTotp;
        return r;
      }
      r.totp_step = *step;
    }
    r.outcome = O::kOk;
    return r;
  });

  const std::string token = security::RandomToken(32);
  const std::string csrf = security::RandomToken(24);
  // A browser keeps its device token; one without gets a new one at its first sign-in.
  const std::string device_token = device ? *device : security::RandomToken(32);
  // Record the attempt; on success open the session. One transaction, audited.
  co_await s.db.Write([&](store::Connection& c) {
    // Claim the TOTP step inside the transaction: two sign-ins racing with one code must not
    // both pass the check made on the reader.
    if (check.outcome == O::kOk && check.totp_step > 0 &&
        !store::ClaimTotpStep(c, check.user_id, check.totp_step))
      check.outcome = O::kBadTotp;
    // Only failures from devices the account has not used count towards its lockout: a stranger
    // cannot lock the night-duty worker out of her own phone.
    std::string detail;
    if ((check.outcome == O::kBadPassword || check.outcome == O::kBadTotp) && !check.known_device) {
      auto locked_until = store::CountFailedSignIn(c, check.user_id, settings.max_failed_sign_ins,
                                                   now + settings.lockout_ms, now);
      if (locked_until && *locked_until > now) detail = ",locked";
    }
    // The lock is re-checked atomically here: the reader's view may be stale when attempts race.
    if (check.outcome == O::kOk &&
        !store::MarkSignedIn(c, check.user_id, now, check.known_device || check.totp_step > 0))
      check.outcome = O::kLocked;
    if (check.outcome == O::kNeedTotp) store::ForgiveSignInAttempt(c, login_key, client_key, now);
    if (check.outcome == O::kOk) {
      store::ClearSignInAttempts(c, login_key, client_key);
      store::RememberDevice(c, check.user_id, security::HashToken(device_token), now);
      // The hall's big screen reads figures only and stays signed in for weeks (its minute's
      // refresh keeps it within the idle limit); every other session lasts a working day.
      const auto role = c.QueryOne("SELECT role FROM users WHERE id = ?", {check.user_id});
      const bool screen = role && role->Text(0) == domain::ToString(domain::Role::kScreen);
      store::InsertSession(c,
                           {security::HashToken(token), csrf, req.client_ip, ua, check.user_id,
                            now + (screen ? kScreenSessionMs : settings.absolute_timeout_ms)},
                           now);
    }
    record(c, check, detail);
  });

  if (check.outcome == O::kOk || check.outcome == O::kNeedTotp)
    co_await limiter.Forgive(client, now);
  switch (check.outcome) {
    case O::kAdminLocked:
      // Said only to someone who gave the right password.
      throw ApiError(ErrorKind::kLocked, "account_locked",
                     "账号已被管理员锁定，请联系安全管理员 / account locked by an administrator");
    case O::kSecretExpired:
      throw ApiError(ErrorKind::kUnauthenticated, "secret_expired",
                     "一次性密码已过期，请联系安全管理员重新发放 / the one-time password has "
                     "expired: ask the security administrator for a new one",
                     "password");
    case O::kNeedTotp:
      throw ApiError(ErrorKind::kUnauthenticated, "totp_required",
                     "请输入动态口令 / enter your authenticator code", "totp");
    case O::kBadTotp:
      throw ApiError(ErrorKind::kUnauthenticated, "invalid_credentials",
                     "动态口令错误 / wrong authenticator code", "totp");
    case O::kThrottled:
    case O::kUnknownLogin:
    case O::kBadPassword:
    case O::kLocked:
      throw ApiError(ErrorKind::kUnauthenticated, "invalid_credentials",
                     "账号或密码错误。多次失败后登录会暂时受限，请稍后再试，或在常用设备上登录 / "
                     "wrong login or password. After repeated failures sign-in is held for a "
                     "while: try later, or from a device you have used before");
    case O::kOk:
      break;
  }
  const std::string token_hash = security::HashToken(token);
  auto entry = co_await s.db.Read(
      [&](store::Connection& c) { return LoadSession(c, token_hash, now, settings); });
  // Locked by an administrator between the commit and this read.
  if (!entry) throw ApiError(ErrorKind::kLocked, "account_locked", "账号已被锁定 / account locked");
  s.sessions->Put(security::HashToken(token), *entry);
  auto res = http::JsonResponse(
      200, json::object{{"user", UserJson(entry->principal)}, {"csrf_token", csrf}});
  res.set(http::bhttp::field::set_cookie,
          SessionCookie(
              s, token,
              (entry->principal.role == domain::Role::kScreen ? kScreenSessionMs
                                                              : settings.absolute_timeout_ms) /
                  1000));
  res.insert(http::bhttp::field::set_cookie, DeviceCookie(s, device_token));
  co_return res;
}

asio::awaitable<http::Response> SignOut(Services& s, http::Request& req) {
  const int64_t sid = req.Caller().session_id;
  co_await s.db.Write([&](store::Connection& c) {
    store::RevokeSession(c, sid);
    s.Audit(c, ActorOf(req), "session", std::to_string(sid), "sign_out");
  });
  if (auto token = SessionToken(req.raw)) s.sessions->Erase(security::HashToken(*token));
  auto res = http::EmptyResponse(204);
  res.set(http::bhttp::field::set_cookie, SessionCookie(s, "", 0));
  co_return res;
}

// Wrong current passwords at a password change: this many within the window end the session.
constexpr int64_t kMaxWrongCurrentPasswords = 5;
constexpr int64_t kWrongPasswordWindowMs = 15LL * 60 * 1000;

asio::awaitable<http::Response> ChangePassword(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(), {"old_password", "new_password"});
  const auto old_pw = body.OptString("old_password", 128).value_or("");
  if (old_pw.empty()) throw Invalid("old_password", "必填 / required");
  const auto new_pw = body.OptString("new_password", 128).value_or("");
  const auto& me = req.Caller();
  if (auto problem = domain::CheckPasswordPolicy(me.login, new_pw))
    throw Invalid("new_password", domain::PasswordPolicyMessage(*problem));
  if (new_pw == old_pw)
    throw Invalid("new_password", "新密码不能与旧密码相同 / must differ from the old one");
  const int64_t uid = me.user_id;
  const bool ok = co_await s.db.Read([&](store::Connection& c) {
    auto hash = store::PasswordHashOf(c, uid);
    return hash && security::VerifyPassword(*hash, old_pw);
  });
  if (!ok) {
    // A stolen session must not become a way to guess the password: every wrong current password
    // is on record, and the fifth within a quarter of an hour ends the session (signing in again
    // is limited and locks the account).
    const int64_t at = s.clock.NowMillis();
    const std::string id = std::to_string(uid);
    const bool ended = co_await s.db.Write([&](store::Connection& c) {
      s.Audit(c, ActorOf(req), "user", id, "change_password", "failed", "wrong_current_password");
      if (store::CountAudit(c, "user", id, "change_password", "failed",
                            at - kWrongPasswordWindowMs) < kMaxWrongCurrentPasswords)
        return false;
      store::RevokeSession(c, me.session_id);
      s.Audit(c, ActorOf(req), "session", std::to_string(me.session_id), "revoke", "ok",
              "wrong_current_password");
      return true;
    });
    if (ended) {
      s.sessions->EraseUser(uid);
      throw ApiError(
          ErrorKind::kUnauthenticated, "signed_out",
          "原密码多次错误，已退出登录 / the current password was wrong too often: signed "
          "out");
    }
    throw Invalid("old_password", "原密码错误 / the current password is wrong");
  }
  std::string hash =
      co_await s.db.Read([&](store::Connection&) { return security::HashPassword(new_pw); });
  const int64_t now = s.clock.NowMillis();
  const int64_t sid = me.session_id;
  co_await s.db.Write([&](store::Connection& c) {
    store::ChangePassword(c, uid, hash, now);
    // Other sessions of this account end; this one continues.
    store::RevokeOtherSessions(c, uid, sid);
    s.Audit(c, ActorOf(req), "user", std::to_string(uid), "change_password");
  });
  s.sessions->EraseUser(uid);
  co_return http::EmptyResponse(204);
}

asio::awaitable<http::Response> TotpSetup(Services& s, http::Request& req) {
  const auto& me = req.Caller();
  if (me.totp_enabled) throw Conflict("已绑定动态口令 / TOTP is already enabled");
  const std::string secret = security::GenerateTotpSecret();
  const std::string enc =
      s.cipher.Encrypt(secret, "users/totp_secret/" + std::to_string(me.user_id));
  const int64_t uid = me.user_id;
  co_await s.db.Write([&](store::Connection& c) {
    store::SaveTotpSecret(c, uid, enc);
    s.Audit(c, ActorOf(req), "user", std::to_string(uid), "totp_setup");
  });
  co_return http::JsonResponse(
      200, json::object{{"secret", secret},
                        {"otpauth_uri", security::OtpauthUri("HeJia 和家", me.login, secret)}});
}

asio::awaitable<http::Response> TotpEnable(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(), {"code"});
  const std::string code = body.RequiredString("code", 10);
  const auto& me = req.Caller();
  const int64_t uid = me.user_id;
  const int64_t now = s.clock.NowMillis();
  auto cipher = s.cipher;
  co_await s.db.Write([&](store::Connection& c) {
    auto enrolment = store::FindTotpEnrolment(c, uid);
    if (!enrolment || enrolment->secret_enc.empty())
      throw Invalid("code", "请先获取密钥 / start the set-up first");
    if (enrolment->enabled) throw Conflict("已绑定动态口令 / TOTP is already enabled");
    auto secret = cipher.Decrypt(enrolment->secret_enc, "users/totp_secret/" + std::to_string(uid));
    auto step = secret ? security::VerifyTotp(*secret, code, now / 1000) : std::nullopt;
    if (!step) throw Invalid("code", "动态口令错误 / wrong code, check the phone's clock");
    store::EnableTotp(c, uid, *step, now);
    s.Audit(c, ActorOf(req), "user", std::to_string(uid), "totp_enable");
  });
  s.sessions->EraseUser(uid);
  co_return http::EmptyResponse(204);
}

asio::awaitable<http::Response> MySessions(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"created_at", "last_seen_at"}, "created_at", true);
  const int64_t uid = req.Caller().user_id, sid = req.Caller().session_id;
  const int64_t now = s.clock.NowMillis();
  const int64_t idle_cut = now - s.settings.idle_timeout_ms;
  const auto sort = page.sort == "last_seen_at" ? store::SessionSort::kLastSeenAt
                                                : store::SessionSort::kCreatedAt;
  const store::PageSpec spec{page.page_size, page.Offset(), page.descending};
  auto [items, total] = co_await s.db.Read([&](store::Connection& c) {
    auto result = store::ListActiveSessions(c, uid, now, idle_cut, sort, spec);
    json::array out;
    for (const auto& r : result.items)
      out.push_back(json::object{{"id", r.id},
                                 {"created_at", FormatBeijing(r.created_at)},
                                 {"last_seen_at", FormatBeijing(r.last_seen_at)},
                                 {"expires_at", FormatBeijing(r.expires_at)},
                                 {"ip", r.ip},
                                 {"user_agent", r.user_agent},
                                 {"current", r.id == sid}});
    return std::pair{std::move(out), result.total};
  });
  co_return http::JsonResponse(200, http::PageBody(std::move(items), page, total));
}

asio::awaitable<http::Response> RevokeMySession(Services& s, http::Request& req) {
  const std::string& id_text = req.Param("id");
  int64_t id = 0;
  if (id_text.empty() || id_text.size() > 18 ||
      id_text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound();
  id = std::stoll(id_text);
  const int64_t uid = req.Caller().user_id;
  const bool changed = co_await s.db.Write([&](store::Connection& c) {
    const bool ok = store::RevokeUserSession(c, uid, id);
    if (ok) s.Audit(c, ActorOf(req), "session", std::to_string(id), "revoke");
    return ok;
  });
  if (!changed) throw NotFound("会话不存在 / no such session");
  s.sessions->EraseUser(uid);
  co_return http::EmptyResponse(204);
}

asio::awaitable<http::Response> MySignIns(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"at"}, "at", true);
  const int64_t uid = req.Caller().user_id;
  const store::PageSpec spec{page.page_size, page.Offset(), page.descending};
  auto [items, total] = co_await s.db.Read([&](store::Connection& c) {
    auto result = store::ListSignIns(c, uid, spec);
    json::array out;
    for (const auto& r : result.items)
      out.push_back(json::object{{"at", FormatBeijing(r.at)},
                                 {"ip", r.ip},
                                 {"user_agent", r.user_agent},
                                 {"result", r.result}});
    return std::pair{std::move(out), result.total};
  });
  co_return http::JsonResponse(200, http::PageBody(std::move(items), page, total));
}

asio::awaitable<http::Response> Me(Services&, http::Request& r) {
  co_return http::JsonResponse(
      200, json::object{{"user", UserJson(r.Caller())}, {"csrf_token", r.Caller().csrf_token}});
}

}  // namespace

void AddSessionRoutes(http::Router& router, Services& s) {
  auto limiter =
      std::make_shared<RateWindow>("sign_in_address", s.settings.sign_in_attempts_per_minute,
                                   60'000, SharedAcrossNodes(s.db), s.cipher);
  const std::string self(domain::kSessionSelf);
  const auto signed_in = schema::Shape("user:object csrf_token:string");
  AreaRoutes area(router, s, "/api/v1/session", "session");
  area.Add(
      verb::post, "", std::string(http::kPublic),
      "Sign in with login, password and (when enrolled) a TOTP code",
      [limiter](Services& s, http::Request& r) { return SignIn(s, *limiter, r); },
      {.body_schema = schema::Shape("login:string password:string totp:string", "login password"),
       .response_schema = signed_in});
  // Everything below is allowed while the caller still has to change the password or enrol TOTP.
  const auto self_route = [&](verb method, std::string_view sub, std::string summary,
                              AreaHandler handler, RouteDoc doc) {
    doc.allow_pending = true;
    area.Add(method, sub, self, std::move(summary), std::move(handler), std::move(doc));
  };
  self_route(verb::get, "", "The signed-in user and the CSRF token", Me,
             {.response_schema = signed_in});
  self_route(verb::delete_, "", "Sign out", SignOut, {.success_status = 204});
  self_route(verb::post, "/password", "Change my password", ChangePassword,
             {.body_schema = schema::Shape("old_password:string new_password:string",
                                           "old_password new_password"),
              .success_status = 204});
  self_route(verb::post, "/totp/setup", "Start TOTP enrolment: a new secret and its otpauth URI",
             TotpSetup, {.response_schema = schema::Shape("secret:string otpauth_uri:string")});
  self_route(verb::post, "/totp/enable", "Finish TOTP enrolment with a code from the authenticator",
             TotpEnable,
             {.body_schema = schema::Shape("code:string", "code"), .success_status = 204});
  self_route(verb::get, "/sessions", "My active sessions", MySessions,
             {.response_schema = schema::AnyObject(), .paged = true});
  self_route(verb::delete_, "/sessions/{id}", "Revoke one of my sessions", RevokeMySession,
             {.success_status = 204});
  self_route(verb::get, "/sign-ins", "My sign-in history", MySignIns,
             {.response_schema = schema::AnyObject(), .paged = true});
}

}  // namespace hejia::api
