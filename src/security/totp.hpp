// Time-based one-time passwords (RFC 6238, HMAC-SHA1, 30-second steps, 6 digits) and the
// RFC 4648 base32 they are exchanged in.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::security {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

/// RFC 4648 base32, uppercase, without '=' padding.
std::string Base32Encode(std::span<const std::uint8_t> bytes);

/// Decodes base32 case-insensitively, ignoring spaces (apps show secrets in groups) and trailing
/// '=' padding; nullopt on any other character or an impossible length.
std::optional<std::vector<std::uint8_t>> Base32Decode(std::string_view text);

/// A new shared secret: 20 random bytes as base32 (32 characters).
std::string GenerateTotpSecret();

/// RFC 4226 HOTP value for a counter, zero-padded to `digits` (6..8; "" for any other count).
std::string HotpCode(std::span<const std::uint8_t> key, std::uint64_t counter,
                     int digits = kTotpDigits);

/// RFC 6238 TOTP value at a Unix time.
std::string TotpCode(std::span<const std::uint8_t> key, std::int64_t unix_seconds,
                     int digits = kTotpDigits);

/// The time-step counter of a Unix time (floor(t / 30)).
std::int64_t TotpCounter(std::int64_t unix_seconds);

/// Checks `code` (spaces ignored) against the steps within `window` of `unix_seconds`, comparing
/// in constant time. Returns the matched step counter; the caller stores the last accepted
/// counter and refuses a code whose counter is not newer (see VerifyTotpOnce).
std::optional<std::int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code,
                                       std::int64_t unix_seconds, int window = 1);

/// VerifyTotp that also refuses replay: only steps after `last_accepted_counter` can match.
std::optional<std::int64_t> VerifyTotpOnce(std::string_view secret_base32, std::string_view code,
                                           std::int64_t unix_seconds,
                                           std::optional<std::int64_t> last_accepted_counter,
                                           int window = 1);

/// The otpauth:// URI authenticator apps scan as a QR code, issuer and account percent-encoded:
/// otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32);

}  // namespace hejia::security
