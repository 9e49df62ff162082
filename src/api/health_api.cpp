// Liveness, readiness and the OpenAPI document.
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"

namespace hejia::api {

namespace {

asio::awaitable<http::Response> Live(Services&, http::Request&) {
  co_return http::JsonResponse(200, json::object{{"status", "ok"}});
}

asio::awaitable<http::Response> Ready(Services& s, http::Request&) {
  bool ok = false;
  try {
    ok =
        co_await s.db.Read([](store::Connection& c) { return c.QueryOne("SELECT 1").has_value(); });
  } catch (const std::exception&) {
    ok = false;
  }
  co_return http::JsonResponse(ok ? 200 : 503, json::object{{"status", ok ? "ok" : "unavailable"}});
}

}  // namespace

void AddHealthRoutes(http::Router& router, Services& s) {
  const std::string pub(http::kPublic);
  const auto status = schema::Shape("status:string");
  AreaRoutes area(router, s, "", "health");
  area.Add(verb::get, "/healthz", pub, "Liveness: the process answers", Live,
           {.response_schema = status});
  area.Add(verb::get, "/readyz", pub, "Readiness: the database answers", Ready,
           {.response_schema = status});
  area.Add(verb::get, "/api/v1/openapi.json", pub, "This API's OpenAPI 3 document",
           [&router](Services&, http::Request&) -> asio::awaitable<http::Response> {
             co_return http::JsonResponse(200, http::BuildOpenApi(router));
           },
           {.response_schema = schema::AnyObject()});
}

}  // namespace hejia::api
