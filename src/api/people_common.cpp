#include "api/people_common.hpp"

#include "common/clock.hpp"

namespace hejia::api {

namespace people {

int64_t PathId(const http::Request& req) {
  const std::string& text = req.Param("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound();
  return std::stoll(text);
}

std::string TodayBeijing(const Clock& clock) {
  return FormatBeijing(clock.NowMillis()).substr(0, 10);
}

void ThrowProblem(const domain::FieldProblem& problem) {
  throw Invalid(problem.field, problem.message);
}

ApiError NotFoundField(std::string field, std::string message) {
  return ApiError(ErrorKind::kNotFound, "not_found", std::move(message), std::move(field));
}

ScopeFilter RequestScope(store::Connection& c, const http::Principal& caller,
                         const std::optional<std::string>& region_code) {
  if (!region_code) return ScopeOf(caller);
  auto region = store::FindRegion(c, *region_code);
  if (!region) throw NotFound("区划不存在 / no such region");
  return NarrowScope(caller, region->path);
}

ScopeFilter ListScope(store::Connection& c, const http::Principal& caller,
                      const std::optional<std::string>& region_code, bool own) {
  if (own && !region_code) throw Invalid("own", "own=1 需要 region / own=1 needs a region");
  ScopeFilter scope = RequestScope(c, caller, region_code);
  return own ? scope.OwnOnly() : scope;
}

bool OwnQuery(const http::Request& req) {
  const auto v = http::QueryText(req, "own", 5).value_or("0");
  if (v == "1" || v == "true") return true;
  if (v == "0" || v == "false" || v.empty()) return false;
  throw Invalid("own", "应为 1 或 0 / must be 1 or 0");
}

std::string FieldList(const std::vector<std::string_view>& names) {
  std::string out = "fields=";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += names[i];
  }
  return out;
}

store::PageSpec ToPageSpec(const http::PageRequest& page) {
  return store::PageSpec{page.page_size, page.Offset(), page.descending};
}

http::Response JsonText(std::string text, unsigned status) {
  http::Response res = http::JsonResponse(status, nullptr);
  res.body() = std::move(text);
  res.prepare_payload();
  return res;
}

}  // namespace people

}  // namespace hejia::api
