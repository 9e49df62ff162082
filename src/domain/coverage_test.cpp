#include "domain/coverage.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

Volunteer Sister() {
  Volunteer v;
  v.grid_sister = true;
  v.region.path = "/330784/330784001/330784001001/";
  return v;
}

TEST(Coverage, SettingsStayWithinTheirLimits) {
  EXPECT_FALSE(CheckVolunteerSettings({}));
  EXPECT_FALSE(CheckVolunteerSettings({20, 90}));
  EXPECT_EQ(CheckVolunteerSettings({0, 15})->field, "max_grids_per_sister");
  EXPECT_EQ(CheckVolunteerSettings({21, 15})->field, "max_grids_per_sister");
  EXPECT_EQ(CheckVolunteerSettings({3, 0})->field, "replacement_due_days");
  EXPECT_EQ(CheckVolunteerSettings({3, 91})->field, "replacement_due_days");
}

TEST(Coverage, OnlyAServingGridSisterHoldsGrids) {
  Volunteer v = Sister();
  EXPECT_TRUE(HoldsGrids(v, 1000));
  v.left_at = 2000;
  EXPECT_TRUE(HoldsGrids(v, 1000));  // leaves later: serves until then
  EXPECT_FALSE(HoldsGrids(v, 2000));
  v.left_at = 0;
  v.meta.retired = true;
  EXPECT_FALSE(HoldsGrids(v, 1000));
  v.meta.retired = false;
  v.grid_sister = false;
  EXPECT_FALSE(HoldsGrids(v, 1000));
}

TEST(Coverage, ASisterCoversAtMostTheSettingsNumberOfGrids) {
  const VolunteerSettings s{2, 15};
  Volunteer v = Sister();
  EXPECT_FALSE(CheckGridAssignment(v, 0, s, 1000));
  EXPECT_FALSE(CheckGridAssignment(v, 2, s, 1000));
  EXPECT_EQ(CheckGridAssignment(v, 3, s, 1000)->field, "grid_codes");
  v.grid_sister = false;
  EXPECT_NE(CheckGridAssignment(v, 1, s, 1000)->message.find("grid sister"), std::string::npos);
  v = Sister();
  v.left_at = 500;
  EXPECT_NE(CheckGridAssignment(v, 1, s, 1000)->message.find("no longer serves"),
            std::string::npos);
}

TEST(Coverage, AGridMustBeAnActiveGridInsideHerRegion) {
  const std::string her = "/330784/330784001/330784001001/";
  const std::string grid = her + "330784001001001/";
  EXPECT_FALSE(CheckGridOf("330784001001001", RegionLevel::kGrid, false, grid, her));
  EXPECT_TRUE(CheckGridOf("330784001001", RegionLevel::kVillage, false, her, her));
  EXPECT_TRUE(CheckGridOf("330784001001001", RegionLevel::kGrid, true, grid, her));
  EXPECT_TRUE(CheckGridOf("330784001002001", RegionLevel::kGrid, false,
                          "/330784/330784001/330784001002/330784001002001/", her));
}

TEST(Coverage, CodesAreTakenOnceAndTheTaskFallsDueAfterTheSettingsDays) {
  EXPECT_EQ(DistinctCodes({"a", "b", "a"}), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ReplacementDue(1000, {3, 15}), 1000 + 15 * kDayMillis);
}

}  // namespace
}  // namespace hejia::domain
