#include "api/cockpit_cache.hpp"

#include <gtest/gtest.h>

namespace hejia::api {
namespace {

constexpr int64_t kStale = 15'000, kMaxAge = 60'000;

std::shared_ptr<const domain::CockpitSnapshot> Made(int64_t at, uint64_t generation) {
  auto s = std::make_shared<domain::CockpitSnapshot>();
  s->as_of = at;
  s->generation = generation;
  return s;
}

TEST(CockpitCache, NothingKeptMeansCompute) {
  CockpitCache cache;
  const auto found = cache.Find("k", 1000, 1, kStale, kMaxAge);
  EXPECT_EQ(found.snapshot, nullptr);
  EXPECT_FALSE(found.refresh);
}

TEST(CockpitCache, FreshUntilAWriteOrMaxAge) {
  CockpitCache cache;
  const auto kept = Made(1000, 7);
  cache.Keep("k", kept);
  auto found = cache.Find("k", 1000 + kMaxAge - 1, 7, kStale, kMaxAge);
  EXPECT_EQ(found.snapshot, kept);
  EXPECT_FALSE(found.stale);
  EXPECT_FALSE(found.refresh);
  EXPECT_EQ(cache.Find("other", 1000, 7, kStale, kMaxAge).snapshot, nullptr);
}

TEST(CockpitCache, AWriteServesStaleAndOneCallerRefreshesAfterStaleMs) {
  CockpitCache cache;
  const auto kept = Made(1000, 7);
  cache.Keep("k", kept);
  // Written since (generation 8), but younger than stale_ms: served stale, nobody refreshes.
  auto found = cache.Find("k", 1000 + kStale - 1, 8, kStale, kMaxAge);
  EXPECT_EQ(found.snapshot, kept);
  EXPECT_TRUE(found.stale);
  EXPECT_FALSE(found.refresh);
  // Past stale_ms: exactly one caller refreshes; the others are served the old one meanwhile.
  found = cache.Find("k", 1000 + kStale, 8, kStale, kMaxAge);
  EXPECT_EQ(found.snapshot, kept);
  EXPECT_TRUE(found.refresh);
  found = cache.Find("k", 1000 + kStale + 5, 8, kStale, kMaxAge);
  EXPECT_EQ(found.snapshot, kept);
  EXPECT_TRUE(found.stale);
  EXPECT_FALSE(found.refresh);
  // The refresh lands: fresh again.
  const auto next = Made(1000 + kStale + 10, 8);
  cache.Keep("k", next);
  found = cache.Find("k", 1000 + kStale + 20, 8, kStale, kMaxAge);
  EXPECT_EQ(found.snapshot, next);
  EXPECT_FALSE(found.stale);
}

TEST(CockpitCache, AFailedRefreshLetsTheNextCallerTry) {
  CockpitCache cache;
  cache.Keep("k", Made(0, 1));
  EXPECT_TRUE(cache.Find("k", kStale, 2, kStale, kMaxAge).refresh);
  EXPECT_FALSE(cache.Find("k", kStale + 1, 2, kStale, kMaxAge).refresh);
  cache.Failed("k");
  EXPECT_TRUE(cache.Find("k", kStale + 2, 2, kStale, kMaxAge).refresh);
}

TEST(CockpitCache, OldWithoutWritesIsRefreshedThenNoLongerServed) {
  CockpitCache cache;
  const auto kept = Made(0, 1);
  cache.Keep("k", kept);
  auto found = cache.Find("k", kMaxAge, 1, kStale, kMaxAge);
  EXPECT_EQ(found.snapshot, kept);
  EXPECT_TRUE(found.stale);
  EXPECT_TRUE(found.refresh);
  cache.Failed("k");
  // Twice max_age: too old to serve; the caller computes and waits.
  EXPECT_EQ(cache.Find("k", 2 * kMaxAge, 1, kStale, kMaxAge).snapshot, nullptr);
  // A clock gone backwards serves nothing either.
  EXPECT_EQ(cache.Find("k", -1, 1, kStale, kMaxAge).snapshot, nullptr);
}

}  // namespace
}  // namespace hejia::api
