#include "api/public_guard.hpp"

#include <boost/json.hpp>

#include "common/error.hpp"

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
      challenges_(keys) {}

void PublicGuard::Admit(PublicAction action, const std::string& client, int64_t now_ms) {
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

void PublicGuard::LookupFound(const std::string& client) {
  failed_lookups_.Forgive(client);
}

void PublicGuard::SubmitRefused(const std::string& client) {
  submits_.Forgive(client);
}

}  // namespace hejia::api
