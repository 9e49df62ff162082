// The security settings (store/sign_in_guard.hpp): whether staff who see people's data must use a
// second factor. Read by the administrators who manage accounts, changed (optimistic, audited)
// only by the security administrator. On by default; the demo city turns it off so the demo can
// be tried at once.
#include <boost/asio/use_awaitable.hpp>

#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "http/json_body.hpp"
#include "store/sign_in_guard.hpp"

namespace hejia::api {

namespace {

json::object SettingsJson(const store::SecuritySettings& s) {
  return json::object{
      {"staff_totp_required", s.staff_totp_required},
      {"version", s.version},
      {"updated_at", s.updated_at ? json::value(FormatBeijing(s.updated_at)) : nullptr}};
}

asio::awaitable<http::Response> GetSecuritySettings(Services& s, http::Request&) {
  auto stored =
      co_await s.db.Read([](store::Connection& c) { return store::LoadSecuritySettings(c); });
  co_return http::JsonResponse(200, SettingsJson(stored));
}

asio::awaitable<http::Response> PutSecuritySettings(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(), {"staff_totp_required", "version"});
  const auto required = body.OptBool("staff_totp_required");
  if (!required) throw Invalid("staff_totp_required", "必填 / required");
  const auto version = body.OptInt("version", 0, INT64_MAX);
  if (!version) throw Invalid("version", "请提供读取时的版本号 / send the version you read");
  const int64_t now = s.clock.NowMillis();
  auto saved = co_await s.db.Write([&](store::Connection& c) {
    store::SecuritySettings next;
    next.staff_totp_required = *required;
    if (!store::SaveSecuritySettings(c, next, *version, now))
      throw Conflict("设置已被他人修改，请刷新后重试 / changed by someone else, reload", "version");
    s.Audit(c, ActorOf(req), "security_settings", "1", "update", "ok",
            std::string("staff_totp_required=") + (*required ? "on" : "off"));
    return store::LoadSecuritySettings(c);
  });
  co_return http::JsonResponse(200, SettingsJson(saved));
}

}  // namespace

void AddSecuritySettingsRoutes(http::Router& router, Services& s) {
  const auto shape =
      schema::Shape("staff_totp_required:boolean version:integer updated_at:string?");
  AreaRoutes area(router, s, "/api/v1/security-settings", "users");
  area.Add(verb::get, "", "user.read",
           "Security settings: whether staff who see people's data must use TOTP",
           GetSecuritySettings, {.response_schema = shape});
  area.Add(verb::put, "", "user.security",
           "Change the security settings (send the version you read); applies within seconds",
           PutSecuritySettings,
           {.body_schema = schema::Shape("staff_totp_required:boolean version:integer",
                                         "staff_totp_required version"),
            .response_schema = shape});
}

}  // namespace hejia::api
