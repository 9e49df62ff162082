// Statistics of help requests and mediation (GET /stats/cases): aggregates only, over the
// caller's area (a leader's is the city). The definitions are in docs/api.md and
// store/case_stats.hpp.
#include <cmath>

#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "http/paging.hpp"
#include "store/case_stats.hpp"

namespace hejia::api {

namespace {

json::value Ratio(int64_t part, int64_t whole) {
  if (whole <= 0) return nullptr;
  return std::round(static_cast<double>(part) / static_cast<double>(whole) * 10000) / 10000;
}

json::value Days(const std::optional<double>& days) {
  if (!days) return nullptr;
  return std::round(*days * 10) / 10;
}

json::value MeanDays(const std::vector<double>& days) {
  if (days.empty()) return nullptr;
  double sum = 0;
  for (double d : days) sum += d;
  return std::round(sum / static_cast<double>(days.size()) * 10) / 10;
}

json::object GroupJson(const store::CaseStatsGroup& g) {
  const auto& t = g.tally;
  return json::object{{"key", g.key},
                      {"label", g.label},
                      {"received", t.received},
                      {"accepted", t.accepted},
                      {"resolved", t.resolved},
                      {"resolution_rate", Ratio(t.resolved, t.accepted)},
                      {"median_days_to_resolve", Days(store::Median(t.days_to_resolve))}};
}

json::object StatsJson(const store::CaseStats& stats, const std::string& from,
                       const std::string& to, const std::string& group) {
  const auto& t = stats.totals;
  json::array groups;
  for (const auto& g : stats.groups) groups.push_back(GroupJson(g));
  return json::object{
      {"from", from},
      {"to", to},
      {"group", group.empty() ? json::value(nullptr) : json::value(group)},
      {"totals", json::object{{"received", t.received},
                              {"accepted", t.accepted},
                              {"resolved", t.resolved},
                              {"resolution_rate", Ratio(t.resolved, t.accepted)},
                              {"median_days_to_resolve", Days(store::Median(t.days_to_resolve))},
                              {"mean_days_to_resolve", MeanDays(t.days_to_resolve)},
                              {"resolved_at_village_share", Ratio(t.resolved_village, t.resolved)},
                              {"resolved_at_town_share", Ratio(t.resolved_town, t.resolved)},
                              {"night_clinic", t.night_clinic}}},
      {"groups", std::move(groups)}};
}

asio::awaitable<http::Response> CaseStatsRoute(Services& s, http::Request& req) {
  const auto period = ParsePeriod(req, s.clock.NowMillis());
  const int64_t from_ms = period.from, to_ms = period.to;
  const std::string &from_text = period.from_text, &to_text = period.to_text;
  const std::string group_text = http::QueryText(req, "group", 20).value_or("");
  store::StatsGroup group = store::StatsGroup::kNone;
  if (!group_text.empty()) {
    auto parsed = store::ParseStatsGroup(group_text);
    if (!parsed)
      throw Invalid("group",
                    "应为 category、region、month 或 level / must be category, region, month or "
                    "level");
    group = *parsed;
  }
  const auto region = http::QueryText(req, "region", 20);
  auto text = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = people::RequestScope(c, req.Caller(), region);
    const auto stats = store::ComputeCaseStats(c, scope, from_ms, to_ms, group);
    return json::serialize(StatsJson(stats, from_text, to_text, group_text));
  });
  co_return people::JsonText(std::move(text));
}

json::value StatsSchema() {
  const std::string counts =
      "received:integer accepted:integer resolved:integer resolution_rate:number? "
      "median_days_to_resolve:number? ";
  auto figures = schema::Shape("from:string to:string group:string? totals:object groups:object[]");
  auto& props = figures.at("properties").as_object();
  props["totals"] = schema::Shape(counts +
                                  "mean_days_to_resolve:number? resolved_at_village_share:number? "
                                  "resolved_at_town_share:number? night_clinic:integer");
  props["groups"].as_object()["items"] = schema::Shape("key:string label:string " + counts);
  return figures;
}

}  // namespace

void AddStatsRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/stats", "stats");
  area.Add(verb::get, "/cases", "stats.read",
           "Help requests and mediation in numbers: received, accepted, resolved, "
           "resolution rate, days to resolve (aggregates only)",
           CaseStatsRoute,
           {.query = {FirstDay("1 January"), LastDay("today"),
                      OneOf("group", {"category", "region", "month", "level"},
                            "what the figures are grouped by"),
                      kRegionQuery},
            .response_schema = StatsSchema()});
}

}  // namespace hejia::api
