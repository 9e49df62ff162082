#include "domain/categories.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hejia::domain {
namespace {

std::vector<std::string> Codes(const std::vector<CodeLabel>& vocabulary) {
  std::vector<std::string> codes;
  for (const auto& e : vocabulary) {
    EXPECT_FALSE(e.label.empty()) << e.code;
    EXPECT_FALSE(e.label_en.empty()) << e.code;
    codes.emplace_back(e.code);
  }
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  return codes;
}

TEST(Vocabularies, TheElevenDisputeCategoriesOfTheBrief) {
  EXPECT_EQ(Codes(AllCategories()),
            (std::vector<std::string>{"marriage", "divorce_property", "child_support",
                                      "elder_support", "inheritance", "bride_price", "in_law",
                                      "domestic_violence", "minors", "neighbours", "other"}));
  EXPECT_TRUE(IsCategory("bride_price"));
  EXPECT_FALSE(IsCategory("divorce"));
  EXPECT_FALSE(IsCategory(""));
  EXPECT_EQ(FindCode(AllCategories(), "elder_support")->label, "赡养");
  EXPECT_EQ(FindCode(AllCategories(), "missing"), nullptr);
}

TEST(Vocabularies, SeveritiesChannelsMediatorTypesAndRiskLevels) {
  EXPECT_EQ(Codes(AllSeverities()), (std::vector<std::string>{"normal", "serious", "critical"}));
  EXPECT_EQ(Codes(AllChannels()),
            (std::vector<std::string>{"portal", "hotline", "walk_in", "consultation",
                                      "odr_platform", "police", "grid_report"}));
  EXPECT_EQ(Codes(AllMediatorTypes()),
            (std::vector<std::string>{"social_worker", "psychological_counsellor", "police_officer",
                                      "judge", "prosecutor", "lawyer", "peace_sister"}));
  EXPECT_EQ(Codes(AllRiskLevels()), (std::vector<std::string>{"none", "low", "medium", "high"}));
  EXPECT_TRUE(IsSeverity("critical"));
  EXPECT_FALSE(IsSeverity("urgent"));
  EXPECT_TRUE(IsChannel("walk_in"));
  EXPECT_FALSE(IsChannel("wechat"));
  EXPECT_TRUE(IsMediatorType("peace_sister"));
  EXPECT_FALSE(IsMediatorType("grid_sister"));
  EXPECT_EQ(FindCode(AllMediatorTypes(), "peace_sister")->label, "和姐");
  EXPECT_TRUE(IsRiskLevel("high"));
  EXPECT_FALSE(IsRiskLevel("severe"));
}

}  // namespace
}  // namespace hejia::domain
