// Key families (重点家庭) and the three-colour warning (三色预警), docs/design/key_families.md: a
// household listed for domestic-violence risk gets a colour — blue, yellow or red — that sets who
// follows it (village, town, city), how often someone must be in contact, and who approves a
// step down. An upgrade takes effect at once and is told upward; a downgrade or a delisting (销号)
// waits for a stable period without incident and the owning level's approval. No I/O: callers
// pass the times (Unix ms) and the city's settings.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

/// The colour of a key family, mildest first: the enumerators compare in that order
/// (RiskColour::kBlue < RiskColour::kRed). Codes (ToString) are the stored and JSON values.
enum class RiskColour {
  kBlue,    ///< "blue" 蓝色: followed by the village
  kYellow,  ///< "yellow" 黄色: followed by the town
  kRed,     ///< "red" 红色: followed by the city
};
inline constexpr std::array kRiskColours{RiskColour::kBlue, RiskColour::kYellow, RiskColour::kRed};

std::string_view ToString(RiskColour colour);
std::optional<RiskColour> ParseRiskColour(std::string_view code);
/// "蓝色", "黄色", "红色".
std::string_view Label(RiskColour colour);

/// How a household came to be listed.
enum class ListingSource {
  kIncident,  ///< "incident": a family-related police incident (一警情三推送)
  kCase,      ///< "case": a help request or mediation case whose screening found risk
  kVisit,     ///< "visit": a visit's finding
  kManual,    ///< "manual": by hand, with a reason
};
inline constexpr std::array kListingSources{ListingSource::kIncident, ListingSource::kCase,
                                            ListingSource::kVisit, ListingSource::kManual};

std::string_view ToString(ListingSource source);
std::optional<ListingSource> ParseListingSource(std::string_view code);
/// "警情", "案件", "走访", "手工列入".
std::string_view Label(ListingSource source);

/// What one colour asks for.
struct ColourRule {
  RegionLevel owner = RegionLevel::kVillage;  ///< the level that follows the family
  int contact_days = 30;                      ///< longest gap between two contacts (visit or call)
  int city_visit_days = 0;  ///< longest gap between two visits by the city; 0 = none asked
  int stable_days = 30;     ///< days without incident before a step down may be approved
};

/// The city's follow-up rules per colour. Defaults: blue village / 30 days / stable 30, yellow
/// town / 14 days / stable 60, red city / 7 days and a city visit every 30 / stable 90.
struct KeyFamilySettings {
  ColourRule blue{RegionLevel::kVillage, 30, 0, 30};
  ColourRule yellow{RegionLevel::kTown, 14, 0, 60};
  ColourRule red{RegionLevel::kCity, 7, 30, 90};

  const ColourRule& For(RiskColour colour) const;
};

inline constexpr int kContactDaysMax = 92;  ///< a quarter: a family is never left longer
inline constexpr int kStableDaysMax = 365;

/// A problem naming the field (`red.contact_days`, `yellow.owner`, …) or nullopt when the
/// settings can be used: every owner a city, town or village; contact_days 1..92;
/// city_visit_days 0..92; stable_days 1..365; and a higher colour never asks for less — its
/// owner is at the same level or higher, its contact and city-visit gaps are no longer, its
/// stable period is no shorter.
std::optional<FieldProblem> CheckKeyFamilySettings(const KeyFamilySettings& settings);

/// The level that follows a family of `colour` (blue → village, yellow → town, red → city).
RegionLevel OwnerLevel(RiskColour colour, const KeyFamilySettings& settings = {});

/// When the next contact is due: contact_days after the later of the last contact and `since_ms`
/// (when the family was listed or took its current colour), so an upgrade gives the new, shorter
/// interval from the upgrade rather than marking the family overdue at once.
int64_t NextContactDue(RiskColour colour, std::optional<int64_t> last_contact_ms, int64_t since_ms,
                       const KeyFamilySettings& settings = {});
/// When the city's next visit is due (red by default: 30 days after the later of the last city
/// visit and `since_ms`); nullopt for a colour that asks for none.
std::optional<int64_t> NextCityVisitDue(RiskColour colour,
                                        std::optional<int64_t> last_city_visit_ms, int64_t since_ms,
                                        const KeyFamilySettings& settings = {});
/// Past its due time. Something done exactly at the due time is in time.
constexpr bool IsOverdue(int64_t due_ms, int64_t now_ms) {
  return now_ms > due_ms;
}

/// A change of colour; `to` empty is a delisting (销号).
struct ColourChange {
  RiskColour from = RiskColour::kBlue;
  std::optional<RiskColour> to;
};

enum class ColourChangeKind {
  kSame,       ///< "same": a reassessment that keeps the colour (kept in the history)
  kUpgrade,    ///< "upgrade": effective at once, told upward
  kDowngrade,  ///< "downgrade": after the stable period, with the owning level's approval
  kDelisting,  ///< "delisting": as a downgrade
};
inline constexpr std::array kColourChangeKinds{ColourChangeKind::kSame, ColourChangeKind::kUpgrade,
                                               ColourChangeKind::kDowngrade,
                                               ColourChangeKind::kDelisting};

std::string_view ToString(ColourChangeKind kind);
std::optional<ColourChangeKind> ParseColourChangeKind(std::string_view code);

ColourChangeKind ClassifyColourChange(const ColourChange& change);

/// A downgrade or a delisting waits for approval; the same colour and an upgrade do not.
bool NeedsApproval(const ColourChange& change);
/// The level that approves a downgrade or delisting: the owner of the colour the family has now
/// (red → city, yellow → town, blue → village); nullopt when no approval is needed.
std::optional<RegionLevel> ApprovingLevel(const ColourChange& change,
                                          const KeyFamilySettings& settings = {});
/// Days without incident a downgrade or delisting needs: the stable_days of the colour the
/// family has now (red 90, yellow 60, blue 30); 0 for the same colour or an upgrade.
int RequiredStableDays(const ColourChange& change, const KeyFamilySettings& settings = {});
/// Who an upgrade is told to: every level above the old owner up to the new owner, lowest first
/// (blue → yellow: town; yellow → red: city; blue → red: town and city); at least the level
/// above the old owner when the settings give both colours one owner; nothing above the city.
/// Empty for anything but an upgrade.
std::vector<RegionLevel> LevelsToTell(const ColourChange& change,
                                      const KeyFamilySettings& settings = {});

/// Whole days from the later of the last incident and the listing to `now_ms`; 0 when that lies
/// ahead. A family listed by hand without any incident is stable from its listing.
int StableDays(std::optional<int64_t> last_incident_ms, int64_t listed_ms, int64_t now_ms);

/// Whether the change may be asked for now: nullopt for the same colour and an upgrade (always
/// allowed) and for a downgrade or delisting once `days_without_incident` ≥ RequiredStableDays;
/// otherwise a problem on the field `colour` saying how many days are needed and how many passed.
std::optional<FieldProblem> CheckChangeAllowed(const ColourChange& change,
                                               int days_without_incident,
                                               const KeyFamilySettings& settings = {});

/// Whether a person may approve a downgrade or delisting: someone at the approving level or above
/// (ordering by RegionLevel: the city is above the town), and not the person who asked for it
/// (four eyes). nullopt when allowed or when the change needs no approval; otherwise a problem
/// on the field `approver`. Whether the family lies within her area is the store's scope.
std::optional<FieldProblem> CheckApprover(const ColourChange& change, RegionLevel approver_level,
                                          int64_t requested_by, int64_t approver_id,
                                          const KeyFamilySettings& settings = {});

/// What asks for a new risk assessment.
enum class ReassessmentTrigger {
  kNewIncident,   ///< "new_incident": a police incident or a case after the last assessment
  kVisitFinding,  ///< "visit_finding": a visit found something that changes the picture
};
inline constexpr std::array kReassessmentTriggers{ReassessmentTrigger::kNewIncident,
                                                  ReassessmentTrigger::kVisitFinding};

std::string_view ToString(ReassessmentTrigger trigger);
std::optional<ReassessmentTrigger> ParseReassessmentTrigger(std::string_view code);

/// What happened since the family was last assessed (Unix ms; empty = never).
struct SinceAssessment {
  int64_t last_assessed_ms = 0;
  std::optional<int64_t> last_incident_ms;
  std::optional<int64_t> last_finding_ms;  ///< the last visit whose finding asks for reassessment
};

/// The trigger when an incident or a finding came strictly after the last assessment (an
/// incident wins over a finding); nullopt when the assessment is current.
std::optional<ReassessmentTrigger> ReassessmentNeeded(const SinceAssessment& since);

/// The colour a reassessment after a new incident suggests at least: one above the current one
/// (blue → yellow → red; red stays red). A person still decides (the brief: "a new incident
/// upgrades the family's colour"; here it is a floor on the suggestion, not an automatic change).
RiskColour ColourFloorAfterIncident(RiskColour current);

}  // namespace hejia::domain
