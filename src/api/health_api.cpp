// Liveness, readiness and the OpenAPI document.
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"

namespace hejia::api {

void AddHealthRoutes(http::Router& router, Services& s) {
  const std::string pub(http::kPublic);
  router.Add({.method = verb::get,
              .pattern = "/healthz",
              .permission = pub,
              .summary = "Liveness: the process answers",
              .tag = "health",
              .response_schema = schema::Object({{"status", "string"}}),
              .handler = [](http::Request&) -> asio::awaitable<http::Response> {
                co_return http::JsonResponse(200, json::object{{"status", "ok"}});
              }});
  router.Add({.method = verb::get,
              .pattern = "/readyz",
              .permission = pub,
              .summary = "Readiness: the database answers",
              .tag = "health",
              .response_schema = schema::Object({{"status", "string"}}),
              .handler = [&s](http::Request&) -> asio::awaitable<http::Response> {
                bool ok = false;
                try {
                  ok = co_await s.db.Read(
                      [](store::Connection& c) { return c.QueryOne("SELECT 1").has_value(); });
                } catch (const std::exception&) {
                  ok = false;
                }
                co_return http::JsonResponse(ok ? 200 : 503,
                                             json::object{{"status", ok ? "ok" : "unavailable"}});
              }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/openapi.json",
              .permission = pub,
              .summary = "This API's OpenAPI 3 document",
              .tag = "health",
              .response_schema = schema::AnyObject(),
              .handler = [&router](http::Request&) -> asio::awaitable<http::Response> {
                co_return http::JsonResponse(200, http::BuildOpenApi(router));
              }});
}

void AddAllRoutes(http::Router& router, Services& s) {
  AddHealthRoutes(router, s);
  AddSessionRoutes(router, s);
  AddRegionRoutes(router, s);
  AddPeopleRoutes(router, s);
  AddUserRoutes(router, s);
  AddAuditRoutes(router, s);
  AddPublicRoutes(router, s);
  AddConsultationRoutes(router, s);
  AddRoomRoutes(router, s);
  AddCaseRoutes(router, s);
  AddAgreementRoutes(router, s);
  AddCaseExportRoutes(router, s);
  AddAttachmentRoutes(router, s);
  AddSavedFilterRoutes(router, s);
  AddStatsRoutes(router, s);
  AddTeamRoutes(router, s);
}

}  // namespace hejia::api
