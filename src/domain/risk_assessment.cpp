#include "domain/risk_assessment.hpp"

#include <algorithm>
#include <utility>

#include "common/code_table.hpp"
#include "common/utf8.hpp"
#include "domain/text.hpp"

namespace hejia::domain {

namespace {

struct FactorInfo {
  RiskFactor factor;
  std::string_view code;
  std::string_view label;
  std::string_view label_en;
  int weight;  // the default; see DefaultRiskWeights in the header for why
};

constexpr FactorInfo kFactors[] = {
    {RiskFactor::kEscalation, "escalation", "暴力频次或程度升级",
     "Violence more frequent or more severe", 3},
    {RiskFactor::kThreatsToKill, "threats_to_kill", "扬言或威胁杀害", "Threats to kill", 5},
    {RiskFactor::kStrangulation, "strangulation", "掐脖、捂口鼻等致窒息",
     "Strangling, choking or smothering", 5},
    {RiskFactor::kWeapon, "weapon", "使用或威胁使用凶器", "Used or threatened a weapon", 5},
    {RiskFactor::kSeparation, "separation", "分居、欲离开或离婚中",
     "Separated, leaving or divorce pending", 3},
    {RiskFactor::kPregnancy, "pregnancy", "怀孕或产后不久", "Pregnant or recently given birth", 2},
    {RiskFactor::kChildren, "children", "子女在场或受到伤害", "Children present or harmed", 2},
    {RiskFactor::kAlcoholDrugs, "alcohol_drugs", "酗酒或吸毒", "Alcohol or drug abuse", 2},
    {RiskFactor::kStalking, "stalking", "跟踪、监视或骚扰", "Stalking or harassment", 3},
    {RiskFactor::kProtectionOrderBroken, "protection_order_broken", "违反人身安全保护令",
     "Broke a protection order", 5},
    {RiskFactor::kEarlierPoliceCalls, "earlier_police_calls", "此前曾报警", "Police called before",
     2},
    {RiskFactor::kVictimFear, "victim_fear", "她非常害怕对方", "She is very afraid of him", 3},
};
static_assert(std::size(kFactors) == kRiskFactorCount);

// The checklist indexes its answers by the enumerator's value; the list must follow it.
constexpr bool FactorsInOrder() {
  for (std::size_t i = 0; i < kRiskFactorCount; ++i)
    if (static_cast<std::size_t>(kRiskFactors[i]) != i ||
        static_cast<std::size_t>(kFactors[i].factor) != i)
      return false;
  return true;
}
static_assert(FactorsInOrder());

constexpr std::size_t Index(RiskFactor f) {
  return static_cast<std::size_t>(f);
}

const FactorInfo* Find(RiskFactor f) {
  return Index(f) < kRiskFactorCount ? &kFactors[Index(f)] : nullptr;
}

constexpr std::pair<RiskAnswer, std::string_view> kAnswerCodes[] = {
    {RiskAnswer::kYes, "yes"}, {RiskAnswer::kNo, "no"}, {RiskAnswer::kUnknown, "unknown"}};
constexpr std::pair<RiskAnswer, std::string_view> kAnswerLabels[] = {
    {RiskAnswer::kYes, "是"}, {RiskAnswer::kNo, "否"}, {RiskAnswer::kUnknown, "不清楚"}};

bool Contains(const std::vector<RiskFactor>& list, RiskFactor f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}

/// The first factor listed twice, if any.
std::optional<RiskFactor> Repeated(const std::vector<RiskFactor>& list) {
  for (std::size_t i = 0; i < list.size(); ++i)
    for (std::size_t j = i + 1; j < list.size(); ++j)
      if (list[i] == list[j]) return list[i];
  return std::nullopt;
}

RiskColour ByScore(int score, const RiskScoring& s) {
  if (score >= s.red_from) return RiskColour::kRed;
  if (score >= s.yellow_from) return RiskColour::kYellow;
  return RiskColour::kBlue;
}

/// The colour a yes to `f` lifts a checklist to at least (blue: none).
RiskColour Lift(RiskFactor f, const RiskScoring& s) {
  if (Contains(s.red_if_yes, f)) return RiskColour::kRed;
  if (Contains(s.yellow_if_yes, f)) return RiskColour::kYellow;
  return RiskColour::kBlue;
}

/// The highest lift of the factors answered yes (or unknown, when `unknown_is_yes`).
RiskColour Floor(const RiskChecklist& c, const RiskScoring& s, bool unknown_is_yes) {
  RiskColour floor = RiskColour::kBlue;
  for (RiskFactor f : kRiskFactors)
    if (c[f] == RiskAnswer::kYes || (unknown_is_yes && c[f] == RiskAnswer::kUnknown))
      floor = std::max(floor, Lift(f, s));
  return floor;
}

std::string Num(int n) {
  return std::to_string(n);
}

}  // namespace

std::string_view ToString(RiskFactor factor) {
  const auto* f = Find(factor);
  return f ? f->code : std::string_view();
}
std::optional<RiskFactor> ParseRiskFactor(std::string_view code) {
  for (const auto& f : kFactors)
    if (f.code == code) return f.factor;
  return std::nullopt;
}
std::string_view Label(RiskFactor factor) {
  const auto* f = Find(factor);
  return f ? f->label : std::string_view();
}
std::string_view LabelEn(RiskFactor factor) {
  const auto* f = Find(factor);
  return f ? f->label_en : std::string_view();
}

std::string_view ToString(RiskAnswer answer) {
  return CodeOf(kAnswerCodes, answer, "unknown");
}
std::optional<RiskAnswer> ParseRiskAnswer(std::string_view code) {
  return ValueOf<RiskAnswer>(kAnswerCodes, code);
}
std::string_view Label(RiskAnswer answer) {
  return CodeOf(kAnswerLabels, answer, "不清楚");
}

RiskAnswer RiskChecklist::operator[](RiskFactor factor) const {
  return Index(factor) < answers.size() ? answers[Index(factor)] : RiskAnswer::kUnknown;
}

RiskChecklist& RiskChecklist::Set(RiskFactor factor, RiskAnswer answer) {
  if (Index(factor) < answers.size()) answers[Index(factor)] = answer;
  return *this;
}

RiskWeights DefaultRiskWeights() {
  RiskWeights w{};
  for (std::size_t i = 0; i < kRiskFactorCount; ++i) w[i] = kFactors[i].weight;
  return w;
}

int RiskScoring::Weight(RiskFactor factor) const {
  return Index(factor) < weights.size() ? weights[Index(factor)] : 0;
}

std::optional<FieldProblem> CheckRiskScoring(const RiskScoring& s) {
  int max = 0;
  for (RiskFactor f : kRiskFactors) {
    const int w = s.Weight(f);
    if (w < 0 || w > kRiskWeightMax)
      return FieldProblem{
          "weights." + std::string(ToString(f)),
          "权重应为 0–" + Num(kRiskWeightMax) + " / a weight must be 0 to " + Num(kRiskWeightMax)};
    max += w;
  }
  if (s.yellow_from < 1)
    return FieldProblem{"yellow_from",
                        "黄色阈值至少为 1 / the yellow threshold must be at least 1"};
  if (s.red_from <= s.yellow_from)
    return FieldProblem{"red_from",
                        "红色阈值应高于黄色阈值 / the red threshold must be above the yellow one"};
  if (s.red_from > max)
    return FieldProblem{"red_from", "红色阈值不能超过最高分 " + Num(max) +
                                        " / the red threshold cannot exceed the highest score " +
                                        Num(max)};
  if (auto f = Repeated(s.red_if_yes))
    return FieldProblem{"red_if_yes",
                        "重复的风险因素 / repeated factor " + std::string(ToString(*f))};
  if (auto f = Repeated(s.yellow_if_yes))
    return FieldProblem{"yellow_if_yes",
                        "重复的风险因素 / repeated factor " + std::string(ToString(*f))};
  for (RiskFactor f : s.yellow_if_yes)
    if (Contains(s.red_if_yes, f))
      return FieldProblem{"yellow_if_yes", "同一风险因素不能既在红色又在黄色中 / " +
                                               std::string(ToString(f)) +
                                               " cannot lift to both red and yellow"};
  return std::nullopt;
}

RiskScore Score(const RiskChecklist& checklist, const RiskScoring& scoring) {
  RiskScore r;
  for (RiskFactor f : kRiskFactors) {
    const int w = scoring.Weight(f);
    r.max += w;
    switch (checklist[f]) {
      case RiskAnswer::kYes:
        ++r.yes;
        r.score += w;
        r.possible += w;
        break;
      case RiskAnswer::kNo:
        ++r.no;
        break;
      case RiskAnswer::kUnknown:
        ++r.unknown;
        r.possible += w;
        break;
    }
  }
  return r;
}

bool MostlyUnknown(const RiskScore& score) {
  const int total = score.yes + score.no + score.unknown;
  return total > 0 && score.unknown * 2 >= total;
}

ColourSuggestion SuggestColour(const RiskChecklist& checklist, const RiskScoring& scoring,
                               std::optional<RiskColour> at_least) {
  ColourSuggestion s;
  s.score = Score(checklist, scoring);
  s.mostly_unknown = MostlyUnknown(s.score);
  s.by_score = ByScore(s.score.score, scoring);
  for (RiskFactor f : kRiskFactors)
    if (checklist[f] == RiskAnswer::kYes && Lift(f, scoring) > s.by_score) s.floors.push_back(f);
  const RiskColour floor = Floor(checklist, scoring, false);
  const RiskColour extra = at_least.value_or(RiskColour::kBlue);
  s.colour = std::max({s.by_score, floor, extra});
  s.if_unknown_yes =
      std::max({ByScore(s.score.possible, scoring), Floor(checklist, scoring, true), extra});
  return s;
}

std::optional<FieldProblem> CheckColourDecision(RiskColour suggested, RiskColour chosen,
                                                std::string_view reason) {
  const auto checked = CheckLines(reason, kColourReasonMax, false);
  if (checked.problem)
    return FieldProblem{"reason", TextProblemMessage(*checked.problem, kColourReasonMax)};
  if (chosen != suggested && Utf8CodePointCount(checked.text) < kColourReasonMin)
    return FieldProblem{"reason",
                        "所定颜色（" + std::string(Label(chosen)) + "）与建议（" +
                            std::string(Label(suggested)) + "）不同，请说明理由，至少 " +
                            Num(kColourReasonMin) + " 个字 / the colour chosen (" +
                            std::string(ToString(chosen)) + ") differs from the suggestion (" +
                            std::string(ToString(suggested)) + "): give a reason of at least " +
                            Num(kColourReasonMin) + " characters"};
  return std::nullopt;
}

std::vector<RiskFactor> YesFactors(const RiskChecklist& checklist) {
  std::vector<RiskFactor> out;
  for (RiskFactor f : kRiskFactors)
    if (checklist[f] == RiskAnswer::kYes) out.push_back(f);
  return out;
}

std::string RisksSummary(const RiskChecklist& checklist) {
  std::string yes, unknown;
  for (RiskFactor f : kRiskFactors) {
    if (checklist[f] == RiskAnswer::kNo) continue;
    std::string& into = checklist[f] == RiskAnswer::kYes ? yes : unknown;
    if (!into.empty()) into += "、";
    into += Label(f);
  }
  if (unknown.empty()) return yes;
  return yes + (yes.empty() ? "" : "；") + "待核实：" + unknown;
}

RiskLevel CaseRiskLevel(RiskColour colour) {
  switch (colour) {
    case RiskColour::kBlue:
      return RiskLevel::kLow;
    case RiskColour::kYellow:
      return RiskLevel::kMedium;
    case RiskColour::kRed:
      return RiskLevel::kHigh;
  }
  return RiskLevel::kHigh;
}

}  // namespace hejia::domain
