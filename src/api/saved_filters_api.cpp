// Saved filters of the case list: a signed-in user keeps named sets of GET /cases filters and
// sees only their own. A filter is checked with the list's own parser (cases::ParseListQuery),
// so a saved filter always opens a valid list.
#include <algorithm>

#include "api/case_common.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "store/saved_filter_repo.hpp"

namespace hejia::api {

namespace {

constexpr size_t kMaxFilterName = 30;  // characters
constexpr int64_t kMaxFiltersPerUser = 50;

// The parameters a saved filter may hold: the list's filters and its sort.
constexpr std::string_view kFilterKeys[] = {
    "status",      "category",     "level",          "region", "overdue",
    "supervision", "night_clinic", "assigned_to_me", "q",      "sort"};

/// The query object, normalised to strings and validated as GET /cases would; Invalid naming
/// "query.<parameter>".
json::object CheckedQuery(const json::value& v, const http::Request& req) {
  if (!v.is_object()) throw Invalid("query", "应为对象 / must be an object of list filters");
  json::object out;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [key, value] : v.as_object()) {
    const std::string field = "query." + std::string(key);
    if (std::find(std::begin(kFilterKeys), std::end(kFilterKeys), std::string_view(key)) ==
        std::end(kFilterKeys))
      throw ApiError(ErrorKind::kBadRequest, "unknown_field",
                     "不支持的筛选条件 / not a filter of the case list", field);
    std::string text;
    if (value.is_string())
      text = std::string(value.as_string());
    else if (value.is_int64())
      text = std::to_string(value.as_int64());
    else if (value.is_bool())
      text = value.as_bool() ? "1" : "0";
    else if (value.is_null())
      continue;
    else
      throw Invalid(field, "应为文本、整数或布尔值 / must be a string, integer or boolean");
    if (text.size() > 300) throw Invalid(field, "过长 / too long");
    out[key] = text;
    pairs.emplace_back(std::string(key), text);
  }
  http::Request probe{req.raw, req.path, req.client_ip, {}, pairs, req.principal, {}};
  try {
    cases::ParseListQuery(probe);
    if (out.contains("sort")) http::ParsePage(probe, {"created_at", "updated_at"}, "created_at");
  } catch (const ApiError& e) {
    throw ApiError(e.kind(), e.code(), e.message(),
                   e.field().empty() ? "query" : "query." + e.field());
  }
  return out;
}

json::object FilterJson(const store::SavedFilter& f) {
  boost::system::error_code ec;
  auto query = json::parse(f.query_json, ec);
  return json::object{{"id", f.id},
                      {"name", f.name},
                      {"query", !ec && query.is_object() ? query : json::object{}},
                      {"created_at", FormatBeijing(f.created_at)}};
}

asio::awaitable<http::Response> ListRoute(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"name", "created_at"}, "name", false);
  const auto sort = page.sort == "created_at" ? store::SavedFilterSort::kCreatedAt
                                              : store::SavedFilterSort::kName;
  const store::PageSpec spec{page.page_size, page.Offset(), page.descending};
  const int64_t user = req.Caller().user_id;
  auto body = co_await s.db.Read([&](store::Connection& c) {
    auto result = store::ListSavedFilters(c, user, sort, spec);
    json::array items;
    for (const auto& f : result.items) items.push_back(FilterJson(f));
    return json::serialize(http::PageBody(std::move(items), page, result.total));
  });
  co_return people::JsonText(std::move(body));
}

asio::awaitable<http::Response> CreateRoute(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(), {"name", "query"});
  const std::string name = body.RequiredString("name", kMaxFilterName);
  store::CheckCaseText(name, "name", kMaxFilterName, false);
  const auto* q = body.object().if_contains("query");
  if (!q) throw Invalid("query", "请提供筛选条件 / give the filters");
  const std::string query = json::serialize(CheckedQuery(*q, req));
  const int64_t user = req.Caller().user_id;
  const int64_t now = s.clock.NowMillis();
  auto saved = co_await s.db.Write([&](store::Connection& c) {
    if (store::HasSavedFilterNamed(c, user, name))
      throw Conflict("已有同名的筛选 / you already have a filter of this name", "name");
    if (store::CountSavedFilters(c, user) >= kMaxFiltersPerUser)
      throw Conflict("最多保存 50 个筛选 / at most 50 saved filters", "name");
    const auto filter = store::InsertSavedFilter(c, user, name, query, now);
    s.Audit(c, ActorOf(req), "saved_filter", std::to_string(filter.id), "create", "ok");
    return FilterJson(filter);
  });
  co_return http::JsonResponse(201, saved);
}

asio::awaitable<http::Response> DeleteRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  const int64_t user = req.Caller().user_id;
  co_await s.db.Write([&](store::Connection& c) {
    // Another user's filter answers exactly like a missing one.
    if (!store::DeleteSavedFilter(c, user, id)) throw NotFound("筛选不存在 / no such saved filter");
    s.Audit(c, ActorOf(req), "saved_filter", std::to_string(id), "delete", "ok");
  });
  co_return http::EmptyResponse(204);
}

json::value FilterSchema() {
  return json::object{
      {"type", "object"},
      {"properties", json::object{{"id", json::object{{"type", "integer"}}},
                                  {"name", json::object{{"type", "string"}}},
                                  {"query", json::object{{"type", "object"}}},
                                  {"created_at", json::object{{"type", "string"}}}}}};
}

}  // namespace

void AddSavedFilterRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/saved-filters", "cases");
  area.Crud({.permissions = {"case.read", "case.read"},  // a filter is the caller's own
             .list = {ListRoute, "My saved filters of the case list"},
             .create = {CreateRoute, "Save a filter of the case list under a name (mine only)"},
             .schema = FilterSchema(),
             .bodies = {.create = schema::Shape("name:string query:object", "name query")}});
  area.Add(verb::delete_, "/{id}", "case.read", "Delete one of my saved filters", DeleteRoute);
}

}  // namespace hejia::api
