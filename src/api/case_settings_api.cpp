// The case settings (docs/design/cases.md, "Routing, night clinic, limits"): routing, the night
// clinic's hours and the time limits, read by anyone who works on cases and changed (optimistic,
// audited with the names of the changed fields) by those who may. Registered from AddCaseRoutes.
#include <boost/asio/use_awaitable.hpp>

#include "api/case_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"

namespace hejia::api {

namespace {

// ---- settings ----

json::object SettingsJson(const store::StoredCaseSettings& stored) {
  json::object o = domain::ToJson(stored.settings);
  o["version"] = stored.version;
  o["updated_at"] = stored.updated_at ? json::value(FormatBeijing(stored.updated_at)) : nullptr;
  return o;
}

asio::awaitable<http::Response> GetSettingsRoute(Services& s, http::Request& req) {
  auto stored =
      co_await s.db.Read([&](store::Connection& c) { return store::LoadStoredCaseSettings(c); });
  co_return http::JsonResponse(200, SettingsJson(stored));
}

asio::awaitable<http::Response> PutSettingsRoute(Services& s, http::Request& req) {
  boost::system::error_code ec;
  json::value parsed = json::parse(req.raw.body(), ec);
  if (ec) throw BadRequest("请求体不是有效的 JSON / malformed JSON body");
  if (!parsed.is_object()) throw BadRequest("请求体必须是 JSON 对象 / body must be a JSON object");
  json::object body = parsed.as_object();
  const auto* v = body.if_contains("version");
  if (!v || !v->is_int64() || v->as_int64() < 0)
    throw Invalid("version", "请提供读取时的版本号 / send the version you read");
  const int64_t version = v->as_int64();
  body.erase("version");
  body.erase("updated_at");
  std::string fields;
  for (const auto& kv : body) fields += (fields.empty() ? "" : ",") + std::string(kv.key());
  const json::value rest = body;
  const int64_t now = s.clock.NowMillis();
  auto saved = co_await s.db.Write([&](store::Connection& c) {
    auto stored = store::LoadStoredCaseSettings(c);
    if (stored.version != version) throw cases::Stale(SettingsJson(stored));
    const auto settings = domain::CaseSettingsFromJson(rest, stored.settings);
    if (!store::SaveCaseSettings(c, settings, version, now))
      throw cases::Stale(SettingsJson(stored));
    s.Audit(c, ActorOf(req), "case_settings", "1", "update", "ok", "fields=" + fields);
    return store::LoadStoredCaseSettings(c);
  });
  co_return http::JsonResponse(200, SettingsJson(saved));
}

}  // namespace

void AddCaseSettingsRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/case-settings", "cases");
  area.Add(verb::get, "", "case.read", "Routing, night-clinic hours and time limits of cases",
           GetSettingsRoute, {.response_schema = schema::AnyObject()});
  area.Add(verb::put, "", "case.settings", "Change the case settings (send the version you read)",
           PutSettingsRoute,
           {.body_schema = schema::AnyObject(), .response_schema = schema::AnyObject()});
}

}  // namespace hejia::api
