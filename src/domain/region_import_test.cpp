#include "domain/region_import.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace hejia::domain {
namespace {

const std::map<std::string, KnownRegion, std::less<>> kKnown = {
    {"330784", {RegionLevel::kCity, "/330784/", false}},
    {"330784001", {RegionLevel::kTown, "/330784/330784001/", false}},
    {"330784009", {RegionLevel::kTown, "/330784/330784009/", true}},
    {"330800", {RegionLevel::kCity, "/330800/", false}},
};

bool InMyCity(std::string_view path) {
  return PathWithin(path, "/330784/");
}

std::vector<PlannedRegion> Plan(std::string_view csv, ImportErrors& errors) {
  return PlanImport(ReadImportRows(csv, errors), kKnown, InMyCity, errors);
}

TEST(RegionImport, AWholeFileProblemIsOneErrorOnTheFile) {
  ImportErrors errors;
  for (std::string_view csv : {"", "name,code,parent_code\n1,2,3\n", "code,name,parent_code\n"}) {
    try {
      (void)ReadImportRows(csv, errors);
      ADD_FAILURE() << "read: " << csv;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.field(), "csv");
    }
  }
  EXPECT_TRUE(errors.empty());
}

TEST(RegionImport, PlacesRowsUnderStoredRegionsAndEarlierRows) {
  ImportErrors errors;
  const auto planned = Plan(
      "code,name,parent_code\r\n330784002, 南城街道 ,330784\r\n330784002001,\"一村\",330784002\r\n",
      errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(planned.size(), 2u);
  EXPECT_EQ(planned[0].name, "南城街道");
  EXPECT_EQ(planned[0].level, RegionLevel::kTown);
  EXPECT_EQ(planned[1].path, "/330784/330784002/330784002001/");
  EXPECT_EQ(planned[1].level, RegionLevel::kVillage);
}

TEST(RegionImport, ReportsEveryRowThatCannotBePlaced) {
  ImportErrors errors;
  (void)Plan(
      "code,name,parent_code\n"
      "330784001001,后于下级,330784003\n"               // line 2: its parent comes later
      "330784003,新街道,330784\n"                       // line 3
      "330784001,已有,330784\n"                         // line 4: code in use
      "330800001,外市,330800\n"                         // line 5: parent outside the caller
      "330784009001,撤销下,330784009\n"                 // line 6: parent retired
      "33078400,短码,330784\n"                          // line 7: code of the wrong length
      "330784004,重复,330784\n330784004,重复,330784\n"  // line 9 repeats line 8
      "330784005,,330784,extra\n",                      // line 10: four columns
      errors);
  std::vector<std::pair<size_t, std::string>> seen;
  for (const auto& e : errors.reported()) seen.emplace_back(e.line, e.field);
  const std::vector<std::pair<size_t, std::string>> expected = {
      {9, "code"},        {10, "columns"},    {2, "parent_code"}, {4, "code"},
      {5, "parent_code"}, {6, "parent_code"}, {7, "code"}};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(errors.count(), expected.size());
}

TEST(RegionImport, CountsEveryErrorButKeepsTheFirstThousand) {
  std::string csv = "code,name,parent_code\n";
  for (int i = 0; i < 1200; ++i) csv += ",x,330784\n";
  ImportErrors errors;
  (void)ReadImportRows(csv, errors);
  EXPECT_EQ(errors.count(), 1200u);
  EXPECT_EQ(errors.reported().size(), kMaxReportedImportErrors);
}

}  // namespace
}  // namespace hejia::domain
