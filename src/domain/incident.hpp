// Police incidents (警情) and their three pushes (一警情三推送). The police 110 system sends a
// family-conflict incident; it goes at once to three recipients — the town federation, the
// village federation with the grid's sister, the mediation side — and each push runs pushed →
// acknowledged (签收) → victim contacted → home visit → feedback to the police, each step within
// its time. These are the values and rules; the store keeps them, the API and the jobs act on
// them.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_fields.hpp"
#include "domain/person.hpp"
#include "domain/record.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

// ---- the incident ----

enum class IncidentKind {
  kFamilyDispute,
  kDomesticViolence,
  kDating,
  kSupport,
  kOther,
};
inline constexpr std::array kIncidentKinds{IncidentKind::kFamilyDispute,
                                           IncidentKind::kDomesticViolence, IncidentKind::kDating,
                                           IncidentKind::kSupport, IncidentKind::kOther};
constexpr std::string_view ToString(IncidentKind k) {
  switch (k) {
    case IncidentKind::kFamilyDispute:
      return "family_dispute";
    case IncidentKind::kDomesticViolence:
      return "domestic_violence";
    case IncidentKind::kDating:
      return "dating_violence";
    case IncidentKind::kSupport:
      return "support_maintenance";
    case IncidentKind::kOther:
      return "other";
  }
  return "other";
}

/// How the incident reached us: the police interface, typed by staff, or a spreadsheet.
enum class IncidentSource { kInterface, kManual, kImport };
inline constexpr std::array kIncidentSources{IncidentSource::kInterface, IncidentSource::kManual,
                                             IncidentSource::kImport};
constexpr std::string_view ToString(IncidentSource s) {
  switch (s) {
    case IncidentSource::kInterface:
      return "interface";
    case IncidentSource::kManual:
      return "manual";
    case IncidentSource::kImport:
      return "import";
  }
  return "manual";
}

/// The supervision mark an overdue step raises (and the worst of an incident's pushes).
enum class PushMark { kNone, kYellow, kRed };
inline constexpr std::array kPushMarks{PushMark::kNone, PushMark::kYellow, PushMark::kRed};
constexpr std::string_view ToString(PushMark m) {
  return m == PushMark::kRed ? "red" : m == PushMark::kYellow ? "yellow" : "none";
}

/// Where an incident's pushes stand as a whole: the least advanced push's stage.
enum class PushStage { kPushed, kAcknowledged, kContacted, kVisited, kFedBack };
inline constexpr std::array kPushStages{PushStage::kPushed, PushStage::kAcknowledged,
                                        PushStage::kContacted, PushStage::kVisited,
                                        PushStage::kFedBack};
constexpr std::string_view ToString(PushStage s) {
  switch (s) {
    case PushStage::kPushed:
      return "pushed";
    case PushStage::kAcknowledged:
      return "acknowledged";
    case PushStage::kContacted:
      return "contacted";
    case PushStage::kVisited:
      return "visited";
    case PushStage::kFedBack:
      return "fed_back";
  }
  return "pushed";
}
std::optional<PushStage> ParsePushStage(std::string_view code);

inline constexpr std::size_t kIncidentNoMax = 40, kStationMax = 60, kOfficerMax = 30,
                             kIncidentAddressMax = 120, kDispositionMax = 500,
                             kWarningLetterMax = 40, kPushNoteMax = 500;

/// An incident as the record kit stores it. `region` is the grid its address was matched to, or
/// the village / town / city when it could not be (`needs_placement`: staff place it). The
/// summary columns (`stage`, `mark`, `repeated`) are kept by the store from the pushes and links.
struct PoliceIncident {
  Meta meta;
  std::string incident_no;
  IncidentSource source = IncidentSource::kManual;
  std::string station, officer;
  int64_t reported_at = 0;
  IncidentKind kind = IncidentKind::kFamilyDispute;
  Sealed address;
  Placement region;
  bool needs_placement = false;
  bool injury = false, weapon = false, alcohol = false, threats = false, minors_present = false;
  std::string disposition, warning_letter_no;
  PushStage stage = PushStage::kPushed;
  PushMark mark = PushMark::kNone;
  bool repeated = false;
};

/// The flags that make contacting the victim urgent (2 hours instead of 24 by default).
bool IsUrgentIncident(const PoliceIncident& i);

// ---- its parties ----

enum class IncidentPartyRole { kVictim, kActor, kMinor };
inline constexpr std::array kIncidentPartyRoles{
    IncidentPartyRole::kVictim, IncidentPartyRole::kActor, IncidentPartyRole::kMinor};
constexpr std::string_view ToString(IncidentPartyRole r) {
  return r == IncidentPartyRole::kVictim  ? "victim"
         : r == IncidentPartyRole::kActor ? "actor"
                                          : "minor";
}
std::optional<IncidentPartyRole> ParseIncidentPartyRole(std::string_view code);

inline constexpr std::size_t kMaxIncidentParties = 10;

/// A party as sent (text; empty = not given).
struct IncidentPartyFields {
  std::string role, name, gender, phone;
};
/// A party the rule accepted: gender "female" | "male" | "" (unknown), the phone as digits.
struct IncidentParty {
  IncidentPartyRole role = IncidentPartyRole::kVictim;
  std::string name, gender, phone;
};
struct IncidentPartyCheck {
  IncidentParty party;
  std::optional<FieldProblem> problem;
};
/// Role and name are required; the name at most kMaxPersonName characters; the phone a mainland
/// number when given.
IncidentPartyCheck CheckIncidentParty(const IncidentPartyFields& entered);

// ---- the three pushes ----

/// Who a push goes to.
enum class PushRecipient { kTownFederation, kVillageFederation, kMediation };
inline constexpr std::array kPushRecipients{
    PushRecipient::kTownFederation, PushRecipient::kVillageFederation, PushRecipient::kMediation};
constexpr std::string_view ToString(PushRecipient r) {
  return r == PushRecipient::kTownFederation      ? "town_federation"
         : r == PushRecipient::kVillageFederation ? "village_federation"
                                                  : "mediation";
}
std::optional<PushRecipient> ParsePushRecipient(std::string_view code);

/// The city's settings for incidents (one row; no row: these defaults).
struct IncidentSettings {
  int ack_hours = 2;             ///< 签收 by day, 1..72
  int ack_night_hours = 1;       ///< 签收 at night, 1..72
  int contact_hours = 24;        ///< the victim contacted, 1..240
  int contact_urgent_hours = 2;  ///< … with injury, weapon, minors or a warning letter, 1..240
  int visit_hours = 72;          ///< a home visit, 1..720
  int feedback_days = 7;         ///< feedback to the police, 1..60
  /// Recipients in force (at least one), in the order of kPushRecipients.
  std::vector<PushRecipient> recipients{kPushRecipients.begin(), kPushRecipients.end()};
};
/// The first problem of `s`, or nullopt.
std::optional<FieldProblem> CheckIncidentSettings(const IncidentSettings& s);

/// One push's due times (Unix ms), from when it was pushed.
struct PushDues {
  int64_t ack = 0, contact = 0, visit = 0, feedback = 0;
};
PushDues DuesFor(const IncidentSettings& s, bool urgent, bool night, int64_t pushed_at);

/// One push as the rules see it: when each step was done (0 = not yet) and its due times.
struct PushProgress {
  int64_t pushed_at = 0;
  PushDues due;
  int64_t acknowledged_at = 0, contacted_at = 0, visited_at = 0, fed_back_at = 0;
};
/// The stage the push has reached.
PushStage StageOf(const PushProgress& p);
/// The next step's due time, or nullopt once the feedback is given.
std::optional<int64_t> NextDue(const PushProgress& p);
/// The mark the push carries at `now`: yellow once its next step is overdue, red once it is
/// overdue by as long again as the step was allowed (a 2-hour acknowledgement missed by 2 more
/// hours), none while on time or finished.
PushMark MarkAt(const PushProgress& p, int64_t now);

/// Whether `to` is the next step of a push at `from` (steps are taken in order, each once).
bool IsNextStage(PushStage from, PushStage to);

/// Where the mediation push goes: the town's mediation centre when the town has a mediation
/// room in use, else the city's family-mediation centre.
enum class MediationSide { kTown, kCity };
constexpr MediationSide MediationSideFor(bool town_has_room) {
  return town_has_room ? MediationSide::kTown : MediationSide::kCity;
}

/// A second incident at the same household or between the same people within this time is a
/// repeat: linked to the earlier one and flagged.
inline constexpr int64_t kRepeatWindowMs = 365LL * 24 * 3600 * 1000;

// ---- the case made of an incident ----

/// The mediation case one click makes of an incident (channel police): its category by the
/// incident's kind, critical with a weapon or injury, serious with threats, minors or a warning
/// letter, else normal.
struct IncidentCaseDefaults {
  std::string category;
  CaseSeverity severity = CaseSeverity::kNormal;
};
IncidentCaseDefaults CaseDefaultsFor(const PoliceIncident& i);

// ---- placing an address ----

/// A region an address may name (towns and villages of the city, with their parents).
struct NamedRegion {
  std::string code, name, parent_code;
  RegionLevel level = RegionLevel::kTown;
};
/// What the address names: the town, and the village inside it, whose names it contains (the
/// longest name wins when several fit), and the text after the village's name (the street and
/// number, for matching a household). Empty codes: not named.
struct AddressPlace {
  std::string town_code, village_code;
  std::string rest;
};
AddressPlace PlaceAddress(std::string_view address, const std::vector<NamedRegion>& regions);
/// The form an address detail is compared in: no spaces or punctuation, full-width digits and
/// letters made half-width, letters lower case (so "3号楼 2单元" matches "3号楼2单元").
std::string NormalizeAddressDetail(std::string_view detail);

}  // namespace hejia::domain
