#include "domain/care.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Care, ACareVisitMeetsSomeoneOtherVisitsNeedNot) {
  std::vector<PersonMet> none;
  ASSERT_TRUE(CheckPeopleMet(VisitKind::kCare, none));
  EXPECT_EQ(CheckPeopleMet(VisitKind::kCare, none)->field, "people");
  EXPECT_FALSE(CheckPeopleMet(VisitKind::kMustVisit, none));
}

TEST(Care, GiftsAreKnownCanonicalAndAPersonIsMetOnce) {
  std::vector<PersonMet> people{{1, {"referral_medical_insurance", "money", "money"}, {}, {}}};
  EXPECT_FALSE(CheckPeopleMet(VisitKind::kCare, people));
  EXPECT_EQ(people[0].given, (std::vector<std::string>{"money", "referral_medical_insurance"}));
  people.push_back({1, {}, {}, {}});
  EXPECT_TRUE(CheckPeopleMet(VisitKind::kCare, people));
  people.back().person_id = 2;
  EXPECT_FALSE(CheckPeopleMet(VisitKind::kCare, people));
  people.back().given = {"cash"};
  EXPECT_TRUE(CheckPeopleMet(VisitKind::kCare, people));
  people.back().given.clear();
  people.back().person_id = 0;
  EXPECT_TRUE(CheckPeopleMet(VisitKind::kCare, people));
  std::vector<PersonMet> many(kCarePeopleMax + 1);
  for (size_t i = 0; i < many.size(); ++i) many[i].person_id = static_cast<int64_t>(i + 1);
  EXPECT_TRUE(CheckPeopleMet(VisitKind::kCare, many));
}

TEST(Care, APersonVisitCountsUnderOneCategorySoTheyAddUp) {
  EXPECT_EQ(CareCategory({"low_income", "two_cancers"}), "two_cancers");
  EXPECT_EQ(CareCategory({"elderly_alone"}), "elderly_alone");
  EXPECT_EQ(CareCategory({}), "other");
}

TEST(Care, AGridCountsAsItsVillage) {
  EXPECT_EQ(CountedLevel(RegionLevel::kGrid), RegionLevel::kVillage);
  EXPECT_EQ(CountedLevel(RegionLevel::kTown), RegionLevel::kTown);
  EXPECT_EQ(CountedLevel(RegionLevel::kCity), RegionLevel::kCity);
}

}  // namespace
}  // namespace hejia::domain
