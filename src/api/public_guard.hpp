// Abuse protection of the public portal (no account): per-client sliding windows (an IPv6 client
// counted by its /64, http::ClientKey) and the proof-of-work challenges every submission pays
// with, harder under load. The windows are shared by the nodes of one PostgreSQL (a client sent
// to another node finds its count there: api/rate_window.hpp); the load that hardens the
// challenges is each node's own.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "api/rate_window.hpp"
#include "security/challenge.hpp"

namespace hejia::api {

/// How much one client address may do.
struct PublicLimits {
  int submits = 5;  // help requests + consultations
  int64_t submit_window_ms = 10LL * 60 * 1000;
  int challenges = 30;
  int64_t challenge_window_ms = 60LL * 1000;
  int lookups = 20;  // follow-ups of a help request or a consultation
  int64_t lookup_window_ms = 60LL * 1000;
  int failed_lookups = 10;  // unknown or malformed codes, wrong phone digits
  int64_t failed_lookup_window_ms = 10LL * 60 * 1000;
  // The proof of work grows with the challenges the whole node issues: above `calm_challenges`
  // a minute, 2 more bits per doubling, at most `max_extra_bits` more.
  int calm_challenges = 120;
  int max_extra_bits = 6;
};

/// What a public caller is doing.
enum class PublicAction { kSubmit, kChallenge, kLookup };

/// The windows and the challenge issuer, shared by the public routes. Thread-safe.
class PublicGuard {
 public:
  /// `shared`: the database the nodes count the windows in (SharedAcrossNodes); null: memory.
  explicit PublicGuard(std::shared_ptr<const security::KeyRing> keys, PublicLimits limits = {},
                       store::Database* shared = nullptr);

  /// Reserves one slot for `action` from `client`, or throws 429 `rate_limited` with Retry-After
  /// and details.retry_after_seconds. A lookup also reserves a failed-lookup slot, given back by
  /// LookupFound: so a burst of guesses cannot all pass the check before any of them fails.
  boost::asio::awaitable<void> Admit(PublicAction action, const std::string& client,
                                     int64_t now_ms);
  /// The lookup found what it looked for: it does not count as failed.
  boost::asio::awaitable<void> LookupFound(const std::string& client, int64_t now_ms);
  /// The submission was refused as invalid and wrote nothing: it does not count.
  boost::asio::awaitable<void> SubmitRefused(const std::string& client, int64_t now_ms);
  /// The zero bits the next challenge asks for: `base`, more while the node issues many (a flood
  /// of submissions pays more work each; a quiet night stays cheap for a slow phone). Counts the
  /// challenge.
  int ChallengeDifficulty(int base, int64_t now_ms);

  security::ChallengeIssuer& challenges() { return challenges_; }

 private:
  RateWindow submits_, challenges_window_, lookups_, failed_lookups_;
  security::ChallengeIssuer challenges_;
  PublicLimits limits_;
  std::mutex load_mu_;
  int64_t load_minute_ = -1;
  int issued_this_minute_ = 0, issued_last_minute_ = 0;
};

}  // namespace hejia::api
