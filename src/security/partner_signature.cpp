#include "security/partner_signature.hpp"

#include <sodium.h>

#include <charconv>

#include "security/sodium_init.hpp"
#include "security/tokens.hpp"

namespace hejia::security {

namespace {

bool NonceForm(std::string_view nonce) {
  if (nonce.size() < 16 || nonce.size() > 64) return false;
  for (char c : nonce)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-'))
      return false;
  return true;
}

bool HexForm(std::string_view hex) {
  if (hex.size() != 2 * crypto_auth_hmacsha256_BYTES) return false;
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string CanonicalRequest(const SignedRequest& r) {
  std::string out;
  out.reserve(r.method.size() + r.path.size() + r.timestamp.size() + r.nonce.size() + 70);
  out.append(r.method).append("\n");
  out.append(r.path).append("\n");
  out.append(r.timestamp).append("\n");
  out.append(r.nonce).append("\n");
  out.append(Sha256Hex(r.body));
  return out;
}

std::string SignRequest(std::string_view key, const SignedRequest& r) {
  EnsureSodium();
  const std::string message = CanonicalRequest(r);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

SignatureCheck CheckSignature(std::string_view key, const SignedRequest& r, int64_t now_seconds) {
  int64_t at = 0;
  const auto* end = r.timestamp.data() + r.timestamp.size();
  const auto parsed = std::from_chars(r.timestamp.data(), end, at);
  if (r.timestamp.empty() || r.timestamp.size() > 12 || parsed.ec != std::errc() ||
      parsed.ptr != end || at < 0 || !NonceForm(r.nonce) || !HexForm(r.signature))
    return SignatureCheck::kMalformed;
  if (at > now_seconds + kSignatureWindowSeconds || at < now_seconds - kSignatureWindowSeconds)
    return SignatureCheck::kStale;
  // Checked even for a key that is too short, so that the time taken tells nothing either way.
  const bool matches = ConstantTimeEquals(SignRequest(key, r), r.signature);
  if (key.size() < 32 || !matches) return SignatureCheck::kBadSignature;
  return SignatureCheck::kValid;
}

}  // namespace hejia::security
