// What the household and people handlers share: path ids, the request's scope with its optional
// `region` narrowing, today's date, audit details and the already serialised answer. The shapes
// of people and households: people_json.hpp.
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/services.hpp"
#include "common/error.hpp"
#include "domain/person.hpp"
#include "http/paging.hpp"
#include "http/router.hpp"
#include "store/people_repo.hpp"

namespace hejia::api {

namespace people {

/// The numeric {id} of the path; 404 when it is not one (exactly like a missing row).
int64_t PathId(const http::Request& req);

/// Beijing's date today, YYYY-MM-DD, from the one clock.
std::string TodayBeijing(const Clock& clock);

/// 400 validation_failed naming the field.
[[noreturn]] void ThrowProblem(const domain::FieldProblem& problem);

/// 404 not_found naming the field whose reference is missing or outside the caller's scope.
ApiError NotFoundField(std::string field, std::string message);

/// The caller's scope, narrowed to the `region` query parameter when given. A code that does not
/// exist or lies outside the caller's scope answers 404, like any out-of-scope id.
ScopeFilter RequestScope(store::Connection& c, const http::Principal& caller,
                         const std::optional<std::string>& region_code);

/// A list's scope: RequestScope, and with `own` (the `own=1` query, which needs `region`) only
/// the records placed at that region itself (400 naming `own` without a region).
ScopeFilter ListScope(store::Connection& c, const http::Principal& caller,
                      const std::optional<std::string>& region_code, bool own);
/// The `own` query: true for "1".
bool OwnQuery(const http::Request& req);

/// "fields=a,b,c": the audit detail of a change. Names only, never values.
std::string FieldList(const std::vector<std::string_view>& names);

/// The fields a correction changes, named for the audit.
class Changes {
 public:
  /// Sets `field` to `value` when the body `given` it and it differs; true when it changed.
  template <class T, class V>
  bool Set(bool given, T& field, const V& value, std::string_view name) {
    if (!given || field == value) return false;
    field = value;
    names_.push_back(name);
    return true;
  }
  /// A change the caller made itself.
  void Add(std::string_view name) { names_.push_back(name); }
  bool empty() const { return names_.empty(); }
  /// FieldList of the names.
  std::string Detail() const { return FieldList(names_); }

 private:
  std::vector<std::string_view> names_;
};

store::PageSpec ToPageSpec(const http::PageRequest& page);

/// A JSON response whose body is already serialised.
http::Response JsonText(std::string text, unsigned status = 200);

}  // namespace people
}  // namespace hejia::api
