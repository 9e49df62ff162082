// API tests run the real server in-process on a loopback port and talk to it over HTTP.
// HEJIA_TEST_DB=sqlite (a fresh file per run) or postgres (HEJIA_TEST_PG_URL, reset per run).
#pragma once
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "common/clock.hpp"

namespace hejia::testing {

/// The password of every demo account in the API tests.
inline constexpr const char* kDemoPassword = "Test-Passw0rd-2026";

/// One HTTP answer.
struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  boost::json::value json;  // null when the body is not JSON
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
  /// error.code of an error answer, or "".
  std::string ErrorCode() const;
  std::string ErrorField() const;
};

/// A cookie-keeping client; one per simulated browser.
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}
  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult Get(const std::string& target) { return Request("GET", target); }
  HttpResult Post(const std::string& target, const boost::json::value& body) {
    return Request("POST", target, boost::json::serialize(body));
  }
  HttpResult Patch(const std::string& target, const boost::json::value& body) {
    return Request("PATCH", target, boost::json::serialize(body));
  }
  HttpResult Put(const std::string& target, const boost::json::value& body) {
    return Request("PUT", target, boost::json::serialize(body));
  }
  HttpResult Delete(const std::string& target) { return Request("DELETE", target); }
  /// Signs in and keeps the cookie and CSRF token; returns the sign-in answer.
  HttpResult SignIn(const std::string& login, const std::string& password = kDemoPassword,
                    const std::string& totp = "");
  const std::string& csrf() const { return csrf_; }
  void set_csrf(std::string c) { csrf_ = std::move(c); }
  /// The Cookie header this browser sends ("hejia_session=...; hejia_device=...").
  const std::string& cookie() const { return cookie_; }
  /// Replaces the cookie jar with the pairs of a Cookie header.
  void set_cookie(std::string c);
  /// Forgets one cookie (e.g. the device token, as a browser in private mode would).
  void DropCookie(const std::string& name);

 private:
  void KeepCookie(const std::string& set_cookie);
  void JoinCookies();
  unsigned short port_;
  std::map<std::string, std::string> jar_;  // name -> value, as a browser keeps them
  std::string cookie_;                      // the jar as a Cookie header
  std::string csrf_;
};

/// The server under test, shared by every test of the binary (started once, demo data loaded).
class TestServer {
 public:
  static TestServer& Get();
  unsigned short port() const { return app_->port(); }
  app::App& app() { return *app_; }
  ManualClock& clock() { return clock_; }
  /// The demo region codes (town = 东城街道 etc.), read from the loaded data.
  const std::map<std::string, std::string>& demo_regions() const { return demo_regions_; }
  std::string DbKind() const { return kind_; }
  /// A signed-in client for a demo login (cached per login; re-signs in if the session died).
  Client As(const std::string& login);

 private:
  TestServer();
  std::string kind_;
  ManualClock clock_;
  std::unique_ptr<app::App> app_;
  std::map<std::string, std::string> demo_regions_;
  std::map<std::string, std::pair<std::string, std::string>> sessions_;  // login -> cookie, csrf
};

}  // namespace hejia::testing
