#include "domain/phone.hpp"

#include <algorithm>

namespace hejia::domain {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsMobile(std::string_view digits) {
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

bool IsLandline(std::string_view digits) {
  // "0" + area code of 2-3 digits + local number of 7-8 digits; "00" is the international prefix.
  return digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0' && digits[1] != '0';
}

}  // namespace

std::optional<std::string> NormalizePhone(std::string_view input) {
  std::string compact;
  for (const char c : input) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    compact += c;
  }
  std::string_view rest = compact;
  bool international = false;
  if (rest.starts_with("+86")) {
    rest.remove_prefix(3);
    international = true;
  } else if (rest.starts_with("0086")) {
    rest.remove_prefix(4);
    international = true;
  }
  if (rest.empty() || !std::all_of(rest.begin(), rest.end(), IsDigit)) return std::nullopt;

  std::string digits(rest);
  if (international && digits[0] >= '2' && digits[0] <= '9') digits.insert(digits.begin(), '0');
  if (IsMobile(digits) || IsLandline(digits)) return digits;
  return std::nullopt;
}

}  // namespace hejia::domain
