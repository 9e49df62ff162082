#include "domain/clock.hpp"

#include <cstdio>

namespace hejia {

namespace {
constexpr int64_t kBeijingOffsetMillis = 8LL * 3600 * 1000;
}

std::string FormatBeijing(int64_t unix_millis) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(unix_millis + kBeijingOffsetMillis)};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<seconds>(t - day)};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

bool ParseDate(std::string_view s, int& year, int& month, int& day) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  month = (s[5] - '0') * 10 + (s[6] - '0');
  day = (s[8] - '0') * 10 + (s[9] - '0');
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                        std::chrono::day(day)};
  return ymd.ok();
}

int64_t BeijingDateStartMillis(std::string_view s) {
  int y, m, d;
  if (!ParseDate(s, y, m, d)) return -1;
  using namespace std::chrono;
  const sys_days sd{year(y) / month(m) / day(d)};
  return duration_cast<milliseconds>(sd.time_since_epoch()).count() - kBeijingOffsetMillis;
}

}  // namespace hejia
