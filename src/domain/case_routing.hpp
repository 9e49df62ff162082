// Where a help request goes and how fast it must be handled (docs/design/cases.md, "Routing,
// night clinic, limits"): the handling level and region, the legal night clinic (法律夜门诊) and
// who is on duty, the time limits, and supervision (督办) when a limit is missed. No I/O: callers
// pass the settings, the shifts and the current time (Services::clock).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/case_flow.hpp"
#include "domain/case_settings.hpp"
#include "domain/roles.hpp"

namespace hejia::domain {

/// The federation level that handles a case ("small matters stay in the village, big matters
/// stay in the town"). Codes are the `cases.level` values.
enum class CaseLevel { kVillage, kTown, kCity };

std::string_view ToString(CaseLevel level);
std::optional<CaseLevel> ParseCaseLevel(std::string_view code);

/// city when the category is in city_categories or the severity in city_severities; else town
/// when in town_categories / town_severities; else village.
CaseLevel RouteLevel(const CaseSettings& settings, std::string_view category,
                     std::string_view severity);

/// The region code that handles a case of `level` for an applicant whose home is `home_code`:
/// city = its first 6 digits, town = first 9, village = first 12. `home_code` is a city (6), town
/// (9), village (12) or grid (15) code; a shorter code than the level asks for is kept as it is
/// (a village-level request with only a town code stays at the town). Throws Invalid("home_code")
/// for anything else. Codes record where a region was created; when the applicant's region path
/// is known, prefer HandlingRegionCodeOnPath.
std::string HandlingRegionCode(CaseLevel level, std::string_view home_code);
/// The same from the home region's materialised path ("/330784/330784001/330784001001/"): the
/// code at depth 1 (city), 2 (town) or 3 (village), or the deepest code when the path is shorter.
/// Empty for an empty path.
std::string HandlingRegionCodeOnPath(CaseLevel level, std::string_view home_path);

/// The level above `level`, where a case escalates; nullopt for the city.
std::optional<CaseLevel> LevelAbove(CaseLevel level);

/// True when `now_ms` falls in night-clinic hours, Beijing time: every day from night_start to
/// night_end (past midnight when night_end < night_start: weekday evenings from 17:30 to 08:30 the
/// next morning, so Monday 00:00–08:30 and Friday from 17:30 count), and all of Saturday and
/// Sunday when weekends_night.
bool IsNightClinic(const CaseSettings& settings, int64_t now_ms);

/// When the first contact with the applicant is due for a request arriving at `now_ms`:
/// first_contact_night_minutes later at night, first_contact_day_minutes later by day.
int64_t FirstContactDue(const CaseSettings& settings, int64_t now_ms);
/// When the accept/reject decision is due: decision_hours after `now_ms`.
int64_t DecisionDue(const CaseSettings& settings, int64_t now_ms);
/// When mediation started at `started_ms` must end: mediation_days plus extension_days per
/// recorded extension.
int64_t MediationDue(const CaseSettings& settings, int64_t started_ms, int extensions);

/// One duty shift (`duty_shifts` row): `user_id` is on duty for `region_code` in
/// [starts_at, ends_at) (Unix ms).
struct Shift {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string region_code;
  int64_t starts_at = 0, ends_at = 0;
  /// The person can take the request now: the account is not locked, its role handles cases and
  /// its home region still covers the shift's region (not moved away).
  bool can_act = true;
};

/// Who is on duty for a request: `region_chain` is the handling region's code first, then its
/// ancestors up to the city. The first region of the chain with a shift covering `now_ms` whose
/// person can act wins; among several of its shifts, the one that started latest, then the lowest
/// id. A person who cannot act is skipped: the next on duty there, else the level above. nullopt
/// when nobody who can act is on duty anywhere along the chain.
std::optional<Shift> OnDuty(std::span<const Shift> shifts,
                            std::span<const std::string> region_chain, int64_t now_ms);

/// The time limits of a case as stored (`cases` columns), for the escalation job.
struct CaseTimers {
  CaseStatus status = CaseStatus::kRegistered;
  std::optional<int64_t> due_first_contact_at, first_contact_at, due_decision_at, decided_at,
      due_mediation_at;
  std::string supervision;  ///< "", "yellow" or "red"
};

/// Which limit a case has missed.
enum class MissedLimit { kNone, kFirstContact, kDecision, kMediation };
/// "none", "first_contact", "decision", "mediation" (for case_events data).
std::string_view ToString(MissedLimit limit);

/// The missed limit whose due time is earliest (ties in the order first contact, decision,
/// mediation), or kNone. A limit is missed when `now_ms` is past its due time (a contact exactly
/// at the due time is in time) and still counts: first contact only while there was none (and
/// the case is open), the decision only while `registered`, mediation only while `assigned` or
/// `mediating`. The job that escalates must remember which miss it already counted (e.g. in a
/// case_events row), or it would escalate again on the next tick.
MissedLimit FirstMissed(const CaseTimers& timers, int64_t now_ms);

/// The supervision mark after one more missed limit: "" → "yellow" → "red" → "red". Anything
/// unrecognised counts as no mark ("yellow").
std::string NextSupervision(std::string_view current);

/// Whether a staff member may handle a case (be its assignee): a role that works on cases, whose
/// area holds the case's handling region.
bool CanHandleCase(Role role, std::string_view staff_region_path,
                   std::string_view case_region_path);

}  // namespace hejia::domain
