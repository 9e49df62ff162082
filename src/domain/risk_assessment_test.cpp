#include "domain/risk_assessment.hpp"

#include <gtest/gtest.h>

#include <set>

namespace hejia::domain {
namespace {

using F = RiskFactor;
using A = RiskAnswer;

// Every factor answered `answer`.
RiskChecklist All(RiskAnswer answer) {
  RiskChecklist c;
  for (RiskFactor f : kRiskFactors) c.Set(f, answer);
  return c;
}

// All no, except the factors given, answered yes.
RiskChecklist YesTo(std::initializer_list<RiskFactor> yes) {
  RiskChecklist c = All(A::kNo);
  for (RiskFactor f : yes) c.Set(f, A::kYes);
  return c;
}

TEST(RiskFactors, CodesAreStableSnakeCaseAndRoundTrip) {
  const std::vector<std::string_view> expected = {"escalation",
                                                  "threats_to_kill",
                                                  "strangulation",
                                                  "weapon",
                                                  "separation",
                                                  "pregnancy",
                                                  "children",
                                                  "alcohol_drugs",
                                                  "stalking",
                                                  "protection_order_broken",
                                                  "earlier_police_calls",
                                                  "victim_fear"};
  ASSERT_EQ(kRiskFactors.size(), expected.size());
  for (std::size_t i = 0; i < kRiskFactors.size(); ++i) {
    EXPECT_EQ(ToString(kRiskFactors[i]), expected[i]);
    EXPECT_EQ(ParseRiskFactor(expected[i]), kRiskFactors[i]);
    EXPECT_FALSE(Label(kRiskFactors[i]).empty());
    EXPECT_FALSE(LabelEn(kRiskFactors[i]).empty());
  }
  EXPECT_EQ(ParseRiskFactor("Weapon"), std::nullopt);
  EXPECT_EQ(ParseRiskFactor(""), std::nullopt);
  EXPECT_EQ(Label(F::kThreatsToKill), "扬言或威胁杀害");
  EXPECT_EQ(LabelEn(F::kStrangulation), "Strangling, choking or smothering");
}

TEST(RiskAnswers, YesNoAndUnknownRoundTripAndANewChecklistIsAllUnknown) {
  for (RiskAnswer a : kRiskAnswers) EXPECT_EQ(ParseRiskAnswer(ToString(a)), a);
  EXPECT_EQ(ToString(A::kYes), "yes");
  EXPECT_EQ(Label(A::kUnknown), "不清楚");
  EXPECT_EQ(ParseRiskAnswer("maybe"), std::nullopt);
  const RiskChecklist fresh;
  for (RiskFactor f : kRiskFactors) EXPECT_EQ(fresh[f], A::kUnknown);
  const auto s = Score(fresh);
  EXPECT_EQ(s.unknown, 12);
  EXPECT_EQ(s.score, 0);
  EXPECT_TRUE(MostlyUnknown(s));
}

TEST(RiskWeights, TheLethalityMarkersWeighMost) {
  const RiskScoring s;
  const int top = s.Weight(F::kThreatsToKill);
  for (RiskFactor f : {F::kStrangulation, F::kWeapon, F::kProtectionOrderBroken})
    EXPECT_EQ(s.Weight(f), top) << ToString(f);
  for (RiskFactor f : kRiskFactors) {
    EXPECT_LE(s.Weight(f), top) << ToString(f);
    EXPECT_GT(s.Weight(f), 0) << ToString(f);
  }
  EXPECT_GT(s.Weight(F::kSeparation), s.Weight(F::kAlcoholDrugs));
  EXPECT_EQ(Score(All(A::kYes)).score, 40);
  EXPECT_FALSE(CheckRiskScoring(s));
}

TEST(RiskScore, CountsYesNoAndUnknownAndWhatTheUnknownsCouldAddUp) {
  RiskChecklist c = All(A::kNo);
  c.Set(F::kEscalation, A::kYes).Set(F::kChildren, A::kYes);
  c.Set(F::kStrangulation, A::kUnknown).Set(F::kVictimFear, A::kUnknown);
  const auto s = Score(c);
  EXPECT_EQ(s.score, 3 + 2);
  EXPECT_EQ(s.possible, 3 + 2 + 5 + 3);
  EXPECT_EQ(s.max, 40);
  EXPECT_EQ(s.yes, 2);
  EXPECT_EQ(s.no, 8);
  EXPECT_EQ(s.unknown, 2);
  EXPECT_FALSE(MostlyUnknown(s));
}

TEST(RiskScore, AHalfEmptyChecklistIsMostlyUnknown) {
  RiskChecklist c;  // all unknown
  for (std::size_t i = 0; i < 6; ++i) c.Set(kRiskFactors[i], A::kNo);
  EXPECT_TRUE(MostlyUnknown(Score(c)));  // 6 of 12 unknown
  c.Set(kRiskFactors[6], A::kNo);
  EXPECT_FALSE(MostlyUnknown(Score(c)));  // 5 of 12
}

TEST(RiskSuggestion, ExactlyAtTheThresholds) {
  // Defaults: yellow from 6, red from 14.
  EXPECT_EQ(SuggestColour(YesTo({F::kEscalation, F::kPregnancy})).colour, RiskColour::kBlue);  // 5
  EXPECT_EQ(SuggestColour(YesTo({F::kEscalation, F::kSeparation})).colour,
            RiskColour::kYellow);  // 6
  const auto thirteen = YesTo(
      {F::kEscalation, F::kSeparation, F::kStalking, F::kPregnancy, F::kChildren});  // 3+3+3+2+2
  EXPECT_EQ(Score(thirteen).score, 13);
  EXPECT_EQ(SuggestColour(thirteen).colour, RiskColour::kYellow);
  const auto fourteen =
      YesTo({F::kEscalation, F::kSeparation, F::kStalking, F::kVictimFear, F::kChildren});
  EXPECT_EQ(Score(fourteen).score, 14);
  const auto s = SuggestColour(fourteen);
  EXPECT_EQ(s.colour, RiskColour::kRed);
  EXPECT_EQ(s.by_score, RiskColour::kRed);
  EXPECT_TRUE(s.floors.empty());
}

TEST(RiskSuggestion, AllNoIsBlue) {
  const auto s = SuggestColour(All(A::kNo));
  EXPECT_EQ(s.colour, RiskColour::kBlue);
  EXPECT_EQ(s.if_unknown_yes, RiskColour::kBlue);
  EXPECT_FALSE(s.mostly_unknown);
}

TEST(RiskSuggestion, ThreatsToKillStrangulationOrAWeaponAloneSuggestRed) {
  for (RiskFactor f : {F::kThreatsToKill, F::kStrangulation, F::kWeapon}) {
    const auto s = SuggestColour(YesTo({f}));
    EXPECT_EQ(s.score.score, 5) << ToString(f);
    EXPECT_EQ(s.by_score, RiskColour::kBlue) << ToString(f);
    EXPECT_EQ(s.colour, RiskColour::kRed) << ToString(f);
    EXPECT_EQ(s.floors, std::vector<RiskFactor>{f});
  }
}

TEST(RiskSuggestion, ABrokenProtectionOrderAloneSuggestsAtLeastYellow) {
  auto s = SuggestColour(YesTo({F::kProtectionOrderBroken}));
  EXPECT_EQ(s.colour, RiskColour::kYellow);
  EXPECT_EQ(s.floors, std::vector<RiskFactor>{F::kProtectionOrderBroken});
  // With enough else it is red by score; the floor then explains nothing.
  s = SuggestColour(
      YesTo({F::kProtectionOrderBroken, F::kEscalation, F::kSeparation, F::kStalking}));  // 14
  EXPECT_EQ(s.colour, RiskColour::kRed);
  EXPECT_TRUE(s.floors.empty());
}

TEST(RiskSuggestion, TheFloorsListOnlyTheFactorsThatLiftedIt) {
  const auto s = SuggestColour(YesTo({F::kProtectionOrderBroken, F::kStrangulation}));
  EXPECT_EQ(s.colour, RiskColour::kRed);
  EXPECT_EQ(s.by_score, RiskColour::kYellow);  // 10
  EXPECT_EQ(s.floors, std::vector<RiskFactor>{F::kStrangulation});
}

TEST(RiskSuggestion, AnUnknownStrangulationShowsTheCheckListCouldBeRed) {
  RiskChecklist c = All(A::kNo);
  c.Set(F::kStrangulation, A::kUnknown).Set(F::kChildren, A::kYes);
  const auto s = SuggestColour(c);
  EXPECT_EQ(s.colour, RiskColour::kBlue);
  EXPECT_EQ(s.if_unknown_yes, RiskColour::kRed);
  EXPECT_EQ(s.score.unknown, 1);
}

TEST(RiskSuggestion, AllUnknownSuggestsBlueButCouldBeRedAndSaysItIsMostlyEmpty) {
  const auto s = SuggestColour(RiskChecklist{});
  EXPECT_EQ(s.colour, RiskColour::kBlue);
  EXPECT_EQ(s.if_unknown_yes, RiskColour::kRed);
  EXPECT_TRUE(s.mostly_unknown);
}

TEST(RiskSuggestion, AReassessmentAfterANewIncidentSuggestsAtLeastOneColourUp) {
  const auto none = All(A::kNo);
  EXPECT_EQ(SuggestColour(none, {}, ColourFloorAfterIncident(RiskColour::kBlue)).colour,
            RiskColour::kYellow);
  EXPECT_EQ(SuggestColour(none, {}, ColourFloorAfterIncident(RiskColour::kYellow)).colour,
            RiskColour::kRed);
  EXPECT_EQ(SuggestColour(YesTo({F::kWeapon}), {}, RiskColour::kYellow).colour, RiskColour::kRed);
}

TEST(RiskSuggestion, TheCityMayChangeWeightsThresholdsAndFloors) {
  RiskScoring s;
  s.weights.fill(1);
  s.yellow_from = 3;
  s.red_from = 6;
  s.red_if_yes = {};
  s.yellow_if_yes = {F::kStrangulation};
  ASSERT_FALSE(CheckRiskScoring(s));
  EXPECT_EQ(SuggestColour(YesTo({F::kStrangulation}), s).colour, RiskColour::kYellow);
  EXPECT_EQ(SuggestColour(YesTo({F::kThreatsToKill}), s).colour, RiskColour::kBlue);
  EXPECT_EQ(SuggestColour(YesTo({F::kChildren, F::kPregnancy, F::kStalking}), s).colour,
            RiskColour::kYellow);
  EXPECT_EQ(Score(All(A::kYes), s).max, 12);
}

TEST(RiskScoringSettings, ProblemsNameTheField) {
  RiskScoring s;
  s.weights[1] = 11;
  ASSERT_TRUE(CheckRiskScoring(s));
  EXPECT_EQ(CheckRiskScoring(s)->field, "weights.threats_to_kill");
  s.weights[1] = -1;
  EXPECT_EQ(CheckRiskScoring(s)->field, "weights.threats_to_kill");
  s.weights[1] = 0;
  EXPECT_FALSE(CheckRiskScoring(s));

  s = {};
  s.yellow_from = 0;
  EXPECT_EQ(CheckRiskScoring(s)->field, "yellow_from");
  s = {};
  s.red_from = s.yellow_from;
  EXPECT_EQ(CheckRiskScoring(s)->field, "red_from");
  s = {};
  s.red_from = 41;  // above every factor yes
  EXPECT_EQ(CheckRiskScoring(s)->field, "red_from");
  s.red_from = 40;
  EXPECT_FALSE(CheckRiskScoring(s));
  s = {};
  s.red_if_yes.push_back(F::kWeapon);
  EXPECT_EQ(CheckRiskScoring(s)->field, "red_if_yes");
  s = {};
  s.yellow_if_yes = {F::kPregnancy, F::kPregnancy};
  EXPECT_EQ(CheckRiskScoring(s)->field, "yellow_if_yes");
  s = {};
  s.yellow_if_yes.push_back(F::kStrangulation);
  EXPECT_EQ(CheckRiskScoring(s)->field, "yellow_if_yes");
}

TEST(RiskColourDecision, FollowingTheSuggestionNeedsNoReason) {
  for (RiskColour c : kRiskColours) EXPECT_FALSE(CheckColourDecision(c, c, ""));
}

TEST(RiskColourDecision, AnOverrideWithoutAReasonIsRefusedInEitherDirection) {
  auto p = CheckColourDecision(RiskColour::kRed, RiskColour::kYellow, "");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->field, "reason");
  EXPECT_NE(p->message.find("至少 10 个字"), std::string::npos) << p->message;
  EXPECT_TRUE(CheckColourDecision(RiskColour::kBlue, RiskColour::kRed, "   "));
}

TEST(RiskColourDecision, AReasonNeedsTenCharactersAfterTrimming) {
  // Nine and ten Chinese characters: the length counts characters, not bytes.
  EXPECT_TRUE(CheckColourDecision(RiskColour::kRed, RiskColour::kYellow, "施暴者已被刑事拘留"));
  EXPECT_FALSE(CheckColourDecision(RiskColour::kRed, RiskColour::kYellow, "施暴者已被刑事拘留。"));
  EXPECT_TRUE(CheckColourDecision(RiskColour::kRed, RiskColour::kYellow, "  短理由  \n"));
  EXPECT_FALSE(CheckColourDecision(RiskColour::kBlue, RiskColour::kYellow, "moved away"));
}

TEST(RiskColourDecision, AReasonIsBoundedAndHasNoControlCharacters) {
  std::string long_reason;
  for (std::size_t i = 0; i < kColourReasonMax; ++i) long_reason += "字";
  EXPECT_FALSE(CheckColourDecision(RiskColour::kRed, RiskColour::kBlue, long_reason));
  EXPECT_TRUE(CheckColourDecision(RiskColour::kRed, RiskColour::kBlue, long_reason + "字"));
  EXPECT_TRUE(CheckColourDecision(RiskColour::kRed, RiskColour::kRed, long_reason + "字"));
  EXPECT_FALSE(CheckColourDecision(RiskColour::kRed, RiskColour::kBlue,
                                   "施暴者已判刑入狱，\n两年内不会返家"));
  EXPECT_TRUE(CheckColourDecision(RiskColour::kRed, RiskColour::kBlue, "施暴者已判刑入狱\x01两年"));
}

TEST(RiskAssessmentFeedsThePlan, TheRisksSummaryListsYesThenUnknown) {
  RiskChecklist c = All(A::kNo);
  EXPECT_EQ(RisksSummary(c), "");
  c.Set(F::kThreatsToKill, A::kYes).Set(F::kChildren, A::kYes);
  EXPECT_EQ(RisksSummary(c), "扬言或威胁杀害、子女在场或受到伤害");
  EXPECT_EQ(YesFactors(c), (std::vector<RiskFactor>{F::kThreatsToKill, F::kChildren}));
  c.Set(F::kStrangulation, A::kUnknown);
  EXPECT_EQ(RisksSummary(c), "扬言或威胁杀害、子女在场或受到伤害；待核实：掐脖、捂口鼻等致窒息");
  RiskChecklist unknown = All(A::kNo);
  unknown.Set(F::kWeapon, A::kUnknown);
  EXPECT_EQ(RisksSummary(unknown), "待核实：使用或威胁使用凶器");
}

TEST(RiskAssessmentFeedsACase, TheColourBecomesTheCasesRiskLevel) {
  EXPECT_EQ(CaseRiskLevel(RiskColour::kBlue), RiskLevel::kLow);
  EXPECT_EQ(CaseRiskLevel(RiskColour::kYellow), RiskLevel::kMedium);
  // High is not suitable for mediation: a red family's dispute is referred.
  EXPECT_EQ(CaseRiskLevel(RiskColour::kRed), RiskLevel::kHigh);
}

TEST(RiskFactors, LabelsAreDistinct) {
  std::set<std::string_view> zh, en;
  for (RiskFactor f : kRiskFactors) {
    zh.insert(Label(f));
    en.insert(LabelEn(f));
  }
  EXPECT_EQ(zh.size(), kRiskFactorCount);
  EXPECT_EQ(en.size(), kRiskFactorCount);
}

}  // namespace
}  // namespace hejia::domain
