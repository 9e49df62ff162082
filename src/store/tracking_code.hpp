// Tracking codes of help requests and consultations: what a citizen keeps to follow her request
// on the portal. Only a blind index of the normalised code is stored, so the table alone cannot
// be used to look a request up.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hejia::store {

/// The 32 characters of a code: digits and capitals without 0, 1, I and O (easily misread).
inline constexpr std::string_view kTrackingAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A fresh random code "XXXX-XXXX-XXXX" (12 characters, 60 bits, libsodium randombytes).
std::string NewTrackingCode();

/// The 12 characters of a code as typed by a person: case and dashes/spaces ignored. nullopt
/// when it cannot be a code (wrong length or a character outside the alphabet).
std::optional<std::string> NormaliseTrackingCode(std::string_view input);

}  // namespace hejia::store
