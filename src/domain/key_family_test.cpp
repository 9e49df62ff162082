#include "domain/key_family.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"

namespace hejia::domain {
namespace {

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;
using C = RiskColour;
using L = RegionLevel;

// 2026-12-01 00:00 Beijing: when the family in these tests was listed.
int64_t Listed() {
  return BeijingDateStartMillis("2026-12-01");
}

TEST(KeyFamilyCodes, ColoursSourcesChangesAndTriggersRoundTrip) {
  for (RiskColour c : kRiskColours) EXPECT_EQ(ParseRiskColour(ToString(c)), c);
  EXPECT_EQ(ToString(C::kBlue), "blue");
  EXPECT_EQ(ToString(C::kYellow), "yellow");
  EXPECT_EQ(ToString(C::kRed), "red");
  EXPECT_EQ(Label(C::kRed), "红色");
  EXPECT_EQ(ParseRiskColour("green"), std::nullopt);
  EXPECT_LT(C::kBlue, C::kYellow);
  EXPECT_LT(C::kYellow, C::kRed);

  for (ListingSource s : kListingSources) {
    EXPECT_EQ(ParseListingSource(ToString(s)), s);
    EXPECT_FALSE(Label(s).empty());
  }
  EXPECT_EQ(ToString(ListingSource::kManual), "manual");
  EXPECT_EQ(ParseListingSource("hotline"), std::nullopt);

  for (ColourChangeKind k : kColourChangeKinds) EXPECT_EQ(ParseColourChangeKind(ToString(k)), k);
  EXPECT_EQ(ToString(ColourChangeKind::kDelisting), "delisting");
  for (ReassessmentTrigger t : kReassessmentTriggers)
    EXPECT_EQ(ParseReassessmentTrigger(ToString(t)), t);
  EXPECT_EQ(ToString(ReassessmentTrigger::kVisitFinding), "visit_finding");
}

TEST(KeyFamilySettings, DefaultsFollowTheBrief) {
  const KeyFamilySettings s;
  EXPECT_FALSE(CheckKeyFamilySettings(s));
  EXPECT_EQ(OwnerLevel(C::kBlue), L::kVillage);
  EXPECT_EQ(OwnerLevel(C::kYellow), L::kTown);
  EXPECT_EQ(OwnerLevel(C::kRed), L::kCity);
  EXPECT_EQ(s.For(C::kBlue).contact_days, 30);
  EXPECT_EQ(s.For(C::kYellow).contact_days, 14);
  EXPECT_EQ(s.For(C::kRed).contact_days, 7);
  EXPECT_EQ(s.For(C::kRed).city_visit_days, 30);
  EXPECT_EQ(s.For(C::kYellow).city_visit_days, 0);
  EXPECT_EQ(s.For(C::kBlue).stable_days, 30);
  EXPECT_EQ(s.For(C::kYellow).stable_days, 60);
  EXPECT_EQ(s.For(C::kRed).stable_days, 90);
}

TEST(KeyFamilySettings, EachRuleIsInRange) {
  KeyFamilySettings s;
  s.red.contact_days = 0;
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "red.contact_days");
  s = {};
  s.blue.contact_days = kContactDaysMax + 1;
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "blue.contact_days");
  s.blue.contact_days = kContactDaysMax;
  EXPECT_FALSE(CheckKeyFamilySettings(s));
  s = {};
  s.yellow.city_visit_days = -1;
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "yellow.city_visit_days");
  s = {};
  s.red.stable_days = kStableDaysMax + 1;
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "red.stable_days");
  s = {};
  s.blue.owner = L::kGrid;
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "blue.owner");
}

TEST(KeyFamilySettings, AHigherColourNeverAsksForLess) {
  KeyFamilySettings s;
  s.yellow.owner = L::kVillage;  // the same owner as blue: allowed
  EXPECT_FALSE(CheckKeyFamilySettings(s));
  s.red.owner = L::kVillage;
  EXPECT_FALSE(CheckKeyFamilySettings(s));
  s = {};
  s.red.owner = L::kVillage;  // below yellow's town
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "red.owner");
  s = {};
  s.yellow.contact_days = 31;  // longer than blue's 30
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "yellow.contact_days");
  s = {};
  s.red.stable_days = 59;  // shorter than yellow's 60
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "red.stable_days");
  s = {};
  s.yellow.city_visit_days = 60;  // yellow visited by the city every 60 days: red must be as often
  EXPECT_FALSE(CheckKeyFamilySettings(s));
  s.red.city_visit_days = 0;
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "red.city_visit_days");
  s.red.city_visit_days = 61;
  EXPECT_EQ(CheckKeyFamilySettings(s)->field, "red.city_visit_days");
}

TEST(KeyFamilyContacts, TheFirstContactIsDueOneIntervalAfterListing) {
  EXPECT_EQ(NextContactDue(C::kRed, std::nullopt, Listed()), Listed() + 7 * kDay);
  EXPECT_EQ(NextContactDue(C::kYellow, std::nullopt, Listed()), Listed() + 14 * kDay);
  EXPECT_EQ(NextContactDue(C::kBlue, std::nullopt, Listed()), Listed() + 30 * kDay);
}

TEST(KeyFamilyContacts, ExactlyOnTheDueTimeIsInTimeAMillisecondLaterIsOverdue) {
  const int64_t last = Listed() + 3 * kDay;
  const int64_t due = NextContactDue(C::kRed, last, Listed());
  EXPECT_EQ(due, last + 7 * kDay);
  EXPECT_FALSE(IsOverdue(due, due));
  EXPECT_FALSE(IsOverdue(due, due - 1));
  EXPECT_TRUE(IsOverdue(due, due + 1));
}

TEST(KeyFamilyContacts, AnUpgradeCountsTheShorterIntervalFromTheUpgrade) {
  // Blue since listing, contacted on day 20, upgraded to red on day 25: the next contact is due
  // a week after the upgrade, not a week after day 20 (which would be overdue already).
  const int64_t contact = Listed() + 20 * kDay, upgraded = Listed() + 25 * kDay;
  EXPECT_EQ(NextContactDue(C::kRed, contact, upgraded), upgraded + 7 * kDay);
  // A contact after the upgrade counts from itself.
  EXPECT_EQ(NextContactDue(C::kRed, upgraded + kDay, upgraded), upgraded + 8 * kDay);
}

TEST(KeyFamilyContacts, ARedFamilyGetsACityVisitEveryThirtyDaysOthersNone) {
  EXPECT_EQ(NextCityVisitDue(C::kRed, std::nullopt, Listed()), Listed() + 30 * kDay);
  EXPECT_EQ(NextCityVisitDue(C::kRed, Listed() + 10 * kDay, Listed()), Listed() + 40 * kDay);
  EXPECT_EQ(NextCityVisitDue(C::kYellow, std::nullopt, Listed()), std::nullopt);
  EXPECT_EQ(NextCityVisitDue(C::kBlue, Listed(), Listed()), std::nullopt);
  KeyFamilySettings s;
  s.red.contact_days = 3;
  s.red.city_visit_days = 14;
  EXPECT_EQ(NextContactDue(C::kRed, std::nullopt, Listed(), s), Listed() + 3 * kDay);
  EXPECT_EQ(NextCityVisitDue(C::kRed, std::nullopt, Listed(), s), Listed() + 14 * kDay);
}

TEST(KeyFamilyChanges, UpgradeDowngradeDelistingAndTheSame) {
  EXPECT_EQ(ClassifyColourChange({C::kBlue, C::kYellow}), ColourChangeKind::kUpgrade);
  EXPECT_EQ(ClassifyColourChange({C::kBlue, C::kRed}), ColourChangeKind::kUpgrade);
  EXPECT_EQ(ClassifyColourChange({C::kYellow, C::kRed}), ColourChangeKind::kUpgrade);
  EXPECT_EQ(ClassifyColourChange({C::kRed, C::kYellow}), ColourChangeKind::kDowngrade);
  EXPECT_EQ(ClassifyColourChange({C::kRed, C::kBlue}), ColourChangeKind::kDowngrade);
  EXPECT_EQ(ClassifyColourChange({C::kYellow, C::kBlue}), ColourChangeKind::kDowngrade);
  for (RiskColour c : kRiskColours) {
    EXPECT_EQ(ClassifyColourChange({c, std::nullopt}), ColourChangeKind::kDelisting);
    EXPECT_EQ(ClassifyColourChange({c, c}), ColourChangeKind::kSame);
  }
}

TEST(KeyFamilyChanges, AnUpgradeTakesEffectAtOnceAndIsToldUpward) {
  const ColourChange up{C::kBlue, C::kYellow};
  EXPECT_FALSE(NeedsApproval(up));
  EXPECT_EQ(ApprovingLevel(up), std::nullopt);
  EXPECT_EQ(RequiredStableDays(up), 0);
  EXPECT_FALSE(CheckChangeAllowed(up, 0));
  EXPECT_EQ(LevelsToTell(up), std::vector<L>{L::kTown});
  EXPECT_EQ(LevelsToTell({C::kYellow, C::kRed}), std::vector<L>{L::kCity});
  EXPECT_EQ(LevelsToTell({C::kBlue, C::kRed}), (std::vector<L>{L::kTown, L::kCity}));
  EXPECT_TRUE(LevelsToTell({C::kRed, C::kYellow}).empty());
  EXPECT_TRUE(LevelsToTell({C::kRed, C::kRed}).empty());
  EXPECT_TRUE(LevelsToTell({C::kBlue, std::nullopt}).empty());
}

TEST(KeyFamilyChanges, WithOneOwnerForTwoColoursTheLevelAboveIsStillTold) {
  KeyFamilySettings s;
  s.yellow.owner = L::kVillage;
  EXPECT_EQ(LevelsToTell({C::kBlue, C::kYellow}, s), std::vector<L>{L::kTown});
  s.red.owner = L::kCity;
  s.yellow.owner = L::kCity;
  // Nothing is above the city.
  EXPECT_TRUE(LevelsToTell({C::kYellow, C::kRed}, s).empty());
}

TEST(KeyFamilyChanges, ADowngradeOrDelistingIsApprovedByTheOwnerOfTheCurrentColour) {
  EXPECT_EQ(ApprovingLevel({C::kRed, C::kYellow}), L::kCity);
  EXPECT_EQ(ApprovingLevel({C::kRed, C::kBlue}), L::kCity);
  EXPECT_EQ(ApprovingLevel({C::kRed, std::nullopt}), L::kCity);
  EXPECT_EQ(ApprovingLevel({C::kYellow, C::kBlue}), L::kTown);
  EXPECT_EQ(ApprovingLevel({C::kYellow, std::nullopt}), L::kTown);
  EXPECT_EQ(ApprovingLevel({C::kBlue, std::nullopt}), L::kVillage);
  EXPECT_EQ(ApprovingLevel({C::kBlue, C::kBlue}), std::nullopt);
}

TEST(KeyFamilyChanges, TheStablePeriodIsTheCurrentColours) {
  EXPECT_EQ(RequiredStableDays({C::kRed, C::kYellow}), 90);
  EXPECT_EQ(RequiredStableDays({C::kRed, std::nullopt}), 90);
  EXPECT_EQ(RequiredStableDays({C::kYellow, C::kBlue}), 60);
  EXPECT_EQ(RequiredStableDays({C::kBlue, std::nullopt}), 30);
}

TEST(KeyFamilyChanges, ADowngradeBeforeTheStablePeriodIsRefusedOnTheDayItIsAllowed) {
  const ColourChange down{C::kRed, C::kYellow};
  auto p = CheckChangeAllowed(down, 89);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->field, "colour");
  EXPECT_NE(p->message.find("90 天"), std::string::npos) << p->message;
  EXPECT_NE(p->message.find("89"), std::string::npos) << p->message;
  EXPECT_FALSE(CheckChangeAllowed(down, 90));
  EXPECT_FALSE(CheckChangeAllowed(down, 400));

  const ColourChange delist{C::kBlue, std::nullopt};
  p = CheckChangeAllowed(delist, 29);
  ASSERT_TRUE(p);
  EXPECT_NE(p->message.find("销号"), std::string::npos) << p->message;
  EXPECT_NE(p->message.find("delisting"), std::string::npos) << p->message;
  EXPECT_FALSE(CheckChangeAllowed(delist, 30));
  EXPECT_TRUE(CheckChangeAllowed({C::kYellow, C::kBlue}, 59));
  EXPECT_FALSE(CheckChangeAllowed({C::kYellow, C::kBlue}, 60));
}

TEST(KeyFamilyChanges, TheSameColourIsAlwaysAllowed) {
  EXPECT_FALSE(CheckChangeAllowed({C::kRed, C::kRed}, 0));
}

TEST(KeyFamilyStability, DaysCountFromTheLaterOfTheLastIncidentAndTheListing) {
  const int64_t listed = Listed();
  EXPECT_EQ(StableDays(std::nullopt, listed, listed), 0);
  EXPECT_EQ(StableDays(std::nullopt, listed, listed + 30 * kDay - 1), 29);
  EXPECT_EQ(StableDays(std::nullopt, listed, listed + 30 * kDay), 30);
  // An incident before the listing does not shorten the wait.
  EXPECT_EQ(StableDays(listed - 50 * kDay, listed, listed + 10 * kDay), 10);
  // A new incident starts it again.
  EXPECT_EQ(StableDays(listed + 40 * kDay, listed, listed + 45 * kDay), 5);
  EXPECT_EQ(StableDays(listed + 40 * kDay, listed, listed + 39 * kDay), 0);
}

TEST(KeyFamilyChanges, ARedFamilyStableForExactlyNinetyDaysMayBeDowngraded) {
  const int64_t incident = Listed() + 5 * kDay;
  const ColourChange down{C::kRed, C::kYellow};
  EXPECT_TRUE(CheckChangeAllowed(down, StableDays(incident, Listed(), incident + 90 * kDay - 1)));
  EXPECT_FALSE(CheckChangeAllowed(down, StableDays(incident, Listed(), incident + 90 * kDay)));
}

TEST(KeyFamilyApproval, TheOwningLevelOrAboveApprovesAndNeverTheOneWhoAsked) {
  const ColourChange down{C::kYellow, C::kBlue};  // the town approves
  EXPECT_FALSE(CheckApprover(down, L::kTown, 7, 8));
  EXPECT_FALSE(CheckApprover(down, L::kCity, 7, 8));
  auto p = CheckApprover(down, L::kVillage, 7, 8);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->field, "approver");
  EXPECT_NE(p->message.find("镇街妇联"), std::string::npos) << p->message;
  p = CheckApprover(down, L::kTown, 7, 7);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->field, "approver");
  EXPECT_TRUE(CheckApprover({C::kRed, std::nullopt}, L::kTown, 1, 2));
  EXPECT_FALSE(CheckApprover({C::kRed, std::nullopt}, L::kCity, 1, 2));
  EXPECT_FALSE(CheckApprover({C::kBlue, std::nullopt}, L::kVillage, 1, 2));
  EXPECT_TRUE(CheckApprover({C::kBlue, std::nullopt}, L::kGrid, 1, 2));
  // An upgrade needs nobody's approval.
  EXPECT_FALSE(CheckApprover({C::kBlue, C::kRed}, L::kGrid, 1, 1));
}

TEST(KeyFamilyReassessment, ANewIncidentOrAVisitFindingAfterTheLastAssessmentAsksForOne) {
  const int64_t assessed = Listed();
  EXPECT_EQ(ReassessmentNeeded({assessed, std::nullopt, std::nullopt}), std::nullopt);
  EXPECT_EQ(ReassessmentNeeded({assessed, assessed - 1, assessed - 1}), std::nullopt);
  // The same instant: the assessment already knew of it.
  EXPECT_EQ(ReassessmentNeeded({assessed, assessed, std::nullopt}), std::nullopt);
  EXPECT_EQ(ReassessmentNeeded({assessed, assessed + 1, std::nullopt}),
            ReassessmentTrigger::kNewIncident);
  EXPECT_EQ(ReassessmentNeeded({assessed, std::nullopt, assessed + 1}),
            ReassessmentTrigger::kVisitFinding);
  EXPECT_EQ(ReassessmentNeeded({assessed, assessed + 2, assessed + 1}),
            ReassessmentTrigger::kNewIncident);
  EXPECT_EQ(ReassessmentNeeded({assessed, assessed - kDay, assessed + 1}),
            ReassessmentTrigger::kVisitFinding);
}

TEST(KeyFamilyReassessment, ANewIncidentRaisesTheSuggestionOneColour) {
  EXPECT_EQ(ColourFloorAfterIncident(C::kBlue), C::kYellow);
  EXPECT_EQ(ColourFloorAfterIncident(C::kYellow), C::kRed);
  EXPECT_EQ(ColourFloorAfterIncident(C::kRed), C::kRed);
}

}  // namespace
}  // namespace hejia::domain
