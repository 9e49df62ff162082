#include "store/case_stats.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"

namespace hejia::store {
namespace {

TEST(CaseStatsMedian, IsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes) {
  EXPECT_FALSE(Median({}));
  EXPECT_DOUBLE_EQ(*Median({7}), 7);
  EXPECT_DOUBLE_EQ(*Median({20, 4, 10}), 10);
  EXPECT_DOUBLE_EQ(*Median({20, 4, 10, 6}), 8);
  EXPECT_DOUBLE_EQ(*Median({1, 1, 1, 100}), 1);
}

TEST(CaseStatsMonths, EveryBeijingMonthOfThePeriodInOrder) {
  const int64_t from = BeijingDateStartMillis("2026-11-15");
  const int64_t to = BeijingDateStartMillis("2027-02-01");  // exclusive: January is the last
  EXPECT_EQ(BeijingMonths(from, to), (std::vector<std::string>{"2026-11", "2026-12", "2027-01"}));
  // Beijing midnight of 1 March is still February in UTC: the month is Beijing's.
  const int64_t march = BeijingDateStartMillis("2028-03-01");
  EXPECT_EQ(BeijingMonths(march, march + 1), (std::vector<std::string>{"2028-03"}));
  EXPECT_TRUE(BeijingMonths(march, march).empty());
  const int64_t day = (march + 8LL * 3600 * 1000) / (24LL * 3600 * 1000);
  EXPECT_EQ(BeijingMonthOfDay(day), "2028-03");
  EXPECT_EQ(BeijingMonthOfDay(day - 1), "2028-02");  // 29 February 2028, a leap day
  EXPECT_EQ(BeijingMonthOfDay(0), "1970-01");
}

TEST(CaseStatsGroups, OnlyTheFourGroupingsAreKnown) {
  EXPECT_EQ(ParseStatsGroup("month"), StatsGroup::kMonth);
  EXPECT_EQ(ParseStatsGroup("region"), StatsGroup::kRegion);
  EXPECT_EQ(ParseStatsGroup("category"), StatsGroup::kCategory);
  EXPECT_EQ(ParseStatsGroup("level"), StatsGroup::kLevel);
  EXPECT_FALSE(ParseStatsGroup("person"));
  EXPECT_FALSE(ParseStatsGroup(""));
}

}  // namespace
}  // namespace hejia::store
