// What every API area file shares besides the services: the aliases it writes with, one
// declaration for the standard routes of a record type (list, create, get, correct), the route
// helper that writes an area's base path and tag once, and the one stale-version answer.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "api/schema.hpp"
#include "api/services.hpp"
#include "common/error.hpp"
#include "http/router.hpp"

namespace hejia::api {

namespace asio = boost::asio;
namespace json = boost::json;
using http::bhttp::verb;

namespace people {  // api/people_common.hpp
int64_t PathId(const http::Request& req);
ScopeFilter RequestScope(store::Connection& c, const http::Principal& caller,
                         const std::optional<std::string>& region_code);
ScopeFilter ListScope(store::Connection& c, const http::Principal& caller,
                      const std::optional<std::string>& region_code, bool own);
bool OwnQuery(const http::Request& req);
}  // namespace people

/// A handler of an area: the request with the area's services.
using AreaHandler = std::function<asio::awaitable<http::Response>(Services&, http::Request&)>;

/// What a route documents besides its method, path, permission and summary.
struct RouteDoc {
  std::vector<http::QueryParam> query;
  json::value body_schema;
  json::value response_schema;
  unsigned success_status = 200;
  unsigned also_status = 0;  ///< http::Route::also_status
  bool paged = false;
  bool allow_pending = false;
  size_t body_limit = 0;  ///< 0: the server's default
};

/// The documented `region` query parameter of the lists that a caller narrows to a sub-region.
inline const http::QueryParam kRegionQuery{"region", "string", "a region code inside my area"};
/// With `region`: only the records placed at that region itself, not below it (a figure's own
/// row in the cockpit).
inline const http::QueryParam kOwnQuery{"own", "boolean",
                                        "1: only those placed at `region` itself, not below it"};

/// The `q` text search of a list: "<what> contains".
inline http::QueryParam Contains(std::string what) {
  return {"q", "string", std::move(what) + " contains"};
}

/// A text query parameter that takes one of `codes` (published as its enum).
inline http::QueryParam OneOf(std::string name, std::vector<std::string> codes,
                              std::string description) {
  return {std::move(name), "string", std::move(description), std::move(codes)};
}

/// The `from` query parameter of a list or figure over days: the first day, Beijing time, with
/// its default when one is left out ("" for none).
inline http::QueryParam FirstDay(const std::string& by_default) {
  return {
      "from", "string",
      "first day, YYYY-MM-DD (Beijing)" + (by_default.empty() ? "" : "; default " + by_default)};
}

/// The `to` query parameter: the last day, inclusive, with its default ("" for none).
inline http::QueryParam LastDay(const std::string& by_default) {
  return {"to", "string",
          "last day, YYYY-MM-DD (Beijing), inclusive" +
              (by_default.empty() ? "" : "; default " + by_default)};
}

/// A 0/1 query parameter.
inline http::QueryParam Flag(std::string name, std::string description) {
  return {std::move(name), "boolean", std::move(description)};
}

/// The codes of the region levels a list filters by (no grid: rooms, cases).
std::vector<std::string> UnitLevelCodes();

/// The standard routes of a record type, declared once: GET <base> (a page of `schema`),
/// POST <base> (201), GET <base>/{id} and PATCH <base>/{id} (optimistic: the body carries the
/// version read). A route without a handler is not registered.
struct CrudRoutes {
  struct Permissions {
    std::string read, write;
  };
  /// One standard route: its handler, its summary and the query it documents (a list's filters).
  /// A correction's summary may stay empty: "Correct a <noun> (optimistic: ...)".
  struct Route {
    AreaHandler handler;
    std::string summary = {};
    std::vector<http::QueryParam> query = {};
  };
  std::string noun;  ///< "mediation room"
  Permissions permissions;
  Route list, create, get, patch;
  json::value schema;
  json::value list_schema;  ///< the list's items when they differ from `schema` (null: schema)
  json::value get_schema;   ///< the one record read when it differs from `schema` (null: schema)
  schema::Bodies bodies;
};

/// The routes of one area, with its base path ("/api/v1/rooms"), tag and services written once.
class AreaRoutes {
 public:
  AreaRoutes(http::Router& router, Services& s, std::string base, std::string tag,
             std::string id_param = "/{id}");

  /// The standard routes of `spec`, in the order list, create, get, correct.
  void Crud(const CrudRoutes& spec);
  /// One route at base + `sub` ("" for the base itself, "/{id}/retire").
  void Add(verb method, std::string_view sub, std::string permission, std::string summary,
           AreaHandler handler, RouteDoc doc = {});
  /// The path of one record: base + the id parameter.
  std::string One() const { return id_param_; }

 private:
  http::Router& router_;
  Services& s_;
  std::string base_;
  std::string tag_;
  std::string id_param_;
};

/// What a write job reads back of the row it has just written or checked: present unless the
/// store broke its word, which fails this request alone (500, the transaction rolled back) — never
/// a dereferenced empty optional.
template <class T>
T Reloaded(std::optional<T> found) {
  if (!found) throw std::logic_error("a record written or checked could not be read back");
  return std::move(*found);
}

/// A period of whole Beijing days from the `from` and `to` queries (YYYY-MM-DD, `to` inclusive;
/// by default 1 January of this year to today): [from, to) in unix milliseconds, at most ten
/// years; 400 naming the query otherwise.
struct DayPeriod {
  int64_t from = 0, to = 0;
  std::string from_text, to_text;
};
DayPeriod ParsePeriod(const http::Request& req, int64_t now);

/// The same queries for a list, both optional and each alone: `from` gives the start of its day,
/// `to` the end of its day (inclusive); 400 naming the query when it is no date or `to` is
/// before `from`.
struct OptionalPeriod {
  std::optional<int64_t> from, to;
};
OptionalPeriod ParseOptionalPeriod(const http::Request& req);

/// The end (Beijing) of the YYYY-MM-DD day in query `name`; 400 naming it otherwise.
int64_t DayEndMillis(const http::Request& req, std::string_view name);

/// 400 too_many_rows for an export of `total` rows over its limit `max`: "符合条件的<what>有 N
/// <unit>…", the totals in details.
ApiError TooManyRows(int64_t total, int64_t max, std::string_view what, std::string_view unit);

/// 409 conflict naming `version`, with the current object in details.current.
ApiError StaleVersion(const json::object& current);

/// The version the client read must be the stored one; else 409 with the current object.
template <class Show>
void CheckVersion(int64_t stored, int64_t read, Show&& current) {
  if (stored != read) throw StaleVersion(current());
}

/// `read(conn, scope)` in a read job, in the caller's scope narrowed to the `region` code when
/// one is given (404 for a code outside it), and to that region itself with `own=1`.
template <class Read>
auto ReadInScope(Services& s, const http::Request& req, const std::optional<std::string>& region,
                 Read read) {
  const bool own = people::OwnQuery(req);
  return s.db.Read([&req, region, own, read = std::move(read)](store::Connection& c) {
    return read(c, people::ListScope(c, req.Caller(), region, own));
  });
}

/// GET <base>/{id}: `load(conn, scope, id)` in a read job, in the caller's scope; 404 with
/// `missing` when it finds nothing, else `show(record)`.
template <class Load, class Show>
asio::awaitable<http::Response> ShowOne(Services& s, http::Request& req, Load load, Show show,
                                        std::string missing) {
  const int64_t id = people::PathId(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto found = co_await s.db.Read([&](store::Connection& c) { return load(c, scope, id); });
  if (!found) throw NotFound(std::move(missing));
  co_return show(*found);
}

}  // namespace hejia::api
