// Graded protection level 3 (等保三级) sign-in rules, end to end: lockout after repeated
// failures, forced password change, the administrators' second factor, idle and absolute session
// timeouts, sign-out and revocation, sign-in history and the per-address attempt limit.
#include <chrono>

#include "accounts.hpp"
#include "domain/account.hpp"
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

/// What one sign-in attempt answered, as far as a stranger can tell.
std::string Answer(const HttpResult& r) {
  return std::to_string(r.status) + " " + r.ErrorCode() + " " + r.Header("retry-after");
}

TEST(SignIn, FailuresFromOneClientMakeItWaitLongerAndUnknownLoginsWaitAlike) {
  ClearSignInWindow();
  const std::string login = UniqueLogin("throttled");
  CreateStaff(login);
  const std::string unknown = UniqueLogin("nobody-here");
  auto& clock = TestServer::Get().clock();
  // The same guesses at an existing and at an unknown login, each from its own address.
  std::vector<std::string> existing_answers, unknown_answers;
  auto guess = [&](const std::string& who, const std::string& ip, std::vector<std::string>& out) {
    Client c(TestServer::Get().port());
    out.push_back(Answer(SignInFrom(c, ip, who, "Wrong-Pass-2026!")));
  };
  for (int i = 0; i < 4; ++i) {
    guess(login, "198.51.100.21", existing_answers);
    guess(unknown, "198.51.100.22", unknown_answers);
  }
  guess(login, "198.51.100.21", existing_answers);  // the fourth failure asks for a second's wait
  guess(unknown, "198.51.100.22", unknown_answers);
  clock.Advance(seconds(1));
  guess(login, "198.51.100.21", existing_answers);
  guess(unknown, "198.51.100.22", unknown_answers);
  guess(login, "198.51.100.21", existing_answers);  // now two seconds
  guess(unknown, "198.51.100.22", unknown_answers);
  const std::vector<std::string> expected = {"401 invalid_credentials ", "401 invalid_credentials ",
                                             "401 invalid_credentials ", "401 invalid_credentials ",
                                             "429 rate_limited 1",       "401 invalid_credentials ",
                                             "429 rate_limited 2"};
  EXPECT_EQ(existing_answers, expected);
  EXPECT_EQ(unknown_answers, expected);  // nothing tells the two apart

  // Five failures from devices the account never used lock it for them: even the right password
  // answers like a wrong one, so the lock tells no one that the login exists.
  Client stranger(TestServer::Get().port());
  EXPECT_EQ(Answer(SignInFrom(stranger, "198.51.100.23", login, InitialPassword(login))),
            "401 invalid_credentials ");
  // Another address is counted on its own.
  Client other(TestServer::Get().port());
  EXPECT_EQ(Answer(SignInFrom(other, "198.51.100.24", unknown, "Wrong-Pass-2026!")),
            "401 invalid_credentials ");

  clock.Advance(minutes(15));
  Client later(TestServer::Get().port());
  ASSERT_EQ(SignInFrom(later, "198.51.100.23", login, InitialPassword(login)).status, 200);
  // Her history names every attempt: the waits, the failures and the lock.
  const std::vector<std::string> history = {"ok",           "locked",       "throttled",
                                            "bad_password", "throttled",    "bad_password",
                                            "bad_password", "bad_password", "bad_password"};
  EXPECT_EQ(SignInResults(later), history);
  // The waits are in the table only as keyed hashes: no login, no address.
  TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    for (const auto& row : c.Query("SELECT login_key, client_key FROM sign_in_throttle")) {
      EXPECT_EQ(row.Text(0).find(unknown), std::string::npos);
      EXPECT_EQ(row.Text(1).find("198.51.100"), std::string::npos);
    }
  });
  ClearSignInWindow();
}

TEST(SignIn, AStrangersGuessesDoNotLockHerOutOfADeviceSheHasUsed) {
  ClearSignInWindow();
  const std::string login = UniqueLogin("nightduty");
  CreateStaff(login);
  Client her = SignInFirstTime(login);  // her phone: it keeps its device cookie
  ASSERT_NE(her.cookie().find("hejia_device="), std::string::npos);
  ASSERT_EQ(her.Delete("/api/v1/session").status, 204);

  // Someone guesses from five addresses: the account is locked for browsers it never used.
  for (int i = 0; i < 5; ++i) {
    Client guesser(TestServer::Get().port());
    EXPECT_EQ(SignInFrom(guesser, "203.0.113." + std::to_string(40 + i), login, "Guess-2026!x")
                  .ErrorCode(),
              "invalid_credentials");
  }
  Client new_browser(TestServer::Get().port());
  EXPECT_EQ(SignInFrom(new_browser, "198.51.100.30", login, kChosenPassword).ErrorCode(),
            "invalid_credentials");
  // Her own phone signs in, even from an address the guesser used.
  auto back = SignInFrom(her, "203.0.113.40", login, kChosenPassword);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(her.Get("/api/v1/session").status, 200);
  // Her phone's own slips are counted for it alone and never lock the account.
  ASSERT_EQ(her.Delete("/api/v1/session").status, 204);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(SignInFrom(her, "203.0.113.40", login, "Typo-Pass-2026!").status, 401);
  ASSERT_EQ(SignInFrom(her, "203.0.113.40", login, kChosenPassword).status, 200);
  ClearSignInWindow();
}

TEST(SignIn, ASecondFactorSignsInPastALockout) {
  ClearSignInWindow();
  const std::string login = UniqueLogin("with-totp");
  CreateStaff(login);
  Client c = SignInFirstTime(login);
  const std::string secret = EnrolTotp(c);
  NextTotpStep();
  for (int i = 0; i < 5; ++i) {
    Client guesser(TestServer::Get().port());
    SignInFrom(guesser, "203.0.113." + std::to_string(60 + i), login, "Guess-2026!x");
  }
  Client new_browser(TestServer::Get().port());
  EXPECT_EQ(SignInFrom(new_browser, "198.51.100.31", login, kChosenPassword).ErrorCode(),
            "totp_required");
  auto in = SignInFrom(new_browser, "198.51.100.31", login, kChosenPassword, TotpNow(secret));
  ASSERT_EQ(in.status, 200) << in.body;
  ClearSignInWindow();
}

TEST(SignIn, AnAdministratorsLockIsToldOnlyToWhoeverHasThePassword) {
  ClearSignInWindow();
  const std::string login = UniqueLogin("suspended");
  const int64_t id = CreateStaff(login);
  SignInFirstTime(login);
  ASSERT_EQ(TestServer::Get()
                .As("secadmin")
                .Post("/api/v1/users/" + std::to_string(id) + "/lock", json::object{})
                .status,
            204);
  Client c(TestServer::Get().port());
  EXPECT_EQ(Answer(SignInFrom(c, "198.51.100.32", login, "Wrong-Pass-2026!")),
            "401 invalid_credentials ");
  auto right = SignInFrom(c, "198.51.100.32", login, kChosenPassword);
  EXPECT_EQ(right.status, 423);
  EXPECT_EQ(right.ErrorCode(), "account_locked");
  ClearSignInWindow();
}

TEST(SignIn, AOneTimeSecretRunsOutAfterThreeDays) {
  ClearSignInWindow();
  const std::string login = UniqueLogin("late");
  CreateStaff(login);
  const std::string secret = InitialPassword(login);
  // Issued 72 hours ago (set in the database, so other tests' clocks do not jump three days).
  const int64_t now = TestServer::Get().clock().NowMillis();
  const int64_t issued_at = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT secret_expires_at FROM users WHERE login = ?", {login})->Int(0) -
           domain::kOneTimeSecretValidMs;
  });
  EXPECT_EQ(issued_at, now);
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute("UPDATE users SET secret_expires_at = ? WHERE login = ?", {now, login});
  });
  Client c(TestServer::Get().port());
  auto r = SignInFrom(c, "198.51.100.33", login, secret);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.ErrorCode(), "secret_expired");
  EXPECT_EQ(r.ErrorField(), "password");
  // A wrong password says nothing about the secret.
  EXPECT_EQ(SignInFrom(c, "198.51.100.33", login, "Wrong-Pass-2026!").ErrorCode(),
            "invalid_credentials");
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
  const std::string initial = InitialPassword(login);
  Client c(TestServer::Get().port());
  auto r = c.SignIn(login, initial);
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
  auto weak = change(initial, "short1A!");
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.ErrorCode(), "validation_failed");
  EXPECT_EQ(weak.ErrorField(), "new_password");
  auto classes = change(initial, "alllowercaseletters");
  EXPECT_EQ(classes.ErrorField(), "new_password");
  auto with_login = change(initial, "Xy-" + login + "-2026");
  EXPECT_EQ(with_login.status, 400);
  EXPECT_EQ(with_login.ErrorField(), "new_password");
  auto same = change(initial, initial);
  EXPECT_EQ(same.ErrorField(), "new_password");
  auto wrong_old = change("Not-The-Old-2026!", kChosenPassword);
  EXPECT_EQ(wrong_old.status, 400);
  EXPECT_EQ(wrong_old.ErrorField(), "old_password");

  ASSERT_EQ(change(initial, kChosenPassword).status, 204);
  auto me = c.Get("/api/v1/session");
  ASSERT_EQ(me.status, 200);
  EXPECT_FALSE(me.json.at("user").at("must_change_password").as_bool());
  EXPECT_EQ(c.Get("/api/v1/regions?root=1").status, 200);

  Client again(TestServer::Get().port());
  EXPECT_EQ(again.SignIn(login, initial).status, 401);
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
