#include "domain/visit.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

constexpr int64_t kNow = 1'796'000'000'000;  // a day in 2026
constexpr int64_t kDay = 24LL * 60 * 60 * 1000;

Visit MustVisit() {
  Visit v;
  v.kind = VisitKind::kMustVisit;
  v.visited_at = kNow - kDay;
  v.situations = ",hardship,";
  return v;
}

std::string FieldOf(const Visit& v) {
  auto p = CheckVisit(v, DefaultMustVisitSituations(), kNow);
  return p ? p->field : "";
}

TEST(Visit, AProblemFoundNeedsAnActionAndAnActionAProblem) {
  Visit v = MustVisit();
  EXPECT_EQ(FieldOf(v), "");
  v.problem_found = true;
  v.problem.plain = "夫妻因彩礼争吵";
  EXPECT_EQ(FieldOf(v), "action");
  v.action = VisitAction::kSettled;
  EXPECT_EQ(FieldOf(v), "");
  v.problem_found = false;
  EXPECT_EQ(FieldOf(v), "problem_found");
  v.problem_found = true;
  v.problem.plain.clear();
  EXPECT_EQ(FieldOf(v), "problem");
}

TEST(Visit, AReferralNamesItsReceiverAndGetsALimit) {
  Visit v = MustVisit();
  v.problem_found = true;
  v.problem.plain = "需要低保政策咨询";
  v.action = VisitAction::kReferral;
  EXPECT_EQ(FieldOf(v), "referral_to");
  v.referral_to = "镇民政办";
  EXPECT_EQ(FieldOf(v), "");
  CompleteVisit(v, kNow);
  EXPECT_EQ(v.referral_due_at, kNow + 15 * kDay);
  EXPECT_TRUE(ReferralOpen(v));
  v.referral_answered_at = kNow + kDay;
  EXPECT_FALSE(ReferralOpen(v));
  Visit settled = MustVisit();
  settled.referral_to = "镇民政办";
  EXPECT_EQ(FieldOf(settled), "referral_to");
}

TEST(Visit, AMustVisitNamesKnownSituationsAndOtherKindsNone) {
  Visit v = MustVisit();
  v.situations = "";
  EXPECT_EQ(FieldOf(v), "situations");
  v.situations = ",hardship,moon_landing,";
  EXPECT_EQ(FieldOf(v), "situations");
  v.situations = ",domestic_violence,left_behind_or_alone,";
  EXPECT_EQ(FieldOf(v), "");
  v.kind = VisitKind::kCare;
  EXPECT_EQ(FieldOf(v), "situations");
  v.situations = "";
  EXPECT_EQ(FieldOf(v), "");
}

TEST(Visit, AVisitCannotBeInTheFutureBeyondAPhonesSkew) {
  Visit v = MustVisit();
  v.visited_at = kNow + 5 * 60 * 1000;
  EXPECT_EQ(FieldOf(v), "");
  v.visited_at = kNow + kDay;
  EXPECT_EQ(FieldOf(v), "visited_at");
  v.visited_at = 0;
  EXPECT_EQ(FieldOf(v), "visited_at");
}

TEST(Visit, RecordedMoreThanThreeDaysLateIsMarkedLate) {
  Visit v = MustVisit();
  v.visited_at = kNow - 3 * kDay;
  CompleteVisit(v, kNow);
  EXPECT_FALSE(v.late);
  v.visited_at = kNow - 3 * kDay - 1;
  CompleteVisit(v, kNow);
  EXPECT_TRUE(v.late);
}

TEST(Visit, CodesAreJoinedInTheSettingsOrderWithoutRepeats) {
  const auto& known = DefaultMustVisitSituations();
  EXPECT_EQ(JoinCodes({"hardship", "family_conflict", "hardship"}, known),
            ",family_conflict,hardship,");
  EXPECT_EQ(JoinCodes({}, known), "");
  EXPECT_EQ(SplitCodes(",a,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(SplitCodes("").empty());
}

TEST(Visit, AClientIdIsPrintableAscii) {
  Visit v = MustVisit();
  v.client_id = "0b7c1f6e-3a3e-4c1b-9f7a-2f4d5e6a7b8c";
  EXPECT_EQ(FieldOf(v), "");
  v.client_id = "有 空格";
  EXPECT_EQ(FieldOf(v), "client_id");
}

TEST(Visit, TheSituationsSettingIsCheckedAndStoredLineByLine) {
  auto list = DefaultMustVisitSituations();
  EXPECT_FALSE(CheckSituations(list));
  EXPECT_EQ(ParseSituations(FormatSituations(list)).size(), list.size());
  EXPECT_EQ(ParseSituations(FormatSituations(list))[1].label_zh, list[1].label_zh);
  list.push_back({"elder_care", "高龄空巢", "elderly living alone"});
  EXPECT_FALSE(CheckSituations(list));
  list.back().code = "Elder Care";
  EXPECT_TRUE(CheckSituations(list));
  list.back().code = "hardship";
  EXPECT_TRUE(CheckSituations(list));  // twice
  list.back().code = "elder_care";
  list.back().label_zh = "";
  EXPECT_TRUE(CheckSituations(list));
  list.back().label_zh = "高龄\t空巢";
  EXPECT_TRUE(CheckSituations(list));
  EXPECT_TRUE(CheckSituations({}));
  EXPECT_EQ(ParseSituations("a\tb\nbroken line\nc\td\te\n").size(), 1u);
}

}  // namespace
}  // namespace hejia::domain
