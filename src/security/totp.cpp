#include "security/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstdio>

#include "security/sodium_init.hpp"

namespace hejia::security {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
      continue;
    }
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

std::string StripSpaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ') out += c;
  }
  return out;
}

}  // namespace

std::string Base32Encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(buffer >> (bits - 5)) & 0x1F];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1F];
  return out;
}

std::optional<std::vector<std::uint8_t>> Base32Decode(std::string_view text) {
  std::string compact = StripSpaces(text);
  while (!compact.empty() && compact.back() == '=') compact.pop_back();
  // 8 characters carry 5 bytes; a remainder of 1, 3 or 6 characters cannot come from whole bytes.
  const std::size_t remainder = compact.size() % 8;
  if (remainder == 1 || remainder == 3 || remainder == 6) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(compact.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : compact) {
    const int value = Base32Value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  return out;
}

std::string GenerateTotpSecret() {
  EnsureSodium();
  std::array<std::uint8_t, 20> key;
  randombytes_buf(key.data(), key.size());
  std::string secret = Base32Encode(key);
  sodium_memzero(key.data(), key.size());
  return secret;
}

std::string HotpCode(std::span<const std::uint8_t> key, std::uint64_t counter, int digits) {
  if (digits < 6 || digits > 8) return {};
  std::array<unsigned char, 8> message;
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac;
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &mac_len) == nullptr ||
      mac_len != 20) {
    return {};
  }
  const unsigned offset = mac[19] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  char text[16];
  std::snprintf(text, sizeof text, "%0*u", digits, static_cast<unsigned>(binary % modulus));
  return text;
}

std::int64_t TotpCounter(std::int64_t unix_seconds) {
  // Floor division, so times before 1970 do not share step 0.
  std::int64_t counter = unix_seconds / kTotpStepSeconds;
  if (unix_seconds % kTotpStepSeconds != 0 && unix_seconds < 0) --counter;
  return counter;
}

std::string TotpCode(std::span<const std::uint8_t> key, std::int64_t unix_seconds, int digits) {
  return HotpCode(key, static_cast<std::uint64_t>(TotpCounter(unix_seconds)), digits);
}

std::optional<std::int64_t> VerifyTotpOnce(std::string_view secret_base32, std::string_view code,
                                           std::int64_t unix_seconds,
                                           std::optional<std::int64_t> last_accepted_counter,
                                           int window) {
  EnsureSodium();
  const std::string typed = StripSpaces(code);
  if (typed.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  auto key = Base32Decode(secret_base32);
  if (!key || key->empty()) return std::nullopt;
  if (window < 0) window = 0;
  const std::int64_t now = TotpCounter(unix_seconds);
  std::optional<std::int64_t> matched;
  // Every step in the window is computed and compared, so timing does not reveal which matched.
  for (std::int64_t counter = now - window; counter <= now + window; ++counter) {
    if (counter < 0) continue;
    const std::string expected = HotpCode(*key, static_cast<std::uint64_t>(counter));
    const bool equal = expected.size() == typed.size() &&
                       sodium_memcmp(expected.data(), typed.data(), typed.size()) == 0;
    const bool fresh = !last_accepted_counter || counter > *last_accepted_counter;
    if (equal && fresh && !matched) matched = counter;
  }
  sodium_memzero(key->data(), key->size());
  return matched;
}

std::optional<std::int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code,
                                       std::int64_t unix_seconds, int window) {
  return VerifyTotpOnce(secret_base32, code, unix_seconds, std::nullopt, window);
}

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32) {
  const std::string encoded_issuer = PercentEncode(issuer);
  std::string uri = "otpauth://totp/";
  uri += encoded_issuer;
  uri += ':';
  uri += PercentEncode(account);
  uri += "?secret=";
  uri += StripSpaces(secret_base32);
  uri += "&issuer=";
  uri += encoded_issuer;
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace hejia::security
