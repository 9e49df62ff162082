#include "common/clock.hpp"

#include <cstdio>
#include <cstring>

namespace hejia {

namespace {
constexpr int64_t kBeijingOffsetMillis = 8LL * 3600 * 1000;
}

std::string_view FormatBeijing(int64_t unix_millis, BeijingTimeBuffer& buf) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(unix_millis + kBeijingOffsetMillis)};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{floor<seconds>(t - day)};
  const int y = int(ymd.year());
  if (y < 0 || y > 9999) {
    const int n =
        std::snprintf(buf.text, sizeof buf.text, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", y,
                      unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                      int(hms.minutes().count()), int(hms.seconds().count()));
    return {buf.text, static_cast<size_t>(n)};
  }
  // The lists write a few hundred of these per answer: digits by hand, not printf.
  static constexpr std::string_view kShape = "0000-00-00T00:00:00+08:00";
  std::memcpy(buf.text, kShape.data(), kShape.size());
  const auto two = [&buf](size_t at, unsigned v) {
    buf.text[at] = static_cast<char>('0' + v / 10);
    buf.text[at + 1] = static_cast<char>('0' + v % 10);
  };
  two(0, static_cast<unsigned>(y / 100));
  two(2, static_cast<unsigned>(y % 100));
  two(5, unsigned(ymd.month()));
  two(8, unsigned(ymd.day()));
  two(11, static_cast<unsigned>(hms.hours().count()));
  two(14, static_cast<unsigned>(hms.minutes().count()));
  two(17, static_cast<unsigned>(hms.seconds().count()));
  return {buf.text, kShape.size()};
}

std::string FormatBeijing(int64_t unix_millis) {
  BeijingTimeBuffer buf;
  return std::string(FormatBeijing(unix_millis, buf));
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

std::optional<int64_t> ParseIsoTime(std::string_view s) {
  auto digits = [&](size_t at, size_t n, int& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, sec = 0;
  if (s.size() < 17 || !ParseDate(s.substr(0, 10), y, mo, d) || s[10] != 'T' || !digits(11, 2, h) ||
      s[13] != ':' || !digits(14, 2, mi) || h > 23 || mi > 59)
    return std::nullopt;
  size_t at = 16;
  int64_t fraction_ms = 0;
  if (at < s.size() && s[at] == ':') {
    if (!digits(at + 1, 2, sec) || sec > 59) return std::nullopt;
    at += 3;
    if (at < s.size() && s[at] == '.') {
      ++at;
      const size_t start = at;
      for (int scale = 100; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at, scale /= 10)
        fraction_ms += (s[at] - '0') * scale;
      if (at == start || at - start > 9) return std::nullopt;
    }
  }
  int64_t offset_minutes = 0;
  if (at + 1 == s.size() && s[at] == 'Z') {
    ++at;
  } else if (at + 6 == s.size() && (s[at] == '+' || s[at] == '-') && s[at + 3] == ':') {
    int oh, om;
    if (!digits(at + 1, 2, oh) || !digits(at + 4, 2, om) || oh > 14 || om > 59) return std::nullopt;
    offset_minutes = (s[at] == '-' ? -1 : 1) * (oh * 60 + om);
    at += 6;
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  const sys_days day{year(y) / month(mo) / std::chrono::day(d)};
  const int64_t local = duration_cast<milliseconds>(day.time_since_epoch()).count() +
                        ((h * 60LL + mi) * 60 + sec) * 1000 + fraction_ms;
  return local - offset_minutes * 60 * 1000;
}

}  // namespace hejia
