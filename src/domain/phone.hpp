// Mainland China phone numbers as stored and searched.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hejia::domain {

/// Normalises a phone number to digits only, or nullopt if it is not a mainland number.
/// Strips spaces, tabs and dashes and a leading +86 / 0086 (a landline written after +86 without
/// its trunk 0, "+86 571 8888 6666", gets the 0 back). Accepts mobiles 1[3-9] + 9 digits and
/// landlines 0 + 2-3 digit area code + 7-8 digits (10-12 digits, not starting 00).
std::optional<std::string> NormalizePhone(std::string_view input);

}  // namespace hejia::domain
