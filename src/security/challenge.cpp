#include "security/challenge.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <optional>

#include "security/sodium_init.hpp"
#include "security/tokens.hpp"

namespace hejia::security {
namespace {

constexpr size_t kRandomBytes = 16;
constexpr size_t kSignedBytes = kRandomBytes + 8 + 1;
constexpr size_t kTokenBytes = kSignedBytes + crypto_auth_BYTES;
constexpr size_t kTokenChars = (kTokenBytes * 8 + 5) / 6;  // base64url without padding
constexpr int kMaxDifficulty = 64;
constexpr size_t kMaxNonceChars = 20;
constexpr int64_t kSweepEveryMs = 60'000;

static_assert(crypto_kdf_KEYBYTES == sizeof(Key));
static_assert(crypto_auth_KEYBYTES == sizeof(Key));

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

struct Parsed {
  std::string random;  // the 16 random bytes: the token's identity in the spent set
  int64_t expiry_ms = 0;
  int difficulty = 0;
};

/// Decodes and authenticates a token; nullopt (malformed) or a forged flag.
std::optional<Parsed> Parse(std::string_view token, const Key& mac_key, bool& forged) {
  forged = false;
  if (token.size() != kTokenChars) return std::nullopt;
  auto raw = Base64Decode(token, Base64Variant::kUrlSafeNoPadding);
  if (!raw || raw->size() != kTokenBytes) return std::nullopt;
  const auto* b = Bytes(*raw);
  if (crypto_auth_verify(b + kSignedBytes, b, kSignedBytes, mac_key.data()) != 0) {
    forged = true;
    return std::nullopt;
  }
  Parsed p;
  p.random = raw->substr(0, kRandomBytes);
  uint64_t expiry = 0;
  for (size_t i = 0; i < 8; ++i) expiry = (expiry << 8) | b[kRandomBytes + i];
  p.expiry_ms = static_cast<int64_t>(expiry);
  p.difficulty = b[kRandomBytes + 8];
  return p;
}

bool ValidNonce(std::string_view nonce) {
  return !nonce.empty() && nonce.size() <= kMaxNonceChars &&
         std::all_of(nonce.begin(), nonce.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int LeadingZeroBits(std::string_view bytes) {
  int bits = 0;
  for (unsigned char c : bytes) {
    if (c == 0) {
      bits += 8;
      continue;
    }
    for (unsigned char mask = 0x80; (c & mask) == 0; mask >>= 1) ++bits;
    break;
  }
  return bits;
}

bool SolvesChallenge(std::string_view token, std::string_view nonce, int difficulty) {
  EnsureSodium();
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, Bytes(token), token.size());
  crypto_hash_sha256_update(&state, Bytes(":"), 1);
  crypto_hash_sha256_update(&state, Bytes(nonce), nonce.size());
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  return LeadingZeroBits(std::string_view(reinterpret_cast<const char*>(digest.data()),
                                          digest.size())) >= difficulty;
}

ChallengeIssuer::ChallengeIssuer(const KeyRing& keys, int64_t lifetime_ms, size_t max_remembered)
    : lifetime_ms_(lifetime_ms), max_remembered_(max_remembered) {
  EnsureSodium();
  // A sub-key of the index key for this one purpose: independent of the blind indexes, and no
  // new entry in the key file.
  crypto_kdf_derive_from_key(mac_key_.data(), mac_key_.size(), 1, "hjpubpow",
                             keys.index_key.data());
}

ChallengeIssuer::~ChallengeIssuer() {
  sodium_memzero(mac_key_.data(), mac_key_.size());
}

std::string ChallengeIssuer::Issue(int64_t now_ms, int difficulty) const {
  std::array<unsigned char, kTokenBytes> raw{};
  randombytes_buf(raw.data(), kRandomBytes);
  const auto expiry = static_cast<uint64_t>(now_ms + lifetime_ms_);
  for (size_t i = 0; i < 8; ++i)
    raw[kRandomBytes + i] = static_cast<unsigned char>(expiry >> (56 - 8 * i));
  raw[kRandomBytes + 8] = static_cast<unsigned char>(std::clamp(difficulty, 0, kMaxDifficulty));
  crypto_auth(raw.data() + kSignedBytes, raw.data(), kSignedBytes, mac_key_.data());
  return Base64Encode(std::span<const std::uint8_t>(raw.data(), raw.size()),
                      Base64Variant::kUrlSafeNoPadding);
}

ChallengeVerdict ChallengeIssuer::Redeem(std::string_view token, std::string_view nonce,
                                         int64_t now_ms) {
  if (!ValidNonce(nonce)) return ChallengeVerdict::kMalformed;
  bool forged = false;
  auto parsed = Parse(token, mac_key_, forged);
  if (!parsed) return forged ? ChallengeVerdict::kForged : ChallengeVerdict::kMalformed;
  if (parsed->difficulty > kMaxDifficulty) return ChallengeVerdict::kMalformed;
  if (now_ms >= parsed->expiry_ms) return ChallengeVerdict::kExpired;
  if (!SolvesChallenge(token, nonce, parsed->difficulty)) return ChallengeVerdict::kTooWeak;

  std::lock_guard lock(mu_);
  if (now_ms >= next_sweep_ms_ || spent_.size() >= max_remembered_) {
    std::erase_if(spent_, [&](const auto& kv) { return kv.second <= now_ms; });
    next_sweep_ms_ = now_ms + kSweepEveryMs;
  }
  if (spent_.count(parsed->random)) return ChallengeVerdict::kReused;
  if (spent_.size() >= max_remembered_) return ChallengeVerdict::kBusy;
  spent_.emplace(std::move(parsed->random), parsed->expiry_ms);
  return ChallengeVerdict::kOk;
}

void ChallengeIssuer::Release(std::string_view token) {
  bool forged = false;
  auto parsed = Parse(token, mac_key_, forged);
  if (!parsed) return;
  std::lock_guard lock(mu_);
  spent_.erase(parsed->random);
}

}  // namespace hejia::security
