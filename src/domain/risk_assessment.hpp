// The risk assessment of a key family (三色预警的风险评估), docs/design/key_families.md: a
// checklist of recognised domestic-violence risk factors, each answered yes / no / unknown, a
// weighted score, thresholds and single-factor floors that suggest a colour, and the rule that a
// person who chooses another colour says why. The suggestion is help for a person, never the
// decision. No I/O.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_fields.hpp"
#include "domain/key_family.hpp"
#include "domain/person.hpp"

namespace hejia::domain {

/// The risk factors of the checklist, in the order it asks them. Codes (ToString) are stable:
/// stored answers and the API use them, so a code is never renamed or reused.
enum class RiskFactor {
  kEscalation,             ///< "escalation": violence more frequent or more severe
  kThreatsToKill,          ///< "threats_to_kill"
  kStrangulation,          ///< "strangulation": choking, strangling, smothering
  kWeapon,                 ///< "weapon": used or threatened with a weapon (knife, tool, gun)
  kSeparation,             ///< "separation": separated, leaving, or divorce pending
  kPregnancy,              ///< "pregnancy": pregnant or recently given birth
  kChildren,               ///< "children": children present at or harmed by the violence
  kAlcoholDrugs,           ///< "alcohol_drugs": the abuser's drinking or drug use
  kStalking,               ///< "stalking": following, watching, harassing
  kProtectionOrderBroken,  ///< "protection_order_broken": a protection order broken
  kEarlierPoliceCalls,     ///< "earlier_police_calls": police called before
  kVictimFear,             ///< "victim_fear": she is very frightened of what he will do
};
inline constexpr std::array kRiskFactors{
    RiskFactor::kEscalation,         RiskFactor::kThreatsToKill,
    RiskFactor::kStrangulation,      RiskFactor::kWeapon,
    RiskFactor::kSeparation,         RiskFactor::kPregnancy,
    RiskFactor::kChildren,           RiskFactor::kAlcoholDrugs,
    RiskFactor::kStalking,           RiskFactor::kProtectionOrderBroken,
    RiskFactor::kEarlierPoliceCalls, RiskFactor::kVictimFear};
inline constexpr std::size_t kRiskFactorCount = kRiskFactors.size();

std::string_view ToString(RiskFactor factor);
std::optional<RiskFactor> ParseRiskFactor(std::string_view code);
/// The factor in Chinese, short: "扬言或威胁杀害".
std::string_view Label(RiskFactor factor);
/// The same in English: "Threats to kill".
std::string_view LabelEn(RiskFactor factor);

/// One answer. Unknown is the default: nobody has asked yet, or she could not say.
enum class RiskAnswer {
  kUnknown,  ///< "unknown" 不清楚
  kYes,      ///< "yes" 是
  kNo,       ///< "no" 否
};
inline constexpr std::array kRiskAnswers{RiskAnswer::kYes, RiskAnswer::kNo, RiskAnswer::kUnknown};

std::string_view ToString(RiskAnswer answer);
std::optional<RiskAnswer> ParseRiskAnswer(std::string_view code);
/// "是", "否", "不清楚".
std::string_view Label(RiskAnswer answer);

/// The answers, one per factor; a new checklist is all unknown.
struct RiskChecklist {
  std::array<RiskAnswer, kRiskFactorCount> answers{};

  RiskAnswer operator[](RiskFactor factor) const;
  RiskChecklist& Set(RiskFactor factor, RiskAnswer answer);
};

/// The weight of each factor, 0..kRiskWeightMax.
using RiskWeights = std::array<int, kRiskFactorCount>;
inline constexpr int kRiskWeightMax = 10;

/// The default weights. Threats to kill, strangulation, a weapon and a broken protection order
/// weigh most (5): these are the items the lethality research behind the Danger Assessment
/// (Campbell) and the Lethality Assessment Program built on it single out — a threat to kill or
/// a weapon alone screens a woman in as high danger there, and non-fatal strangulation gives over
/// seven times the odds of a later killing (Glass et al., 2008) — and a broken order means the
/// law no longer holds him back. Escalation, separation, stalking and her own fear weigh 3: DASH
/// (the UK police checklist) and the DA both treat them as strong markers, and research finds a
/// woman's own sense of danger a useful predictor. Pregnancy, children present, alcohol or drugs
/// and earlier police calls weigh 2: they add to the risk more than they signal it alone.
RiskWeights DefaultRiskWeights();

/// How a checklist suggests a colour; the city may change every part (CheckRiskScoring).
struct RiskScoring {
  RiskWeights weights = DefaultRiskWeights();
  int yellow_from = 6;  ///< a score at or above this suggests yellow (default: two medium factors)
  int red_from = 14;    ///< … red (default: e.g. four medium factors and one more)
  /// A yes to any of these suggests red whatever the score: threats to kill, strangulation and
  /// a weapon, as the Lethality Assessment Program screens in on a threat to kill or a weapon
  /// alone and strangulation is the strongest single warning of a later killing.
  std::vector<RiskFactor> red_if_yes{RiskFactor::kThreatsToKill, RiskFactor::kStrangulation,
                                     RiskFactor::kWeapon};
  /// A yes to any of these suggests at least yellow: a broken protection order (a court already
  /// found a risk and the order did not stop him).
  std::vector<RiskFactor> yellow_if_yes{RiskFactor::kProtectionOrderBroken};

  int Weight(RiskFactor factor) const;
};

/// A problem naming the field or nullopt: weights 0..kRiskWeightMax (field `weights.<code>`);
/// yellow_from ≥ 1; red_from > yellow_from and at most the highest possible score (else red
/// could never be suggested by score); the floor lists without repeats and no factor in both.
std::optional<FieldProblem> CheckRiskScoring(const RiskScoring& scoring);

/// The score of a checklist and how complete it is.
struct RiskScore {
  int score = 0;     ///< the weights of the factors answered yes
  int possible = 0;  ///< the score if every unknown were yes: how high it might really be
  int max = 0;       ///< every factor yes
  int yes = 0, no = 0, unknown = 0;
};

RiskScore Score(const RiskChecklist& checklist, const RiskScoring& scoring = {});

/// Half or more of the factors unknown: the console says the checklist is mostly empty, and the
/// suggestion rests on little.
bool MostlyUnknown(const RiskScore& score);

/// What the checklist suggests, and why.
struct ColourSuggestion {
  RiskColour colour = RiskColour::kBlue;    ///< the suggestion: the highest of the three below
  RiskColour by_score = RiskColour::kBlue;  ///< from the thresholds alone
  /// The factors answered yes that lifted the suggestion above by_score (red_if_yes or
  /// yellow_if_yes), in checklist order; empty when the score decided.
  std::vector<RiskFactor> floors;
  /// The suggestion if every unknown were yes (with the same floors): a checklist that suggests
  /// blue here but red if the unknowns were yes needs its questions asked.
  RiskColour if_unknown_yes = RiskColour::kBlue;
  RiskScore score;
  bool mostly_unknown = false;
};

/// Suggests a colour: by the score (blue below yellow_from, yellow below red_from, red), raised
/// to red by any yes in red_if_yes and to at least yellow by any yes in yellow_if_yes, and to at
/// least `at_least` (ColourFloorAfterIncident for a reassessment after a new incident).
ColourSuggestion SuggestColour(const RiskChecklist& checklist, const RiskScoring& scoring = {},
                               std::optional<RiskColour> at_least = std::nullopt);

/// Shortest reason for choosing another colour than the suggestion, and longest reason at all.
inline constexpr std::size_t kColourReasonMin = 10, kColourReasonMax = 500;
/// Longest note of an assessment (what she said, what was seen).
inline constexpr std::size_t kAssessmentNoteMax = 1000;

/// A person decides the colour. A problem on the field `reason` when the chosen colour is not
/// the suggested one and the reason (trimmed) has fewer than kColourReasonMin characters — in
/// either direction: going below the suggestion needs a reason most, and going above it is kept
/// for the same history — or when a reason is longer than kColourReasonMax, not UTF-8, or
/// has control characters other than line breaks and tabs. nullopt when the decision stands.
std::optional<FieldProblem> CheckColourDecision(RiskColour suggested, RiskColour chosen,
                                                std::string_view reason);

/// The factors answered yes, in checklist order.
std::vector<RiskFactor> YesFactors(const RiskChecklist& checklist);
/// What the plan's "risks" starts with, so nobody types the assessment again: the Chinese labels
/// of the yes factors joined with "、", then "；待核实：" and the unknown ones; "" when all no.
std::string RisksSummary(const RiskChecklist& checklist);
/// The risk level a case of this family is screened with (cases.risk_level): blue low, yellow
/// medium, red high — high is not suitable for mediation, so a red family's dispute is referred.
RiskLevel CaseRiskLevel(RiskColour colour);

}  // namespace hejia::domain
