// Masking of personal data for display. Every serialiser calls these; the full value leaves the
// server only through an audited, permission-checked read.
#pragma once

#include <string>
#include <string_view>

namespace hejia::security {

/// "13812345678" -> "138****5678" for 11-digit mobiles; any other number keeps only its last two
/// characters ("057188886666" -> "**********66"); two characters or fewer become all stars.
std::string MaskPhone(std::string_view phone);

/// Resident ID numbers (15 or 18 characters and longer) keep the first 6 and last 2:
/// "330784199001011234" -> "330784**********34". Shorter documents keep only the last 2.
std::string MaskIdNumber(std::string_view id_number);

/// Keeps the first 6 code points of an address and appends "****"; an address of 6 code points or
/// fewer keeps only its first half, so a short address is never shown whole.
std::string MaskAddress(std::string_view utf8_address);

/// First code point, then one '*' per remaining code point: "王小明" -> "王**". A one-character
/// name becomes "*".
std::string MaskName(std::string_view utf8_name);

}  // namespace hejia::security
