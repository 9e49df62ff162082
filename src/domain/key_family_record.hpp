// A key family as the record kit stores it (docs/design/key_families.md): the household listed,
// its colour and region (the household's grid), when it was listed and took its colour, the
// follow-up it is due, whether a reassessment is asked for and the step down waiting for
// approval. The rules are key_family.hpp's, risk_assessment.hpp's and household_plan.hpp's; the
// few here only put their answers into the record. No I/O: callers pass the times (Unix ms).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/key_family.hpp"
#include "domain/record.hpp"
#include "domain/region.hpp"
#include "domain/risk_assessment.hpp"
#include "domain/visit.hpp"

namespace hejia::domain {

/// A family is placed where its household is: on a grid.
inline constexpr std::array kKeyFamilyLevels{RegionLevel::kGrid};

inline constexpr std::size_t kFamilyNameMax = 64;     ///< the household's head, as listed
inline constexpr std::size_t kFamilyCodeMax = 20;     ///< reassess_reason, pending_change, …
inline constexpr std::size_t kContactNoteMax = 1000;  ///< what a contact or visit found

struct KeyFamily {
  Meta meta;
  std::string name;  ///< the household's head when listed: the name on the phone list
  RiskColour colour = RiskColour::kBlue;
  Placement region;  ///< the household's grid
  ListingSource source = ListingSource::kManual;
  int64_t listed_at = 0;
  int64_t colour_since = 0;  ///< listing or the change to the current colour
  int64_t assessed_at = 0;   ///< the last risk assessment
  int64_t last_contact_at = 0, next_contact_due = 0;
  int64_t last_city_visit_at = 0, next_city_visit_due = 0;  ///< 0: none (asked for red only)
  int64_t last_incident_at = 0;                             ///< a police incident or a case
  int64_t last_finding_at = 0;  ///< the last contact whose finding asks for reassessment
  bool reassess = false;
  std::string reassess_reason;  ///< ToString(ReassessmentTrigger) while `reassess`, else ""
  std::string pending_change;   ///< "downgrade" or "delisting" waiting for approval, else ""
  std::string pending_colour;   ///< the colour a waiting downgrade asks for
  int64_t pending_at = 0;
  int64_t plan_due_at = 0;  ///< when the household plan is due (yellow, red); 0: none
  // Beside the kit's fields (it has no integer field): written and read by
  // store/key_family_repo.
  int64_t household_id = 0;
  int64_t source_id = 0;  ///< the incident, case or visit that listed it; 0: none (by hand)
  /// The follow-up's supervision mark (督办): "none", "yellow" or "red" (SupervisionMark), kept
  /// by the family watch and each write of the plan (store/family_supervision.hpp).
  std::string supervision = "none";
};

/// How someone was in touch with a family.
enum class FamilyContactKind {
  kContact,    ///< "contact": a call or a talk
  kVisit,      ///< "visit": a home visit
  kCityVisit,  ///< "city_visit": a visit by the city federation (red families, every 30 days)
};
inline constexpr std::array kFamilyContactKinds{
    FamilyContactKind::kContact, FamilyContactKind::kVisit, FamilyContactKind::kCityVisit};

std::string_view ToString(FamilyContactKind kind);
std::optional<FamilyContactKind> ParseFamilyContactKind(std::string_view code);

/// The answers as stored: one letter per factor in the order of kRiskFactors ('y', 'n', 'u'); a
/// factor added at the end later reads as unknown in older rows.
std::string EncodeAnswers(const RiskChecklist& checklist);
RiskChecklist DecodeAnswers(std::string_view code);

/// The family takes `colour` at `since` (listing, an upgrade or an approved step down): the
/// contact and the city visit fall due by the new colour's intervals from then (or from the last
/// contact, when later); the plan is due by PlanDue for a listing or an upgrade to yellow or red,
/// kept on a step down that still needs one, and none for blue.
void TakeColour(KeyFamily& family, RiskColour colour, int64_t since,
                const KeyFamilySettings& settings = {});

/// A contact of `kind` at `at`: the last contact (and city visit) and what falls due next; a
/// finding asks for reassessment when it comes after the last assessment (ReassessmentNeeded).
void RecordContact(KeyFamily& family, FamilyContactKind kind, int64_t at, bool finding,
                   const KeyFamilySettings& settings = {});

/// A police incident or a case concerning the household at `at`: the stable period starts again
/// and a reassessment is asked for.
void RecordIncident(KeyFamily& family, int64_t at);

/// A visit at `at` whose finding asks for reassessment (a visit's action "assessment
/// requested"): asked for when it comes after the last assessment (ReassessmentNeeded).
void RecordFinding(KeyFamily& family, int64_t at);

/// Recomputes `reassess` and its reason from the times (ReassessmentNeeded).
void UpdateReassessment(KeyFamily& family);

/// A key family's contact is a visit of kind key_family_contact (issue 12, point 2): a call or a
/// video call is a contact, a home visit counted at the city's level a city visit, any other home
/// visit a visit; and back, the mode a contact of `kind` is recorded with.
constexpr FamilyContactKind ContactKindOf(VisitMode mode, RegionLevel visitor_level) {
  if (mode != VisitMode::kHome) return FamilyContactKind::kContact;
  return visitor_level == RegionLevel::kCity ? FamilyContactKind::kCityVisit
                                             : FamilyContactKind::kVisit;
}
constexpr VisitMode ModeOf(FamilyContactKind kind) {
  return kind == FamilyContactKind::kContact ? VisitMode::kPhone : VisitMode::kHome;
}

/// Whether `level` may record a contact of `kind`: a city visit is the city's.
bool MayRecord(FamilyContactKind kind, RegionLevel level);

}  // namespace hejia::domain
