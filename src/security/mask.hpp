// Masking of personal data for display. Every serialiser calls these; the full value leaves the
// server only through an audited, permission-checked read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

/// A birth date shown beside a masked ID number keeps only its year: "1990-01-01" -> "1990-**-**".
/// With the whole date, the ID's masked middle would leave about ten candidates for the number;
/// with the year alone it leaves hundreds (a month and day, and a sequence digit).
std::string MaskBirthDate(std::string_view date);

/// Free text that may name someone (a case title, a citizen's question) as a list or an export
/// shows it: every occurrence of one of `names` (two code points or more) masked as MaskName, and
/// every run of 7 or more digits (a phone, an ID or bank number; an ID's final X included) masked
/// as MaskPhone; shorter numbers (an amount, a house number) stay. Names are tried longest first,
/// so "王小明" is masked before "王小".
std::string MaskFreeText(std::string_view utf8_text, std::vector<std::string> names = {});

/// A short excerpt of free text for a list: MaskFreeText, then at most `code_points` code points
/// with "…" when it was cut.
std::string MaskedExcerpt(std::string_view utf8_text, std::size_t code_points);

}  // namespace hejia::security
