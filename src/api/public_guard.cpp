#include "api/public_guard.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/error.hpp"
#include "http/client_address.hpp"

namespace hejia::api {

namespace {

[[noreturn]] void TooMany(int wait) {
  throw ApiError(ErrorKind::kTooManyRequests, "rate_limited",
                 "操作过于频繁，请稍后再试 / too many requests, try again later")
      .WithRetryAfter(wait)
      .WithDetails(boost::json::object{{"retry_after_seconds", wait}});
}

}  // namespace

PublicGuard::PublicGuard(const security::KeyRing& keys, PublicLimits limits)
    : submits_(limits.submits, limits.submit_window_ms),
      challenges_window_(limits.challenges, limits.challenge_window_ms),
      lookups_(limits.lookups, limits.lookup_window_ms),
      failed_lookups_(limits.failed_lookups, limits.failed_lookup_window_ms),
      challenges_(keys),
      limits_(limits) {}

void PublicGuard::Admit(PublicAction action, const std::string& address, int64_t now_ms) {
  const std::string client = http::ClientKey(address);
  switch (action) {
    case PublicAction::kSubmit:
      if (int wait = submits_.Hit(client, now_ms); wait > 0) TooMany(wait);
      return;
    case PublicAction::kChallenge:
      if (int wait = challenges_window_.Hit(client, now_ms); wait > 0) TooMany(wait);
      return;
    case PublicAction::kLookup:
      // Failed guesses are the scarcer budget: check it first so a guesser who used it up does
      // not also spend lookup slots.
      if (int wait = failed_lookups_.Hit(client, now_ms); wait > 0) TooMany(wait);
      if (int wait = lookups_.Hit(client, now_ms); wait > 0) {
        failed_lookups_.Forgive(client);
        TooMany(wait);
      }
      return;
  }
}

void PublicGuard::LookupFound(const std::string& address) {
  failed_lookups_.Forgive(http::ClientKey(address));
}

void PublicGuard::SubmitRefused(const std::string& address) {
  submits_.Forgive(http::ClientKey(address));
}

int PublicGuard::ChallengeDifficulty(int base, int64_t now_ms) {
  const int64_t minute = now_ms / 60'000;
  std::lock_guard lock(load_mu_);
  if (minute != load_minute_) {
    issued_last_minute_ = minute == load_minute_ + 1 ? issued_this_minute_ : 0;
    issued_this_minute_ = 0;
    load_minute_ = minute;
  }
  ++issued_this_minute_;
  // The busier of this minute and the last, so the work does not drop the moment a minute turns.
  int load = std::max(issued_this_minute_, issued_last_minute_);
  int extra = 0;
  for (int calm = limits_.calm_challenges; load > calm && extra < limits_.max_extra_bits; calm *= 2)
    extra += 2;
  return std::min(base + std::min(extra, limits_.max_extra_bits), 32);
}

}  // namespace hejia::api
