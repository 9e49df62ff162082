// Graded protection level 3 (等保三级) sign-in rules, end to end: lockout after repeated
// failures, forced password change, the administrators' second factor, idle and absolute session
// timeouts, sign-out and revocation, sign-in history and the per-address attempt limit.
#include <chrono>

#include "accounts.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

std::vector<std::string> SignInResults(Client& c) {
  auto r = c.Get("/api/v1/session/sign-ins?page_size=100");
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> out;
  if (r.status != 200) return out;
  for (const auto& item : r.json.at("items").as_array())
    out.emplace_back(item.at("result").as_string());
  return out;
}

TEST(SignIn, FiveFailuresLockTheAccountForFifteenMinutes) {
  ClearSignInWindow();
  const std::string login = UniqueLogin("lockout");
  CreateStaff(login);
  Client c(TestServer::Get().port());
  for (int i = 1; i <= 4; ++i) {
    auto r = c.SignIn(login, "Wrong-Pass-2026!");
    EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r.body;
    EXPECT_EQ(r.ErrorCode(), "invalid_credentials");
  }
  auto fifth = c.SignIn(login, "Wrong-Pass-2026!");
  EXPECT_EQ(fifth.status, 423) << fifth.body;
  EXPECT_EQ(fifth.ErrorCode(), "account_locked");
  ASSERT_FALSE(fifth.Header("retry-after").empty());
  const int retry = std::stoi(fifth.Header("retry-after"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 15 * 60);
  EXPECT_EQ(fifth.json.at("error").at("details").at("retry_after_seconds").as_int64(), retry);

  // The right password does not help while the lock lasts.
  auto sixth = c.SignIn(login, kInitialPassword);
  EXPECT_EQ(sixth.status, 423) << sixth.body;
  EXPECT_EQ(sixth.ErrorCode(), "account_locked");
  EXPECT_FALSE(sixth.Header("retry-after").empty());

  TestServer::Get().clock().Advance(minutes(14));
  EXPECT_EQ(c.SignIn(login, kInitialPassword).status, 423);
  TestServer::Get().clock().Advance(minutes(1));
  auto after = c.SignIn(login, kInitialPassword);
  ASSERT_EQ(after.status, 200) << after.body;

  // The history the user sees names every failure (shown even before the password change).
  auto results = SignInResults(c);
  ASSERT_EQ(results.size(), 8u);
  EXPECT_EQ(results[0], "ok");
  EXPECT_EQ(results[1], "locked");
  EXPECT_EQ(results[2], "locked");
  for (size_t i = 3; i < 8; ++i) EXPECT_EQ(results[i], "bad_password") << i;
  ClearSignInWindow();
}

TEST(SignIn, AFormOrTextBodyIsRefusedSoAnotherSiteCannotSignABrowserIn) {
  // A cross-site form can post text/plain or a form without asking first: only JSON is read.
  for (const char* type :
       {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    Client c(TestServer::Get().port());
    auto r =
        c.Request("POST", "/api/v1/session", R"({"login":"town","password":"Hejia-Demo-2026"})",
                  {{"Content-Type", type}});
    EXPECT_EQ(r.status, 415) << type << " " << r.body;
    EXPECT_EQ(r.ErrorCode(), "unsupported_media_type") << type;
    EXPECT_EQ(c.Get("/api/v1/session").status, 401) << type;  // not signed in
  }
  // JSON, with its charset, is read as ever.
  Client c(TestServer::Get().port());
  auto ok =
      c.Request("POST", "/api/v1/session", R"({"login":"no-such-login","password":"wrong-one"})",
                {{"Content-Type", "application/json; charset=utf-8"}});
  EXPECT_NE(ok.status, 415) << ok.body;
}

TEST(SignIn, FiveWrongCurrentPasswordsAtAPasswordChangeEndTheSession) {
  // A stolen session is no way to guess the password.
  const std::string login = UniqueLogin("guess");
  const int64_t id = CreateStaff(login);
  Client c = SignInFirstTime(login);
  auto wrong = [&] {
    return c.Post("/api/v1/session/password",
                  json::object{{"old_password", "Not-The-Password-1"},
                               {"new_password", "Another-Pass-2026#y"}});
  };
  for (int i = 0; i < 4; ++i) {
    auto r = wrong();
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.ErrorField(), "old_password");
  }
  auto fifth = wrong();
  EXPECT_EQ(fifth.status, 401) << fifth.body;
  EXPECT_EQ(fifth.ErrorCode(), "signed_out");
  EXPECT_EQ(c.Get("/api/v1/session").status, 401);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND entity_id = ? AND "
                     "action = 'change_password' AND result = 'failed'",
                     {std::to_string(id)}),
            5);
  // She signs in again with her password, as ever.
  Client again(TestServer::Get().port());
  EXPECT_EQ(again.SignIn(login, kChosenPassword).status, 200);
}

TEST(SignIn, FailuresAreAuditedWithoutThePassword) {
  const std::string login = UniqueLogin("audited");
  CreateStaff(login);
  Client c(TestServer::Get().port());
  EXPECT_EQ(c.SignIn(login, "Secret-Guess-2026!").status, 401);
  auto details = TestServer::Get().app().db().ReadSync([&](store::Connection& conn) {
    auto rows = conn.Query(
        "SELECT result, detail, ip FROM audit_log WHERE entity = 'session' AND action = "
        "'sign_in' AND actor_login = ?",
        {login});
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.Text(0) + "|" + r.Text(1) + "|" + r.Text(2));
    return out;
  });
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0], "failed|bad_password|127.0.0.1");
}

TEST(SignIn, ANewAccountMustChangeItsPasswordBeforeAnythingElse) {
  const std::string login = UniqueLogin("fresh");
  CreateStaff(login);
  Client c(TestServer::Get().port());
  auto r = c.SignIn(login, kInitialPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json.at("user").at("must_change_password").as_bool());

  for (const char* path : {"/api/v1/regions?root=1", "/api/v1/users", "/api/v1/people"}) {
    auto blocked = c.Get(path);
    EXPECT_EQ(blocked.status, 403) << path;
    EXPECT_EQ(blocked.ErrorCode(), "password_change_required") << path;
  }
  // The session routes stay open: who am I, my history, my sessions.
  EXPECT_EQ(c.Get("/api/v1/session").status, 200);
  EXPECT_EQ(c.Get("/api/v1/session/sign-ins").status, 200);
  EXPECT_EQ(c.Get("/api/v1/session/sessions").status, 200);

  auto change = [&](const std::string& old_pw, const std::string& new_pw) {
    return c.Post("/api/v1/session/password",
                  json::object{{"old_password", old_pw}, {"new_password", new_pw}});
  };
  auto weak = change(kInitialPassword, "short1A!");
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.ErrorCode(), "validation_failed");
  EXPECT_EQ(weak.ErrorField(), "new_password");
  auto classes = change(kInitialPassword, "alllowercaseletters");
  EXPECT_EQ(classes.ErrorField(), "new_password");
  auto with_login = change(kInitialPassword, "Xy-" + login + "-2026");
  EXPECT_EQ(with_login.status, 400);
  EXPECT_EQ(with_login.ErrorField(), "new_password");
  auto same = change(kInitialPassword, kInitialPassword);
  EXPECT_EQ(same.ErrorField(), "new_password");
  auto wrong_old = change("Not-The-Old-2026!", kChosenPassword);
  EXPECT_EQ(wrong_old.status, 400);
  EXPECT_EQ(wrong_old.ErrorField(), "old_password");

  ASSERT_EQ(change(kInitialPassword, kChosenPassword).status, 204);
  auto me = c.Get("/api/v1/session");
  ASSERT_EQ(me.status, 200);
  EXPECT_FALSE(me.json.at("user").at("must_change_password").as_bool());
  EXPECT_EQ(c.Get("/api/v1/regions?root=1").status, 200);

  Client again(TestServer::Get().port());
  EXPECT_EQ(again.SignIn(login, kInitialPassword).status, 401);
  auto fresh = again.SignIn(login, kChosenPassword);
  ASSERT_EQ(fresh.status, 200);
  EXPECT_FALSE(fresh.json.at("user").at("must_change_password").as_bool());
}

TEST(SignIn, AnAdministratorMustEnrolASecondFactorAndThenUseIt) {
  const std::string login = UniqueLogin("sysadm");
  AddAccountOnServer(login, "system_admin", DemoRegion("admin"));
  Client c(TestServer::Get().port());
  auto first = c.SignIn(login, kInitialPassword);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(first.json.at("user").at("totp_required").as_bool());
  EXPECT_FALSE(first.json.at("user").at("totp_enabled").as_bool());
  EXPECT_EQ(c.Get("/api/v1/users").ErrorCode(), "password_change_required");
  ASSERT_EQ(c.Post("/api/v1/session/password", json::object{{"old_password", kInitialPassword},
                                                            {"new_password", kChosenPassword}})
                .status,
            204);
  auto pending = c.Get("/api/v1/users");
  EXPECT_EQ(pending.status, 403);
  EXPECT_EQ(pending.ErrorCode(), "totp_enrolment_required");

  auto setup = c.Post("/api/v1/session/totp/setup", json::object{});
  ASSERT_EQ(setup.status, 200) << setup.body;
  const std::string secret(setup.json.at("secret").as_string());
  EXPECT_EQ(std::string(setup.json.at("otpauth_uri").as_string()).rfind("otpauth://totp/", 0), 0u);
  auto wrong = c.Post("/api/v1/session/totp/enable", json::object{{"code", "000000"}});
  if (TotpNow(secret) != "000000") {
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.ErrorField(), "code");
  }
  const std::string enrol_code = TotpNow(secret);
  ASSERT_EQ(c.Post("/api/v1/session/totp/enable", json::object{{"code", enrol_code}}).status, 204);
  EXPECT_EQ(c.Get("/api/v1/users").status, 200);
  EXPECT_EQ(c.Delete("/api/v1/session").status, 204);

  Client next(TestServer::Get().port());
  auto no_code = next.SignIn(login, kChosenPassword);
  EXPECT_EQ(no_code.status, 401);
  EXPECT_EQ(no_code.ErrorCode(), "totp_required");
  // The code just used to enrol cannot be used again.
  auto reused = next.SignIn(login, kChosenPassword, enrol_code);
  EXPECT_EQ(reused.status, 401);
  EXPECT_EQ(reused.ErrorField(), "totp");

  NextTotpStep();
  const std::string code = TotpNow(secret);
  auto ok = next.SignIn(login, kChosenPassword, code);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(ok.json.at("user").at("totp_enabled").as_bool());
  EXPECT_EQ(next.Get("/api/v1/users").status, 200);

  Client replay(TestServer::Get().port());
  auto replayed = replay.SignIn(login, kChosenPassword, code);
  EXPECT_EQ(replayed.status, 401);
  EXPECT_EQ(replayed.ErrorCode(), "invalid_credentials");
  EXPECT_EQ(replayed.ErrorField(), "totp");
  auto results = SignInResults(next);
  ASSERT_GE(results.size(), 2u);
  EXPECT_EQ(results[0], "bad_totp");  // the replay
  ClearSignInWindow();
}

TEST(SignIn, ASessionIdleForThirtyMinutesEnds) {
  const std::string login = UniqueLogin("idle");
  CreateStaff(login);
  Client c = SignInFirstTime(login);
  auto& clock = TestServer::Get().clock();

  // Activity keeps it alive well past thirty minutes from sign-in.
  clock.Advance(minutes(20));
  ASSERT_EQ(c.Get("/api/v1/session").status, 200);
  WaitForActivityStored(login, clock.NowMillis());
  clock.Advance(minutes(20));
  ASSERT_EQ(c.Get("/api/v1/session").status, 200);
  WaitForActivityStored(login, clock.NowMillis());

  clock.Advance(minutes(29));
  ASSERT_EQ(c.Get("/api/v1/session").status, 200);
  WaitForActivityStored(login, clock.NowMillis());
  clock.Advance(minutes(31));
  auto idle = c.Get("/api/v1/session");
  EXPECT_EQ(idle.status, 401);
  EXPECT_EQ(idle.ErrorCode(), "unauthenticated");
}

TEST(SignIn, ASessionEndsTwelveHoursAfterSignInHoweverActive) {
  const std::string login = UniqueLogin("longday");
  CreateStaff(login);
  Client c = SignInFirstTime(login);
  auto& clock = TestServer::Get().clock();
  const int64_t signed_in = clock.NowMillis();
  const int64_t limit = signed_in + 12LL * 3600 * 1000;
  while (clock.NowMillis() + 25LL * 60 * 1000 < limit - 60'000) {
    clock.Advance(minutes(25));
    ASSERT_EQ(c.Get("/api/v1/session").status, 200)
        << "at +" << (clock.NowMillis() - signed_in) / 60000 << " min";
    WaitForActivityStored(login, clock.NowMillis());
  }
  clock.SetMillis(limit - 1000);
  ASSERT_EQ(c.Get("/api/v1/session").status, 200);
  clock.SetMillis(limit);
  EXPECT_EQ(c.Get("/api/v1/session").status, 401);
}

TEST(SignIn, SigningOutEndsTheSessionEverywhereItsCookieIsUsed) {
  const std::string login = UniqueLogin("signout");
  CreateStaff(login);
  Client c = SignInFirstTime(login);
  Client copy(TestServer::Get().port());
  copy.set_cookie(c.cookie());
  copy.set_csrf(c.csrf());
  ASSERT_EQ(copy.Get("/api/v1/session").status, 200);
  auto out = c.Delete("/api/v1/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(copy.Get("/api/v1/session").status, 401);
  // Even after the cache would have re-read it.
  TestServer::Get().clock().Advance(seconds(6));
  EXPECT_EQ(copy.Get("/api/v1/session").status, 401);
}

TEST(SignIn, OneOfMySessionsCanBeRevokedFromAnother) {
  const std::string login = UniqueLogin("twodevices");
  CreateStaff(login);
  Client desk = SignInFirstTime(login);
  Client phone(TestServer::Get().port());
  ASSERT_EQ(phone.SignIn(login, kChosenPassword).status, 200);

  auto list = desk.Get("/api/v1/session/sessions");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.at("total").as_int64(), 2);
  int64_t other = 0;
  int current = 0;
  for (const auto& s : list.json.at("items").as_array()) {
    if (s.at("current").as_bool())
      ++current;
    else
      other = s.at("id").as_int64();
    EXPECT_EQ(s.at("ip").as_string(), "127.0.0.1");
  }
  EXPECT_EQ(current, 1);
  ASSERT_NE(other, 0);

  // Someone else's session is not mine to revoke: it reads as missing.
  auto stranger = TestServer::Get().As("town2");
  EXPECT_EQ(stranger.Delete("/api/v1/session/sessions/" + std::to_string(other)).status, 404);
  EXPECT_EQ(phone.Get("/api/v1/session").status, 200);

  EXPECT_EQ(desk.Delete("/api/v1/session/sessions/" + std::to_string(other)).status, 204);
  EXPECT_EQ(phone.Get("/api/v1/session").status, 401);
  EXPECT_EQ(desk.Get("/api/v1/session").status, 200);
  EXPECT_EQ(desk.Get("/api/v1/session/sessions").json.at("total").as_int64(), 1);
  EXPECT_EQ(desk.Delete("/api/v1/session/sessions/" + std::to_string(other)).status, 404);
}

TEST(SignIn, ChangingThePasswordEndsMyOtherSessions) {
  const std::string login = UniqueLogin("pwchange");
  CreateStaff(login);
  Client desk = SignInFirstTime(login);
  Client phone(TestServer::Get().port());
  ASSERT_EQ(phone.SignIn(login, kChosenPassword).status, 200);
  ASSERT_EQ(
      desk.Post("/api/v1/session/password", json::object{{"old_password", kChosenPassword},
                                                         {"new_password", "Another-Pass-2026%"}})
          .status,
      204);
  EXPECT_EQ(phone.Get("/api/v1/session").status, 401);
  EXPECT_EQ(desk.Get("/api/v1/session").status, 200);
}

TEST(SignIn, SuccessfulSignInsFromOneAddressAreNotLimited) {
  ClearSignInWindow();
  // A whole office behind one address signs in at the start of the day.
  for (int i = 0; i < 25; ++i) {
    Client c(TestServer::Get().port());
    ASSERT_EQ(c.SignIn("town").status, 200) << "sign-in " << i;
  }
}

// Keep this one last in the file: it fills the limiter's window for 127.0.0.1, and moves the
// clock past it again at the end so later tests are unaffected.
TEST(SignIn, ManyFailedAttemptsFromOneAddressAreRateLimited) {
  ClearSignInWindow();
  const int limit = TestServer::Get().app().services().settings.sign_in_attempts_per_minute;
  Client c(TestServer::Get().port());
  for (int i = 0; i < limit; ++i) {
    auto r = c.SignIn("nobody-" + std::to_string(i), "Wrong-Pass-2026!");
    ASSERT_EQ(r.status, 401) << "attempt " << i << ": " << r.body;
  }
  auto limited = c.SignIn("nobody-x", "Wrong-Pass-2026!");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.ErrorCode(), "rate_limited");
  ASSERT_FALSE(limited.Header("retry-after").empty());
  const int retry = std::stoi(limited.Header("retry-after"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 60);
  // While the window lasts even the right password is not tried.
  EXPECT_EQ(c.SignIn("town").status, 429);

  TestServer::Get().clock().Advance(seconds(retry));
  EXPECT_EQ(c.SignIn("town").status, 200);
  ClearSignInWindow();
}

}  // namespace
}  // namespace hejia::testing
