// Trainings and lectures for volunteers (issue 12, point 4): the record kit's routes, the
// attendance of one (the volunteers of my area who came, replaced as a whole, audited) and the
// trainings of one volunteer.
#include <algorithm>

#include "api/people_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "store/training_repo.hpp"
#include "store/trainings_table.hpp"
#include "store/volunteers_table.hpp"

namespace hejia::api {

namespace {

namespace sk = store::kit;
using domain::Training;

const kit::RecordRoutes kTrainingRoutes{.path = "/api/v1/trainings",
                                        .tag = "training",
                                        .read_permission = "training.read",
                                        .write_permission = "training.write",
                                        .noun = "training",
                                        .not_found = "培训不存在 / no such training"};

/// GET /trainings/{id}/attendance
asio::awaitable<http::Response> Attendance(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    if (!sk::Load<Training>(c, ScopeOf(req.Caller()), id))
      throw NotFound(kTrainingRoutes.not_found);
    json::array items;
    for (const auto& a : store::LoadAttendance(c, id))
      items.push_back(json::object{{"volunteer_id", a.volunteer_id},
                                   {"name", a.name},
                                   {"member_type", a.member_type},
                                   {"level", a.level}});
    const auto total = static_cast<int64_t>(items.size());
    return json::object{{"items", std::move(items)}, {"total", total}};
  });
  co_return http::JsonResponse(200, body);
}

/// PUT /trainings/{id}/attendance {version, volunteer_ids}: who came, as a whole.
asio::awaitable<http::Response> SetAttendance(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"version", "volunteer_ids"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  std::vector<int64_t> ids;
  const auto it = body.object().find("volunteer_ids");
  if (it == body.object().end() || !it->value().is_array() ||
      it->value().as_array().size() > domain::kAttendanceMax)
    throw Invalid("volunteer_ids", "应为至多 2000 个志愿者编号 / at most 2000 volunteer ids");
  for (const auto& x : it->value().as_array()) {
    if (!x.is_int64() || x.as_int64() < 1)
      throw Invalid("volunteer_ids", "应为志愿者编号 / must be volunteer ids");
    if (std::ranges::find(ids, x.as_int64()) == ids.end()) ids.push_back(x.as_int64());
  }
  co_return co_await kit::Change<Training>(
      s, kTrainingRoutes, req, "attendance",
      [&](store::Connection& c, const ScopeFilter& scope,
          Training& t) -> std::optional<std::string> {
        if (t.meta.version != version) throw StaleVersion(kit::ToJson(t));
        const auto unknown = store::UnknownAttendees(c, ids, scope.lower, scope.upper);
        if (!unknown.empty())
          throw people::NotFoundField("volunteer_ids",
                                      "志愿者不存在或不在本辖区 / no such volunteer in my area: " +
                                          std::to_string(unknown.front()));
        store::ReplaceAttendance(c, t.meta.id, ids);
        t.attendance = static_cast<int64_t>(ids.size());
        return "volunteers=" + std::to_string(ids.size());
      });
}

/// GET /volunteers/{id}/trainings: the trainings a volunteer of my area attended.
asio::awaitable<http::Response> VolunteerTrainings(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    if (!sk::Load<domain::Volunteer>(c, ScopeOf(req.Caller()), id))
      throw NotFound("志愿者不存在 / no such volunteer");
    json::array items;
    for (const auto& t : store::TrainingsOfVolunteer(c, id))
      items.push_back(json::object{{"id", t.id},
                                   {"title", t.title},
                                   {"kind", t.kind},
                                   {"held_at", FormatBeijing(t.held_at)}});
    const auto count = static_cast<int64_t>(items.size());
    return json::object{{"count", count}, {"items", std::move(items)}};
  });
  co_return http::JsonResponse(200, body);
}

}  // namespace

void AddTrainingRoutes(http::Router& router, Services& s) {
  kit::AddRecordRoutes<Training>(router, s, kTrainingRoutes);
  AreaRoutes area(router, s, kTrainingRoutes.path, kTrainingRoutes.tag);
  area.Add(verb::get, "/{id}/attendance", kTrainingRoutes.read_permission,
           "The volunteers who attended a training", Attendance,
           {.response_schema = schema::Shape("items:object[] total:integer", "items total")});
  area.Add(verb::put, "/{id}/attendance", kTrainingRoutes.write_permission,
           "Who attended a training (volunteers of my area), replaced as a whole", SetAttendance,
           {.body_schema =
                schema::Shape("version:integer volunteer_ids:integer[]", "version volunteer_ids"),
            .response_schema = kit::ResponseSchema<Training>()});
  AreaRoutes volunteers(router, s, "/api/v1/volunteers", "volunteer");
  volunteers.Add(verb::get, "/{id}/trainings", "volunteer.read",
                 "The trainings a volunteer attended, newest first", VolunteerTrainings,
                 {.response_schema = schema::Shape("count:integer items:object[]", "count items")});
}

}  // namespace hejia::api
