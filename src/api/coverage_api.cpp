// "One sister per grid" (一格一姐, issue 12, point 1): the volunteer teams' settings, a grid
// sister's grids, the coverage of my area's grids (the uncovered ones with their replacement
// tasks, the sisters covering more grids than allowed) and the replacement tasks. A sister who
// stops (leaves, is retired, is no longer a grid sister) gives her grids up through the kit's
// after_write hook of the volunteers (AfterVolunteerWrite, registered in volunteers_api.cpp).
// Rules: domain/coverage.hpp; rows: store/coverage_repo.hpp, store/settings_repo.hpp.
#include <boost/asio/awaitable.hpp>
#include <set>

#include "api/answer_cache.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/coverage.hpp"
#include "domain/key_family.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "store/coverage_repo.hpp"
#include "store/region_names.hpp"
#include "store/settings_repo.hpp"
#include "store/volunteers_table.hpp"

namespace hejia::api {

namespace {

namespace sk = store::kit;
using domain::Volunteer;

constexpr const char* kNoSuchVolunteer = "志愿者不存在 / no such volunteer";

std::string Joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

// ---- settings ----

json::object SettingsJson(const domain::VolunteerSettings& v) {
  return json::object{{"max_grids_per_sister", v.max_grids_per_sister},
                      {"replacement_due_days", v.replacement_due_days}};
}

asio::awaitable<http::Response> GetSettings(Services& s, http::Request&) {
  auto body = co_await s.db.Read(
      [](store::Connection& c) { return SettingsJson(store::LoadVolunteerSettings(c)); });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> PutSettings(Services& s, http::Request& req) {
  const auto body =
      http::JsonBody::Parse(req.raw.body(), {"max_grids_per_sister", "replacement_due_days"});
  domain::VolunteerSettings next;
  next.max_grids_per_sister = body.RequiredInt("max_grids_per_sister", INT64_MIN, INT64_MAX);
  next.replacement_due_days = body.RequiredInt("replacement_due_days", INT64_MIN, INT64_MAX);
  if (auto problem = domain::CheckVolunteerSettings(next)) people::ThrowProblem(*problem);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const auto before = store::LoadVolunteerSettings(c);
    std::vector<std::string_view> changed;
    if (before.max_grids_per_sister != next.max_grids_per_sister)
      changed.push_back("max_grids_per_sister");
    if (before.replacement_due_days != next.replacement_due_days)
      changed.push_back("replacement_due_days");
    if (changed.empty()) return SettingsJson(before);
    store::SaveVolunteerSettings(c, next, now, req.Caller().user_id);
    s.Audit(c, ActorOf(req), "volunteer_settings", "1", "update", "ok", people::FieldList(changed));
    return SettingsJson(store::LoadVolunteerSettings(c));
  });
  store::ListTotalsChanged();  // after the commit: no list or coverage shows the old
  co_return http::JsonResponse(200, answer);
}

// ---- a grid sister's grids ----

json::object GridsJson(int64_t volunteer_id, const std::vector<store::GridRef>& grids) {
  json::array list;
  for (const auto& g : grids)
    list.push_back(json::object{{"code", g.code}, {"name", g.name}, {"path", g.path}});
  return json::object{{"volunteer_id", volunteer_id}, {"grids", std::move(list)}};
}

asio::awaitable<http::Response> GetGrids(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    if (!sk::Load<Volunteer>(c, ScopeOf(req.Caller()), id)) throw NotFound(kNoSuchVolunteer);
    return GridsJson(id, store::GridsOf(c, id));
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> PutGrids(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"grid_codes"});
  const auto given = body.OptStringArray("grid_codes", 2 * domain::kMaxGridsPerSisterLimit, 20);
  if (!given) throw Invalid("grid_codes", "必填 / required");
  const auto codes = domain::DistinctCodes(*given);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    const auto v = sk::Load<Volunteer>(c, scope, id);
    if (!v) throw NotFound(kNoSuchVolunteer);
    const auto settings = store::LoadVolunteerSettings(c);
    if (auto problem = domain::CheckGridAssignment(*v, codes.size(), settings, now))
      people::ThrowProblem(*problem);
    const auto found = store::FindRegions(c, std::set<std::string>(codes.begin(), codes.end()));
    // A grid outside the caller's area is answered exactly like one that does not exist, before
    // anything else is said of any of them.
    for (const auto& code : codes) {
      const auto it = found.find(code);
      if (it == found.end() || !scope.Contains(it->second.path))
        throw people::NotFoundField("grid_codes", "网格不存在 / no such grid: " + code);
    }
    std::vector<store::RegionRow> grids;
    for (const auto& code : codes) {
      const auto& g = found.find(code)->second;
      if (auto problem = domain::CheckGridOf(code, g.level, g.retired, g.path, v->region.path))
        people::ThrowProblem(*problem);
      grids.push_back(g);
    }
    store::ReplaceGrids(c, id, grids, now);
    s.Audit(c, ActorOf(req), "volunteer", std::to_string(id), "assign_grids", "ok",
            "grids=" + Joined(codes));
    return GridsJson(id, store::GridsOf(c, id));
  });
  store::ListTotalsChanged();  // after the commit: no list or coverage shows the old
  co_return http::JsonResponse(200, answer);
}

// ---- coverage and replacement tasks ----

json::value TaskJson(int64_t id, int64_t opened_at, int64_t due_at, int64_t now) {
  return json::object{{"id", id},
                      {"opened_at", FormatBeijing(opened_at)},
                      {"due_at", FormatBeijing(due_at)},
                      {"overdue", domain::IsOverdue(due_at, now)}};
}

/// The whole city's coverage is read often (the coverage page, the to-do) and costs a few tens of
/// milliseconds: kept between writes, for at most 5 seconds of the clock.
AnswerCache& CoverageAnswers() {
  static AnswerCache cache(5'000);
  return cache;
}

asio::awaitable<http::Response> GetCoverage(Services& s, http::Request& req) {
  const auto region = http::QueryText(req, "region", 20);
  const bool own = people::OwnQuery(req);
  const int64_t now = s.clock.NowMillis();
  const auto& caller = req.Caller();
  // What the answer depends on besides the data: the caller's scope and the region asked for.
  const std::string key =
      caller.region_path + '|' + std::to_string(static_cast<int>(caller.role)) + '|' +
      (caller.role == domain::Role::kMediator ? std::to_string(caller.user_id) : std::string()) +
      '|' + region.value_or("-") + (own ? "|own" : "");
  if (auto kept = CoverageAnswers().Find(key, now)) co_return http::JsonResponse(200, *kept);
  const uint64_t generation = AnswerCache::Generation();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = people::ListScope(c, req.Caller(), region, own);
    const auto settings = store::LoadVolunteerSettings(c);
    const auto cov = store::ReadCoverage(c, scope, now, settings.max_grids_per_sister);
    const auto names = s.region_names->Names(c);
    json::array uncovered, overloaded;
    for (const auto& g : cov.uncovered)
      uncovered.push_back(json::object{
          {"code", g.code},
          {"name", g.name},
          {"path", g.path},
          {"village",
           json::object{{"code", g.village_code}, {"name", names.NameOf(c, g.village_code)}}},
          {"task",
           g.task_id ? TaskJson(g.task_id, g.opened_at, g.due_at, now) : json::value(nullptr)}});
    for (const auto& o : cov.overloaded)
      overloaded.push_back(json::object{{"id", o.id},
                                        {"name", o.name},
                                        {"region_code", o.region_code},
                                        {"region_name", names.NameOf(c, o.region_code)},
                                        {"grids", o.grids}});
    return json::object{{"grids", cov.grids},
                        {"covered", cov.grids - static_cast<int64_t>(cov.uncovered.size())},
                        {"sisters", cov.sisters},
                        {"open_tasks", cov.open_tasks},
                        {"max_grids_per_sister", settings.max_grids_per_sister},
                        {"uncovered", std::move(uncovered)},
                        {"overloaded", std::move(overloaded)}};
  });
  CoverageAnswers().Keep(key, generation, now, body);
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> ListTasks(Services& s, http::Request& req) {
  const http::PageRequest page = http::ParsePage(req, {"id"}, "id", true);
  const auto status = http::QueryText(req, "status", 10);
  std::optional<bool> open;
  if (status && !status->empty()) {
    if (*status != "open" && *status != "closed")
      throw Invalid("status", "应为 open | closed / must be open | closed");
    open = *status == "open";
  }
  const auto region = http::QueryText(req, "region", 20);
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = people::RequestScope(c, req.Caller(), region);
    std::vector<store::CoverageTask> rows;
    const int64_t total = store::ListTasks(c, scope, open, people::ToPageSpec(page), rows);
    auto id_or_null = [](int64_t id) { return id ? json::value(id) : json::value(nullptr); };
    json::array items;
    for (const auto& t : rows)
      items.push_back(json::object{
          {"id", t.id},
          {"grid_code", t.grid_code},
          {"grid_name", t.grid_name},
          {"grid_path", t.grid_path},
          {"status", t.closed_at ? "closed" : "open"},
          {"left_volunteer_id", id_or_null(t.left_volunteer_id)},
          {"opened_at", FormatBeijing(t.opened_at)},
          {"due_at", FormatBeijing(t.due_at)},
          {"overdue", !t.closed_at && domain::IsOverdue(t.due_at, now)},
          {"closed_at", t.closed_at ? json::value(FormatBeijing(t.closed_at)) : nullptr},
          {"closed_by_volunteer_id", id_or_null(t.closed_by_volunteer_id)}});
    return http::PageBody(std::move(items), page, total);
  });
  co_return http::JsonResponse(200, body);
}

json::value ArrayOf(json::value item) {
  return json::object{{"type", "array"}, {"items", item}};
}

/// An object schema from one line of fields, with objects and arrays of objects set in it.
json::value ShapeWith(std::string_view fields, std::string_view required,
                      std::initializer_list<std::pair<std::string_view, json::value>> more) {
  json::value shape = schema::Shape(fields, required);
  auto& props = shape.as_object()["properties"].as_object();
  for (const auto& [name, value] : more) props[name] = value;
  return shape;
}

}  // namespace

void AfterVolunteerWrite(Services& s, store::Connection& c, const http::Request& req, int64_t id,
                         int64_t now) {
  const auto v = sk::Load<Volunteer>(c, ScopeOf(req.Caller()), id);
  if (!v || domain::HoldsGrids(*v, now)) return;
  const auto settings = store::LoadVolunteerSettings(c);
  const auto released = store::ReleaseGrids(c, id, now, domain::ReplacementDue(now, settings));
  if (released.grids.empty()) return;
  s.Audit(c, ActorOf(req), "volunteer", std::to_string(id), "release_grids", "ok",
          "grids=" + Joined(released.grids) + " tasks=" + Joined(released.opened));
}

void AddCoverageRoutes(http::Router& router, Services& s) {
  const auto settings = schema::Shape("max_grids_per_sister:integer replacement_due_days:integer",
                                      "max_grids_per_sister replacement_due_days");
  AreaRoutes set(router, s, "/api/v1/volunteer-settings", "volunteer");
  set.Add(verb::get, "", "volunteer.read",
          "The volunteer teams' settings: grids per grid sister, days to replace one", GetSettings,
          {.response_schema = settings});
  set.Add(verb::put, "", "volunteer.settings",
          "Change the grids per grid sister and the days to replace one", PutSettings,
          {.body_schema = settings, .response_schema = settings});

  const auto grid = schema::Shape("code name path", "code name path");
  const auto grids =
      ShapeWith("volunteer_id:integer", "volunteer_id grids", {{"grids", ArrayOf(grid)}});
  AreaRoutes volunteers(router, s, "/api/v1/volunteers", "volunteer");
  volunteers.Add(verb::get, "/{id}/grids", "volunteer.read", "A grid sister's grids", GetGrids,
                 {.response_schema = grids});
  volunteers.Add(
      verb::put, "/{id}/grids", "volunteer.write",
      "Set a grid sister's grids (at most the setting's number, inside her region); each "
      "grid's open replacement task closes",
      PutGrids,
      {.body_schema = schema::Shape("grid_codes:string[]", "grid_codes"),
       .response_schema = grids});

  json::value task =
      schema::Shape("id:integer opened_at due_at overdue:boolean", "id opened_at due_at overdue");
  task.as_object()["nullable"] = true;
  const auto uncovered =
      ShapeWith("code name path", "code name path village task",
                {{"village", schema::Shape("code name", "code name")}, {"task", task}});
  const auto overloaded = schema::Shape("id:integer name region_code region_name grids:integer",
                                        "id name region_code region_name grids");
  AreaRoutes coverage(router, s, "/api/v1/coverage", "volunteer");
  coverage.Add(verb::get, "", "volunteer.read",
               "One sister per grid: my area's grids, the uncovered ones with their replacement "
               "tasks, and the sisters over the limit",
               GetCoverage,
               {.query = {kRegionQuery, kOwnQuery},
                .response_schema = ShapeWith(
                    "grids:integer covered:integer sisters:integer open_tasks:integer "
                    "max_grids_per_sister:integer",
                    "grids covered sisters open_tasks max_grids_per_sister uncovered overloaded",
                    {{"uncovered", ArrayOf(uncovered)}, {"overloaded", ArrayOf(overloaded)}})});
  AreaRoutes tasks(router, s, "/api/v1/coverage-tasks", "volunteer");
  tasks.Add(verb::get, "", "volunteer.read",
            "The replacement tasks of my area's grids (a grid whose last sister left), newest "
            "first",
            ListTasks,
            {.query = {OneOf("status", {"open", "closed"}, "open or closed"), kRegionQuery},
             .response_schema = schema::Shape(
                 "id:integer grid_code grid_name grid_path status left_volunteer_id:integer? "
                 "opened_at due_at overdue:boolean closed_at:string? "
                 "closed_by_volunteer_id:integer?",
                 "id grid_code grid_name grid_path status opened_at due_at overdue"),
             .paged = true});
}

}  // namespace hejia::api
