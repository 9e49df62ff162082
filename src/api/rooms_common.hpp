// What the rooms, mediators and duty-roster handlers share (rooms_api.cpp, mediators_api.cpp,
// duty_api.cpp); the people helpers (path ids, paging, field lists) come from people_common.hpp.
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "api/people_common.hpp"
#include "api/services.hpp"
#include "http/router.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace rooms {

/// A region a room, mediator or shift is placed in: it must exist inside `scope` (else 404 naming
/// `field`), be active and not be a grid (else 400 naming `field`).
store::RegionRow PlaceRegion(store::Connection& c, const ScopeFilter& scope,
                             const std::string& code, std::string_view field);

/// Trimmed text of at most `max_chars` characters; `required` refuses an empty one. 400 naming
/// the field.
std::string CheckedText(const std::optional<std::string>& raw, std::string_view field,
                        size_t max_chars, bool required);

/// A YYYY-MM-DD query parameter as the Unix millis of that Beijing midnight; 400 naming it.
std::optional<int64_t> QueryDate(const http::Request& req, std::string_view name);

/// A 0/1/true/false query parameter; 400 naming it.
std::optional<bool> QueryFlag(const http::Request& req, std::string_view name);

/// The "from"/"to" dates of a calendar or roster query: [from, to + 1 day) in Unix millis.
/// Defaults: from today (Beijing), to six days later; at most `max_days` days; 400 naming `to`.
std::pair<int64_t, int64_t> DateRange(const http::Request& req, const Clock& clock,
                                      int64_t max_days);

}  // namespace rooms
}  // namespace hejia::api
