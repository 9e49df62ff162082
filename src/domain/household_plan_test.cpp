#include "domain/household_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/clock.hpp"

namespace hejia::domain {
namespace {

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;
using C = RiskColour;
using L = RegionLevel;

int64_t Listed() {
  return BeijingDateStartMillis("2026-12-01");
}

Measure Counselling() {
  return {.type = MeasureType::kCounselling,
          .unit = ResponsibleUnit::kFederation,
          .person = "李春燕",
          .due_at = Listed() + 14 * kDay,
          .status = MeasureStatus::kPlanned,
          .detail = "每周一次心理疏导",
          .result = ""};
}

HouseholdPlan APlan() {
  HouseholdPlan p;
  p.colour = C::kYellow;
  p.focus = "丈夫酗酒后打骂妻子，双方就离婚和抚养权争执";
  p.risks = "酗酒或吸毒、子女在场或受到伤害";
  p.goals = "一个月内停止暴力，妻子和孩子安全";
  p.measures = {Counselling()};
  return p;
}

std::vector<std::string> Fields(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

std::string Repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(HouseholdPlanCodes, EveryEnumRoundTripsWithALabel) {
  for (auto v : kMeasureTypes) {
    EXPECT_EQ(ParseMeasureType(ToString(v)), v);
    EXPECT_FALSE(Label(v).empty());
  }
  for (auto v : kResponsibleUnits) {
    EXPECT_EQ(ParseResponsibleUnit(ToString(v)), v);
    EXPECT_FALSE(Label(v).empty());
  }
  for (auto v : kMeasureStatuses) {
    EXPECT_EQ(ParseMeasureStatus(ToString(v)), v);
    EXPECT_FALSE(Label(v).empty());
  }
  for (auto v : kPlanStatuses) {
    EXPECT_EQ(ParsePlanStatus(ToString(v)), v);
    EXPECT_FALSE(Label(v).empty());
  }
  for (auto v : kPlanActions) EXPECT_EQ(ParsePlanAction(ToString(v)), v);
  for (auto v : kReviewReasons) EXPECT_EQ(ParseReviewReason(ToString(v)), v);
  for (auto v : kFollowUpKinds) EXPECT_EQ(ParseFollowUpKind(ToString(v)), v);
  EXPECT_EQ(ToString(MeasureType::kProtectionOrder), "protection_order");
  EXPECT_EQ(ToString(ResponsibleUnit::kJusticeOffice), "justice_office");
  EXPECT_EQ(Label(ResponsibleUnit::kPoliceStation), "派出所");
  EXPECT_EQ(ToString(PlanStatus::kAwaitingCountersign), "awaiting_countersign");
  EXPECT_EQ(ParseMeasureType("shelter"), std::nullopt);
  EXPECT_EQ(ParseResponsibleUnit("court"), std::nullopt);
}

TEST(HouseholdPlanDue, YellowWithinSevenDaysRedWithinThreeBlueNone) {
  EXPECT_EQ(PlanDueAfterListing(C::kYellow), 7);
  EXPECT_EQ(PlanDueAfterListing(C::kRed), 3);
  EXPECT_EQ(PlanDueAfterListing(C::kBlue), std::nullopt);
  EXPECT_EQ(PlanDue(C::kYellow, Listed()), Listed() + 7 * kDay);
  EXPECT_EQ(PlanDue(C::kRed, Listed()), Listed() + 3 * kDay);
  EXPECT_EQ(PlanDue(C::kBlue, Listed()), std::nullopt);
}

TEST(HouseholdPlanSettings, DefaultsAreValidAndProblemsNameTheField) {
  EXPECT_FALSE(CheckPlanSettings({}));
  PlanSettings s;
  s.red_plan_days = 0;
  EXPECT_EQ(CheckPlanSettings(s)->field, "red_plan_days");
  s = {};
  s.red_plan_days = 8;  // longer than yellow's 7
  EXPECT_EQ(CheckPlanSettings(s)->field, "red_plan_days");
  s = {};
  s.yellow_plan_days = 31;
  EXPECT_EQ(CheckPlanSettings(s)->field, "yellow_plan_days");
  s = {};
  s.red_review_days = 0;
  EXPECT_EQ(CheckPlanSettings(s)->field, "red_review_days");
  s = {};
  s.yellow_review_days = -1;
  EXPECT_EQ(CheckPlanSettings(s)->field, "yellow_review_days");
  s = {};
  s.red_mark_after_days = 0;
  EXPECT_EQ(CheckPlanSettings(s)->field, "red_mark_after_days");
}

TEST(HouseholdPlanFlow, AYellowPlanIsActiveWhenSubmittedARedOneAwaitsItsCountersign) {
  EXPECT_TRUE(NeedsCountersign(C::kRed));
  EXPECT_FALSE(NeedsCountersign(C::kYellow));
  EXPECT_FALSE(NeedsCountersign(C::kBlue));
  EXPECT_EQ(NextPlanStatus(PlanStatus::kDraft, PlanAction::kSubmit, C::kYellow),
            PlanStatus::kActive);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kDraft, PlanAction::kSubmit, C::kRed),
            PlanStatus::kAwaitingCountersign);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kAwaitingCountersign, PlanAction::kCountersign, C::kRed),
            PlanStatus::kActive);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kAwaitingCountersign, PlanAction::kReturn, C::kRed),
            PlanStatus::kDraft);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kActive, PlanAction::kSupersede, C::kRed),
            PlanStatus::kSuperseded);
  for (auto from : {PlanStatus::kDraft, PlanStatus::kAwaitingCountersign, PlanStatus::kActive})
    EXPECT_EQ(NextPlanStatus(from, PlanAction::kClose, C::kBlue), PlanStatus::kClosed);
}

TEST(HouseholdPlanFlow, WhatIsNotAllowedWhere) {
  EXPECT_EQ(NextPlanStatus(PlanStatus::kActive, PlanAction::kSubmit, C::kRed), std::nullopt);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kDraft, PlanAction::kCountersign, C::kRed), std::nullopt);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kActive, PlanAction::kCountersign, C::kRed), std::nullopt);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kDraft, PlanAction::kReturn, C::kRed), std::nullopt);
  EXPECT_EQ(NextPlanStatus(PlanStatus::kDraft, PlanAction::kSupersede, C::kRed), std::nullopt);
  for (auto final_status : {PlanStatus::kSuperseded, PlanStatus::kClosed})
    for (auto action : kPlanActions)
      EXPECT_EQ(NextPlanStatus(final_status, action, C::kRed), std::nullopt);
}

TEST(HouseholdPlanCountersign, TheLevelAboveTheAuthorSignsNeverTheAuthor) {
  EXPECT_FALSE(CheckCountersigner(L::kTown, 1, L::kCity, 2));
  EXPECT_FALSE(CheckCountersigner(L::kVillage, 1, L::kTown, 2));
  EXPECT_FALSE(CheckCountersigner(L::kVillage, 1, L::kCity, 2));
  auto p = CheckCountersigner(L::kTown, 1, L::kTown, 2);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->field, "countersigner");
  EXPECT_TRUE(CheckCountersigner(L::kTown, 1, L::kVillage, 2));
  // Nobody is above the city: another person at the city signs.
  EXPECT_FALSE(CheckCountersigner(L::kCity, 1, L::kCity, 2));
  EXPECT_TRUE(CheckCountersigner(L::kCity, 1, L::kCity, 1));
  EXPECT_TRUE(CheckCountersigner(L::kTown, 3, L::kCity, 3));
}

TEST(HouseholdPlanReview, ARedPlanIsReviewedEveryThirtyDaysExactlyOnTheDayIsInTime) {
  const int64_t reviewed = Listed() + 2 * kDay;
  EXPECT_EQ(NextReviewDue(C::kRed, reviewed), reviewed + 30 * kDay);
  EXPECT_EQ(NextReviewDue(C::kYellow, reviewed), std::nullopt);
  EXPECT_EQ(NextReviewDue(C::kBlue, reviewed), std::nullopt);
  EXPECT_EQ(ReviewNeeded(C::kRed, C::kRed, reviewed, reviewed + 30 * kDay), std::nullopt);
  EXPECT_EQ(ReviewNeeded(C::kRed, C::kRed, reviewed, reviewed + 30 * kDay + 1),
            ReviewReason::kPeriodic);
  EXPECT_EQ(ReviewNeeded(C::kYellow, C::kYellow, reviewed, reviewed + 365 * kDay), std::nullopt);
  PlanSettings s;
  s.yellow_review_days = 60;
  EXPECT_EQ(NextReviewDue(C::kYellow, reviewed, s), reviewed + 60 * kDay);
  EXPECT_EQ(ReviewNeeded(C::kYellow, C::kYellow, reviewed, reviewed + 61 * kDay, s),
            ReviewReason::kPeriodic);
}

TEST(HouseholdPlanReview, EveryColourChangeAsksForAReviewAtOnce) {
  const int64_t reviewed = Listed();
  EXPECT_EQ(ReviewNeeded(C::kYellow, C::kRed, reviewed, reviewed), ReviewReason::kColourChanged);
  EXPECT_EQ(ReviewNeeded(C::kRed, C::kYellow, reviewed, reviewed + kDay),
            ReviewReason::kColourChanged);
  EXPECT_EQ(ReviewNeeded(C::kRed, C::kBlue, reviewed, reviewed + 90 * kDay),
            ReviewReason::kColourChanged);
}

TEST(HouseholdPlanMeasures, AValidMeasurePasses) {
  EXPECT_TRUE(CheckMeasure(Counselling()).empty());
  auto done = Counselling();
  done.status = MeasureStatus::kDone;
  done.result = "已完成四次疏导，情绪稳定";
  EXPECT_TRUE(CheckMeasure(done).empty());
}

TEST(HouseholdPlanMeasures, PersonDueDateAndResultAreRequiredWhenSubmitted) {
  Measure m = Counselling();
  m.person = "  ";
  m.due_at.reset();
  m.status = MeasureStatus::kDone;
  EXPECT_EQ(
      Fields(CheckMeasure(m, "measures[0].")),
      (std::vector<std::string>{"measures[0].person", "measures[0].due_at", "measures[0].result"}));
  // A draft may be half-written, but a result is still bounded.
  EXPECT_TRUE(CheckMeasure(m, "", PlanCheck::kDraft).empty());
  m.result = Repeat("字", kMeasureResultMax + 1);
  EXPECT_EQ(Fields(CheckMeasure(m, "", PlanCheck::kDraft)), std::vector<std::string>{"result"});
}

TEST(HouseholdPlanMeasures, ACancelledMeasureSaysWhy) {
  Measure m = Counselling();
  m.status = MeasureStatus::kCancelled;
  const auto problems = CheckMeasure(m);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "result");
  EXPECT_NE(problems[0].message.find("原因"), std::string::npos);
  m.result = "她已搬往外地娘家居住";
  EXPECT_TRUE(CheckMeasure(m).empty());
  // An open measure needs no result yet.
  m.status = MeasureStatus::kInProgress;
  m.result.clear();
  EXPECT_TRUE(CheckMeasure(m).empty());
}

TEST(HouseholdPlanMeasures, ThePersonHasAtMostThirtyCharactersOnOneLine) {
  Measure m = Counselling();
  m.person = Repeat("李", kMeasurePersonMax);
  EXPECT_TRUE(CheckMeasure(m).empty());
  m.person += "李";
  EXPECT_EQ(Fields(CheckMeasure(m)), std::vector<std::string>{"person"});
  m.person = "李\n春燕";
  EXPECT_EQ(Fields(CheckMeasure(m)), std::vector<std::string>{"person"});
  m = Counselling();
  m.detail = Repeat("字", kMeasureDetailMax + 1);
  EXPECT_EQ(Fields(CheckMeasure(m)), std::vector<std::string>{"detail"});
}

TEST(HouseholdPlanMeasures, UnknownEnumValuesAreCaught) {
  Measure m = Counselling();
  m.type = static_cast<MeasureType>(99);
  m.unit = static_cast<ResponsibleUnit>(99);
  EXPECT_EQ(Fields(CheckMeasure(m)), (std::vector<std::string>{"type", "unit"}));
}

TEST(HouseholdPlanSafety, AnEmptySafetyPlanIsAllowed) {
  const SafetyPlan none;
  EXPECT_TRUE(none.Empty());
  EXPECT_TRUE(CheckSafetyPlan(none).empty());
}

TEST(HouseholdPlanSafety, ContactsCodeWordAndPlaceWithinTheirLimits) {
  SafetyPlan s;
  s.contacts = {{"王秀英", "母亲", "138 0000 1234"}, {"村妇联主任", "", "0579-87654321"}};
  s.code_word = "买点酱油";
  s.safe_place = "娘家（前仓镇），或镇妇联的临时庇护点";
  s.notes = "身份证、户口本和银行卡放在娘家";
  EXPECT_FALSE(s.Empty());
  EXPECT_TRUE(CheckSafetyPlan(s).empty());

  s.contacts[1].phone = "12345";
  s.contacts[0].name = "";
  s.code_word = Repeat("字", kCodeWordMax + 1);
  s.safe_place = Repeat("字", kSafePlaceMax + 1);
  EXPECT_EQ(Fields(CheckSafetyPlan(s)),
            (std::vector<std::string>{"safety.contacts[0].name", "safety.contacts[1].phone",
                                      "safety.code_word", "safety.safe_place"}));
}

TEST(HouseholdPlanSafety, AtMostFiveSafeContacts) {
  SafetyPlan s;
  s.contacts.assign(kSafeContactsMax, {"王秀英", "母亲", "13800001234"});
  EXPECT_TRUE(CheckSafetyPlan(s).empty());
  s.contacts.push_back({"王秀英", "母亲", "13800001234"});
  EXPECT_EQ(Fields(CheckSafetyPlan(s)), std::vector<std::string>{"safety.contacts"});
}

TEST(HouseholdPlanCheck, ASubmittedPlanHasFocusGoalsAndAMeasure) {
  EXPECT_TRUE(CheckPlan(APlan(), PlanCheck::kSubmit).empty());
  HouseholdPlan p;
  EXPECT_TRUE(CheckPlan(p, PlanCheck::kDraft).empty());
  EXPECT_EQ(Fields(CheckPlan(p, PlanCheck::kSubmit)),
            (std::vector<std::string>{"focus", "goals", "measures"}));
}

TEST(HouseholdPlanCheck, ProblemsOfMeasuresAndTheSafetyPlanAreNamedInsideThePlan) {
  HouseholdPlan p = APlan();
  p.measures.push_back(Counselling());
  p.measures[1].due_at.reset();
  p.safety.contacts = {{"王秀英", "母亲", "abc"}};
  EXPECT_EQ(Fields(CheckPlan(p, PlanCheck::kSubmit)),
            (std::vector<std::string>{"measures[1].due_at", "safety.contacts[0].phone"}));
  p.focus = Repeat("字", kPlanFocusMax + 1);
  EXPECT_EQ(Fields(CheckPlan(p, PlanCheck::kDraft)),
            (std::vector<std::string>{"focus", "safety.contacts[0].phone"}));
  p = APlan();
  p.measures.assign(kPlanMeasuresMax + 1, Counselling());
  EXPECT_EQ(Fields(CheckPlan(p, PlanCheck::kSubmit)), std::vector<std::string>{"measures"});
}

TEST(HouseholdPlanOverdue, AMeasureDueExactlyNowIsInTimeOnlyOpenOnesFallOverdue) {
  std::vector<Measure> ms(4, Counselling());
  const int64_t due = *ms[0].due_at;
  ms[1].status = MeasureStatus::kDone;
  ms[1].result = "done";
  ms[2].status = MeasureStatus::kInProgress;
  ms[3].due_at = due + kDay;
  EXPECT_TRUE(OverdueMeasures(ms, due).empty());
  EXPECT_EQ(OverdueMeasures(ms, due + 1), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(OverdueMeasures(ms, due + kDay + 1), (std::vector<std::size_t>{0, 2, 3}));
  ms[0].status = MeasureStatus::kCancelled;
  ms[3].due_at.reset();
  EXPECT_EQ(OverdueMeasures(ms, due + 10 * kDay), std::vector<std::size_t>{2});
}

// A yellow family listed on 12-01, contact due 12-15, a measure due 12-15, and another 12-20.
struct YellowFamily {
  std::vector<Measure> measures;
  FollowUpState state;
  YellowFamily() {
    measures = {Counselling(), Counselling()};
    measures[1].due_at = Listed() + 19 * kDay;
    state.colour = C::kYellow;
    state.contact_due = NextContactDue(C::kYellow, std::nullopt, Listed());
    state.measures = measures;
  }
};

TEST(HouseholdPlanToDo, OverdueAndSoonDueItemsComeEarliestFirst) {
  YellowFamily f;
  const int64_t now = Listed() + 10 * kDay;
  EXPECT_TRUE(FollowUpItems(f.state, now, kDay).empty());
  auto items = FollowUpItems(f.state, now, 5 * kDay);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, FollowUpKind::kContact);  // same time: contact before the measure
  EXPECT_EQ(items[1].kind, FollowUpKind::kMeasure);
  EXPECT_EQ(items[1].measure, 0u);
  EXPECT_FALSE(items[0].overdue);
  items = FollowUpItems(f.state, Listed() + 16 * kDay, 0);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].overdue && items[1].overdue);
  items = FollowUpItems(f.state, Listed() + 16 * kDay, 4 * kDay);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2].measure, 1u);
  EXPECT_FALSE(items[2].overdue);
}

TEST(HouseholdPlanToDo, APlanStillMissingAndAReviewAreOnTheList) {
  FollowUpState s;
  s.colour = C::kRed;
  s.contact_due = Listed() + 7 * kDay;
  s.city_visit_due = Listed() + 30 * kDay;
  s.plan_due = PlanDue(C::kRed, Listed());
  auto items = FollowUpItems(s, Listed(), 3 * kDay);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, FollowUpKind::kPlan);
  s.plan_due.reset();
  s.review_due = Listed() + 30 * kDay;
  items = FollowUpItems(s, Listed() + 25 * kDay, 10 * kDay);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].kind, FollowUpKind::kContact);
  EXPECT_EQ(items[1].kind, FollowUpKind::kCityVisit);
  EXPECT_EQ(items[2].kind, FollowUpKind::kReview);
  EXPECT_TRUE(items[0].overdue);
}

TEST(HouseholdPlanSupervision, NothingOverdueNoMark) {
  YellowFamily f;
  const int64_t due = f.state.contact_due;
  EXPECT_EQ(SupervisionMark(f.state, due), std::nullopt);  // exactly on the due time
}

TEST(HouseholdPlanSupervision, AnythingOverdueIsYellowMoreThanSevenDaysIsRed) {
  YellowFamily f;
  const int64_t due = f.state.contact_due;
  EXPECT_EQ(SupervisionMark(f.state, due + 1), Supervision::kYellow);
  EXPECT_EQ(SupervisionMark(f.state, due + 7 * kDay), Supervision::kYellow);
  EXPECT_EQ(SupervisionMark(f.state, due + 7 * kDay + 1), Supervision::kRed);
}

TEST(HouseholdPlanSupervision, AnOverdueMeasureAloneRaisesTheMark) {
  YellowFamily f;
  f.state.contact_due = Listed() + 100 * kDay;  // contacted recently
  const int64_t due = *f.measures[0].due_at;
  EXPECT_EQ(SupervisionMark(f.state, due), std::nullopt);
  EXPECT_EQ(SupervisionMark(f.state, due + 1), Supervision::kYellow);
  EXPECT_EQ(SupervisionMark(f.state, due + 8 * kDay), Supervision::kRed);
  f.measures[0].status = MeasureStatus::kDone;
  f.measures[1].status = MeasureStatus::kCancelled;
  EXPECT_EQ(SupervisionMark(f.state, due + 8 * kDay), std::nullopt);
}

TEST(HouseholdPlanSupervision, ARedFamilysMissedContactVisitOrPlanIsRedAtOnce) {
  FollowUpState s;
  s.colour = C::kRed;
  s.contact_due = Listed() + 7 * kDay;
  EXPECT_EQ(SupervisionMark(s, s.contact_due), std::nullopt);
  EXPECT_EQ(SupervisionMark(s, s.contact_due + 1), Supervision::kRed);
  s.contact_due = Listed() + 100 * kDay;
  s.city_visit_due = Listed() + 30 * kDay;
  EXPECT_EQ(SupervisionMark(s, Listed() + 30 * kDay + 1), Supervision::kRed);
  s.city_visit_due.reset();
  s.plan_due = PlanDue(C::kRed, Listed());
  EXPECT_EQ(SupervisionMark(s, Listed() + 3 * kDay + 1), Supervision::kRed);
  // A red family's review a day late is yellow: the plan is there, it is being worked.
  s.plan_due.reset();
  s.review_due = Listed() + 30 * kDay;
  EXPECT_EQ(SupervisionMark(s, Listed() + 31 * kDay), Supervision::kYellow);
}

TEST(HouseholdPlanSupervision, TheRedMarkThresholdIsConfigurable) {
  YellowFamily f;
  PlanSettings s;
  s.red_mark_after_days = 3;
  const int64_t due = f.state.contact_due;
  EXPECT_EQ(SupervisionMark(f.state, due + 3 * kDay, s), Supervision::kYellow);
  EXPECT_EQ(SupervisionMark(f.state, due + 3 * kDay + 1, s), Supervision::kRed);
}

}  // namespace
}  // namespace hejia::domain
