// libFuzzer target for everything that reads untrusted bytes before any business rule runs:
//  (a) the Beast request parser with the server's limits, then the whole request pipeline
//      (http::Dispatcher: target parsing, routing, sign-in gate, CSRF, permission, error mapping)
//      over a router of test routes whose handlers use the strict body and query readers;
//  (b) http::JsonBody::Parse and every getter, on the raw input;
//  (c) the domain readers of uploaded text (CSV, ID card numbers, phone numbers).
// Every input is fed to all three. A client mistake must end as an error response (ApiError is
// caught by the dispatcher), never as a crash, a sanitizer report or an escaping exception.
//
// Build: cmake -S . -B build/fuzz -DHEJIA_FUZZ=ON (with CC=clang CXX=clang++), target
// hejia_request_fuzz. Run: build/fuzz/tests/fuzz/hejia_request_fuzz tests/fuzz/corpus
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include <spdlog/spdlog.h>

#include "common/error.hpp"
#include "domain/csv.hpp"
#include "domain/id_card.hpp"
#include "domain/phone.hpp"
#include "http/error_status.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

#include "fuzz_kit.hpp"

namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using namespace hejia;

/// Signs nobody in: every non-public route must answer 401 without reaching its handler.
class NobodyGatekeeper final : public http::Gatekeeper {
 public:
  asio::awaitable<std::optional<http::Principal>> Authenticate(const http::RawRequest&,
                                                               const std::string&) override {
    co_return std::nullopt;
  }
  bool RoleHas(domain::Role, std::string_view) const override { return false; }
  boost::asio::awaitable<void> RecordDenied(const http::Request&, const http::Route&,
                                            std::string_view) override {
    co_return;
  }
};

using fuzz::Fail;

/// Every getter of a parsed body, each of which may refuse the field with an ApiError.
void ExerciseBody(const http::JsonBody& body) {
  const auto attempt = [](auto&& f) {
    try {
      f();
    } catch (const ApiError& e) {
      if (http::HttpStatus(e.kind()) != 400) Fail("a body getter answered something else than 400");
    }
  };
  for (std::string_view field : {"name", "age", "tags", "flag", "note", "missing"}) {
    (void)body.Has(field);
    attempt([&] { (void)body.RequiredString(field, 20); });
    attempt([&] { (void)body.OptString(field, 5); });
    attempt([&] { (void)body.RequiredInt(field, -5, 150); });
    attempt([&] { (void)body.OptInt(field, 0, 1); });
    attempt([&] { (void)body.OptBool(field); });
    attempt([&] { (void)body.OptStringArray(field, 3, 10); });
  }
}

/// A route of the fuzz router: public unless a permission is named.
http::Route FuzzRoute(bhttp::verb method, std::string pattern, std::string summary,
                      http::Handler handler, std::string_view permission = http::kPublic) {
  http::Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  r.permission = std::string(permission);
  r.summary = "fuzz: " + std::move(summary);
  r.tag = "fuzz";
  r.handler = std::move(handler);
  return r;
}

http::Router MakeRouter() {
  http::Router router;
  auto echo =
      FuzzRoute(bhttp::verb::get, "/api/v1/things/{id}", "path parameter and paging",
                [](http::Request& req) -> asio::awaitable<http::Response> {
                  const auto page = http::ParsePage(req, {"name", "created_at"}, "name");
                  const auto limit = http::QueryInt(req, "limit", -10, 10);
                  const auto q = http::QueryText(req, "q", 20);
                  boost::json::object o{
                      {"id", req.Param("id")}, {"q", q ? *q : ""}, {"limit", limit.value_or(0)}};
                  co_return http::JsonResponse(200, http::PageBody({o}, page, 1));
                });
  echo.paged = true;
  router.Add(std::move(echo));

  auto create = FuzzRoute(
      bhttp::verb::post, "/api/v1/things", "strict body",
      [](http::Request& req) -> asio::awaitable<http::Response> {
        auto body = http::JsonBody::Parse(req.raw.body(), {"name", "age", "tags", "flag", "note"});
        ExerciseBody(body);
        const auto name = body.RequiredString("name", 20);
        const auto age = body.OptInt("age", 0, 150);
        co_return http::JsonResponse(
            201, boost::json::object{{"name", name}, {"age", age.value_or(-1)}});
      });
  create.success_status = 201;
  router.Add(std::move(create));

  router.Add(FuzzRoute(bhttp::verb::post, "/api/v1/things/import", "literal beats parameter",
                       [](http::Request& req) -> asio::awaitable<http::Response> {
                         auto body = http::JsonBody::Parse(req.raw.body(), {"csv"});
                         const auto csv = body.RequiredString("csv", 100000);
                         co_return http::JsonResponse(
                             200, boost::json::object{{"records", domain::ParseCsv(csv).size()}});
                       }));

  // Needs a permission: with nobody signed in the handler must never run.
  for (auto verb : {bhttp::verb::patch, bhttp::verb::delete_, bhttp::verb::get})
    router.Add(FuzzRoute(
        verb, verb == bhttp::verb::get ? "/api/v1/secret" : "/api/v1/things/{id}", "guarded",
        [](http::Request&) -> asio::awaitable<http::Response> {
          Fail("a guarded handler ran without a signed-in caller");
          co_return http::EmptyResponse(204);
        },
        "region.write"));

  router.Add(FuzzRoute(bhttp::verb::get, "/healthz", "health",
                       [](http::Request&) -> asio::awaitable<http::Response> {
                         co_return http::JsonResponse(200, boost::json::object{{"status", "ok"}});
                       }));
  return router;
}

struct Harness {
  http::Router router = MakeRouter();
  NobodyGatekeeper gate;
  http::ServerOptions options;  // the server's limits; no static files
  http::Dispatcher dispatcher{router, gate, options};
  asio::io_context ioc;
};

Harness& TheHarness() {
  static Harness* h = new Harness();  // lives for the whole run, like the server's
  return *h;
}

/// (a) Parse like HttpServer::Serve does, then dispatch synchronously.
void FuzzRequest(std::string_view bytes) {
  auto& h = TheHarness();
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(h.options.body_limit);
  parser.eager(true);
  boost::system::error_code ec;
  std::string_view rest = bytes;
  while (!rest.empty() && !parser.is_done()) {
    const size_t used = parser.put(asio::buffer(rest.data(), rest.size()), ec);
    if (ec == bhttp::error::need_more) ec = {};  // the input ends inside the message
    if (ec || used == 0) break;
    rest.remove_prefix(used);
  }
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return;  // the server answers 400/413/431 and closes
  const http::RawRequest req = parser.release();

  const auto answer = fuzz::RunToEnd(h.dispatcher, h.ioc, req, "127.0.0.1");
  const unsigned status = answer.result_int();
  if (status < 200 || status > 599) Fail("status out of range");
  if (answer.find("Content-Security-Policy") == answer.end()) Fail("security headers missing");
  // Every error is the one JSON error shape (HEAD answers carry no body).
  if (status >= 400 && req.method() != bhttp::verb::head) {
    if (!fuzz::IsErrorShape(answer.body())) Fail("an error answer is not the JSON error shape");
  }
}

/// (b) The strict body reader straight on the bytes.
void FuzzBody(std::string_view bytes) {
  try {
    const auto body = http::JsonBody::Parse(bytes, {"name", "age", "tags", "flag", "note"});
    ExerciseBody(body);
  } catch (const ApiError& e) {
    if (http::HttpStatus(e.kind()) != 400) Fail("JsonBody::Parse answered something else than 400");
  }
  (void)http::Utf8Length(bytes);
  (void)http::TrimSpaces(bytes);
}

/// (c) Readers of uploaded or typed text.
void FuzzDomain(std::string_view bytes) {
  for (const auto& record : domain::ParseCsv(bytes)) {
    if (record.line == 0) Fail("CSV record without a line");
  }
  if (auto id = domain::ParseIdCard(bytes)) {
    if (id->normalized.size() != 18) Fail("ID card normalised to other than 18 characters");
  }
  if (auto phone = domain::NormalizePhone(bytes)) {
    for (char c : *phone)
      if (c < '0' || c > '9') Fail("normalised phone holds a non-digit");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);  // 5xx answers log a warning; noise here
  (void)TheHarness();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  FuzzRequest(bytes);
  FuzzBody(bytes);
  FuzzDomain(bytes);
  return 0;
}
