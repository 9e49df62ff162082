// The period the figures are reported for (issue 13): whole Beijing days, [from, to) in unix
// milliseconds. The reporting year is the one the federation speaks of: 1 January of this year to
// now, or the whole previous year while fewer than 60 days of this one have passed (its figures
// are still being reported). The demo places its records inside it, and the cockpit opens on it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hejia::domain {

struct DayRange {
  int64_t from = 0, to = 0;  ///< unix ms, [from, to)
  bool operator==(const DayRange&) const = default;
};

/// See the file comment. `to` is `now` itself in the current year (not the end of today).
DayRange ReportingYear(int64_t now);

/// The reporting year as whole days: `to` moved to the end of its Beijing day (the cockpit's
/// default period; a list's `to=` is inclusive, so the two agree).
DayRange ReportingYearDays(int64_t now);

/// The same Beijing dates one year earlier (29 February becomes 28 February).
DayRange SameDaysLastYear(const DayRange& range);

/// "YYYY-MM-DD" of the first day and of the last day (inclusive) of whole-day `range`.
std::string FirstDay(const DayRange& range);
std::string LastDay(const DayRange& range);

/// The Beijing month starts inside (from, to), with `from` first and `to` last: the bounds of the
/// months [b[i], b[i+1]) the range touches, clipped to it.
std::vector<int64_t> MonthBounds(const DayRange& range);

}  // namespace hejia::domain
