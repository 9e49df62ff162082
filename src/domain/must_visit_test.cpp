#include "domain/must_visit.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

using V = std::vector<std::string>;

TEST(MustVisit, TheFactsPutAHouseholdInItsSituations) {
  EXPECT_EQ(SituationsOf({}), V{});
  EXPECT_EQ(SituationsOf({.tags = {"low_income", "elderly_alone"}}),
            (V{"hardship", "left_behind_or_alone"}));
  EXPECT_EQ(SituationsOf({.tags = {"two_cancers"}}), V{"illness_or_loss"});
  EXPECT_EQ(SituationsOf({.key_family = true}), V{"domestic_violence"});
  EXPECT_EQ(SituationsOf({.recent_incident = true, .open_family_case = true}),
            (V{"family_conflict", "domestic_violence"}));
  EXPECT_EQ(SituationsOf({.tags = {"other"}}), V{});
}

TEST(MustVisit, NeverVisitedIsDueAtOnceElseAMonthAfterTheLast) {
  constexpr int64_t kNow = 1'796'000'000'000, kDay = 24LL * 60 * 60 * 1000;
  EXPECT_EQ(MustVisitDue(0, kNow), kNow);
  EXPECT_EQ(MustVisitDue(kNow - 10 * kDay, kNow), kNow + 20 * kDay);
  EXPECT_EQ(MustVisitDue(kNow - 10 * kDay, kNow, 7), kNow - 3 * kDay);
}

}  // namespace
}  // namespace hejia::domain
