// Volunteers of the three-level teams and their service records (issue 12, point 1): the record
// kit's routes for both; a service record typed by hand is placed in its volunteer's region (the
// POST here), those written by visits and events come from their own routes. Coverage (a grid
// sister's grids, the uncovered grids, replacement tasks) and the settings: coverage_api.cpp,
// kept in step by the volunteers' after_write hook.
#include <boost/asio/awaitable.hpp>

#include "api/people_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "store/volunteers_table.hpp"

namespace hejia::api {

namespace {

namespace sk = store::kit;
using domain::ServiceRecord;
using domain::Volunteer;

const kit::RecordRoutes kServiceRoutes{.path = "/api/v1/volunteer-services",
                                       .tag = "volunteer_service",
                                       .read_permission = "volunteer.read",
                                       .write_permission = "volunteer.write",
                                       .reveal_permission = "",
                                       .noun = "service record",
                                       .not_found = "服务记录不存在 / no such service record",
                                       .create = false};

/// POST /volunteer-services: a service typed by hand, placed in the volunteer's region.
asio::awaitable<http::Response> CreateService(Services& s, http::Request& req) {
  static const auto allowed = [] {
    auto names = kit::BodyFields<ServiceRecord>(false);
    names.push_back("volunteer_id");
    return names;
  }();
  const auto body = http::JsonBody::Parse(req.raw.body(), allowed);
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    const int64_t volunteer_id = body.RequiredInt("volunteer_id", 1, INT64_MAX);
    auto volunteer = sk::Load<Volunteer>(c, scope, volunteer_id);
    if (!volunteer || volunteer->meta.retired)
      throw people::NotFoundField("volunteer_id", "志愿者不存在 / no such volunteer");
    ServiceRecord rec;
    rec.volunteer_id = volunteer_id;
    rec.region = volunteer->region;
    std::vector<std::string_view> changed{"volunteer_id"};
    const kit::ParseContext ctx{c, scope, true};
    sk::ForEachField<ServiceRecord>([&](const auto& f) { kit::Take(f, body, rec, ctx, changed); });
    if (rec.served_at > now) throw Invalid("served_at", "不能晚于现在 / must not be in the future");
    const int64_t id = sk::Insert(c, s.cipher, rec, now);
    s.Audit(c, ActorOf(req), kServiceRoutes.tag, std::to_string(id), "create", "ok",
            people::FieldList(changed));
    return kit::ToJson(*sk::Load<ServiceRecord>(c, scope, id));
  });
  store::ListTotalsChanged();  // after the commit: no list shows the old totals
  co_return http::JsonResponse(201, created);
}

json::value ServiceBody() {
  json::value body = kit::BodySchema<ServiceRecord>(false);
  auto& o = body.as_object();
  o["properties"].as_object()["volunteer_id"] = json::object{{"type", "integer"}, {"minimum", 1}};
  o["required"].as_array().emplace_back("volunteer_id");
  return body;
}

}  // namespace

// A grid sister who stops gives her grids up (coverage_api.cpp).
void AfterVolunteerWrite(Services& s, store::Connection& c, const http::Request& req, int64_t id,
                         int64_t now);

void AddVolunteerRoutes(http::Router& router, Services& s) {
  kit::AddRecordRoutes<Volunteer>(router, s,
                                  {.path = "/api/v1/volunteers",
                                   .tag = "volunteer",
                                   .read_permission = "volunteer.read",
                                   .write_permission = "volunteer.write",
                                   .reveal_permission = "volunteer.reveal",
                                   .noun = "volunteer",
                                   .not_found = "志愿者不存在 / no such volunteer",
                                   .after_write = AfterVolunteerWrite});
  kit::AddRecordRoutes<ServiceRecord>(router, s, kServiceRoutes);
  AreaRoutes area(router, s, kServiceRoutes.path, kServiceRoutes.tag);
  area.Add(verb::post, "", kServiceRoutes.write_permission,
           "Record a volunteer's service by hand (placed in her region)", CreateService,
           {.body_schema = ServiceBody(),
            .response_schema = kit::ResponseSchema<ServiceRecord>(),
            .success_status = 201});
}

}  // namespace hejia::api
