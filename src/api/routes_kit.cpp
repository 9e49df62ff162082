#include "api/routes_kit.hpp"

#include "common/clock.hpp"
#include "domain/region.hpp"
#include "http/paging.hpp"

namespace hejia::api {

AreaRoutes::AreaRoutes(http::Router& router, Services& s, std::string base, std::string tag,
                       std::string id_param)
    : router_(router),
      s_(s),
      base_(std::move(base)),
      tag_(std::move(tag)),
      id_param_(std::move(id_param)) {}

void AreaRoutes::Crud(const CrudRoutes& spec) {
  const auto& [read, write] = spec.permissions;
  const auto one = spec.get_schema.is_null() ? spec.schema : spec.get_schema;
  if (const auto& r = spec.list; r.handler)
    Add(verb::get, "", read, r.summary, r.handler,
        {.query = r.query,
         .response_schema = spec.list_schema.is_null() ? spec.schema : spec.list_schema,
         .paged = true});
  if (const auto& r = spec.create; r.handler)
    Add(verb::post, "", write, r.summary, r.handler,
        {.query = r.query,
         .body_schema = spec.bodies.create,
         .response_schema = spec.schema,
         .success_status = 201});
  if (const auto& r = spec.get; r.handler)
    Add(verb::get, id_param_, read, r.summary, r.handler,
        {.query = r.query, .response_schema = one});
  const auto& r = spec.patch;
  if (!r.handler) return;
  Add(verb::patch, id_param_, write,
      r.summary.empty() ? "Correct a " + spec.noun + " (optimistic: send the version you read)"
                        : r.summary,
      r.handler,
      {.query = r.query, .body_schema = spec.bodies.patch, .response_schema = spec.schema});
}

void AreaRoutes::Add(verb method, std::string_view sub, std::string permission, std::string summary,
                     AreaHandler handler, RouteDoc doc) {
  router_.Add({.method = method,
               .pattern = base_ + std::string(sub),
               .permission = std::move(permission),
               .summary = std::move(summary),
               .tag = tag_,
               .query = std::move(doc.query),
               .body_schema = std::move(doc.body_schema),
               .response_schema = std::move(doc.response_schema),
               .success_status = doc.success_status,
               .also_status = doc.also_status,
               .paged = doc.paged,
               .allow_pending = doc.allow_pending,
               .body_limit = doc.body_limit,
               .handler = [&s = s_, h = std::move(handler)](http::Request& r) { return h(s, r); }});
}

std::vector<std::string> UnitLevelCodes() {
  std::vector<std::string> codes;
  for (auto level :
       {domain::RegionLevel::kCity, domain::RegionLevel::kTown, domain::RegionLevel::kVillage})
    codes.emplace_back(domain::ToString(level));
  return codes;
}

DayPeriod ParsePeriod(const http::Request& req, int64_t now) {
  constexpr int64_t kDayMs = 24LL * 3600 * 1000, kMaxPeriodDays = 3700;  // ten years, a little
  const std::string today = FormatBeijing(now).substr(0, 10);
  DayPeriod p;
  const auto day = [&](std::string_view name, const std::string& fallback, std::string& text) {
    text = http::QueryText(req, name, 10).value_or(fallback);
    const int64_t ms = BeijingDateStartMillis(text);
    if (ms < 0) throw Invalid(std::string(name), "日期应为 YYYY-MM-DD / date must be YYYY-MM-DD");
    return ms;
  };
  p.from = day("from", today.substr(0, 4) + "-01-01", p.from_text);
  p.to = day("to", today, p.to_text) + kDayMs;  // `to` is inclusive
  if (p.to <= p.from) throw Invalid("to", "结束日期早于开始日期 / `to` is before `from`");
  if ((p.to - p.from) / kDayMs > kMaxPeriodDays)
    throw Invalid("to", "统计期间最长十年 / the period may span at most ten years");
  return p;
}

OptionalPeriod ParseOptionalPeriod(const http::Request& req) {
  constexpr int64_t kDayMs = 24LL * 3600 * 1000;
  OptionalPeriod p;
  const auto day = [&](std::string_view name) -> std::optional<int64_t> {
    const auto text = http::QueryText(req, name, 10);
    if (!text || text->empty()) return std::nullopt;
    const int64_t ms = BeijingDateStartMillis(*text);
    if (ms < 0) throw Invalid(std::string(name), "日期应为 YYYY-MM-DD / date must be YYYY-MM-DD");
    return ms;
  };
  p.from = day("from");
  if (auto to = day("to")) p.to = *to + kDayMs;  // `to` is inclusive
  if (p.from && p.to && *p.to <= *p.from)
    throw Invalid("to", "结束日期早于开始日期 / `to` is before `from`");
  return p;
}

int64_t DayEndMillis(const http::Request& req, std::string_view name) {
  constexpr int64_t kDayMs = 24LL * 3600 * 1000;
  const auto text = http::QueryText(req, name, 10).value_or("");
  const int64_t ms = BeijingDateStartMillis(text);
  if (ms < 0) throw Invalid(std::string(name), "日期应为 YYYY-MM-DD / date must be YYYY-MM-DD");
  return ms + kDayMs;
}

ApiError TooManyRows(int64_t total, int64_t max, std::string_view what, std::string_view unit) {
  const std::string u(unit);
  return ApiError(ErrorKind::kBadRequest, "too_many_rows",
                  "符合条件的" + std::string(what) + "有 " + std::to_string(total) + " " + u +
                      "，超过导出上限 " + std::to_string(max) + " " + u +
                      "，请缩小筛选范围 / too many rows to export: narrow the filters")
      .WithDetails(json::object{{"total", total}, {"max", max}});
}

ApiError StaleVersion(const json::object& current) {
  return ApiError(ErrorKind::kConflict, "conflict",
                  "记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry",
                  "version")
      .WithDetails(json::object{{"current", current}});
}

}  // namespace hejia::api
