// The figures of visits (issue 12, points 3, 5 and 6): weekend care in person-visits by
// difficulty category, the visitors' level and town, with the tagged people no care visit met;
// the counts a leader sees of every kind of visit — never a name, an address or a finding; and a
// volunteer's own service time (我的服务时长) on her phone.
#include <algorithm>
#include <boost/asio/awaitable.hpp>
#include <map>

#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "domain/person.hpp"
#include "domain/region.hpp"
#include "domain/visit.hpp"
#include "http/paging.hpp"
#include "security/mask.hpp"
#include "store/care_repo.hpp"
#include "store/code_list.hpp"
#include "store/region_names.hpp"
#include "store/visit_repo.hpp"

namespace hejia::api {

namespace {

constexpr std::size_t kRecentServices = 20;

/// The town a grid's path lies in ("/city/town/village/grid/" → town); "" above the towns.
std::string TownOf(std::string_view path) {
  const auto codes = domain::CodesOnPath(path);
  return codes.size() >= 2 ? codes[1] : std::string();
}

json::array CountsJson(const std::vector<store::Count>& counts, std::string_view key) {
  json::array out;
  for (const auto& c : counts) out.push_back(json::object{{key, c.key}, {"count", c.count}});
  return out;
}

/// GET /visits/care-stats: weekend care's person-visits in a period and my area.
asio::awaitable<http::Response> CareStats(Services& s, http::Request& req) {
  const auto period = ParsePeriod(req, s.clock.NowMillis());
  const auto region = http::QueryText(req, "region", 20);
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        const auto f = store::LoadCareFigures(c, scope, {period.from, period.to});
        std::map<std::string, int64_t> towns;
        for (const auto& g : f.by_grid_path) towns[TownOf(g.key)] += g.count;
        const auto names = s.region_names->Names(c);
        json::array by_town;
        for (const auto& [code, count] : towns)
          by_town.push_back(
              json::object{{"code", code}, {"name", names.NameOf(c, code)}, {"count", count}});
        return json::object{{"from", period.from_text},
                            {"to", period.to_text},
                            {"visits", f.visits},
                            {"person_visits", f.person_visits},
                            {"people", f.people},
                            {"late", f.late},
                            {"by_category", CountsJson(f.by_category, "code")},
                            {"by_level", CountsJson(f.by_level, "level")},
                            {"by_town", std::move(by_town)}};
      });
  co_return http::JsonResponse(200, body);
}

/// GET /visits/care-unvisited: the tagged people of my area no care visit met in the period.
asio::awaitable<http::Response> CareUnvisited(Services& s, http::Request& req) {
  const auto period = ParsePeriod(req, s.clock.NowMillis());
  const http::PageRequest page = http::ParsePage(req, {"region_path"}, "region_path");
  const auto region = http::QueryText(req, "region", 20);
  const std::string tag = http::QueryText(req, "tag", 30).value_or("");
  if (!tag.empty() && !domain::IsDifficultyTag(tag))
    throw Invalid("tag", "未知的困境类别 / unknown difficulty category");
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        int64_t total = 0;
        const auto rows = store::LoadUnvisited(c, scope, {period.from, period.to}, tag,
                                               page.page_size, page.Offset(), total);
        const auto names = s.region_names->Names(c);
        json::array items;
        for (const auto& u : rows) {
          json::array tags;
          for (const auto& t : u.tags) tags.emplace_back(t);
          items.push_back(json::object{
              {"person_id", u.person_id},
              {"name", u.name},
              {"tags", std::move(tags)},
              {"household_id", u.household_id},
              {"region_path", u.region_path},
              {"grid",
               json::object{{"code", u.grid_code}, {"name", names.NameOf(c, u.grid_code)}}}});
        }
        return http::PageBody(std::move(items), page, total);
      });
  co_return http::JsonResponse(200, body);
}

/// GET /visits/households: the households visited in a period (distinct), the rows behind the
/// cockpit's 走访户数; `kind` narrows to one kind of visit.
asio::awaitable<http::Response> VisitedHouseholds(Services& s, http::Request& req) {
  const auto period = ParsePeriod(req, s.clock.NowMillis());
  const http::PageRequest page = http::ParsePage(req, {"last_visited_at"}, "last_visited_at", true);
  const auto region = http::QueryText(req, "region", 20);
  const std::string kind = http::QueryText(req, "kind", 20).value_or("");
  if (!kind.empty() && std::ranges::none_of(domain::kVisitKinds,
                                            [&](auto k) { return domain::ToString(k) == kind; }))
    throw Invalid("kind", "未知的走访类型 / unknown kind of visit");
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        std::vector<store::VisitedHousehold> rows;
        const int64_t total = store::ListVisitedHouseholds(c, scope, {period.from, period.to}, kind,
                                                           page.page_size, page.Offset(), rows);
        const auto names = s.region_names->Names(c);
        json::array items;
        for (const auto& h : rows)
          items.push_back(json::object{
              {"household_id", h.household_id},
              {"grid", json::object{{"code", h.grid_code}, {"name", names.NameOf(c, h.grid_code)}}},
              {"region_path", h.region_path},
              {"visits", h.visits},
              {"last_visited_at", FormatBeijing(h.last_visited_at)}});
        return http::PageBody(std::move(items), page, total);
      });
  co_return http::JsonResponse(200, body);
}

/// GET /visits/care-people: the person-visits of care visits in a period (one row per person
/// met), names masked; the rows behind the care figures.
asio::awaitable<http::Response> CarePeople(Services& s, http::Request& req) {
  const auto period = ParsePeriod(req, s.clock.NowMillis());
  const http::PageRequest page = http::ParsePage(req, {"visited_at"}, "visited_at", true);
  const auto region = http::QueryText(req, "region", 20);
  const std::string category = http::QueryText(req, "category", 30).value_or("");
  if (!category.empty() && !domain::IsDifficultyTag(category))
    throw Invalid("category", "未知的困境类别 / unknown difficulty category");
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        std::vector<store::CarePersonVisit> rows;
        const int64_t total = store::ListCarePersonVisits(
            c, scope, {period.from, period.to}, category, page.page_size, page.Offset(), rows);
        const auto names = s.region_names->Names(c);
        json::array items;
        for (const auto& v : rows) {
          json::array given;
          for (const auto& g : store::DecodeCodes(v.given)) given.emplace_back(g);
          items.push_back(json::object{
              {"visit_id", v.visit_id},
              {"visited_at", FormatBeijing(v.visited_at)},
              {"person_id", v.person_id},
              {"name", security::MaskName(v.name)},
              {"region_path", v.region_path},
              {"category", v.category},
              {"given", std::move(given)},
              {"grid",
               json::object{{"code", v.grid_code}, {"name", names.NameOf(c, v.grid_code)}}}});
        }
        return http::PageBody(std::move(items), page, total);
      });
  co_return http::JsonResponse(200, body);
}

/// GET /visits/summary: counts of visits in a period and my area, by town; no record behind them.
asio::awaitable<http::Response> Summary(Services& s, http::Request& req) {
  const auto period = ParsePeriod(req, s.clock.NowMillis());
  const auto region = http::QueryText(req, "region", 20);
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        const store::Period p{period.from, period.to};
        const auto n = store::LoadVisitCounts(c, scope, p);
        std::map<std::string, std::pair<int64_t, int64_t>> towns;
        for (const auto& g : store::LoadVisitCountsByGrid(c, scope, p)) {
          auto& t = towns[TownOf(g.grid_path)];
          t.first += g.visits;
          t.second += g.households;
        }
        const auto names = s.region_names->Names(c);
        json::array by_town;
        for (const auto& [code, t] : towns)
          by_town.push_back(json::object{{"code", code},
                                         {"name", names.NameOf(c, code)},
                                         {"visits", t.first},
                                         {"households", t.second}});
        return json::object{{"from", period.from_text},
                            {"to", period.to_text},
                            {"visits", n.visits},
                            {"households", n.households},
                            {"must_visit_households", n.must_visit_households},
                            {"problems_found", n.problems_found},
                            {"settled_on_spot", n.settled_on_spot},
                            {"cases_opened", n.cases_opened},
                            {"referrals_open", n.referrals_open},
                            {"late", n.late},
                            {"care_person_visits", n.care_person_visits},
                            {"by_town", std::move(by_town)}};
      });
  co_return http::JsonResponse(200, body);
}

/// GET /me/service: my service time as a volunteer (her team too: a leader records a visit for
/// the whole team) and the visits I went on.
asio::awaitable<http::Response> MyService(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  const int64_t month_start = BeijingDateStartMillis(FormatBeijing(now).substr(0, 8) + "01");
  const auto& caller = req.Caller();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto volunteer = store::VolunteerOfUser(c, caller.user_id, now);
    const auto mine =
        store::LoadMyService(c, volunteer, caller.user_id, month_start, kRecentServices);
    json::value who = nullptr;
    if (volunteer)
      who = json::object{
          {"id", *volunteer},
          {"name", mine.volunteer_name},
          {"team_id", mine.team_id ? json::value(mine.team_id) : json::value(nullptr)}};
    json::array recent;
    for (const auto& r : mine.recent)
      recent.push_back(json::object{{"served_at", FormatBeijing(r.served_at)},
                                    {"minutes", r.minutes},
                                    {"activity", r.activity},
                                    {"source", r.source}});
    return json::object{{"volunteer", std::move(who)},
                        {"minutes_total", mine.minutes_total},
                        {"minutes_this_month", mine.minutes_this_month},
                        {"visits_total", mine.visits_total},
                        {"visits_this_month", mine.visits_this_month},
                        {"recent", std::move(recent)}};
  });
  co_return http::JsonResponse(200, body);
}

json::value CountArray(std::string_view key) {
  return json::object{
      {"type", "array"},
      {"items", schema::Shape(std::string(key) + " count:integer", std::string(key) + " count")}};
}

json::value CareStatsSchema() {
  json::value shape =
      schema::Shape("from to visits:integer person_visits:integer people:integer late:integer",
                    "from to visits person_visits people late by_category by_level by_town");
  auto& props = shape.as_object()["properties"].as_object();
  props["by_category"] = CountArray("code");
  props["by_level"] = CountArray("level");
  props["by_town"] = json::object{
      {"type", "array"}, {"items", schema::Shape("code name count:integer", "code name count")}};
  return shape;
}

json::value UnvisitedSchema() {
  return schema::Shape(
      "person_id:integer name tags:string[] household_id:integer region_path grid:object",
      "person_id name tags household_id region_path grid");
}

json::value SummarySchema() {
  json::value shape = schema::Shape(
      "from to visits:integer households:integer must_visit_households:integer "
      "problems_found:integer settled_on_spot:integer cases_opened:integer "
      "referrals_open:integer late:integer care_person_visits:integer",
      "from to visits households must_visit_households problems_found settled_on_spot "
      "cases_opened referrals_open late care_person_visits by_town");
  shape.as_object()["properties"].as_object()["by_town"] =
      json::object{{"type", "array"},
                   {"items", schema::Shape("code name visits:integer households:integer",
                                           "code name visits households")}};
  return shape;
}

json::value MyServiceSchema() {
  json::value shape = schema::Shape(
      "volunteer:object? minutes_total:integer minutes_this_month:integer visits_total:integer "
      "visits_this_month:integer",
      "volunteer minutes_total minutes_this_month visits_total visits_this_month recent");
  shape.as_object()["properties"].as_object()["recent"] =
      json::object{{"type", "array"},
                   {"items", schema::Shape("served_at minutes:integer activity source",
                                           "served_at minutes activity source")}};
  return shape;
}

}  // namespace

void AddVisitFigureRoutes(http::Router& router, Services& s) {
  const std::vector<http::QueryParam> period{kRegionQuery, FirstDay("1 January"), LastDay("today")};
  AreaRoutes visits(router, s, "/api/v1/visits", "visit");
  visits.Add(verb::get, "/care-stats", "visit.stats",
             "Weekend care: person-visits by difficulty category, level and town", CareStats,
             {.query = period, .response_schema = CareStatsSchema()});
  auto unvisited_query = period;
  std::vector<std::string> tags(domain::kDifficultyTags.begin(), domain::kDifficultyTags.end());
  unvisited_query.push_back(
      OneOf("tag", std::move(tags), "only people with this difficulty category"));
  visits.Add(verb::get, "/care-unvisited", "visit.read",
             "The people with difficulty tags no care visit met in the period", CareUnvisited,
             {.query = unvisited_query, .response_schema = UnvisitedSchema(), .paged = true});
  auto households_query = period;
  households_query.push_back({"kind", "string", "only visits of this kind (must_visit, care, …)"});
  households_query.push_back(kOwnQuery);
  visits.Add(verb::get, "/households", "visit.read",
             "The households visited in the period (distinct; the rows behind 走访户数)",
             VisitedHouseholds,
             {.query = households_query,
              .response_schema = schema::Shape(
                  "household_id:integer grid:object region_path visits:integer last_visited_at",
                  "household_id grid visits last_visited_at"),
              .paged = true});
  auto people_query = period;
  people_query.push_back(OneOf(
      "category",
      std::vector<std::string>(domain::kDifficultyTags.begin(), domain::kDifficultyTags.end()),
      "only person-visits counted under this difficulty category"));
  people_query.push_back(kOwnQuery);
  visits.Add(verb::get, "/care-people", "visit.read",
             "The person-visits of care visits in the period, names masked (the rows behind "
             "关爱人次)",
             CarePeople,
             {.query = people_query,
              .response_schema = schema::Shape(
                  "visit_id:integer visited_at person_id:integer name region_path category "
                  "given:string[] grid:object",
                  "visit_id visited_at person_id name category given grid"),
              .paged = true});
  visits.Add(verb::get, "/summary", "visit.stats",
             "Counts of visits (distinct households, problems settled on the spot, care "
             "person-visits) by town — counts only",
             Summary, {.query = period, .response_schema = SummarySchema()});
  AreaRoutes me(router, s, "/api/v1/me", "visit");
  me.Add(verb::get, "/service", "visit.read", "My service time as a volunteer and my visits",
         MyService, {.response_schema = MyServiceSchema()});
}

}  // namespace hejia::api
