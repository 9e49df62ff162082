#include "domain/id_card.hpp"

#include <algorithm>
#include <array>

namespace hejia::domain {
namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), IsDigit);
}

int Number(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

// True for an 8-digit YYYYMMDD that is a real date from 1900-01-01 to 2100-12-31.
bool IsValidBirthDate(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8 || !AllDigits(yyyymmdd)) return false;
  const int year = Number(yyyymmdd.substr(0, 4));
  const int month = Number(yyyymmdd.substr(4, 2));
  const int day = Number(yyyymmdd.substr(6, 2));
  if (year < 1900 || year > 2100) return false;
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= DaysInMonth(year, month);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

char IdCardCheckChar(std::string_view first17) {
  if (first17.size() != 17 || !AllDigits(first17)) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[static_cast<std::size_t>(sum % 11)];
}

std::optional<IdCardInfo> ParseIdCard(std::string_view text) {
  text = Trim(text);
  if (text.size() != 18) return std::nullopt;
  const std::string_view first17 = text.substr(0, 17);
  if (!AllDigits(first17)) return std::nullopt;
  const char given = text[17] == 'x' ? 'X' : text[17];
  if (given != IdCardCheckChar(first17)) return std::nullopt;
  const std::string_view birth = text.substr(6, 8);
  if (!IsValidBirthDate(birth)) return std::nullopt;

  IdCardInfo info;
  info.normalized = std::string(first17) + given;
  info.birth_date = std::string(birth.substr(0, 4)) + '-' + std::string(birth.substr(4, 2)) + '-' +
                    std::string(birth.substr(6, 2));
  info.female = (text[16] - '0') % 2 == 0;
  info.region6 = std::string(text.substr(0, 6));
  return info;
}

std::string MakeIdCard(std::string_view region6, std::string_view birth_yyyymmdd, int sequence,
                       bool female) {
  if (region6.size() != 6 || !AllDigits(region6)) return {};
  if (!IsValidBirthDate(birth_yyyymmdd)) return {};
  if (sequence < 0 || sequence > 999) return {};
  const bool sequence_is_female = sequence % 2 == 0;
  if (sequence_is_female != female) sequence ^= 1;  // flips parity, stays within 0..999

  std::string number(region6);
  number += birth_yyyymmdd;
  number += static_cast<char>('0' + sequence / 100);
  number += static_cast<char>('0' + sequence / 10 % 10);
  number += static_cast<char>('0' + sequence % 10);
  number += IdCardCheckChar(number);
  return number;
}

}  // namespace hejia::domain
