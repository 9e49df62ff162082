#include "domain/key_family_record.hpp"

#include <algorithm>
#include <utility>

#include "common/code_table.hpp"
#include "domain/household_plan.hpp"

namespace hejia::domain {

namespace {

constexpr std::pair<FamilyContactKind, std::string_view> kContactCodes[] = {
    {FamilyContactKind::kContact, "contact"},
    {FamilyContactKind::kVisit, "visit"},
    {FamilyContactKind::kCityVisit, "city_visit"}};

std::optional<int64_t> Known(int64_t ms) {
  if (ms == 0) return std::nullopt;
  return ms;
}

void FallDue(KeyFamily& f, const KeyFamilySettings& settings) {
  f.next_contact_due = NextContactDue(f.colour, Known(f.last_contact_at), f.colour_since, settings);
  f.next_city_visit_due =
      NextCityVisitDue(f.colour, Known(f.last_city_visit_at), f.colour_since, settings).value_or(0);
}

}  // namespace

std::string_view ToString(FamilyContactKind kind) {
  return CodeOf(kContactCodes, kind, "contact");
}
std::optional<FamilyContactKind> ParseFamilyContactKind(std::string_view code) {
  return ValueOf<FamilyContactKind>(kContactCodes, code);
}

std::string EncodeAnswers(const RiskChecklist& checklist) {
  std::string out;
  for (RiskFactor f : kRiskFactors) {
    switch (checklist[f]) {
      case RiskAnswer::kYes:
        out += 'y';
        break;
      case RiskAnswer::kNo:
        out += 'n';
        break;
      case RiskAnswer::kUnknown:
        out += 'u';
        break;
    }
  }
  return out;
}

RiskChecklist DecodeAnswers(std::string_view code) {
  RiskChecklist checklist;
  for (std::size_t i = 0; i < kRiskFactorCount && i < code.size(); ++i) {
    const RiskAnswer a = code[i] == 'y'   ? RiskAnswer::kYes
                         : code[i] == 'n' ? RiskAnswer::kNo
                                          : RiskAnswer::kUnknown;
    checklist.Set(kRiskFactors[i], a);
  }
  return checklist;
}

void TakeColour(KeyFamily& family, RiskColour colour, int64_t since,
                const KeyFamilySettings& settings) {
  const bool new_plan = family.colour_since == 0 || colour > family.colour;
  family.colour = colour;
  family.colour_since = since;
  FallDue(family, settings);
  if (colour == RiskColour::kBlue)
    family.plan_due_at = 0;
  else if (new_plan || family.plan_due_at == 0)
    family.plan_due_at = PlanDue(colour, since).value_or(0);
}

void RecordContact(KeyFamily& family, FamilyContactKind kind, int64_t at, bool finding,
                   const KeyFamilySettings& settings) {
  family.last_contact_at = std::max(family.last_contact_at, at);
  if (kind == FamilyContactKind::kCityVisit)
    family.last_city_visit_at = std::max(family.last_city_visit_at, at);
  if (finding) family.last_finding_at = std::max(family.last_finding_at, at);
  FallDue(family, settings);
  UpdateReassessment(family);
}

void RecordIncident(KeyFamily& family, int64_t at) {
  family.last_incident_at = std::max(family.last_incident_at, at);
  UpdateReassessment(family);
}

void RecordFinding(KeyFamily& family, int64_t at) {
  family.last_finding_at = std::max(family.last_finding_at, at);
  UpdateReassessment(family);
}

void UpdateReassessment(KeyFamily& family) {
  const auto trigger = ReassessmentNeeded(SinceAssessment{
      family.assessed_at, Known(family.last_incident_at), Known(family.last_finding_at)});
  family.reassess = trigger.has_value();
  family.reassess_reason = trigger ? std::string(ToString(*trigger)) : std::string();
}

bool MayRecord(FamilyContactKind kind, RegionLevel level) {
  return kind != FamilyContactKind::kCityVisit || level == RegionLevel::kCity;
}

}  // namespace hejia::domain
