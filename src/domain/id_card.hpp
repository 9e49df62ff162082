// Mainland resident identity card numbers (GB 11643-1999, 18 characters).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hejia::domain {

/// What an identity card number says about its holder.
struct IdCardInfo {
  std::string normalized;  ///< 18 characters, check character uppercase
  std::string birth_date;  ///< YYYY-MM-DD
  bool female = false;     ///< from the 17th digit: even = female, odd = male
  std::string region6;     ///< administrative division code of registration
};

/// Parses an 18-character number (surrounding spaces ignored, lowercase x accepted): 17 digits, a
/// real calendar birth date from 1900-01-01 to 2100-12-31, and a correct ISO 7064 MOD 11-2 check
/// character. Whether the birth date lies in the future is for the caller (it owns the clock).
std::optional<IdCardInfo> ParseIdCard(std::string_view text);

/// The check character ('0'-'9' or 'X') for the first 17 digits, or '\0' if they are not 17 digits.
char IdCardCheckChar(std::string_view first17);

/// Builds a valid number for synthetic demo data. `sequence` (0-999) gets its parity adjusted so
/// the number says `female`. Returns "" if region6 is not 6 digits, the date is not a valid
/// YYYYMMDD in range, or sequence is out of range.
std::string MakeIdCard(std::string_view region6, std::string_view birth_yyyymmdd, int sequence,
                       bool female);

}  // namespace hejia::domain
