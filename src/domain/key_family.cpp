#include "domain/key_family.hpp"

#include <algorithm>
#include <utility>

#include "common/code_table.hpp"

namespace hejia::domain {

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

constexpr std::pair<RiskColour, std::string_view> kColourCodes[] = {
    {RiskColour::kBlue, "blue"}, {RiskColour::kYellow, "yellow"}, {RiskColour::kRed, "red"}};
constexpr std::pair<RiskColour, std::string_view> kColourLabels[] = {
    {RiskColour::kBlue, "蓝色"}, {RiskColour::kYellow, "黄色"}, {RiskColour::kRed, "红色"}};

constexpr std::pair<ListingSource, std::string_view> kSourceCodes[] = {
    {ListingSource::kIncident, "incident"},
    {ListingSource::kCase, "case"},
    {ListingSource::kVisit, "visit"},
    {ListingSource::kManual, "manual"}};
constexpr std::pair<ListingSource, std::string_view> kSourceLabels[] = {
    {ListingSource::kIncident, "警情"},
    {ListingSource::kCase, "案件"},
    {ListingSource::kVisit, "走访"},
    {ListingSource::kManual, "手工列入"}};

constexpr std::pair<ColourChangeKind, std::string_view> kChangeCodes[] = {
    {ColourChangeKind::kSame, "same"},
    {ColourChangeKind::kUpgrade, "upgrade"},
    {ColourChangeKind::kDowngrade, "downgrade"},
    {ColourChangeKind::kDelisting, "delisting"}};

constexpr std::pair<ReassessmentTrigger, std::string_view> kTriggerCodes[] = {
    {ReassessmentTrigger::kNewIncident, "new_incident"},
    {ReassessmentTrigger::kVisitFinding, "visit_finding"}};

std::string_view LevelLabel(RegionLevel level) {
  switch (level) {
    case RegionLevel::kCity:
      return "市妇联";
    case RegionLevel::kTown:
      return "镇街妇联";
    case RegionLevel::kVillage:
      return "村社妇联";
    case RegionLevel::kGrid:
      return "网格";
  }
  return "";
}

std::string Days(int n) {
  return std::to_string(n);
}

/// The problems of one colour's rule alone, fields prefixed with its colour's code.
std::optional<FieldProblem> CheckRule(RiskColour colour, const ColourRule& r) {
  const std::string p = std::string(ToString(colour)) + ".";
  if (r.owner == RegionLevel::kGrid)
    return FieldProblem{p + "owner",
                        "跟进层级应为市、镇街或村社 / the owner must be the city, a town or a "
                        "village"};
  if (r.contact_days < 1 || r.contact_days > kContactDaysMax)
    return FieldProblem{p + "contact_days", "联系间隔应为 1–" + Days(kContactDaysMax) +
                                                " 天 / the contact interval must be 1 to " +
                                                Days(kContactDaysMax) + " days"};
  if (r.city_visit_days < 0 || r.city_visit_days > kContactDaysMax)
    return FieldProblem{p + "city_visit_days",
                        "市级走访间隔应为 0–" + Days(kContactDaysMax) +
                            " 天（0 为不要求）/ the city visit interval must be 0 (none) to " +
                            Days(kContactDaysMax) + " days"};
  if (r.stable_days < 1 || r.stable_days > kStableDaysMax)
    return FieldProblem{p + "stable_days", "稳定期应为 1–" + Days(kStableDaysMax) +
                                               " 天 / the stable period must be 1 to " +
                                               Days(kStableDaysMax) + " days"};
  return std::nullopt;
}

/// `high` is the next colour up from `low`: it must never ask for less.
std::optional<FieldProblem> CheckOrder(RiskColour low_colour, const ColourRule& low,
                                       RiskColour high_colour, const ColourRule& high) {
  const std::string p = std::string(ToString(high_colour)) + ".";
  const std::string low_zh(Label(low_colour)), low_en(ToString(low_colour));
  if (!AtOrAbove(high.owner, low.owner))
    return FieldProblem{p + "owner", "跟进层级不能低于" + low_zh +
                                         " / the owner cannot be below the one of " + low_en};
  if (high.contact_days > low.contact_days)
    return FieldProblem{p + "contact_days", "联系间隔不能长于" + low_zh +
                                                " / the contact interval cannot be longer than " +
                                                low_en + "'s"};
  if (low.city_visit_days > 0 &&
      (high.city_visit_days == 0 || high.city_visit_days > low.city_visit_days))
    return FieldProblem{p + "city_visit_days",
                        "市级走访间隔不能长于" + low_zh +
                            " / the city visit interval cannot be longer than " + low_en + "'s"};
  if (high.stable_days < low.stable_days)
    return FieldProblem{
        p + "stable_days",
        "稳定期不能短于" + low_zh + " / the stable period cannot be shorter than " + low_en + "'s"};
  return std::nullopt;
}

}  // namespace

std::string_view ToString(RiskColour colour) {
  return CodeOf(kColourCodes, colour);
}
std::optional<RiskColour> ParseRiskColour(std::string_view code) {
  return ValueOf<RiskColour>(kColourCodes, code);
}
std::string_view Label(RiskColour colour) {
  return CodeOf(kColourLabels, colour);
}

std::string_view ToString(ListingSource source) {
  return CodeOf(kSourceCodes, source);
}
std::optional<ListingSource> ParseListingSource(std::string_view code) {
  return ValueOf<ListingSource>(kSourceCodes, code);
}
std::string_view Label(ListingSource source) {
  return CodeOf(kSourceLabels, source);
}

std::string_view ToString(ColourChangeKind kind) {
  return CodeOf(kChangeCodes, kind);
}
std::optional<ColourChangeKind> ParseColourChangeKind(std::string_view code) {
  return ValueOf<ColourChangeKind>(kChangeCodes, code);
}

std::string_view ToString(ReassessmentTrigger trigger) {
  return CodeOf(kTriggerCodes, trigger);
}
std::optional<ReassessmentTrigger> ParseReassessmentTrigger(std::string_view code) {
  return ValueOf<ReassessmentTrigger>(kTriggerCodes, code);
}

const ColourRule& KeyFamilySettings::For(RiskColour colour) const {
  switch (colour) {
    case RiskColour::kBlue:
      return blue;
    case RiskColour::kYellow:
      return yellow;
    case RiskColour::kRed:
      return red;
  }
  return red;  // an out-of-range value is treated as the strictest colour
}

std::optional<FieldProblem> CheckKeyFamilySettings(const KeyFamilySettings& s) {
  for (RiskColour c : kRiskColours)
    if (auto problem = CheckRule(c, s.For(c))) return problem;
  if (auto problem = CheckOrder(RiskColour::kBlue, s.blue, RiskColour::kYellow, s.yellow))
    return problem;
  return CheckOrder(RiskColour::kYellow, s.yellow, RiskColour::kRed, s.red);
}

RegionLevel OwnerLevel(RiskColour colour, const KeyFamilySettings& settings) {
  return settings.For(colour).owner;
}

int64_t NextContactDue(RiskColour colour, std::optional<int64_t> last_contact_ms, int64_t since_ms,
                       const KeyFamilySettings& settings) {
  const int64_t from = std::max(last_contact_ms.value_or(since_ms), since_ms);
  return from + settings.For(colour).contact_days * kDayMs;
}

std::optional<int64_t> NextCityVisitDue(RiskColour colour,
                                        std::optional<int64_t> last_city_visit_ms, int64_t since_ms,
                                        const KeyFamilySettings& settings) {
  const int days = settings.For(colour).city_visit_days;
  if (days <= 0) return std::nullopt;
  return std::max(last_city_visit_ms.value_or(since_ms), since_ms) + days * kDayMs;
}

ColourChangeKind ClassifyColourChange(const ColourChange& change) {
  if (!change.to) return ColourChangeKind::kDelisting;
  if (*change.to == change.from) return ColourChangeKind::kSame;
  return *change.to > change.from ? ColourChangeKind::kUpgrade : ColourChangeKind::kDowngrade;
}

bool NeedsApproval(const ColourChange& change) {
  const auto kind = ClassifyColourChange(change);
  return kind == ColourChangeKind::kDowngrade || kind == ColourChangeKind::kDelisting;
}

std::optional<RegionLevel> ApprovingLevel(const ColourChange& change,
                                          const KeyFamilySettings& settings) {
  if (!NeedsApproval(change)) return std::nullopt;
  return OwnerLevel(change.from, settings);
}

int RequiredStableDays(const ColourChange& change, const KeyFamilySettings& settings) {
  return NeedsApproval(change) ? settings.For(change.from).stable_days : 0;
}

std::vector<RegionLevel> LevelsToTell(const ColourChange& change,
                                      const KeyFamilySettings& settings) {
  std::vector<RegionLevel> out;
  if (ClassifyColourChange(change) != ColourChangeKind::kUpgrade) return out;
  const RegionLevel new_owner = OwnerLevel(*change.to, settings);
  for (auto level = ParentLevel(OwnerLevel(change.from, settings)); level;
       level = ParentLevel(*level)) {
    out.push_back(*level);
    if (AtOrAbove(*level, new_owner)) break;
  }
  return out;
}

int StableDays(std::optional<int64_t> last_incident_ms, int64_t listed_ms, int64_t now_ms) {
  const int64_t from = std::max(last_incident_ms.value_or(listed_ms), listed_ms);
  if (now_ms <= from) return 0;
  return static_cast<int>(std::min<int64_t>((now_ms - from) / kDayMs, 1'000'000));
}

std::optional<FieldProblem> CheckChangeAllowed(const ColourChange& change,
                                               int days_without_incident,
                                               const KeyFamilySettings& settings) {
  const int needed = RequiredStableDays(change, settings);
  if (needed == 0 || days_without_incident >= needed) return std::nullopt;
  const bool delist = ClassifyColourChange(change) == ColourChangeKind::kDelisting;
  return FieldProblem{"colour", std::string(Label(change.from)) + "家庭需连续 " + Days(needed) +
                                    " 天无新警情方可" + (delist ? "销号" : "降级") + "，目前 " +
                                    Days(days_without_incident) + " 天 / a " +
                                    std::string(ToString(change.from)) + " family needs " +
                                    Days(needed) + " days without incident before " +
                                    (delist ? "delisting" : "a downgrade") + "; it has been " +
                                    Days(days_without_incident)};
}

std::optional<FieldProblem> CheckApprover(const ColourChange& change, RegionLevel approver_level,
                                          int64_t requested_by, int64_t approver_id,
                                          const KeyFamilySettings& settings) {
  const auto level = ApprovingLevel(change, settings);
  if (!level) return std::nullopt;
  if (!AtOrAbove(approver_level, *level))
    return FieldProblem{"approver", "需由" + std::string(LevelLabel(*level)) +
                                        "或以上审批 / needs approval at the " +
                                        std::string(ToString(*level)) + " level or above"};
  if (approver_id == requested_by)
    return FieldProblem{"approver",
                        "申请人不能自己审批 / the person who asked cannot approve it herself"};
  return std::nullopt;
}

std::optional<ReassessmentTrigger> ReassessmentNeeded(const SinceAssessment& since) {
  if (since.last_incident_ms && *since.last_incident_ms > since.last_assessed_ms)
    return ReassessmentTrigger::kNewIncident;
  if (since.last_finding_ms && *since.last_finding_ms > since.last_assessed_ms)
    return ReassessmentTrigger::kVisitFinding;
  return std::nullopt;
}

RiskColour ColourFloorAfterIncident(RiskColour current) {
  return current == RiskColour::kBlue ? RiskColour::kYellow : RiskColour::kRed;
}

}  // namespace hejia::domain
