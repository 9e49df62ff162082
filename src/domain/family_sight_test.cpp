#include "domain/family_sight.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

// Yongkang, 石柱镇, a village of it and one of its grids; another town for contrast.
constexpr std::string_view kCity = "/330784/";
constexpr std::string_view kTown = "/330784/330784101/";
constexpr std::string_view kVillage = "/330784/330784101/330784101001/";
constexpr std::string_view kGrid = "/330784/330784101/330784101001/330784101001001/";
constexpr std::string_view kOtherGrid = "/330784/330784101/330784101001/330784101001002/";
constexpr std::string_view kOtherTown = "/330784/330784102/";

TEST(KeyFamilySight, ViewsRoundTrip) {
  for (FamilyView v : kFamilyViews) EXPECT_EQ(ParseFamilyView(ToString(v)), v);
  EXPECT_EQ(ToString(FamilyView::kNamesAndDue), "names_and_due");
  EXPECT_EQ(ParseFamilyView("all"), std::nullopt);
}

TEST(KeyFamilySight, FederationStaffOnTheFamilysPathSeeAllOfIt) {
  for (auto [role, path] : {std::pair{Role::kCityStaff, kCity}, std::pair{Role::kTownStaff, kTown},
                            std::pair{Role::kVillageCadre, kVillage}}) {
    const auto s = SightOf(role, path, kGrid);
    EXPECT_TRUE(s.counts && s.listing && s.due_contacts && s.colour && s.assessment && s.plan &&
                s.safety_plan)
        << ToString(role);
  }
}

TEST(KeyFamilySight, StaffOffThePathSeeNothing) {
  EXPECT_FALSE(SightOf(Role::kTownStaff, kOtherTown, kGrid).Any());
  EXPECT_FALSE(SightOf(Role::kVillageCadre, kOtherGrid, kGrid).Any());
  EXPECT_FALSE(SightOf(Role::kCityStaff, "", kGrid).Any());
}

TEST(KeyFamilySight, AGridSisterSeesHerGridsNamesAndDueContactsNeverTheAssessmentOrSafetyPlan) {
  const auto s = SightOf(Role::kGridSister, kGrid, kGrid);
  EXPECT_TRUE(s.listing);
  EXPECT_TRUE(s.due_contacts);
  EXPECT_FALSE(s.colour);
  EXPECT_FALSE(s.assessment);
  EXPECT_FALSE(s.plan);
  EXPECT_FALSE(s.safety_plan);
  EXPECT_FALSE(SightOf(Role::kGridSister, kOtherGrid, kGrid).Any());
  // A family placed at the village, above her grid, is not hers.
  EXPECT_FALSE(SightOf(Role::kGridSister, kGrid, kVillage).Any());
}

TEST(KeyFamilySight, ALeaderSeesCountsOnly) {
  const auto s = SightOf(Role::kLeader, kCity, kGrid);
  EXPECT_TRUE(s.counts);
  EXPECT_FALSE(s.listing || s.due_contacts || s.colour || s.assessment || s.plan || s.safety_plan);
  EXPECT_FALSE(SightOf(Role::kLeader, kOtherTown, kGrid).Any());
}

TEST(KeyFamilySight, AdministratorsMediatorsAndMachinesSeeNothing) {
  for (Role r : {Role::kNone, Role::kSystemAdmin, Role::kSecurityAdmin, Role::kAuditAdmin,
                 Role::kMediator, Role::kIntegration}) {
    EXPECT_EQ(ViewOf(r), FamilyView::kNothing) << ToString(r);
    EXPECT_FALSE(SightOf(r, kCity, kGrid).Any()) << ToString(r);
  }
}

TEST(KeyFamilySight, EveryRoleThatSeesNamesMayReadHouseholdsAndLeadersMayReadStats) {
  // The rule narrows the permissions of roles.cpp; it never widens them.
  for (const auto& info : AllRoles()) {
    const FamilyView v = ViewOf(info.role);
    if (v >= FamilyView::kNamesAndDue) {
      EXPECT_TRUE(RoleHas(info.role, "household.read")) << info.code;
    }
    if (v == FamilyView::kCounts) {
      EXPECT_TRUE(RoleHas(info.role, "stats.read")) << info.code;
    }
  }
}

}  // namespace
}  // namespace hejia::domain
