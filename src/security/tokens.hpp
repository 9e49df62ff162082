// Random tokens, token hashing, encodings and hashes shared by the security code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hejia::security {

/// Which base64 alphabet and padding to use.
enum class Base64Variant {
  kStandard,          ///< RFC 4648 section 4, with '=' padding.
  kUrlSafeNoPadding,  ///< RFC 4648 section 5, no padding (tokens, URLs, ciphertext text).
};

/// A fresh random token of `bytes` random bytes, base64url without padding (32 bytes -> 43 chars).
std::string RandomToken(std::size_t bytes = 32);

/// Lowercase hex BLAKE2b-256 of a token, the form stored in the database (64 chars).
std::string HashToken(std::string_view token);

/// Compares two strings without a data-dependent early exit. Lengths are not secret: strings of
/// different length compare unequal at once.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

/// Base64 of arbitrary bytes.
std::string Base64Encode(std::span<const std::uint8_t> bytes,
                         Base64Variant variant = Base64Variant::kStandard);
std::string Base64Encode(std::string_view bytes, Base64Variant variant = Base64Variant::kStandard);

/// Decodes base64 strictly (no whitespace, correct padding for the variant); nullopt if malformed.
std::optional<std::string> Base64Decode(std::string_view text,
                                        Base64Variant variant = Base64Variant::kStandard);

/// Lowercase hex of arbitrary bytes.
std::string HexEncode(std::span<const std::uint8_t> bytes);
std::string HexEncode(std::string_view bytes);

/// Lowercase hex SHA-256 (64 chars), for the audit chain and content hashes.
std::string Sha256Hex(std::string_view data);

}  // namespace hejia::security
