#include "domain/case_routing.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/categories.hpp"

namespace hejia::domain {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

// Unix ms of a Beijing wall-clock time, e.g. At("2026-11-30", 21, 30).
int64_t At(std::string_view date, int hour, int minute) {
  const int64_t start = BeijingDateStartMillis(date);
  EXPECT_GE(start, 0) << date;
  return start + hour * kHour + minute * kMinute;
}

// 2026-11-27 is a Friday, 11-28 Saturday, 11-29 Sunday, 11-30 Monday, 12-01 Tuesday.
constexpr std::string_view kFriday = "2026-11-27";
constexpr std::string_view kSaturday = "2026-11-28";
constexpr std::string_view kSunday = "2026-11-29";
constexpr std::string_view kMonday = "2026-11-30";
constexpr std::string_view kTuesday = "2026-12-01";

TEST(CaseRouting, TheTestDatesFallOnTheWeekdaysTheyClaim) {
  EXPECT_EQ(FormatBeijing(At(kFriday, 21, 30)), "2026-11-27T21:30:00+08:00");
  // 1970-01-01 was a Thursday, so a Friday's local day number is 1 modulo 7.
  EXPECT_EQ((At(kFriday, 0, 0) + 8 * kHour) / (24 * kHour) % 7, 1);
}

TEST(CaseRouting, LevelCodesRoundTrip) {
  for (auto level : {CaseLevel::kVillage, CaseLevel::kTown, CaseLevel::kCity})
    EXPECT_EQ(ParseCaseLevel(ToString(level)), level);
  EXPECT_EQ(ToString(CaseLevel::kVillage), "village");
  EXPECT_EQ(ParseCaseLevel("grid"), std::nullopt);
}

TEST(CaseRouting, SmallMattersStayInTheVillageBigOnesGoToTheTown) {
  const CaseSettings s;
  EXPECT_EQ(RouteLevel(s, "neighbours", "normal"), CaseLevel::kVillage);
  EXPECT_EQ(RouteLevel(s, "child_support", "normal"), CaseLevel::kVillage);
  EXPECT_EQ(RouteLevel(s, "divorce_property", "normal"), CaseLevel::kTown);
  EXPECT_EQ(RouteLevel(s, "inheritance", "normal"), CaseLevel::kTown);
  EXPECT_EQ(RouteLevel(s, "domestic_violence", "normal"), CaseLevel::kTown);
  EXPECT_EQ(RouteLevel(s, "neighbours", "serious"), CaseLevel::kTown);
  EXPECT_EQ(RouteLevel(s, "neighbours", "critical"), CaseLevel::kCity);
  EXPECT_EQ(RouteLevel(s, "domestic_violence", "critical"), CaseLevel::kCity);
}

TEST(CaseRouting, EveryCategoryRoutesByTheSettings) {
  CaseSettings s;
  s.town_categories = {"bride_price"};
  s.city_categories = {"minors"};
  s.town_severities = {};
  s.city_severities = {};
  for (const auto& c : AllCategories()) {
    const CaseLevel expected = c.code == "minors"        ? CaseLevel::kCity
                               : c.code == "bride_price" ? CaseLevel::kTown
                                                         : CaseLevel::kVillage;
    for (const auto& sev : AllSeverities())
      EXPECT_EQ(RouteLevel(s, c.code, sev.code), expected) << c.code << " " << sev.code;
  }
}

TEST(CaseRouting, TheCityWinsWhenBothTownAndCityApply) {
  CaseSettings s;
  s.city_severities = {"serious"};
  s.town_severities = {};
  EXPECT_EQ(RouteLevel(s, "inheritance", "serious"), CaseLevel::kCity);
  EXPECT_EQ(RouteLevel(s, "inheritance", "normal"), CaseLevel::kTown);
}

TEST(CaseRouting, HandlingRegionFollowsTheLevel) {
  const std::string village = "330784001001";
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kVillage, village), "330784001001");
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kTown, village), "330784001");
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kCity, village), "330784");
  // Only a town given: a village-level request stays at the town.
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kVillage, "330784002"), "330784002");
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kTown, "330784002"), "330784002");
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kCity, "330784002"), "330784");
  // A grid belongs to its village.
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kVillage, "330784001001003"), "330784001001");
  EXPECT_EQ(HandlingRegionCode(CaseLevel::kVillage, "330784"), "330784");
}

TEST(CaseRouting, AMalformedHomeCodeIsRefused) {
  for (const char* bad : {"", "33078400", "33078400100a", "3307840010011"}) {
    try {
      HandlingRegionCode(CaseLevel::kVillage, bad);
      ADD_FAILURE() << bad;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.field(), "home_code") << bad;
    }
  }
}

TEST(CaseRouting, HandlingRegionOnAPathUsesWhereTheRegionIsNow) {
  // A village created under town 001 that later moved under town 002.
  const std::string path = "/330784/330784002/330784001009/";
  EXPECT_EQ(HandlingRegionCodeOnPath(CaseLevel::kVillage, path), "330784001009");
  EXPECT_EQ(HandlingRegionCodeOnPath(CaseLevel::kTown, path), "330784002");
  EXPECT_EQ(HandlingRegionCodeOnPath(CaseLevel::kCity, path), "330784");
  EXPECT_EQ(HandlingRegionCodeOnPath(CaseLevel::kVillage, "/330784/330784002/"), "330784002");
  EXPECT_EQ(HandlingRegionCodeOnPath(CaseLevel::kVillage, ""), "");
}

TEST(CaseRouting, EscalationGoesVillageTownCityThenStops) {
  EXPECT_EQ(LevelAbove(CaseLevel::kVillage), CaseLevel::kTown);
  EXPECT_EQ(LevelAbove(CaseLevel::kTown), CaseLevel::kCity);
  EXPECT_EQ(LevelAbove(CaseLevel::kCity), std::nullopt);
}

TEST(NightClinic, AWeekdayEveningRequestIsANightRequest) {
  const CaseSettings s;
  EXPECT_TRUE(IsNightClinic(s, At(kTuesday, 21, 30)));
  EXPECT_TRUE(IsNightClinic(s, At(kTuesday, 23, 59)));
  EXPECT_TRUE(IsNightClinic(s, At(kTuesday, 0, 0)));
}

TEST(NightClinic, SundayAtThreeInTheMorningIsNight) {
  EXPECT_TRUE(IsNightClinic(CaseSettings{}, At(kSunday, 3, 0)));
}

TEST(NightClinic, MondayAtTenIsDaytime) {
  EXPECT_FALSE(IsNightClinic(CaseSettings{}, At(kMonday, 10, 0)));
}

TEST(NightClinic, FridayNightStartsAtHalfPastFive) {
  const CaseSettings s;
  EXPECT_FALSE(IsNightClinic(s, At(kFriday, 17, 29)));
  EXPECT_FALSE(IsNightClinic(s, At(kFriday, 17, 30) - 1));
  EXPECT_TRUE(IsNightClinic(s, At(kFriday, 17, 30)));
}

TEST(NightClinic, TuesdayMorningEndsAtHalfPastEight) {
  const CaseSettings s;
  EXPECT_TRUE(IsNightClinic(s, At(kTuesday, 8, 29)));
  EXPECT_TRUE(IsNightClinic(s, At(kTuesday, 8, 30) - 1));
  EXPECT_FALSE(IsNightClinic(s, At(kTuesday, 8, 30)));
}

TEST(NightClinic, TheWeekendIsNightAllDayAndMondayMorningToo) {
  const CaseSettings s;
  EXPECT_TRUE(IsNightClinic(s, At(kSaturday, 12, 0)));
  EXPECT_TRUE(IsNightClinic(s, At(kSunday, 15, 0)));
  EXPECT_TRUE(IsNightClinic(s, At(kSunday, 23, 59)));
  EXPECT_TRUE(IsNightClinic(s, At(kMonday, 0, 0)));
  EXPECT_TRUE(IsNightClinic(s, At(kMonday, 8, 29)));
  EXPECT_FALSE(IsNightClinic(s, At(kMonday, 8, 30)));
}

TEST(NightClinic, WithoutWeekendNightsSaturdayNoonIsDaytime) {
  CaseSettings s;
  s.weekends_night = false;
  EXPECT_FALSE(IsNightClinic(s, At(kSaturday, 12, 0)));
  EXPECT_TRUE(IsNightClinic(s, At(kSaturday, 20, 0)));
  EXPECT_TRUE(IsNightClinic(s, At(kSunday, 3, 0)));
}

TEST(NightClinic, ANightWithinOneDayIsSupported) {
  CaseSettings s;
  s.night_start_minute = 0;
  s.night_end_minute = 6 * 60;
  s.weekends_night = false;
  EXPECT_TRUE(IsNightClinic(s, At(kTuesday, 5, 59)));
  EXPECT_FALSE(IsNightClinic(s, At(kTuesday, 6, 0)));
  EXPECT_FALSE(IsNightClinic(s, At(kTuesday, 21, 30)));
}

TEST(Limits, FirstContactIsDueWithinTheHourAtNightAndADayByDay) {
  const CaseSettings s;
  const int64_t night = At(kTuesday, 21, 30);
  EXPECT_EQ(FirstContactDue(s, night), night + 60 * kMinute);
  EXPECT_EQ(FormatBeijing(FirstContactDue(s, night)), "2026-12-01T22:30:00+08:00");
  const int64_t day = At(kMonday, 10, 0);
  EXPECT_EQ(FirstContactDue(s, day), day + 24 * kHour);
  EXPECT_EQ(FirstContactDue(s, At(kSunday, 3, 0)), At(kSunday, 4, 0));
}

TEST(Limits, DecisionAndMediationDeadlines) {
  CaseSettings s;
  const int64_t t = At(kMonday, 10, 0);
  EXPECT_EQ(DecisionDue(s, t), At("2026-12-03", 10, 0));
  EXPECT_EQ(MediationDue(s, t, 0), At("2026-12-30", 10, 0));
  EXPECT_EQ(MediationDue(s, t, 1), At("2027-01-14", 10, 0));
  EXPECT_EQ(MediationDue(s, t, 2), At("2027-01-29", 10, 0));
  s.decision_hours = 24;
  EXPECT_EQ(DecisionDue(s, t), At(kTuesday, 10, 0));
}

const std::vector<std::string> kChain = {"330784001001", "330784001", "330784"};

Shift MakeShift(int64_t id, int64_t user, std::string region, int64_t from, int64_t to) {
  return Shift{id, user, std::move(region), from, to};
}

TEST(OnDuty, TheVillageOnDutyPersonTakesTheVillageRequest) {
  const int64_t now = At(kTuesday, 21, 30);
  const std::vector<Shift> shifts = {
      MakeShift(1, 10, "330784", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(2, 20, "330784001", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(3, 30, "330784001001", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
  };
  auto duty = OnDuty(shifts, kChain, now);
  ASSERT_TRUE(duty);
  EXPECT_EQ(duty->user_id, 30);
}

TEST(OnDuty, WithNobodyInTheVillageTheTownTakesIt) {
  const int64_t now = At(kTuesday, 21, 30);
  const std::vector<Shift> shifts = {
      MakeShift(1, 10, "330784", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(2, 20, "330784001", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      // Another village's shift and an ended village shift do not count.
      MakeShift(3, 30, "330784001002", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(4, 40, "330784001001", At(kTuesday, 17, 30), At(kTuesday, 21, 30)),
  };
  auto duty = OnDuty(shifts, kChain, now);
  ASSERT_TRUE(duty);
  EXPECT_EQ(duty->user_id, 20);
}

TEST(OnDuty, WithNobodyInVillageOrTownTheCityTakesIt) {
  const int64_t now = At(kSunday, 3, 0);
  const std::vector<Shift> shifts = {
      MakeShift(1, 10, "330784", At(kSaturday, 8, 30), At(kMonday, 8, 30)),
      MakeShift(2, 20, "330784001", At(kSunday, 3, 0) + 1, At(kMonday, 8, 30)),  // not yet
  };
  auto duty = OnDuty(shifts, kChain, now);
  ASSERT_TRUE(duty);
  EXPECT_EQ(duty->id, 1);
}

TEST(OnDuty, APersonWhoCannotActIsSkippedForTheNextOnDutyThenTheLevelAbove) {
  const int64_t now = At(kTuesday, 21, 30);
  std::vector<Shift> shifts = {
      MakeShift(1, 10, "330784", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(2, 20, "330784001", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(3, 30, "330784001001", At(kTuesday, 18, 0), At("2026-12-02", 8, 30)),
      MakeShift(4, 40, "330784001001", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
  };
  shifts[2].can_act = false;  // the latest village shift: locked, moved or re-roled
  auto duty = OnDuty(shifts, kChain, now);
  ASSERT_TRUE(duty);
  EXPECT_EQ(duty->user_id, 40);  // the village's other person on duty
  shifts[3].can_act = false;
  duty = OnDuty(shifts, kChain, now);
  ASSERT_TRUE(duty);
  EXPECT_EQ(duty->user_id, 20);  // nobody in the village can: the town
  shifts[1].can_act = false;
  shifts[0].can_act = false;
  EXPECT_EQ(OnDuty(shifts, kChain, now), std::nullopt);
}

TEST(OnDuty, NobodyOnDutyAnywhere) {
  const int64_t now = At(kTuesday, 21, 30);
  EXPECT_EQ(OnDuty({}, kChain, now), std::nullopt);
  const std::vector<Shift> shifts = {
      MakeShift(1, 10, "330784", At(kMonday, 17, 30), At(kTuesday, 8, 30)),
      MakeShift(2, 20, "330785", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
  };
  EXPECT_EQ(OnDuty(shifts, kChain, now), std::nullopt);
}

TEST(OnDuty, AmongOverlappingShiftsTheLatestStartedThenLowestIdWins) {
  const int64_t now = At(kTuesday, 21, 30);
  const std::vector<Shift> shifts = {
      MakeShift(7, 70, "330784001", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(9, 90, "330784001", At(kTuesday, 20, 0), At("2026-12-02", 8, 30)),
      MakeShift(8, 80, "330784001", At(kTuesday, 20, 0), At("2026-12-02", 8, 30)),
  };
  auto duty = OnDuty(shifts, kChain, now);
  ASSERT_TRUE(duty);
  EXPECT_EQ(duty->id, 8);
  // The shift ends exclusive: at its end the earlier-started one is still on.
  const std::vector<Shift> handover = {
      MakeShift(1, 10, "330784001", At(kTuesday, 17, 30), At("2026-12-02", 8, 30)),
      MakeShift(2, 20, "330784001", At(kTuesday, 20, 0), At(kTuesday, 21, 30)),
  };
  EXPECT_EQ(OnDuty(handover, kChain, now)->id, 1);
}

TEST(Supervision, MarksGoYellowThenRedAndStayRed) {
  EXPECT_EQ(NextSupervision(""), "yellow");
  EXPECT_EQ(NextSupervision("yellow"), "red");
  EXPECT_EQ(NextSupervision("red"), "red");
}

TEST(Supervision, AMissedFirstContactThenAMissedDecisionTurnsTheCaseYellowThenRed) {
  const CaseSettings s;
  const int64_t arrived = At(kTuesday, 21, 30);
  CaseTimers t;
  t.status = CaseStatus::kRegistered;
  t.due_first_contact_at = FirstContactDue(s, arrived);
  t.due_decision_at = DecisionDue(s, arrived);

  // Within the hour nothing is missed; exactly at the due time is still in time.
  EXPECT_EQ(FirstMissed(t, arrived + 30 * kMinute), MissedLimit::kNone);
  EXPECT_EQ(FirstMissed(t, *t.due_first_contact_at), MissedLimit::kNone);
  // 22:31 and nobody has called her.
  EXPECT_EQ(FirstMissed(t, *t.due_first_contact_at + 1), MissedLimit::kFirstContact);
  t.supervision = NextSupervision(t.supervision);
  EXPECT_EQ(t.supervision, "yellow");

  // Called the next morning: the first-contact limit no longer counts.
  t.first_contact_at = At("2026-12-02", 9, 0);
  EXPECT_EQ(FirstMissed(t, At("2026-12-02", 9, 1)), MissedLimit::kNone);
  // Still undecided after 72 hours.
  EXPECT_EQ(FirstMissed(t, *t.due_decision_at), MissedLimit::kNone);
  EXPECT_EQ(FirstMissed(t, *t.due_decision_at + 1), MissedLimit::kDecision);
  t.supervision = NextSupervision(t.supervision);
  EXPECT_EQ(t.supervision, "red");
  EXPECT_EQ(ToString(MissedLimit::kDecision), "decision");
}

TEST(Supervision, TheDecisionLimitCountsOnlyWhileRegistered) {
  CaseTimers t;
  t.status = CaseStatus::kAccepted;
  t.first_contact_at = 1;
  t.due_decision_at = 1000;
  t.decided_at = 2000;
  EXPECT_EQ(FirstMissed(t, 5000), MissedLimit::kNone);
  t.status = CaseStatus::kRegistered;
  EXPECT_EQ(FirstMissed(t, 5000), MissedLimit::kDecision);
}

TEST(Supervision, TheMediationLimitCountsOnlyWhileAssignedOrMediating) {
  CaseTimers t;
  t.first_contact_at = 1;
  t.due_mediation_at = 1000;
  for (auto status : AllCaseStatuses()) {
    t.status = status;
    const bool counts = status == CaseStatus::kAssigned || status == CaseStatus::kMediating;
    EXPECT_EQ(FirstMissed(t, 1001), counts ? MissedLimit::kMediation : MissedLimit::kNone)
        << ToString(status);
    EXPECT_EQ(FirstMissed(t, 1000), MissedLimit::kNone) << ToString(status);
  }
}

TEST(Supervision, AClosedCaseNeverMissesItsFirstContact) {
  CaseTimers t;
  t.due_first_contact_at = 1000;
  for (auto status : {CaseStatus::kRejected, CaseStatus::kWithdrawn, CaseStatus::kReferred,
                      CaseStatus::kClosed}) {
    t.status = status;
    EXPECT_EQ(FirstMissed(t, 5000), MissedLimit::kNone) << ToString(status);
  }
}

TEST(Supervision, OfTwoMissedLimitsTheEarlierDueIsReported) {
  CaseTimers t;
  t.status = CaseStatus::kRegistered;
  t.due_first_contact_at = 3000;
  t.due_decision_at = 2000;
  EXPECT_EQ(FirstMissed(t, 5000), MissedLimit::kDecision);
  t.due_decision_at = 3000;
  EXPECT_EQ(FirstMissed(t, 5000), MissedLimit::kFirstContact);
}

}  // namespace
TEST(CaseRouting, WhoMayHandleACase) {
  const std::string town = "/330784/330784001/";
  const std::string village = "/330784/330784001/330784001001/";
  EXPECT_TRUE(CanHandleCase(Role::kTownStaff, town, village));
  EXPECT_TRUE(CanHandleCase(Role::kTownStaff, town, town));
  EXPECT_FALSE(CanHandleCase(Role::kVillageCadre, village, town));  // above her area
  EXPECT_FALSE(CanHandleCase(Role::kTownStaff, "/330784/330784002/", village));
  EXPECT_FALSE(CanHandleCase(Role::kLeader, town, village));  // reads, does not handle
  EXPECT_FALSE(CanHandleCase(Role::kTownStaff, "", village));
}

}  // namespace hejia::domain
