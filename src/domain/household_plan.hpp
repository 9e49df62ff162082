// One household, one plan (一户一策), docs/design/key_families.md: every yellow or red key family
// has a plan — the conflict's focus and risks, goals, measures with a responsible unit and person,
// a due date, status and result, and a safety plan for the woman (sealed by the store). A red
// plan is countersigned by the level above its author; plans are versioned and reviewed at every
// colour change and monthly for red; what falls overdue goes to the responsible person's to-do
// list and raises the supervision mark (督办). No I/O: callers pass the times (Unix ms).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_fields.hpp"
#include "domain/key_family.hpp"
#include "domain/person.hpp"

namespace hejia::domain {

/// What a measure does.
enum class MeasureType {
  kMediation,        ///< "mediation" 调解
  kCounselling,      ///< "counselling" 心理疏导
  kLegalAid,         ///< "legal_aid" 法律援助
  kProtectionOrder,  ///< "protection_order" 协助申请人身安全保护令
  kSocialSupport,  ///< "social_support" 民政或残联救助 (civil-affairs or disability support)
  kEmployment,     ///< "employment" 就业帮扶
  kSchoolAttention,  ///< "school_attention" 学校关注 (the children's school keeps an eye)
  kOther,            ///< "other" 其他
};
inline constexpr std::array kMeasureTypes{
    MeasureType::kMediation,       MeasureType::kCounselling,   MeasureType::kLegalAid,
    MeasureType::kProtectionOrder, MeasureType::kSocialSupport, MeasureType::kEmployment,
    MeasureType::kSchoolAttention, MeasureType::kOther};

std::string_view ToString(MeasureType type);
std::optional<MeasureType> ParseMeasureType(std::string_view code);
std::string_view Label(MeasureType type);

/// Who carries a measure out.
enum class ResponsibleUnit {
  kFederation,        ///< "federation" 妇联
  kVillageCommittee,  ///< "village_committee" 村（居）委会
  kPoliceStation,     ///< "police_station" 派出所
  kJusticeOffice,     ///< "justice_office" 司法所
  kSchool,            ///< "school" 学校
  kCivilAffairs,      ///< "civil_affairs" 民政
};
inline constexpr std::array kResponsibleUnits{
    ResponsibleUnit::kFederation,    ResponsibleUnit::kVillageCommittee,
    ResponsibleUnit::kPoliceStation, ResponsibleUnit::kJusticeOffice,
    ResponsibleUnit::kSchool,        ResponsibleUnit::kCivilAffairs};

std::string_view ToString(ResponsibleUnit unit);
std::optional<ResponsibleUnit> ParseResponsibleUnit(std::string_view code);
std::string_view Label(ResponsibleUnit unit);

/// Where a measure stands.
enum class MeasureStatus {
  kPlanned,     ///< "planned" 待实施
  kInProgress,  ///< "in_progress" 实施中
  kDone,        ///< "done" 已完成 (a result is required)
  kCancelled,   ///< "cancelled" 已取消 (why, in the result, is required)
};
inline constexpr std::array kMeasureStatuses{MeasureStatus::kPlanned, MeasureStatus::kInProgress,
                                             MeasureStatus::kDone, MeasureStatus::kCancelled};

std::string_view ToString(MeasureStatus status);
std::optional<MeasureStatus> ParseMeasureStatus(std::string_view code);
std::string_view Label(MeasureStatus status);
/// Planned or in progress: it can still fall overdue.
bool IsOpen(MeasureStatus status);

/// Where one version of a plan stands.
enum class PlanStatus {
  kDraft,                ///< "draft": being written; may be incomplete
  kAwaitingCountersign,  ///< "awaiting_countersign": a red plan submitted, not yet countersigned
  kActive,               ///< "active": the plan in force (one per family)
  kSuperseded,           ///< "superseded": a later version took its place (final)
  kClosed,               ///< "closed": the family was delisted (final)
};
inline constexpr std::array kPlanStatuses{PlanStatus::kDraft, PlanStatus::kAwaitingCountersign,
                                          PlanStatus::kActive, PlanStatus::kSuperseded,
                                          PlanStatus::kClosed};

std::string_view ToString(PlanStatus status);
std::optional<PlanStatus> ParsePlanStatus(std::string_view code);
std::string_view Label(PlanStatus status);

/// What is done to a version of a plan.
enum class PlanAction {
  kSubmit,       ///< "submit": draft → active, or → awaiting_countersign for a red family
  kCountersign,  ///< "countersign": awaiting_countersign → active
  kReturn,       ///< "return": awaiting_countersign → draft (with a reason)
  kSupersede,    ///< "supersede": active → superseded, when the next version becomes active
  kClose,        ///< "close": draft, awaiting or active → closed, when the family is delisted
};
inline constexpr std::array kPlanActions{PlanAction::kSubmit, PlanAction::kCountersign,
                                         PlanAction::kReturn, PlanAction::kSupersede,
                                         PlanAction::kClose};

std::string_view ToString(PlanAction action);
std::optional<PlanAction> ParsePlanAction(std::string_view code);

/// The status `action` leads to for a family of `colour`, or nullopt when not allowed there.
std::optional<PlanStatus> NextPlanStatus(PlanStatus status, PlanAction action, RiskColour colour);

/// Limits, in characters.
inline constexpr std::size_t kPlanFocusMax = 500, kPlanRisksMax = 500, kPlanGoalsMax = 500;
inline constexpr std::size_t kPlanMeasuresMax = 30;
inline constexpr std::size_t kMeasurePersonMax = 30, kMeasureDetailMax = 200,
                             kMeasureResultMax = 500;
inline constexpr std::size_t kSafeContactsMax = 5, kSafeContactNameMax = 30,
                             kSafeContactRelationMax = 20;
inline constexpr std::size_t kCodeWordMax = 20, kSafePlaceMax = 200, kSafetyNotesMax = 500;

/// One measure of a plan.
struct Measure {
  MeasureType type = MeasureType::kOther;
  ResponsibleUnit unit = ResponsibleUnit::kFederation;
  std::string person;             ///< the responsible person's name
  std::optional<int64_t> due_at;  ///< Unix ms; the API stores a date as the end of that day
  MeasureStatus status = MeasureStatus::kPlanned;
  std::string detail;  ///< what exactly is to be done
  std::string result;  ///< what came of it (done), or why it was dropped (cancelled)
};

/// Someone she can turn to.
struct SafeContact {
  std::string name;
  std::string relation;
  std::string phone;  ///< a mainland number (NormalizePhone)
};

/// The woman's safety plan (安全计划). The store seals it: only staff on the family's path who
/// reveal it (audited) read it. Every field may be empty: she may not want one.
struct SafetyPlan {
  std::vector<SafeContact> contacts;
  std::string code_word;   ///< the word that tells a safe contact to call for help
  std::string safe_place;  ///< where she goes when she must leave
  std::string notes;       ///< papers, money and keys kept ready, and where

  bool Empty() const {
    return contacts.empty() && code_word.empty() && safe_place.empty() && notes.empty();
  }
};

/// One version of a household's plan.
struct HouseholdPlan {
  int64_t version = 1;
  PlanStatus status = PlanStatus::kDraft;
  RiskColour colour = RiskColour::kYellow;  ///< the family's colour this version was written for
  std::string focus;                        ///< 矛盾焦点: what the conflict is about
  std::string risks;                        ///< starts from RisksSummary of the assessment
  std::string goals;
  std::vector<Measure> measures;
  SafetyPlan safety;
};

/// How complete a plan must be: a draft may be saved half-written; a plan submitted must be
/// whole.
enum class PlanCheck { kDraft, kSubmit };

/// The problems of one measure, each naming its field after `prefix` (`measures[2].person`).
/// Always: the type and unit known values; person at most kMeasurePersonMax characters, one line;
/// detail and result within their limits. For kSubmit also: the person given, a due date given,
/// and a result once the measure is done or cancelled.
std::vector<FieldProblem> CheckMeasure(const Measure& measure, std::string_view prefix = "",
                                       PlanCheck check = PlanCheck::kSubmit);
/// The problems of a safety plan, fields under `safety.`: at most kSafeContactsMax contacts, each
/// with a name (≤ kSafeContactNameMax) and a mainland phone number, its relation ≤
/// kSafeContactRelationMax; code word ≤ kCodeWordMax, one line; place ≤ kSafePlaceMax; notes ≤
/// kSafetyNotesMax.
std::vector<FieldProblem> CheckSafetyPlan(const SafetyPlan& safety);
/// The problems of a plan: text limits, at most kPlanMeasuresMax measures, each measure and the
/// safety plan; for kSubmit also focus and goals given and at least one measure.
std::vector<FieldProblem> CheckPlan(const HouseholdPlan& plan, PlanCheck check);

/// The city's plan rules. Defaults: a plan within 7 days of a family becoming yellow, 3 of it
/// becoming red; red plans reviewed at least every 30 days, yellow only at colour changes; the
/// supervision mark red once anything is more than 7 days overdue.
struct PlanSettings {
  int yellow_plan_days = 7;     ///< 1..30
  int red_plan_days = 3;        ///< 1..30, no more than yellow_plan_days
  int red_review_days = 30;     ///< 1..92
  int yellow_review_days = 0;   ///< 0 (only at colour changes) .. 92
  int red_mark_after_days = 7;  ///< 1..92
};

std::optional<FieldProblem> CheckPlanSettings(const PlanSettings& settings);

/// Days a family has to get its plan after it is listed yellow or red (or upgraded to one):
/// yellow 7, red 3; nullopt for blue, which needs none.
std::optional<int> PlanDueAfterListing(RiskColour colour, const PlanSettings& settings = {});
/// When the plan is due: `since_ms` (listing or the upgrade) plus PlanDueAfterListing.
std::optional<int64_t> PlanDue(RiskColour colour, int64_t since_ms,
                               const PlanSettings& settings = {});

/// Red plans are countersigned (会签) by the level above.
bool NeedsCountersign(RiskColour colour);
/// Whether `signer` may countersign a plan written by `author`: someone else, at a level above
/// the author's, or at the city when the author is at the city (nobody is above it). A problem
/// on the field `countersigner`, or nullopt.
std::optional<FieldProblem> CheckCountersigner(RegionLevel author_level, int64_t author_id,
                                               RegionLevel signer_level, int64_t signer_id);

/// Why a plan must be reviewed.
enum class ReviewReason {
  kColourChanged,  ///< "colour_changed": the family's colour is not the one it was written for
  kPeriodic,       ///< "periodic": the review interval passed (red: 30 days)
};
inline constexpr std::array kReviewReasons{ReviewReason::kColourChanged, ReviewReason::kPeriodic};

std::string_view ToString(ReviewReason reason);
std::optional<ReviewReason> ParseReviewReason(std::string_view code);

/// When the active plan's next periodic review is due: red red_review_days after the last review
/// (or activation), yellow after yellow_review_days when set; nullopt otherwise.
std::optional<int64_t> NextReviewDue(RiskColour colour, int64_t last_review_ms,
                                     const PlanSettings& settings = {});
/// Why the plan written for `plan_colour` and last reviewed at `last_review_ms` must be reviewed
/// now that the family is `family_colour`: a colour change first, then a periodic review past its
/// due time; nullopt when it is current.
std::optional<ReviewReason> ReviewNeeded(RiskColour plan_colour, RiskColour family_colour,
                                         int64_t last_review_ms, int64_t now_ms,
                                         const PlanSettings& settings = {});

/// The indexes of the measures that are open and past their due time (a measure due exactly now
/// is in time), in plan order.
std::vector<std::size_t> OverdueMeasures(std::span<const Measure> measures, int64_t now_ms);

/// What a family's follow-up asks of someone, for the to-do list.
enum class FollowUpKind {
  kContact,    ///< "contact": the periodic contact (NextContactDue)
  kCityVisit,  ///< "city_visit": the city's visit to a red family (NextCityVisitDue)
  kPlan,       ///< "plan": the plan a yellow or red family still lacks (PlanDue)
  kReview,     ///< "review": the plan's review (NextReviewDue, or a colour change)
  kMeasure,    ///< "measure": an open measure of the active plan
};
inline constexpr std::array kFollowUpKinds{FollowUpKind::kContact, FollowUpKind::kCityVisit,
                                           FollowUpKind::kPlan, FollowUpKind::kReview,
                                           FollowUpKind::kMeasure};

std::string_view ToString(FollowUpKind kind);
std::optional<FollowUpKind> ParseFollowUpKind(std::string_view code);

/// Where a family's follow-up stands; the caller fills it from the family and its active plan.
struct FollowUpState {
  RiskColour colour = RiskColour::kBlue;
  int64_t contact_due = 0;
  std::optional<int64_t> city_visit_due;
  std::optional<int64_t> plan_due;    ///< only while a plan is required and none is active
  std::optional<int64_t> review_due;  ///< the active plan's review
  std::span<const Measure> measures;  ///< the active plan's
};

struct FollowUpItem {
  FollowUpKind kind = FollowUpKind::kContact;
  int64_t due_at = 0;
  std::optional<std::size_t> measure;  ///< index in FollowUpState::measures
  bool overdue = false;
};

/// The items overdue at `now_ms` or due within `horizon_ms` after it, earliest first (ties in the
/// order of FollowUpKind). A measure's item belongs on its person's list; the others on the
/// owning level's. Open measures without a due date never appear.
std::vector<FollowUpItem> FollowUpItems(const FollowUpState& state, int64_t now_ms,
                                        int64_t horizon_ms);

/// The supervision mark (督办) a family's follow-up earns at `now_ms`: none while nothing is
/// overdue; yellow once anything is; red once anything is overdue by more than
/// red_mark_after_days days, or at once when a red family's contact, city visit or plan is
/// overdue — a red family missed is the case supervision exists for.
std::optional<Supervision> SupervisionMark(const FollowUpState& state, int64_t now_ms,
                                           const PlanSettings& settings = {});

}  // namespace hejia::domain
