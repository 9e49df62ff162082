// Taking in a police incident (一警情三推送), whichever door it came by (the police interface, a
// staff entry, a spreadsheet row): the same number again is the same incident; the address is
// placed (a household's grid, else the village or town it names, flagged for staff to place);
// the parties are stored sealed; an incident at the same household or between the same people
// within twelve months is linked as a repeat; and the three pushes go out at once, each to whoever
// must act: by night the person the duty roster names, by day the grid's sister for the village.
// Runs inside the caller's write transaction; the caller audits and sends the live alerts after
// the commit.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/incident_push_repo.hpp"
#include "store/incident_repo.hpp"
#include "store/region_names.hpp"

namespace hejia::store {

/// Where each recipient's push goes for an incident at `incident_path`, and who holds it at
/// `now_ms`. Used by the intake and when staff place an incident.
struct PushTarget {
  domain::PushRecipient recipient = domain::PushRecipient::kTownFederation;
  std::string region_code, region_path;
  std::optional<int64_t> assignee_id;
};
PushTarget TargetFor(Connection& c, domain::PushRecipient recipient, std::string_view incident_path,
                     bool night, int64_t now_ms);

/// The pushes of an incident at `incident_path` taken in at `now_ms`: the city's settings, day
/// or night, and for each recipient its target and who hears of it (its assignee, else its
/// unit's staff; the grid's sister too for the village's push). All reads: PlanPushes may run
/// on a reader before the write, as PlaceByAddress.
struct PushPlan {
  std::string incident_path;  ///< where the incident was placed when they were planned
  domain::IncidentSettings settings;
  bool night = false;
  struct Push {
    PushTarget target;
    std::vector<int64_t> told;
  };
  std::vector<Push> pushes;
};
PushPlan PlanPushes(Connection& c, std::string_view incident_path, int64_t now_ms);

struct IncidentIntake {
  domain::PoliceIncident incident;  ///< the fields as given; region, stage, mark set here
  std::string address;              ///< plain, sealed here
  std::vector<domain::IncidentParty> parties;
  std::optional<int64_t> partner_id;
  /// Staff placing it themselves (checked against their scope by the caller), or PlaceByAddress
  /// before the write; else the address decides, in TakeInIncident.
  std::optional<domain::Placement> placed;
  /// The household the address names (PlaceByAddress).
  std::optional<int64_t> household;
  /// The pushes, planned before the write (PlanPushes for `placed`); else, or when planned for
  /// another place, TakeInIncident plans them.
  std::optional<PushPlan> pushes;
  /// The look for an earlier incident it repeats, made before the write (LookForRepeat, after
  /// PlaceByAddress: the household is a key); else TakeInIncident looks.
  std::optional<RepeatLook> repeat;
};

/// Someone to tell of a new push: the push's assignee, or its unit's staff, or the grid's sister.
struct PushAlert {
  int64_t user_id = 0;
  int64_t push_id = 0;
  domain::PushRecipient recipient = domain::PushRecipient::kTownFederation;
};

struct TakenIncident {
  int64_t id = 0;
  bool created = false;  ///< false: the number was known (nothing was written)
  std::string region_path;
  std::optional<int64_t> partner_id;
  bool needs_placement = false, night = false;
  size_t pushes = 0;  ///< how many pushes were made (a new incident)
  std::optional<int64_t> repeat_of;
  std::vector<PushAlert> alerts;
};

/// Places `in` where its address puts it — the region it names, the household there — as
/// TakeInIncident would: for a caller that reads on a reader before it writes, so that the one
/// writer only writes. Nothing when `in` is placed already.
void PlaceByAddress(Connection& c, const security::FieldCipher& cipher, RegionNames& names,
                    IncidentIntake& in);

/// Looks, on a reader before the write, for the earlier incident `in` repeats (after
/// PlaceByAddress: its household is one of the keys); TakeInIncident finishes the look.
RepeatLook LookForRepeat(Connection& c, const security::FieldCipher& cipher,
                         const IncidentIntake& in);

/// `names`: the regions' names the address is matched against (one per process, shared).
TakenIncident TakeInIncident(Connection& c, const security::FieldCipher& cipher, RegionNames& names,
                             IncidentIntake& intake, int64_t now_ms);

/// Staff place an incident that could not be placed by its address: the incident moves to
/// `grid`, the village's push follows it (to the grid's sister by day, unless acknowledged
/// already). Returns the alerts for the moved push.
std::vector<PushAlert> PlaceIncident(Connection& c, int64_t incident_id,
                                     const domain::Placement& grid, int64_t now_ms);

}  // namespace hejia::store
