#include "domain/case_fields.hpp"

#include <gtest/gtest.h>

#include "domain/categories.hpp"

namespace hejia::domain {
namespace {

// The enums and the labelled vocabularies of categories.hpp name the same codes, in order.
template <class E>
void SameCodes(const std::vector<E>& values, const std::vector<CodeLabel>& vocabulary) {
  ASSERT_EQ(values.size(), vocabulary.size());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(ToString(values[i]), vocabulary[i].code);
}

TEST(CaseFields, TheEnumsNameTheCodesOfTheVocabularies) {
  SameCodes(AllCaseSeverities(), AllSeverities());
  SameCodes(AllCaseChannels(), AllChannels());
  SameCodes(AllRiskLevelValues(), AllRiskLevels());
}

TEST(CaseFields, EveryCodeParsesBackToItsValue) {
  for (auto v : AllCaseSeverities()) EXPECT_EQ(ParseCaseSeverity(ToString(v)), v);
  for (auto v : AllCaseChannels()) EXPECT_EQ(ParseCaseChannel(ToString(v)), v);
  for (auto v : AllSupervisions()) EXPECT_EQ(ParseSupervision(ToString(v)), v);
  for (auto v : AllRiskLevelValues()) EXPECT_EQ(ParseRiskLevel(ToString(v)), v);
  for (auto v : AllSessionStatuses()) EXPECT_EQ(ParseSessionStatus(ToString(v)), v);
  for (auto v : AllCaseLevels()) EXPECT_EQ(ParseCaseLevel(ToString(v)), v);
  EXPECT_EQ(Label(CaseLevel::kTown), "镇级");
  EXPECT_EQ(ParseSupervision(""), std::nullopt);
  EXPECT_EQ(ToString(std::optional<Supervision>()), "");
  EXPECT_EQ(ToString(std::optional<RiskLevel>(RiskLevel::kLow)), "low");
  EXPECT_EQ(Codes(AllSupervisions()), (std::vector<std::string>{"yellow", "red"}));
}

}  // namespace
}  // namespace hejia::domain
