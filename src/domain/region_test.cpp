#include "domain/region.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Region, LevelsGoCityTownVillageGrid) {
  EXPECT_EQ(ChildLevel(RegionLevel::kCity), RegionLevel::kTown);
  EXPECT_EQ(ChildLevel(RegionLevel::kTown), RegionLevel::kVillage);
  EXPECT_EQ(ChildLevel(RegionLevel::kVillage), RegionLevel::kGrid);
  EXPECT_FALSE(ChildLevel(RegionLevel::kGrid));
  EXPECT_EQ(ParentLevel(RegionLevel::kGrid), RegionLevel::kVillage);
  EXPECT_EQ(ParentLevel(RegionLevel::kVillage), RegionLevel::kTown);
  EXPECT_EQ(ParentLevel(RegionLevel::kTown), RegionLevel::kCity);
  EXPECT_FALSE(ParentLevel(RegionLevel::kCity));
  EXPECT_TRUE(AtOrAbove(RegionLevel::kCity, RegionLevel::kTown));
  EXPECT_TRUE(AtOrAbove(RegionLevel::kTown, RegionLevel::kTown));
  EXPECT_FALSE(AtOrAbove(RegionLevel::kVillage, RegionLevel::kTown));
  for (auto l : {RegionLevel::kCity, RegionLevel::kTown, RegionLevel::kVillage, RegionLevel::kGrid})
    EXPECT_EQ(ParseRegionLevel(ToString(l)), l);
  EXPECT_FALSE(ParseRegionLevel("province"));
}

TEST(Region, CodesHaveTheirLevelsLength) {
  EXPECT_TRUE(ValidRegionCode("330784", RegionLevel::kCity));
  EXPECT_TRUE(ValidRegionCode("330784001", RegionLevel::kTown));
  EXPECT_TRUE(ValidRegionCode("330784001003", RegionLevel::kVillage));
  EXPECT_TRUE(ValidRegionCode("330784001003017", RegionLevel::kGrid));
  EXPECT_FALSE(ValidRegionCode("33078400", RegionLevel::kTown));
  EXPECT_FALSE(ValidRegionCode("33078400a", RegionLevel::kTown));
}

TEST(Region, ANewChildCodeExtendsItsParentsCode) {
  EXPECT_FALSE(ChildCodeProblem("330784900", "330784", RegionLevel::kCity));
  EXPECT_FALSE(ChildCodeProblem("330784001003", "330784001", RegionLevel::kTown));
  EXPECT_TRUE(ChildCodeProblem("3307849001", "330784", RegionLevel::kCity));  // too long
  EXPECT_TRUE(ChildCodeProblem("33078490", "330784", RegionLevel::kCity));    // too short
  EXPECT_TRUE(ChildCodeProblem("330785001", "330784", RegionLevel::kCity));   // other parent
  EXPECT_TRUE(ChildCodeProblem("", "330784", RegionLevel::kCity));
  EXPECT_TRUE(ChildCodeProblem("330784001003017001", "330784001003017", RegionLevel::kGrid));
}

TEST(Region, NamesAreShortPrintableText) {
  EXPECT_FALSE(RegionNameProblem("东城街道"));
  EXPECT_FALSE(RegionNameProblem(std::string(50, 'a')));
  EXPECT_TRUE(RegionNameProblem(std::string(51, 'a')));
  std::string fifty_han;
  for (int i = 0; i < 50; ++i) fifty_han += "村";
  EXPECT_FALSE(RegionNameProblem(fifty_han));
  EXPECT_TRUE(RegionNameProblem(fifty_han + "村"));
  EXPECT_TRUE(RegionNameProblem(""));
  EXPECT_TRUE(
      RegionNameProblem("a\x01"
                        "b"));
  EXPECT_TRUE(RegionNameProblem("\xFF\xFE"));
}

TEST(Region, PathsNestAndBoundTheirSubtree) {
  const std::string town = ChildPath("/330784/", "330784001");
  EXPECT_EQ(town, "/330784/330784001/");
  const std::string village = ChildPath(town, "330784001003");
  EXPECT_TRUE(PathWithin(village, town));
  EXPECT_TRUE(PathWithin(town, town));
  EXPECT_FALSE(PathWithin(town, village));
  EXPECT_FALSE(PathWithin("/330784/330784002/", town));
  EXPECT_FALSE(PathWithin(town, ""));
  // The upper bound is past every descendant and before the next sibling.
  const std::string end = PathUpperBound(town);
  EXPECT_LT(village, end);
  EXPECT_LT(ChildPath(village, "330784001003999"), end);
  EXPECT_GE(std::string("/330784/330784002/"), end);
}

TEST(Region, CodesOnAPathComeTopFirst) {
  EXPECT_EQ(CodesOnPath("/330784/330784001/330784001003/"),
            (std::vector<std::string>{"330784", "330784001", "330784001003"}));
  EXPECT_TRUE(CodesOnPath("/").empty());
}

TEST(Region, AMovedSubtreeKeepsItsTailUnderTheNewRoot) {
  EXPECT_EQ(RebasePath("/330784/330784001/330784001003/330784001003001/",
                       "/330784/330784001/330784001003/", "/330784/330784002/330784001003/"),
            "/330784/330784002/330784001003/330784001003001/");
  EXPECT_EQ(RebasePath("/a/b/", "/a/b/", "/a/c/b/"), "/a/c/b/");
}

}  // namespace
}  // namespace hejia::domain
