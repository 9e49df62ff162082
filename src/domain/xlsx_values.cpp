// The number helpers of xlsx_read.hpp: what a cell's number text stands for.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "domain/xlsx_read.hpp"

namespace hejia::domain {

namespace {

constexpr size_t kMaxIntegerDigits = 30;

}  // namespace

std::optional<std::string> XlsxIntegerText(std::string_view number) {
  size_t at = 0;
  const bool negative = !number.empty() && number[0] == '-';
  if (!number.empty() && (number[0] == '-' || number[0] == '+')) ++at;
  std::string digits;
  long exponent = 0;  // the value is digits × 10^exponent
  const auto is_digit = [&] {
    return at < number.size() && number[at] >= '0' && number[at] <= '9';
  };
  while (is_digit()) digits.push_back(number[at++]);
  if (at < number.size() && number[at] == '.') {
    ++at;
    for (; is_digit(); --exponent) digits.push_back(number[at++]);
  }
  if (digits.empty()) return std::nullopt;
  if (at < number.size() && (number[at] == 'e' || number[at] == 'E')) {
    ++at;
    const bool minus = at < number.size() && number[at] == '-';
    if (at < number.size() && (number[at] == '-' || number[at] == '+')) ++at;
    if (!is_digit()) return std::nullopt;
    long written = 0;
    for (; is_digit(); ++at) written = std::min(written * 10 + (number[at] - '0'), 100000L);
    exponent += minus ? -written : written;
  }
  if (at != number.size()) return std::nullopt;
  // Trailing zeros after the point are nothing; any other digit there is a fraction.
  while (exponent < 0 && !digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  if (digits.empty()) return "0";
  if (exponent < 0) return std::nullopt;
  if (digits.size() + static_cast<size_t>(exponent) > kMaxIntegerDigits) return std::nullopt;
  digits.append(static_cast<size_t>(exponent), '0');
  return negative ? "-" + digits : digits;
}

std::optional<int64_t> ExcelSerialToUnixSeconds(std::string_view serial, int utc_offset_seconds) {
  constexpr double kFirstInvalid = 2958466;  // 10000-01-01
  double value = 0;
  const auto [end, ec] = std::from_chars(serial.data(), serial.data() + serial.size(), value);
  if (ec != std::errc() || end != serial.data() + serial.size() || !std::isfinite(value))
    return std::nullopt;
  if (value < 1 || value >= kFirstInvalid) return std::nullopt;
  const double day = std::floor(value);
  if (day == 60) return std::nullopt;
  // Serial 25569 is 1970-01-01; before the phantom 1900-02-29 every serial is one day later.
  const auto days = static_cast<int64_t>(day) - (day < 60 ? 25568 : 25569);
  const auto seconds = static_cast<int64_t>(std::llround((value - day) * 86400.0));
  return days * 86400 + seconds - utc_offset_seconds;
}

}  // namespace hejia::domain
