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

PublicGuard::PublicGuard(std::shared_ptr<const security::KeyRing> keys, PublicLimits limits,
                         store::Database* shared)
    : submits_("public_submit", limits.submits, limits.submit_window_ms, shared,
               security::FieldCipher(keys)),
      challenges_window_("public_challenge", limits.challenges, limits.challenge_window_ms, shared,
                         security::FieldCipher(keys)),
      lookups_("public_lookup", limits.lookups, limits.lookup_window_ms, shared,
               security::FieldCipher(keys)),
      failed_lookups_("public_failed_lookup", limits.failed_lookups, limits.failed_lookup_window_ms,
                      shared, security::FieldCipher(keys)),
      challenges_(*keys),
      limits_(limits) {}

boost::asio::awaitable<void> PublicGuard::Admit(PublicAction action, const std::string& address,
                                                int64_t now_ms) {
  const std::string client = http::ClientKey(address);
  switch (action) {
    case PublicAction::kSubmit:
      if (int wait = co_await submits_.Hit(client, now_ms); wait > 0) TooMany(wait);
      co_return;
    case PublicAction::kChallenge:
      if (int wait = co_await challenges_window_.Hit(client, now_ms); wait > 0) TooMany(wait);
      co_return;
    case PublicAction::kLookup: {
      // Failed guesses are the scarcer budget: check it first so a guesser who used it up does
      // not also spend lookup slots.
      if (int wait = co_await failed_lookups_.Hit(client, now_ms); wait > 0) TooMany(wait);
      const int wait = co_await lookups_.Hit(client, now_ms);
      if (wait > 0) {
        co_await failed_lookups_.Forgive(client, now_ms);
        TooMany(wait);
      }
      co_return;
    }
  }
}

boost::asio::awaitable<void> PublicGuard::LookupFound(const std::string& address, int64_t now_ms) {
  const std::string client = http::ClientKey(address);  // not a temporary in the co_await
  co_await failed_lookups_.Forgive(client, now_ms);
}

boost::asio::awaitable<void> PublicGuard::SubmitRefused(const std::string& address,
                                                        int64_t now_ms) {
  const std::string client = http::ClientKey(address);
  co_await submits_.Forgive(client, now_ms);
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
