#include "harness.hpp"
#include "schema_check.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "app/commands.hpp"
#include "common/clock.hpp"
#include "security/password_hash.hpp"
#include "store/migrations.hpp"

namespace hejia::testing {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace asio = boost::asio;

std::string HttpResult::ErrorCode() const {
  if (!json.is_object() || !json.as_object().contains("error")) return "";
  const auto& e = json.at("error");
  return e.is_object() && e.as_object().contains("code") ? std::string(e.at("code").as_string())
                                                         : "";
}

std::string HttpResult::ErrorField() const {
  if (!json.is_object() || !json.as_object().contains("error")) return "";
  const auto& e = json.at("error").as_object();
  return e.contains("field") ? std::string(e.at("field").as_string()) : "";
}

HttpResult Client::Request(const std::string& method, const std::string& target,
                           const std::string& body,
                           const std::map<std::string, std::string>& headers) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::user_agent, "hejia-api-test");
  if (!cookie_.empty()) req.set(bhttp::field::cookie, cookie_);
  if (method != "GET" && method != "HEAD" && !csrf_.empty()) req.set("X-CSRF-Token", csrf_);
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  // The server may answer (413) and close before an oversized body is fully sent: a failed write
  // is not the end, the answer is still there to read.
  beast::error_code write_ec;
  bhttp::write(stream, req, write_ec);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buffer, parser);
  auto res = parser.release();
  HttpResult out;
  out.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(c));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  boost::system::error_code ec;
  out.json = boost::json::parse(out.body, ec);
  if (ec) out.json = nullptr;
  RecordAnswer(method, target, out.status, out.json);
  // Keep the cookies as a browser would (every Set-Cookie, not only the last).
  for (const auto& f : res)
    if (f.name() == bhttp::field::set_cookie) KeepCookie(std::string(f.value()));
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return out;
}

void Client::KeepCookie(const std::string& sc) {
  const std::string pair = sc.substr(0, sc.find(';'));
  const auto eq = pair.find('=');
  if (eq == std::string::npos) return;
  const std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
  if (value.empty() || sc.find("Max-Age=0") != std::string::npos)
    jar_.erase(name);
  else
    jar_[name] = value;
  JoinCookies();
}

void Client::set_cookie(std::string c) {
  jar_.clear();
  size_t pos = 0;
  while (pos < c.size()) {
    size_t end = c.find(';', pos);
    if (end == std::string::npos) end = c.size();
    std::string pair = c.substr(pos, end - pos);
    while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
    const auto eq = pair.find('=');
    if (eq != std::string::npos) jar_[pair.substr(0, eq)] = pair.substr(eq + 1);
    pos = end + 1;
  }
  JoinCookies();
}

void Client::DropCookie(const std::string& name) {
  jar_.erase(name);
  JoinCookies();
}

void Client::JoinCookies() {
  cookie_.clear();
  for (const auto& [name, value] : jar_) {
    if (!cookie_.empty()) cookie_ += "; ";
    cookie_ += name + "=" + value;
  }
}

HttpResult Client::SignIn(const std::string& login, const std::string& password,
                          const std::string& totp) {
  boost::json::object body{{"login", login}, {"password", password}};
  if (!totp.empty()) body["totp"] = totp;
  auto r = Post("/api/v1/session", body);
  if (r.status == 200) csrf_ = std::string(r.json.at("csrf_token").as_string());
  return r;
}

namespace {

void ResetPostgres(const std::string& url) {
  auto db = store::OpenDatabase(url, {});
  db->WriteSync([](store::Connection& c) {
    c.ExecuteScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  });
  db->Stop();
}

}  // namespace

TestServer& TestServer::Get() {
  static TestServer* server = new TestServer();  // lives for the whole test binary
  return *server;
}

namespace {

/// Where the server's clock starts: now, or HEJIA_TEST_CLOCK_START (an ISO 8601 time with offset),
/// so the whole suite can be run at the awkward days of the year (1 January 00:30, 29 February).
int64_t ClockStartMillis() {
  if (const char* start = std::getenv("HEJIA_TEST_CLOCK_START"); start && *start) {
    auto at = ParseIsoTime(start);
    if (!at) throw std::runtime_error("HEJIA_TEST_CLOCK_START: not an ISO 8601 time with offset");
    return *at;
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

TestServer::TestServer() : clock_(ClockStartMillis()) {
  security::SetPasswordHashCost(security::PasswordHashCost::kTest);
  const char* kind = std::getenv("HEJIA_TEST_DB");
  kind_ = kind && *kind ? kind : "sqlite";
  app::AppConfig config;
  config.listen = "127.0.0.1:0";
  // The tests' client is the proxy on loopback: a test may speak for another client address
  // through X-Real-IP (the public portal's per-client limits).
  config.trust_proxy = true;
  config.static_root = "";
  if (kind_ == "postgres") {
    const char* url = std::getenv("HEJIA_TEST_PG_URL");
    if (!url || !*url) throw std::runtime_error("HEJIA_TEST_PG_URL is not set");
    config.db_url = url;
    ResetPostgres(config.db_url);
    const auto dir =
        std::filesystem::temp_directory_path() / ("hejia-api-pg-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string key_file = (dir / "keys").string();
    std::filesystem::remove(key_file);
    auto created = security::LoadOrCreateKeyFile(key_file);
    config.key_file = key_file;
    // Attachments of this run (fresh keys every run) beside its keys, never in ./data/files.
    std::filesystem::remove_all(dir / "files");
    config.files_dir = (dir / "files").string();
    // This run's audit anchors (a fresh database every run), never in ./data.
    std::filesystem::remove(dir / "audit-anchor");
    config.audit_anchor = (dir / "audit-anchor").string();
  } else {
    const auto dir =
        std::filesystem::temp_directory_path() / ("hejia-api-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    config.db_url = "sqlite:" + (dir / "test.db").string();
  }
  {
    auto keys = app::LoadKeys(config.db_url, config.key_file);
    auto db = store::OpenDatabase(config.db_url, {});
    db->WriteSync([](store::Connection& c) { store::Migrate(c); });
    std::ostringstream accounts;
    app::LoadDemoData(*db, *keys, clock_, kDemoPassword, accounts, app::DemoSize::kSmall,
                      std::filesystem::path(app::FilesDir(config)) / "media");
    db->Stop();
    std::istringstream lines(accounts.str());
    std::string line;
    while (std::getline(lines, line)) {
      const auto t1 = line.find('\t'), t2 = line.rfind('\t');
      if (t1 == std::string::npos || t1 == t2) continue;
      demo_regions_[line.substr(0, t1)] = line.substr(t2 + 1);
    }
  }
  app_ = std::make_unique<app::App>(config, clock_);
  // The portal's proof of work at 8 bits (~256 hashes), so the tests' solver is instant.
  app_->services().settings.public_pow_difficulty = 8;
  app_->services().settings.cockpit_stale_ms = 0;
  app_->Start();
}

Client TestServer::As(const std::string& login) {
  Client c(port());
  auto it = sessions_.find(login);
  if (it != sessions_.end()) {
    c.set_cookie(it->second.first);
    c.set_csrf(it->second.second);
    if (c.Get("/api/v1/session").status == 200) return c;
    c = Client(port());
  }
  auto r = c.SignIn(login);
  if (r.status != 200) throw std::runtime_error("demo sign-in failed for " + login + ": " + r.body);
  sessions_[login] = {c.cookie(), c.csrf()};
  return c;
}

}  // namespace hejia::testing
