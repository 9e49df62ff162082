#include "domain/incident.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

constexpr int64_t kHour = 3600LL * 1000;

TEST(IncidentDues, ByDayAndAtNightAndWhenUrgent) {
  const IncidentSettings s;
  const auto day = DuesFor(s, false, false, 0);
  EXPECT_EQ(day.ack, 2 * kHour);
  EXPECT_EQ(day.contact, 24 * kHour);
  EXPECT_EQ(day.visit, 72 * kHour);
  EXPECT_EQ(day.feedback, 7 * 24 * kHour);
  EXPECT_EQ(DuesFor(s, false, true, 0).ack, kHour);
  EXPECT_EQ(DuesFor(s, true, false, 0).contact, 2 * kHour);
}

TEST(IncidentDues, UrgentIsInjuryWeaponMinorsOrAWarningLetter) {
  PoliceIncident i;
  EXPECT_FALSE(IsUrgentIncident(i));
  i.alcohol = i.threats = true;
  EXPECT_FALSE(IsUrgentIncident(i));
  i.warning_letter_no = "告字12号";
  EXPECT_TRUE(IsUrgentIncident(i));
}

TEST(IncidentMarks, YellowOnceLateRedOnceLateByAsLongAgainNoneWhenDone) {
  PushProgress p;
  p.pushed_at = 0;
  p.due = DuesFor(IncidentSettings{}, false, false, 0);
  EXPECT_EQ(MarkAt(p, 2 * kHour), PushMark::kNone);
  EXPECT_EQ(MarkAt(p, 2 * kHour + 1), PushMark::kYellow);
  EXPECT_EQ(MarkAt(p, 4 * kHour), PushMark::kYellow);
  EXPECT_EQ(MarkAt(p, 4 * kHour + 1), PushMark::kRed);
  p.acknowledged_at = 5 * kHour;  // late, but done: the contact runs on its own time
  EXPECT_EQ(StageOf(p), PushStage::kAcknowledged);
  EXPECT_EQ(MarkAt(p, 6 * kHour), PushMark::kNone);
  EXPECT_EQ(MarkAt(p, 24 * kHour + 1), PushMark::kYellow);
  p.contacted_at = p.visited_at = p.fed_back_at = 30 * kHour;
  EXPECT_EQ(NextDue(p), std::nullopt);
  EXPECT_EQ(MarkAt(p, 1000 * kHour), PushMark::kNone);
}

TEST(IncidentStages, StepsGoInOrderEachOnce) {
  EXPECT_TRUE(IsNextStage(PushStage::kPushed, PushStage::kAcknowledged));
  EXPECT_FALSE(IsNextStage(PushStage::kPushed, PushStage::kContacted));
  EXPECT_FALSE(IsNextStage(PushStage::kAcknowledged, PushStage::kAcknowledged));
  EXPECT_TRUE(IsNextStage(PushStage::kVisited, PushStage::kFedBack));
  EXPECT_FALSE(IsNextStage(PushStage::kFedBack, PushStage::kFedBack));
}

TEST(IncidentSettings, RangesAndRecipientsAreChecked) {
  IncidentSettings s;
  EXPECT_FALSE(CheckIncidentSettings(s));
  s.ack_hours = 0;
  EXPECT_EQ(CheckIncidentSettings(s)->field, "ack_hours");
  s = {};
  s.contact_urgent_hours = 30;
  EXPECT_EQ(CheckIncidentSettings(s)->field, "contact_urgent_hours");
  s = {};
  s.recipients = {PushRecipient::kMediation, PushRecipient::kMediation};
  EXPECT_EQ(CheckIncidentSettings(s)->field, "recipients");
  s.recipients.clear();
  EXPECT_EQ(CheckIncidentSettings(s)->field, "recipients");
}

TEST(IncidentParties, RoleNameGenderAndPhoneAreChecked) {
  EXPECT_EQ(CheckIncidentParty({"witness", "甲", "", ""}).problem->field, "role");
  EXPECT_EQ(CheckIncidentParty({"victim", "", "", ""}).problem->field, "name");
  EXPECT_EQ(CheckIncidentParty({"victim", "甲", "x", ""}).problem->field, "gender");
  EXPECT_EQ(CheckIncidentParty({"victim", "甲", "", "123"}).problem->field, "phone");
  const auto ok = CheckIncidentParty({"actor", " 乙 ", "male", "138 0000 1234"});
  ASSERT_FALSE(ok.problem);
  EXPECT_EQ(ok.party.name, "乙");
  EXPECT_EQ(ok.party.phone, "13800001234");
}

TEST(IncidentAddress, TheLongestTownAndItsVillageAreFoundAndTheRestKept) {
  const std::vector<NamedRegion> regions{
      {"1", "东城街道", "0", RegionLevel::kTown},
      {"2", "西城街道", "0", RegionLevel::kTown},
      {"11", "新华社区", "1", RegionLevel::kVillage},
      {"21", "新华社区", "2", RegionLevel::kVillage},
      {"12", "新华", "1", RegionLevel::kVillage},
  };
  auto p = PlaceAddress("永康市西城街道新华社区幸福路 12 号", regions);
  EXPECT_EQ(p.town_code, "2");
  EXPECT_EQ(p.village_code, "21");  // the village of the town named, the longer name
  EXPECT_EQ(p.rest, "幸福路 12 号");
  p = PlaceAddress("东城街道某路", regions);
  EXPECT_EQ(p.town_code, "1");
  EXPECT_EQ(p.village_code, "");
  p = PlaceAddress("不详", regions);
  EXPECT_EQ(p.town_code, "");
  EXPECT_EQ(NormalizeAddressDetail("3号楼 2单元，Ａ座"), NormalizeAddressDetail("3号楼2单元a座"));
}

TEST(IncidentCase, CategoryAndSeverityFollowTheIncident) {
  PoliceIncident i;
  i.kind = IncidentKind::kDomesticViolence;
  EXPECT_EQ(CaseDefaultsFor(i).category, "domestic_violence");
  EXPECT_EQ(CaseDefaultsFor(i).severity, CaseSeverity::kNormal);
  i.threats = true;
  EXPECT_EQ(CaseDefaultsFor(i).severity, CaseSeverity::kSerious);
  i.weapon = true;
  EXPECT_EQ(CaseDefaultsFor(i).severity, CaseSeverity::kCritical);
  i.kind = IncidentKind::kSupport;
  EXPECT_EQ(CaseDefaultsFor(i).category, "elder_support");
}

}  // namespace
}  // namespace hejia::domain
