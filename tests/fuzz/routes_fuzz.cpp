// libFuzzer target for the JSON bodies and query strings of every route of the real server.
//
// At start it builds the demo city in a fresh SQLite database (under /dev/shm when there is one),
// wires the whole application as `hejia serve` does (app::App, not started: no socket, no jobs)
// and signs in every demo account through the real sign-in route. Each input then names a route
// of the router (first byte), the values of its path parameters and the account that calls it
// (second byte), and gives the request's body (routes that take one) or query string (the
// others). The request runs through http::Dispatcher, the handlers and the database as in
// production. A client mistake must end as a 4xx answer in the one error shape: a crash, a
// sanitizer report, an escaping exception, a 500 or a 503 (the database is healthy here) is a
// finding. Every few thousand inputs the database starts again from the demo city, so writes the
// fuzzer makes (a locked account, a required second factor) do not starve the rest of the run.
//
// Build and run: make fuzz (scripts/fuzz.sh), target hejia_routes_fuzz.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "app/commands.hpp"
#include "common/clock.hpp"
#include "domain/roles.hpp"
#include "fuzz_kit.hpp"
#include "security/password_hash.hpp"
#include "store/db.hpp"
#include "store/migrations.hpp"

namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using namespace hejia;

constexpr const char* kPassword = "Fuzz-Demo-Pass-2026";
/// Inputs between two fresh copies of the demo database.
constexpr int kInputsPerDatabase = 5000;

using fuzz::Fail;

/// A signed-in demo account.
struct Caller {
  std::string login;
  domain::Role role{};
  std::string client_ip;
  std::string cookie;  // "name=value; name=value"
  std::string csrf;
  int64_t user_id = 0;
};

/// The accounts the user-administration routes (/users/{id}/...) act on: night-duty staff of the
/// demo city, never a caller (checked at start), so an input that locks one does not lock out
/// the callers.
constexpr int64_t kFirstTargetUser = 13;  // after the 12 demo accounts
constexpr int kTargetUsers = 4;

class Harness {
 public:
  Harness() {
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    std::string tmpl = (base / "hejia-routes-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) Fail("cannot make a temporary directory");
    dir_ = tmpl;
    const std::string pristine = (dir_ / "pristine.db").string();
    // The cheapest Argon2id cost, as in the API tests: every sign-in (at each fresh database and
    // after an input that signed its caller out) and every password check would otherwise cost
    // 70 ms of the run. Passwords are not what this target fuzzes.
    security::SetPasswordHashCost(security::PasswordHashCost::kTest);
    {
      auto db = store::OpenDatabase("sqlite:" + pristine, {});
      db->WriteSync([](store::Connection& c) { return store::Migrate(c); });
      auto keys = app::LoadKeys("sqlite:" + pristine, "");
      std::ostringstream accounts;
      app::LoadDemoData(*db, *keys, clock_, kPassword, accounts, app::DemoSize::kSmall);
      std::istringstream lines(accounts.str());
      for (std::string line; std::getline(lines, line);) {
        const auto tab = line.find('\t');
        const auto role =
            domain::ParseRole(line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1));
        if (tab != std::string::npos && role) logins_.emplace_back(line.substr(0, tab), *role);
      }
      db->Stop();
    }
    if (logins_.empty()) Fail("the demo data listed no accounts");
    Restart();
  }
  ~Harness() {
    app_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void OneInput(std::string_view bytes) {
    if (++inputs_ % kInputsPerDatabase == 0) Restart();
    if (bytes.size() < 2) return;
    const http::Route& route = *routes_[static_cast<unsigned char>(bytes[0]) % routes_.size()];
    const auto choice = static_cast<unsigned char>(bytes[1]);
    bytes.remove_prefix(2);

    http::RawRequest req;
    req.method(route.method);
    req.version(11);
    const bool with_body = route.method == bhttp::verb::post || route.method == bhttp::verb::put ||
                           route.method == bhttp::verb::patch;
    std::string target = FillPath(route.pattern, choice);
    if (with_body) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = std::string(bytes);
    } else if (!bytes.empty()) {
      target += '?' + QueryText(bytes);
    }
    req.target(target);
    req.set(bhttp::field::host, "fuzz.local");

    Caller* caller = nullptr;
    // A partner's routes (the police interface) take no session: they are fuzzed unsigned, as a
    // stranger would call them.
    if (!http::IsSessionless(route.permission)) {
      caller = PickCaller(route.permission, choice >> 4);
      if (!caller) return;
      req.set(bhttp::field::cookie, caller->cookie);
      req.set("X-CSRF-Token", caller->csrf);
    }
    req.prepare_payload();
    const std::string ip = caller ? caller->client_ip : "198.51.100." + std::to_string(choice);
    const auto started = std::chrono::steady_clock::now();
    const http::Response res = fuzz::RunToEnd(app_->dispatcher(), ioc_, req, ip);
    if (trace_)
      std::fprintf(stderr, "%lld us ",
                   static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(
                                              std::chrono::steady_clock::now() - started)
                                              .count()));
    Check(route, req, res);
    // The input signed its caller out (or ended the session otherwise): sign in again, so the
    // next inputs reach the handlers. An account the input locked waits for the next database.
    if (caller && res.result_int() == 401) SignIn(*caller);
  }

 private:
  /// A fresh copy of the demo database, a new application on it and every account signed in.
  void Restart() {
    app_.reset();
    const fs::path work = dir_ / "work.db";
    for (const char* suffix : {"", "-wal", "-shm", ".keys", ".audit-anchor"}) {
      std::error_code ec;
      fs::remove(work.string() + suffix, ec);
    }
    fs::copy_file(dir_ / "pristine.db", work);
    fs::copy_file(dir_ / "pristine.db.keys", work.string() + ".keys");
    fs::permissions(work.string() + ".keys", fs::perms::owner_read | fs::perms::owner_write);
    app::AppConfig config;
    config.db_url = "sqlite:" + work.string();
    config.static_root = "";
    config.files_dir = (dir_ / "files").string();
    config.db_readers = 1;
    app_ = std::make_unique<app::App>(config, clock_);
    callers_.clear();
    int n = 0;
    for (const auto& [login, role] : logins_) {
      Caller c{login, role, "203.0.113." + std::to_string(++n), "", ""};
      SignIn(c);
      if (!c.cookie.empty()) callers_.push_back(std::move(c));
    }
    if (callers_.empty()) Fail("no demo account could sign in");
    // The routes that read what a client sends: a body, or documented query parameters. A
    // route that reads neither answers the same whatever the input. The agreement's PDF reads
    // one flag (`reveal`, fuzzed on the agreement's other routes alike) and takes half a second
    // to render under the sanitizers, a hundred times any other route: it would take most of
    // the run. The case export likewise (20 ms a request, 40% of the run when it was in): it
    // reads its filters with the case list's own parser (cases::ParseListQuery) and runs the
    // list's query, both fuzzed through GET /cases.
    routes_.clear();
    for (const auto& r : app_->router().routes()) {
      const bool reads_input = !r.body_schema.is_null() || !r.query.empty() || r.paged ||
                               r.method == bhttp::verb::post || r.method == bhttp::verb::put ||
                               r.method == bhttp::verb::patch;
      if (reads_input && !r.pattern.ends_with("/pdf") && !r.pattern.ends_with("/cases/export"))
        routes_.push_back(&r);
    }
    for (const auto& c : callers_)
      if (c.user_id >= kFirstTargetUser && c.user_id < kFirstTargetUser + kTargetUsers)
        Fail("a caller is among the accounts the user routes act on: " + c.login);
  }

  void SignIn(Caller& c) {
    http::RawRequest req{bhttp::verb::post, "/api/v1/session", 11};
    req.set(bhttp::field::host, "fuzz.local");
    req.set(bhttp::field::content_type, "application/json");
    req.body() =
        boost::json::serialize(boost::json::object{{"login", c.login}, {"password", kPassword}});
    req.prepare_payload();
    const auto res = fuzz::RunToEnd(app_->dispatcher(), ioc_, req, c.client_ip);
    c.cookie.clear();
    c.csrf.clear();
    if (res.result_int() != 200) return;
    const auto [first, last] = res.equal_range(bhttp::field::set_cookie);
    for (auto field = first; field != last; ++field) {
      const std::string_view v = field->value();
      if (!c.cookie.empty()) c.cookie += "; ";
      c.cookie += v.substr(0, v.find(';'));
    }
    boost::system::error_code ec;
    const auto body = boost::json::parse(res.body(), ec);
    if (ec || !body.is_object()) return;
    if (const auto* t = body.as_object().if_contains("csrf_token"); t && t->is_string())
      c.csrf = std::string(t->as_string());
    if (const auto* user = body.as_object().if_contains("user"); user && user->is_object())
      if (const auto* id = user->as_object().if_contains("id"); id && id->is_int64())
        c.user_id = id->as_int64();
  }

  /// The `which`-th signed-in account (of those) whose role has `permission`.
  Caller* PickCaller(std::string_view permission, unsigned which) {
    std::vector<Caller*> able;
    for (auto& c : callers_)
      if (domain::RoleHas(c.role, permission)) able.push_back(&c);
    return able.empty() ? nullptr : able[which % able.size()];
  }

  /// The pattern with each parameter replaced: ids 1..8 (cases, people, rooms...), the target
  /// accounts' ids for users, the demo regions' codes; `choice` picks among them.
  static std::string FillPath(std::string_view pattern, unsigned choice) {
    static const char* kCodes[] = {"330784",          "330784001", "330784001001",
                                   "330784001001001", "330784002", "999999"};
    std::string out;
    const bool users = pattern.starts_with("/api/v1/users/");
    while (!pattern.empty()) {
      const auto open = pattern.find('{');
      if (open == std::string_view::npos) {
        out += pattern;
        break;
      }
      out += pattern.substr(0, open);
      const auto close = pattern.find('}', open);
      const auto name = pattern.substr(open + 1, close - open - 1);
      if (name == "code")
        out += kCodes[choice % std::size(kCodes)];
      else if (users)
        out += std::to_string(kFirstTargetUser + choice % kTargetUsers);
      else
        out += std::to_string(1 + choice % 8);
      pattern.remove_prefix(close + 1);
    }
    return out;
  }

  /// The bytes as a query string: what a URL may carry as is, the rest percent-encoded.
  static std::string QueryText(std::string_view bytes) {
    std::string out;
    for (unsigned char ch : bytes) {
      if (std::isalnum(ch) ||
          std::string_view("=&-_.~,:").find(static_cast<char>(ch)) != std::string_view::npos) {
        out += static_cast<char>(ch);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", ch);
        out += buf;
      }
    }
    return out;
  }

  void Check(const http::Route& route, const http::RawRequest& req,
             const http::Response& res) const {
    const unsigned status = res.result_int();
    const std::string where = std::string(req.method_string()) + ' ' + std::string(req.target());
    if (trace_) std::fprintf(stderr, "%u %s\n", status, where.c_str());
    if (status < 200 || status > 599) Fail("status out of range on " + where);
    if (status == 500 || status == 503)
      Fail(std::to_string(status) + " on " + where + " (route " + route.pattern +
           "): " + res.body() + "\nbody sent: " + req.body());
    if (status < 400 || req.method() == bhttp::verb::head) return;
    if (!fuzz::IsErrorShape(res.body()))
      Fail("an error answer is not the JSON error shape on " + where);
  }

  SystemClock clock_;
  fs::path dir_;
  std::vector<std::pair<std::string, domain::Role>> logins_;
  std::unique_ptr<app::App> app_;
  asio::io_context ioc_;
  std::vector<Caller> callers_;
  std::vector<const http::Route*> routes_;
  long inputs_ = 0;
  /// HEJIA_ROUTES_FUZZ_TRACE=1: a line an input (time, status, request), to see what is reached.
  const bool trace_ = std::getenv("HEJIA_ROUTES_FUZZ_TRACE") != nullptr;
};

Harness& TheHarness() {
  static Harness h;
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Errors (a 500's cause) stay visible; the rest is noise here.
  spdlog::set_level(spdlog::level::err);
  (void)TheHarness();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  TheHarness().OneInput(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
