// Proof-of-work challenges for the public portal: a caller without an account must spend a little
// computation (about 2^difficulty SHA-256 hashes) before each submission, with no third-party
// service. Tokens are signed, expire, and are accepted once.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "security/keys.hpp"

namespace hejia::security {

/// Why a challenge answer was refused (kOk when accepted).
enum class ChallengeVerdict {
  kOk,
  kMalformed,  ///< not a token of ours, or the nonce is not a decimal string of 1-20 digits
  kForged,     ///< the signature does not match
  kExpired,    ///< older than its lifetime
  kTooWeak,    ///< SHA-256(token ":" nonce) lacks the required leading zero bits
  kReused,     ///< already accepted once
  kBusy,       ///< too many live tokens remembered; refuse rather than forget one
};

/// Leading zero bits of a byte string (SHA-256 digests here).
int LeadingZeroBits(std::string_view bytes);

/// True when SHA-256(token + ":" + nonce) starts with at least `difficulty` zero bits.
bool SolvesChallenge(std::string_view token, std::string_view nonce, int difficulty);

/// Issues and checks challenge tokens.
///
/// Token: base64url (no padding) of random(16) || expiry_ms (8 bytes, big-endian) ||
/// difficulty (1 byte) || HMAC-SHA-512/256 (libsodium crypto_auth) of the first 25 bytes. The MAC
/// key is a sub-key derived with crypto_kdf from the key ring's index key (context "hjpubpow",
/// id 1), so the key file format is unchanged. The difficulty rides in the signed token, so a
/// change of setting never strands tokens already handed out.
///
/// Used tokens are remembered in memory until they expire: single use holds per process (per
/// node); a multi-node deployment must pin the portal to one node or share this state.
/// Thread-safe.
class ChallengeIssuer {
 public:
  explicit ChallengeIssuer(const KeyRing& keys, int64_t lifetime_ms = 10LL * 60 * 1000,
                           size_t max_remembered = 1'000'000);
  ~ChallengeIssuer();
  ChallengeIssuer(const ChallengeIssuer&) = delete;
  ChallengeIssuer& operator=(const ChallengeIssuer&) = delete;

  /// A fresh token valid until now + lifetime, asking for `difficulty` (0-64) zero bits.
  std::string Issue(int64_t now_ms, int difficulty) const;

  /// Checks signature, expiry and work; on kOk the token is spent and never accepted again.
  ChallengeVerdict Redeem(std::string_view token, std::string_view nonce, int64_t now_ms);

  /// Gives a spent token back (the request it paid for was refused and wrote nothing).
  void Release(std::string_view token);

  int64_t lifetime_ms() const { return lifetime_ms_; }

 private:
  Key mac_key_{};
  int64_t lifetime_ms_;
  size_t max_remembered_;
  std::mutex mu_;
  std::unordered_map<std::string, int64_t> spent_;  // token -> expiry
  int64_t next_sweep_ms_ = 0;
};

}  // namespace hejia::security
