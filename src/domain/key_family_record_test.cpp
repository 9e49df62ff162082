#include "domain/key_family_record.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "domain/family_sight.hpp"
#include "domain/roles.hpp"

namespace hejia::domain {
namespace {

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;
using C = RiskColour;

int64_t Listed() {
  return BeijingDateStartMillis("2026-12-01");
}

TEST(KeyFamilyRecord, AnswersAreStoredOneLetterPerFactorAndReadBack) {
  RiskChecklist c;
  c.Set(RiskFactor::kEscalation, RiskAnswer::kYes).Set(RiskFactor::kWeapon, RiskAnswer::kNo);
  const std::string code = EncodeAnswers(c);
  EXPECT_EQ(code, "yuunuuuuuuuu");
  EXPECT_EQ(DecodeAnswers(code).answers, c.answers);
  // A shorter code (a factor added later) reads the rest as unknown; nonsense as unknown.
  EXPECT_EQ(DecodeAnswers("y")[RiskFactor::kEscalation], RiskAnswer::kYes);
  EXPECT_EQ(DecodeAnswers("y")[RiskFactor::kVictimFear], RiskAnswer::kUnknown);
  EXPECT_EQ(DecodeAnswers("?")[RiskFactor::kEscalation], RiskAnswer::kUnknown);
  for (auto k : kFamilyContactKinds) EXPECT_EQ(ParseFamilyContactKind(ToString(k)), k);
  EXPECT_EQ(ParseFamilyContactKind("letter"), std::nullopt);
}

TEST(KeyFamilyRecord, TakingAColourSetsTheFollowUpAndThePlanDue) {
  KeyFamily f;
  TakeColour(f, C::kYellow, Listed());
  EXPECT_EQ(f.next_contact_due, Listed() + 14 * kDay);
  EXPECT_EQ(f.next_city_visit_due, 0);
  EXPECT_EQ(f.plan_due_at, Listed() + 7 * kDay);
  // An upgrade: the red intervals from the upgrade, the plan within 3 days of it.
  const int64_t up = Listed() + 10 * kDay;
  TakeColour(f, C::kRed, up);
  EXPECT_EQ(f.next_contact_due, up + 7 * kDay);
  EXPECT_EQ(f.next_city_visit_due, up + 30 * kDay);
  EXPECT_EQ(f.plan_due_at, up + 3 * kDay);
  // A step down to yellow keeps the plan's date; to blue there is none.
  TakeColour(f, C::kYellow, up + 100 * kDay);
  EXPECT_EQ(f.plan_due_at, up + 3 * kDay);
  TakeColour(f, C::kBlue, up + 200 * kDay);
  EXPECT_EQ(f.plan_due_at, 0);
}

TEST(KeyFamilyRecord, AContactMovesTheDueDateAndAFindingAsksForReassessment) {
  KeyFamily f;
  TakeColour(f, C::kRed, Listed());
  f.assessed_at = Listed();
  RecordContact(f, FamilyContactKind::kVisit, Listed() + 2 * kDay, false);
  EXPECT_EQ(f.next_contact_due, Listed() + 9 * kDay);
  EXPECT_EQ(f.next_city_visit_due, Listed() + 30 * kDay);  // a visit that is not the city's
  EXPECT_FALSE(f.reassess);
  RecordContact(f, FamilyContactKind::kCityVisit, Listed() + 3 * kDay, true);
  EXPECT_EQ(f.next_city_visit_due, Listed() + 33 * kDay);
  EXPECT_TRUE(f.reassess);
  EXPECT_EQ(f.reassess_reason, "visit_finding");
  // An earlier contact recorded late does not move anything back.
  RecordContact(f, FamilyContactKind::kContact, Listed() + kDay, false);
  EXPECT_EQ(f.last_contact_at, Listed() + 3 * kDay);
  RecordIncident(f, Listed() + 4 * kDay);
  EXPECT_EQ(f.reassess_reason, "new_incident");
  f.assessed_at = Listed() + 5 * kDay;
  UpdateReassessment(f);
  EXPECT_FALSE(f.reassess);
  EXPECT_EQ(f.reassess_reason, "");
  EXPECT_TRUE(MayRecord(FamilyContactKind::kCityVisit, RegionLevel::kCity));
  EXPECT_FALSE(MayRecord(FamilyContactKind::kCityVisit, RegionLevel::kTown));
  EXPECT_TRUE(MayRecord(FamilyContactKind::kVisit, RegionLevel::kGrid));
}

TEST(KeyFamilyRecord, AContactIsAVisitAndReadsBackAsTheKindItWas) {
  // A call or a video call is a contact; a home visit is the city visit at the city's level.
  for (auto level : {RegionLevel::kCity, RegionLevel::kTown, RegionLevel::kVillage}) {
    EXPECT_EQ(ContactKindOf(VisitMode::kPhone, level), FamilyContactKind::kContact);
    EXPECT_EQ(ContactKindOf(VisitMode::kVideo, level), FamilyContactKind::kContact);
  }
  EXPECT_EQ(ContactKindOf(VisitMode::kHome, RegionLevel::kCity), FamilyContactKind::kCityVisit);
  EXPECT_EQ(ContactKindOf(VisitMode::kHome, RegionLevel::kTown), FamilyContactKind::kVisit);
  EXPECT_EQ(ContactKindOf(VisitMode::kHome, RegionLevel::kVillage), FamilyContactKind::kVisit);
  EXPECT_EQ(ContactKindOf(ModeOf(FamilyContactKind::kContact), RegionLevel::kVillage),
            FamilyContactKind::kContact);
  EXPECT_EQ(ContactKindOf(ModeOf(FamilyContactKind::kCityVisit), RegionLevel::kCity),
            FamilyContactKind::kCityVisit);
}

TEST(KeyFamilyRecord, ThePermissionsOfKeyFamiliesFollowWhoSeesWhat) {
  // family_sight.hpp: full view for federation staff, names and due for a grid sister, counts
  // for a leader, nothing for anyone else; the permissions never give more than the view.
  for (const auto& info : AllRoles()) {
    const FamilyView v = ViewOf(info.role);
    for (auto p : {"family.read", "family.assess", "family.approve"})
      EXPECT_EQ(RoleHas(info.role, p), v == FamilyView::kFull) << info.code << " " << p;
    for (auto p : {"family.due", "family.contact"})
      EXPECT_EQ(RoleHas(info.role, p), v >= FamilyView::kNamesAndDue) << info.code << " " << p;
    EXPECT_EQ(RoleHas(info.role, "family.counts"),
              v == FamilyView::kFull || v == FamilyView::kCounts)
        << info.code;
  }
}

}  // namespace
}  // namespace hejia::domain
