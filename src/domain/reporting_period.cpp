#include "domain/reporting_period.hpp"

#include <cstdio>

#include "common/clock.hpp"

namespace hejia::domain {

namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

int YearOf(int64_t t) {
  return std::stoi(FormatBeijing(t).substr(0, 4));
}

int64_t Jan1(int year) {
  return BeijingDateStartMillis(std::to_string(year) + "-01-01");
}

// The start of the Beijing day holding `t`.
int64_t DayStart(int64_t t) {
  return BeijingDateStartMillis(FormatBeijing(t).substr(0, 10));
}

// The same date a year earlier, as the start of that day (29 February -> 28 February).
int64_t YearEarlier(int64_t day_start) {
  std::string date = FormatBeijing(day_start).substr(0, 10);
  const int year = std::stoi(date.substr(0, 4)) - 1;
  if (date.substr(5) == "02-29") date.replace(8, 2, "28");
  return BeijingDateStartMillis(std::to_string(year) + date.substr(4));
}

}  // namespace

DayRange ReportingYear(int64_t now) {
  const int year = YearOf(now);
  const int64_t jan1 = Jan1(year);
  if (now - jan1 >= 60 * kDayMs) return {jan1, now};
  return {Jan1(year - 1), jan1};
}

DayRange ReportingYearDays(int64_t now) {
  DayRange r = ReportingYear(now);
  if (r.to == now) r.to = DayStart(now) + kDayMs;
  return r;
}

DayRange SameDaysLastYear(const DayRange& range) {
  // `to` is the start of the day after the last: move the last day and add a day back.
  return {YearEarlier(range.from), YearEarlier(range.to - kDayMs) + kDayMs};
}

std::string FirstDay(const DayRange& range) {
  return FormatBeijing(range.from).substr(0, 10);
}

std::string LastDay(const DayRange& range) {
  return FormatBeijing(range.to - 1).substr(0, 10);
}

std::vector<int64_t> MonthBounds(const DayRange& range) {
  std::vector<int64_t> out{range.from};
  if (range.to <= range.from) return out;
  std::string ym = FormatBeijing(range.from).substr(0, 7);
  for (;;) {
    int y = std::stoi(ym.substr(0, 4)), m = std::stoi(ym.substr(5, 2)) + 1;
    if (m == 13) m = 1, ++y;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    ym = buf;
    const int64_t start = BeijingDateStartMillis(ym + "-01");
    if (start >= range.to) break;
    out.push_back(start);
  }
  out.push_back(range.to);
  return out;
}

}  // namespace hejia::domain
