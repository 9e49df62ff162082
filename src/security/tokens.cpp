#include "security/tokens.hpp"

#include <sodium.h>

#include <vector>

#include "security/sodium_init.hpp"

namespace hejia::security {
namespace {

int SodiumVariant(Base64Variant variant) {
  return variant == Base64Variant::kStandard ? sodium_base64_VARIANT_ORIGINAL
                                             : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::vector<std::uint8_t> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  std::string token = Base64Encode(buffer, Base64Variant::kUrlSafeNoPadding);
  sodium_memzero(buffer.data(), buffer.size());
  return token;
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  std::uint8_t digest[32];
  crypto_generichash(digest, sizeof digest, Bytes(token), token.size(), nullptr, 0);
  return HexEncode(digest);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  EnsureSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Base64Encode(std::span<const std::uint8_t> bytes, Base64Variant variant) {
  EnsureSodium();
  const int sodium_variant = SodiumVariant(variant);
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_variant);
  out.resize(out.size() - 1);  // drop the terminating NUL libsodium writes
  return out;
}

std::string Base64Encode(std::string_view bytes, Base64Variant variant) {
  return Base64Encode(std::span(Bytes(bytes), bytes.size()), variant);
}

std::optional<std::string> Base64Decode(std::string_view text, Base64Variant variant) {
  EnsureSodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t out_len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &out_len, &end, SodiumVariant(variant)) != 0) {
    return std::nullopt;
  }
  // libsodium stops quietly at the first character outside the alphabet; insist on all of it.
  if (end != text.data() + text.size()) return std::nullopt;
  out.resize(out_len);
  return out;
}

std::string HexEncode(std::span<const std::uint8_t> bytes) {
  EnsureSodium();
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.resize(bytes.size() * 2);
  return out;
}

std::string HexEncode(std::string_view bytes) {
  return HexEncode(std::span(Bytes(bytes), bytes.size()));
}

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  std::uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, Bytes(data), data.size());
  return HexEncode(digest);
}

}  // namespace hejia::security
