// Helpers for the account tests: fresh (non-demo) accounts made the way an operator makes them,
// signed in through the first-sign-in rules, and the clock moves those rules depend on.
#pragma once
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "app/commands.hpp"
#include "harness.hpp"
#include "security/totp.hpp"

namespace hejia::testing {

/// The password a new account is given by its administrator, and the one it then chooses.
inline constexpr const char* kInitialPassword = "Initial-Pass-2026!";
inline constexpr const char* kChosenPassword = "Chosen-Pass-2026#x";

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

/// Creates a staff account through the API as the demo system administrator; returns its id.
inline int64_t CreateStaff(const std::string& login, const std::string& role = "town_staff",
                           const std::string& region = "") {
  auto admin = TestServer::Get().As("admin");
  auto r =
      admin.Post("/api/v1/users",
                 boost::json::object{{"login", login},
                                     {"display_name", "测试 " + login},
                                     {"role", role},
                                     {"region_code", region.empty() ? DemoRegion("town") : region},
                                     {"password", kInitialPassword}});
  if (r.status != 201) throw std::runtime_error("create " + login + ": " + r.body);
  return r.json.at("id").as_int64();
}

/// Creates an account the way the operator does on the server (`hejia user add`), which is the
/// only way to make an administrator.
inline void AddAccountOnServer(const std::string& login, const std::string& role,
                               const std::string& region) {
  auto& server = TestServer::Get();
  app::AddUser(server.app().db(), *server.app().services().keys, server.clock(), login,
               "测试 " + login, role, region, kInitialPassword);
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
  auto r = c.SignIn(login, kInitialPassword);
  if (r.status != 200) throw std::runtime_error("first sign-in of " + login + ": " + r.body);
  auto pw = c.Post(
      "/api/v1/session/password",
      boost::json::object{{"old_password", kInitialPassword}, {"new_password", kChosenPassword}});
  if (pw.status != 204) throw std::runtime_error("password change of " + login + ": " + pw.body);
  return c;
}

/// An administrator made on the server, through the first sign-in and TOTP enrolment; returns
/// the signed-in client and the TOTP secret.
inline std::pair<Client, std::string> EnrolledAdministrator(const std::string& login,
                                                            const std::string& role,
                                                            const std::string& region) {
  AddAccountOnServer(login, role, region);
  Client c = SignInFirstTime(login);
  auto setup = c.Post("/api/v1/session/totp/setup", boost::json::object{});
  if (setup.status != 200) throw std::runtime_error("totp setup: " + setup.body);
  const std::string secret(setup.json.at("secret").as_string());
  auto enable =
      c.Post("/api/v1/session/totp/enable", boost::json::object{{"code", TotpNow(secret)}});
  if (enable.status != 204) throw std::runtime_error("totp enable: " + enable.body);
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
  for (int i = 0; i < 400 && StoredLastSeen(login) < at; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

/// The sign-in limiter counts per address in one-minute windows of the server's clock; moving
/// past a window keeps one test's failed attempts from counting against the next test.
inline void ClearSignInWindow() {
  TestServer::Get().clock().Advance(std::chrono::seconds(61));
}

}  // namespace hejia::testing
