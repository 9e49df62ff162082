// Helpers for the account tests: fresh (non-demo) accounts made the way an operator makes them,
// signed in through the first-sign-in rules, and the clock moves those rules depend on.
#pragma once
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <thread>

#include "app/commands.hpp"
#include "harness.hpp"
#include "security/totp.hpp"
#include "test_kit.hpp"

namespace hejia::testing {

/// The password an account made on the server (`hejia user add`) is given, and the one an
/// account chooses at its first sign-in. Accounts made through the API get a one-time secret by
/// SMS instead (InitialPassword).
inline constexpr const char* kInitialPassword = "Initial-Pass-2026!";
inline constexpr const char* kChosenPassword = "Chosen-Pass-2026#x";

/// What the tests know of the accounts they made: the phone each was given and the one-time
/// secret last texted to it.
struct MadeAccount {
  std::string phone, secret;
};
inline std::map<std::string, MadeAccount>& MadeAccounts() {
  static std::map<std::string, MadeAccount> accounts;
  return accounts;
}
inline std::mutex& MadeAccountsMutex() {
  static std::mutex mu;
  return mu;
}

/// A generated mobile number no other test account has.
inline std::string UniqueStaffPhone() {
  static std::atomic<int> counter{0};
  char buf[16];
  std::snprintf(buf, sizeof buf, "1370%07d", ++counter);
  return buf;
}

/// The newest one-time secret texted to `phone` (a new account's or a reset's).
inline std::string SecretTextedTo(const std::string& phone) {
  auto messages = MessagesTo(phone, "account_secret");
  if (messages.empty()) throw std::runtime_error("no one-time secret was texted to " + phone);
  static const std::regex kSecret("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
  std::smatch m;
  if (!std::regex_search(messages.front(), m, kSecret))
    throw std::runtime_error("no secret in the text: " + messages.front());
  return m.str();
}

/// The password `login` signs in with the first time: the secret texted to it for an account made
/// through the API (re-read after a reset), kInitialPassword for one made on the server.
inline std::string InitialPassword(const std::string& login) {
  std::lock_guard lock(MadeAccountsMutex());
  auto it = MadeAccounts().find(login);
  if (it == MadeAccounts().end()) return kInitialPassword;
  it->second.secret = SecretTextedTo(it->second.phone);
  return it->second.secret;
}

/// The phone a test account was made with ("" for one made on the server).
inline std::string PhoneOf(const std::string& login) {
  std::lock_guard lock(MadeAccountsMutex());
  auto it = MadeAccounts().find(login);
  return it == MadeAccounts().end() ? "" : it->second.phone;
}

/// A login no other test uses (the database lives for the whole binary).
inline std::string UniqueLogin(const std::string& prefix) {
  static std::atomic<int> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

/// The demo region of a demo login (e.g. "town" -> 东城街道's code).
inline std::string DemoRegion(const std::string& demo_login) {
  auto it = TestServer::Get().demo_regions().find(demo_login);
  if (it == TestServer::Get().demo_regions().end())
    throw std::runtime_error("no demo account " + demo_login);
  return it->second;
}

/// Creates a staff account through the API as the demo system administrator, with a phone of its
/// own, and has the demo security administrator text it its first one-time secret; returns its id.
inline int64_t CreateStaff(const std::string& login, const std::string& role = "town_staff",
                           const std::string& region = "") {
  auto admin = TestServer::Get().As("admin");
  const std::string phone = UniqueStaffPhone();
  auto r =
      admin.Post("/api/v1/users",
                 boost::json::object{{"login", login},
                                     {"display_name", "测试 " + login},
                                     {"role", role},
                                     {"region_code", region.empty() ? DemoRegion("town") : region},
                                     {"phone", phone}});
  if (r.status != 201) throw std::runtime_error("create " + login + ": " + r.body);
  const int64_t id = r.json.at("id").as_int64();
  // The first one-time password comes from the security administrator.
  auto issued =
      TestServer::Get()
          .As("secadmin")
          .Post("/api/v1/users/" + std::to_string(id) + "/reset-password", boost::json::object{});
  if (issued.status != 200)
    throw std::runtime_error("first password of " + login + ": " + issued.body);
  std::lock_guard lock(MadeAccountsMutex());
  MadeAccounts()[login] = {phone, SecretTextedTo(phone)};
  return id;
}

/// Creates an account the way the operator does on the server (`hejia user add`), which is the
/// only way to make an administrator.
inline void AddAccountOnServer(const std::string& login, const std::string& role,
                               const std::string& region) {
  auto& server = TestServer::Get();
  app::AddUser(server.app().db(), *server.app().services().keys, server.clock(), login,
               "测试 " + login, role, region, kInitialPassword);
}

/// Signs `c` in as a browser at client address `ip` would (the test server trusts X-Real-IP from
/// the loopback); keeps the cookies and the CSRF token.
inline HttpResult SignInFrom(Client& c, const std::string& ip, const std::string& login,
                             const std::string& password, const std::string& totp = "") {
  boost::json::object body{{"login", login}, {"password", password}};
  if (!totp.empty()) body["totp"] = totp;
  auto r = c.Request("POST", "/api/v1/session", boost::json::serialize(body), {{"X-Real-IP", ip}});
  if (r.status == 200) c.set_csrf(std::string(r.json.at("csrf_token").as_string()));
  return r;
}

/// The authenticator's code for `secret` at the server's current time.
inline std::string TotpNow(const std::string& secret) {
  auto key = security::Base32Decode(secret);
  if (!key) throw std::runtime_error("bad TOTP secret");
  return security::TotpCode(*key, TestServer::Get().clock().NowMillis() / 1000);
}

/// Moves past the current 30-second TOTP step, so the next code is one never used.
inline void NextTotpStep() {
  TestServer::Get().clock().Advance(std::chrono::seconds(30));
}

/// Signs in with the initial password and changes it (the first-sign-in rule); the returned
/// client keeps that session.
inline Client SignInFirstTime(const std::string& login) {
  Client c(TestServer::Get().port());
  const std::string initial = InitialPassword(login);
  auto r = c.SignIn(login, initial);
  if (r.status != 200) throw std::runtime_error("first sign-in of " + login + ": " + r.body);
  auto pw =
      c.Post("/api/v1/session/password",
             boost::json::object{{"old_password", initial}, {"new_password", kChosenPassword}});
  if (pw.status != 204) throw std::runtime_error("password change of " + login + ": " + pw.body);
  return c;
}

/// Enrols the signed-in account of `c` in TOTP and moves past the step its code used; returns the
/// secret (the authenticator's).
inline std::string EnrolTotp(Client& c) {
  auto setup = c.Post("/api/v1/session/totp/setup", boost::json::object{});
  if (setup.status != 200) throw std::runtime_error("totp setup: " + setup.body);
  const std::string secret(setup.json.at("secret").as_string());
  auto enable =
      c.Post("/api/v1/session/totp/enable", boost::json::object{{"code", TotpNow(secret)}});
  if (enable.status != 204) throw std::runtime_error("totp enable: " + enable.body);
  return secret;
}

/// An administrator made on the server, through the first sign-in and TOTP enrolment; returns
/// the signed-in client and the TOTP secret.
inline std::pair<Client, std::string> EnrolledAdministrator(const std::string& login,
                                                            const std::string& role,
                                                            const std::string& region) {
  AddAccountOnServer(login, role, region);
  Client c = SignInFirstTime(login);
  const std::string secret = EnrolTotp(c);
  return {c, secret};
}

/// The newest activity time of the login's live sessions as stored in the database.
inline int64_t StoredLastSeen(const std::string& login) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne(
        "SELECT COALESCE(MAX(s.last_seen_at), 0) FROM sessions s JOIN users u ON u.id = "
        "s.user_id WHERE u.login = ? AND s.revoked = 0",
        {login});
    return row->Int(0);
  });
}

/// Activity is written to the database in the background (at most once a minute); waits until
/// it has landed so the next clock jump starts from a known state.
inline void WaitForActivityStored(const std::string& login, int64_t at) {
  // Generous: a busy machine may take long; a wait that runs out fails the test that relied on it.
  for (int i = 0; i < 6000 && StoredLastSeen(login) < at; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (StoredLastSeen(login) < at)
    throw std::runtime_error("the activity of " + login + " was not stored within 30 s");
}

/// The sign-in limiter counts per address in one-minute windows of the server's clock; moving
/// past a window keeps one test's failed attempts from counting against the next test.
inline void ClearSignInWindow() {
  TestServer::Get().clock().Advance(std::chrono::seconds(61));
}

}  // namespace hejia::testing
