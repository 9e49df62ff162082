#include "domain/household_plan.hpp"

#include <algorithm>
#include <utility>

#include "common/code_table.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"

namespace hejia::domain {

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

constexpr std::pair<MeasureType, std::string_view> kTypes[] = {
    {MeasureType::kMediation, "mediation"},
    {MeasureType::kCounselling, "counselling"},
    {MeasureType::kLegalAid, "legal_aid"},
    {MeasureType::kProtectionOrder, "protection_order"},
    {MeasureType::kSocialSupport, "social_support"},
    {MeasureType::kEmployment, "employment"},
    {MeasureType::kSchoolAttention, "school_attention"},
    {MeasureType::kOther, "other"}};
constexpr std::pair<MeasureType, std::string_view> kTypeLabels[] = {
    {MeasureType::kMediation, "调解"},
    {MeasureType::kCounselling, "心理疏导"},
    {MeasureType::kLegalAid, "法律援助"},
    {MeasureType::kProtectionOrder, "协助申请人身安全保护令"},
    {MeasureType::kSocialSupport, "民政或残联救助"},
    {MeasureType::kEmployment, "就业帮扶"},
    {MeasureType::kSchoolAttention, "学校关注"},
    {MeasureType::kOther, "其他"}};
constexpr std::pair<ResponsibleUnit, std::string_view> kUnits[] = {
    {ResponsibleUnit::kFederation, "federation"},
    {ResponsibleUnit::kVillageCommittee, "village_committee"},
    {ResponsibleUnit::kPoliceStation, "police_station"},
    {ResponsibleUnit::kJusticeOffice, "justice_office"},
    {ResponsibleUnit::kSchool, "school"},
    {ResponsibleUnit::kCivilAffairs, "civil_affairs"}};
constexpr std::pair<ResponsibleUnit, std::string_view> kUnitLabels[] = {
    {ResponsibleUnit::kFederation, "妇联"},
    {ResponsibleUnit::kVillageCommittee, "村（居）委会"},
    {ResponsibleUnit::kPoliceStation, "派出所"},
    {ResponsibleUnit::kJusticeOffice, "司法所"},
    {ResponsibleUnit::kSchool, "学校"},
    {ResponsibleUnit::kCivilAffairs, "民政"}};
constexpr std::pair<MeasureStatus, std::string_view> kMeasureStatusCodes[] = {
    {MeasureStatus::kPlanned, "planned"},
    {MeasureStatus::kInProgress, "in_progress"},
    {MeasureStatus::kDone, "done"},
    {MeasureStatus::kCancelled, "cancelled"}};
constexpr std::pair<MeasureStatus, std::string_view> kMeasureStatusLabels[] = {
    {MeasureStatus::kPlanned, "待实施"},
    {MeasureStatus::kInProgress, "实施中"},
    {MeasureStatus::kDone, "已完成"},
    {MeasureStatus::kCancelled, "已取消"}};
constexpr std::pair<PlanStatus, std::string_view> kPlanStatusCodes[] = {
    {PlanStatus::kDraft, "draft"},
    {PlanStatus::kAwaitingCountersign, "awaiting_countersign"},
    {PlanStatus::kActive, "active"},
    {PlanStatus::kSuperseded, "superseded"},
    {PlanStatus::kClosed, "closed"}};
constexpr std::pair<PlanStatus, std::string_view> kPlanStatusLabels[] = {
    {PlanStatus::kDraft, "草稿"},
    {PlanStatus::kAwaitingCountersign, "待会签"},
    {PlanStatus::kActive, "执行中"},
    {PlanStatus::kSuperseded, "已被新版本取代"},
    {PlanStatus::kClosed, "已销号关闭"}};
constexpr std::pair<PlanAction, std::string_view> kPlanActionCodes[] = {
    {PlanAction::kSubmit, "submit"}, {PlanAction::kCountersign, "countersign"},
    {PlanAction::kReturn, "return"}, {PlanAction::kSupersede, "supersede"},
    {PlanAction::kClose, "close"},
};
constexpr std::pair<ReviewReason, std::string_view> kReviewReasonCodes[] = {
    {ReviewReason::kColourChanged, "colour_changed"}, {ReviewReason::kPeriodic, "periodic"}};
constexpr std::pair<FollowUpKind, std::string_view> kFollowUpCodes[] = {
    {FollowUpKind::kContact, "contact"}, {FollowUpKind::kCityVisit, "city_visit"},
    {FollowUpKind::kPlan, "plan"},       {FollowUpKind::kReview, "review"},
    {FollowUpKind::kMeasure, "measure"},
};

template <class Table, class E>
bool Known(const Table& table, E v) {
  return !CodeOf(table, v).empty();
}

/// Adds a problem for `text` unless it passes; `lines` allows line breaks.
void CheckField(std::vector<FieldProblem>& out, std::string field, std::string_view text,
                std::size_t max, bool required, bool lines) {
  const auto checked = lines ? CheckLines(text, max, required) : CheckText(text, max, required);
  if (checked.problem) out.push_back({std::move(field), TextProblemMessage(*checked.problem, max)});
}

std::string Num(std::size_t n) {
  return std::to_string(n);
}

}  // namespace

std::string_view ToString(MeasureType type) {
  return CodeOf(kTypes, type);
}
std::optional<MeasureType> ParseMeasureType(std::string_view code) {
  return ValueOf<MeasureType>(kTypes, code);
}
std::string_view Label(MeasureType type) {
  return CodeOf(kTypeLabels, type);
}

std::string_view ToString(ResponsibleUnit unit) {
  return CodeOf(kUnits, unit);
}
std::optional<ResponsibleUnit> ParseResponsibleUnit(std::string_view code) {
  return ValueOf<ResponsibleUnit>(kUnits, code);
}
std::string_view Label(ResponsibleUnit unit) {
  return CodeOf(kUnitLabels, unit);
}

std::string_view ToString(MeasureStatus status) {
  return CodeOf(kMeasureStatusCodes, status);
}
std::optional<MeasureStatus> ParseMeasureStatus(std::string_view code) {
  return ValueOf<MeasureStatus>(kMeasureStatusCodes, code);
}
std::string_view Label(MeasureStatus status) {
  return CodeOf(kMeasureStatusLabels, status);
}
bool IsOpen(MeasureStatus status) {
  return status == MeasureStatus::kPlanned || status == MeasureStatus::kInProgress;
}

std::string_view ToString(PlanStatus status) {
  return CodeOf(kPlanStatusCodes, status);
}
std::optional<PlanStatus> ParsePlanStatus(std::string_view code) {
  return ValueOf<PlanStatus>(kPlanStatusCodes, code);
}
std::string_view Label(PlanStatus status) {
  return CodeOf(kPlanStatusLabels, status);
}

std::string_view ToString(PlanAction action) {
  return CodeOf(kPlanActionCodes, action);
}
std::optional<PlanAction> ParsePlanAction(std::string_view code) {
  return ValueOf<PlanAction>(kPlanActionCodes, code);
}

std::optional<PlanStatus> NextPlanStatus(PlanStatus status, PlanAction action, RiskColour colour) {
  switch (action) {
    case PlanAction::kSubmit:
      if (status != PlanStatus::kDraft) return std::nullopt;
      return NeedsCountersign(colour) ? PlanStatus::kAwaitingCountersign : PlanStatus::kActive;
    case PlanAction::kCountersign:
    case PlanAction::kReturn:
      if (status != PlanStatus::kAwaitingCountersign) return std::nullopt;
      return action == PlanAction::kCountersign ? PlanStatus::kActive : PlanStatus::kDraft;
    case PlanAction::kSupersede:
      if (status != PlanStatus::kActive) return std::nullopt;
      return PlanStatus::kSuperseded;
    case PlanAction::kClose:
      if (status == PlanStatus::kSuperseded || status == PlanStatus::kClosed) return std::nullopt;
      return PlanStatus::kClosed;
  }
  return std::nullopt;
}

std::vector<FieldProblem> CheckMeasure(const Measure& m, std::string_view prefix, PlanCheck check) {
  const std::string p(prefix);
  const bool whole = check == PlanCheck::kSubmit;
  std::vector<FieldProblem> out;
  if (!Known(kTypes, m.type)) out.push_back({p + "type", "未知的措施类型 / unknown measure type"});
  if (!Known(kUnits, m.unit))
    out.push_back({p + "unit", "未知的责任单位 / unknown responsible unit"});
  if (!Known(kMeasureStatusCodes, m.status))
    out.push_back({p + "status", "未知的状态 / unknown status"});
  CheckField(out, p + "person", m.person, kMeasurePersonMax, whole, false);
  if (whole && !m.due_at) out.push_back({p + "due_at", "请填写完成期限 / give the date it is due"});
  CheckField(out, p + "detail", m.detail, kMeasureDetailMax, false, true);
  const bool ended = m.status == MeasureStatus::kDone || m.status == MeasureStatus::kCancelled;
  const auto result = CheckLines(m.result, kMeasureResultMax, whole && ended);
  if (result.problem == TextProblem::kRequired)
    out.push_back(
        {p + "result", m.status == MeasureStatus::kDone
                           ? "已完成的措施须填写结果 / a measure done needs its result"
                           : "取消的措施须说明原因 / a cancelled measure needs the reason"});
  else if (result.problem)
    out.push_back({p + "result", TextProblemMessage(*result.problem, kMeasureResultMax)});
  return out;
}

std::vector<FieldProblem> CheckSafetyPlan(const SafetyPlan& s) {
  std::vector<FieldProblem> out;
  if (s.contacts.size() > kSafeContactsMax)
    out.push_back({"safety.contacts", "安全联系人最多 " + Num(kSafeContactsMax) + " 位 / at most " +
                                          Num(kSafeContactsMax) + " safe contacts"});
  for (std::size_t i = 0; i < s.contacts.size() && i < kSafeContactsMax; ++i) {
    const auto& c = s.contacts[i];
    const std::string p = "safety.contacts[" + Num(i) + "].";
    CheckField(out, p + "name", c.name, kSafeContactNameMax, true, false);
    CheckField(out, p + "relation", c.relation, kSafeContactRelationMax, false, false);
    if (!NormalizePhone(c.phone))
      out.push_back({p + "phone", "应为有效的手机或固话号码 / must be a mainland phone number"});
  }
  CheckField(out, "safety.code_word", s.code_word, kCodeWordMax, false, false);
  CheckField(out, "safety.safe_place", s.safe_place, kSafePlaceMax, false, true);
  CheckField(out, "safety.notes", s.notes, kSafetyNotesMax, false, true);
  return out;
}

std::vector<FieldProblem> CheckPlan(const HouseholdPlan& plan, PlanCheck check) {
  const bool whole = check == PlanCheck::kSubmit;
  std::vector<FieldProblem> out;
  CheckField(out, "focus", plan.focus, kPlanFocusMax, whole, true);
  CheckField(out, "risks", plan.risks, kPlanRisksMax, false, true);
  CheckField(out, "goals", plan.goals, kPlanGoalsMax, whole, true);
  if (plan.measures.size() > kPlanMeasuresMax)
    out.push_back({"measures", "措施最多 " + Num(kPlanMeasuresMax) + " 项 / at most " +
                                   Num(kPlanMeasuresMax) + " measures"});
  else if (whole && plan.measures.empty())
    out.push_back({"measures", "至少需要一项措施 / a plan needs at least one measure"});
  for (std::size_t i = 0; i < plan.measures.size() && i < kPlanMeasuresMax; ++i)
    for (auto& problem : CheckMeasure(plan.measures[i], "measures[" + Num(i) + "].", check))
      out.push_back(std::move(problem));
  for (auto& problem : CheckSafetyPlan(plan.safety)) out.push_back(std::move(problem));
  return out;
}

std::optional<FieldProblem> CheckPlanSettings(const PlanSettings& s) {
  const auto range = [](std::string field, int v, int lo, int hi) -> std::optional<FieldProblem> {
    if (v >= lo && v <= hi) return std::nullopt;
    return FieldProblem{std::move(field), "应为 " + std::to_string(lo) + "–" + std::to_string(hi) +
                                              " 天 / must be " + std::to_string(lo) + " to " +
                                              std::to_string(hi) + " days"};
  };
  if (auto p = range("yellow_plan_days", s.yellow_plan_days, 1, 30)) return p;
  if (auto p = range("red_plan_days", s.red_plan_days, 1, 30)) return p;
  if (s.red_plan_days > s.yellow_plan_days)
    return FieldProblem{"red_plan_days",
                        "红色家庭的制定期限不能长于黄色 / a red family's plan cannot be given "
                        "longer than a yellow one's"};
  if (auto p = range("red_review_days", s.red_review_days, 1, kContactDaysMax)) return p;
  if (auto p = range("yellow_review_days", s.yellow_review_days, 0, kContactDaysMax)) return p;
  if (auto p = range("red_mark_after_days", s.red_mark_after_days, 1, kContactDaysMax)) return p;
  return std::nullopt;
}

std::optional<int> PlanDueAfterListing(RiskColour colour, const PlanSettings& settings) {
  switch (colour) {
    case RiskColour::kBlue:
      return std::nullopt;
    case RiskColour::kYellow:
      return settings.yellow_plan_days;
    case RiskColour::kRed:
      return settings.red_plan_days;
  }
  return std::nullopt;
}

std::optional<int64_t> PlanDue(RiskColour colour, int64_t since_ms, const PlanSettings& settings) {
  const auto days = PlanDueAfterListing(colour, settings);
  if (!days) return std::nullopt;
  return since_ms + *days * kDayMs;
}

bool NeedsCountersign(RiskColour colour) {
  return colour == RiskColour::kRed;
}

std::optional<FieldProblem> CheckCountersigner(RegionLevel author_level, int64_t author_id,
                                               RegionLevel signer_level, int64_t signer_id) {
  if (signer_id == author_id)
    return FieldProblem{"countersigner",
                        "制定人不能自己会签 / the author cannot countersign her own plan"};
  const RegionLevel needed = ParentLevel(author_level).value_or(RegionLevel::kCity);
  if (!AtOrAbove(signer_level, needed))
    return FieldProblem{"countersigner",
                        "红色家庭的方案须由上一级会签 / a red family's plan is countersigned by "
                        "the level above its author"};
  return std::nullopt;
}

std::string_view ToString(ReviewReason reason) {
  return CodeOf(kReviewReasonCodes, reason);
}
std::optional<ReviewReason> ParseReviewReason(std::string_view code) {
  return ValueOf<ReviewReason>(kReviewReasonCodes, code);
}

std::optional<int64_t> NextReviewDue(RiskColour colour, int64_t last_review_ms,
                                     const PlanSettings& settings) {
  const int days = colour == RiskColour::kRed      ? settings.red_review_days
                   : colour == RiskColour::kYellow ? settings.yellow_review_days
                                                   : 0;
  if (days <= 0) return std::nullopt;
  return last_review_ms + days * kDayMs;
}

std::optional<ReviewReason> ReviewNeeded(RiskColour plan_colour, RiskColour family_colour,
                                         int64_t last_review_ms, int64_t now_ms,
                                         const PlanSettings& settings) {
  if (plan_colour != family_colour) return ReviewReason::kColourChanged;
  const auto due = NextReviewDue(family_colour, last_review_ms, settings);
  if (due && IsOverdue(*due, now_ms)) return ReviewReason::kPeriodic;
  return std::nullopt;
}

std::vector<std::size_t> OverdueMeasures(std::span<const Measure> measures, int64_t now_ms) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < measures.size(); ++i)
    if (IsOpen(measures[i].status) && measures[i].due_at && IsOverdue(*measures[i].due_at, now_ms))
      out.push_back(i);
  return out;
}

std::string_view ToString(FollowUpKind kind) {
  return CodeOf(kFollowUpCodes, kind);
}
std::optional<FollowUpKind> ParseFollowUpKind(std::string_view code) {
  return ValueOf<FollowUpKind>(kFollowUpCodes, code);
}

std::vector<FollowUpItem> FollowUpItems(const FollowUpState& state, int64_t now_ms,
                                        int64_t horizon_ms) {
  std::vector<FollowUpItem> all;
  const auto add = [&](FollowUpKind kind, int64_t due, std::optional<std::size_t> measure) {
    const bool overdue = IsOverdue(due, now_ms);
    if (overdue || due <= now_ms + horizon_ms) all.push_back({kind, due, measure, overdue});
  };
  add(FollowUpKind::kContact, state.contact_due, std::nullopt);
  if (state.city_visit_due) add(FollowUpKind::kCityVisit, *state.city_visit_due, std::nullopt);
  if (state.plan_due) add(FollowUpKind::kPlan, *state.plan_due, std::nullopt);
  if (state.review_due) add(FollowUpKind::kReview, *state.review_due, std::nullopt);
  for (std::size_t i = 0; i < state.measures.size(); ++i) {
    const auto& m = state.measures[i];
    if (IsOpen(m.status) && m.due_at) add(FollowUpKind::kMeasure, *m.due_at, i);
  }
  std::stable_sort(all.begin(), all.end(), [](const FollowUpItem& a, const FollowUpItem& b) {
    return a.due_at < b.due_at;
  });
  return all;
}

std::optional<Supervision> SupervisionMark(const FollowUpState& state, int64_t now_ms,
                                           const PlanSettings& settings) {
  const int64_t red_after = settings.red_mark_after_days * kDayMs;
  std::optional<Supervision> mark;
  for (const auto& item : FollowUpItems(state, now_ms, 0)) {
    if (!item.overdue) continue;
    const bool red_family_missed =
        state.colour == RiskColour::kRed &&
        (item.kind == FollowUpKind::kContact || item.kind == FollowUpKind::kCityVisit ||
         item.kind == FollowUpKind::kPlan);
    if (red_family_missed || now_ms - item.due_at > red_after) return Supervision::kRed;
    mark = Supervision::kYellow;
  }
  return mark;
}

}  // namespace hejia::domain
