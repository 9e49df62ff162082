#include "domain/reporting_period.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "common/clock.hpp"
#include "domain/cockpit.hpp"

namespace hejia::domain {
namespace {

int64_t At(const char* iso) {
  return *ParseIsoTime(iso);
}

TEST(ReportingPeriod, TheYearSoFarFromTheSixtiethDay) {
  const auto r = ReportingYear(At("2026-12-05T08:00:00+08:00"));
  EXPECT_EQ(FormatBeijing(r.from), "2026-01-01T00:00:00+08:00");
  EXPECT_EQ(r.to, At("2026-12-05T08:00:00+08:00"));
  const auto days = ReportingYearDays(At("2026-12-05T08:00:00+08:00"));
  EXPECT_EQ(LastDay(days), "2026-12-05");
  EXPECT_EQ(FirstDay(days), "2026-01-01");
}

TEST(ReportingPeriod, LastYearWholeBeforeTheSixtiethDay) {
  // 1 March 2027 is day 60: still last year on 28 February, this year from 2 March.
  const auto before = ReportingYearDays(At("2027-02-28T23:30:00+08:00"));
  EXPECT_EQ(FirstDay(before), "2026-01-01");
  EXPECT_EQ(LastDay(before), "2026-12-31");
  const auto on_new_year = ReportingYearDays(At("2027-01-01T00:30:00+08:00"));
  EXPECT_EQ(LastDay(on_new_year), "2026-12-31");
  const auto after = ReportingYearDays(At("2027-03-02T09:00:00+08:00"));
  EXPECT_EQ(FirstDay(after), "2027-01-01");
  EXPECT_EQ(LastDay(after), "2027-03-02");
}

TEST(ReportingPeriod, SameDaysLastYearMovesTheLeapDay) {
  const DayRange leap{BeijingDateStartMillis("2028-01-01"), BeijingDateStartMillis("2028-03-01")};
  const auto last = SameDaysLastYear(leap);
  EXPECT_EQ(FirstDay(last), "2027-01-01");
  EXPECT_EQ(LastDay(last), "2027-02-28");
}

TEST(ReportingPeriod, MonthBoundsClipTheFirstAndLastMonth) {
  const DayRange r{BeijingDateStartMillis("2026-01-15"), BeijingDateStartMillis("2026-03-11")};
  const auto b = MonthBounds(r);
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(b[0], r.from);
  EXPECT_EQ(FormatBeijing(b[1]).substr(0, 10), "2026-02-01");
  EXPECT_EQ(FormatBeijing(b[2]).substr(0, 10), "2026-03-01");
  EXPECT_EQ(b[3], r.to);
  // A December: the next month is January of the next year.
  const DayRange dec{BeijingDateStartMillis("2026-12-01"), BeijingDateStartMillis("2027-01-01")};
  EXPECT_EQ(MonthBounds(dec).size(), 2u);
}

TEST(Cockpit, EveryFigureIsDefinedOnceAndRatiosNameFiguresOfTheCatalogue) {
  std::set<std::string> codes;
  for (const auto& f : CockpitCatalogue()) {
    EXPECT_TRUE(codes.insert(f.code).second) << f.code;
    EXPECT_FALSE(f.label_zh.empty()) << f.code;
    const bool tile_known = std::any_of(CockpitTiles().begin(), CockpitTiles().end(),
                                        [&](const TileDef& t) { return t.code == f.tile; });
    EXPECT_TRUE(tile_known) << f.code;
    if (f.kind == FigureKind::kRatio) {
      EXPECT_NE(FindFigure(f.numerator), nullptr) << f.code;
      EXPECT_NE(FindFigure(f.denominator), nullptr) << f.code;
    }
  }
  EXPECT_EQ(FindFigure("nope"), nullptr);
  EXPECT_EQ(FindFigure("requests.resolution_rate")->kind, FigureKind::kRatio);
}

TEST(Cockpit, RatiosAreTheQuotientOfTheirPartsEverywhereAndNothingOverZero) {
  CockpitSnapshot s;
  s.units = {{"330784", "永康市（本级）", "city", true}, {"330784001", "东城街道", "town", false}};
  s.months = {"2026-01", "2026-02"};
  auto& resolved = s.figures["requests.resolved"];
  auto& accepted = s.figures["requests.accepted"];
  resolved.total = 93;
  accepted.total = 100;
  resolved.last_year = 0;
  accepted.last_year = 0;
  resolved.units = {{"330784", 1.0}, {"330784001", 92.0}};
  accepted.units = {{"330784", 0.0}, {"330784001", 100.0}};
  resolved.months = {3.0, 4.0};
  accepted.months = {4.0, 0.0};
  s.FinishRatios();
  const auto& rate = s.Cells("requests.resolution_rate");
  EXPECT_DOUBLE_EQ(*rate.total, 0.93);
  EXPECT_FALSE(rate.last_year.has_value());
  EXPECT_FALSE(rate.units.at("330784").has_value());
  EXPECT_DOUBLE_EQ(*rate.units.at("330784001"), 0.92);
  ASSERT_EQ(rate.months.size(), 2u);
  EXPECT_DOUBLE_EQ(*rate.months[0], 0.75);
  EXPECT_FALSE(rate.months[1].has_value());
  EXPECT_FALSE(s.Cells("unknown").total.has_value());
}

}  // namespace
}  // namespace hejia::domain
