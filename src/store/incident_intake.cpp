#include "store/incident_intake.hpp"

#include <algorithm>

#include "domain/case_routing.hpp"
#include "store/case_people_repo.hpp"
#include "store/case_repo.hpp"
#include "store/incident_repo.hpp"
#include "store/incidents_table.hpp"
#include "store/key_family_repo.hpp"
#include "store/people_repo.hpp"
#include "store/region_names.hpp"
#include "store/region_repo.hpp"

namespace hejia::store {

namespace {

/// The path of the region at `depth` (0: the city) on `path`; "" when the path is shallower.
std::string PathAtDepth(std::string_view path, size_t depth) {
  const auto codes = domain::CodesOnPath(path);
  if (codes.size() <= depth) return std::string();
  std::string out = "/";
  for (size_t i = 0; i <= depth; ++i) out += codes[i] + "/";
  return out;
}

std::string LastCode(std::string_view path) {
  const auto codes = domain::CodesOnPath(path);
  return codes.empty() ? std::string() : codes.back();
}

std::optional<int64_t> GridSister(Connection& c, std::string_view grid_code) {
  auto row = c.QueryOne(
      "SELECT id FROM users WHERE role = 'grid_sister' AND region_code = ? AND admin_locked = 0 "
      "ORDER BY id LIMIT 1",
      {grid_code});
  if (!row) return std::nullopt;
  return row->Int(0);
}

bool TownHasMediationRoom(Connection& c, std::string_view town_code) {
  return c
      .QueryOne("SELECT 1 FROM mediation_rooms WHERE region_code = ? AND retired = 0 LIMIT 1",
                {town_code})
      .has_value();
}

domain::Placement PlacementOf(Connection& c, std::string_view code) {
  auto region = FindRegion(c, code);
  if (!region) throw DbError("an incident's region vanished");
  return domain::Placement{region->code, region->path, region->level, region->name};
}

/// Where the address puts the incident, and the household it names.
std::pair<domain::Placement, std::optional<int64_t>> Place(Connection& c,
                                                           const security::FieldCipher& cipher,
                                                           RegionNames& names,
                                                           std::string_view address) {
  const auto place = domain::PlaceAddress(address, names.Matching(c, address));
  if (!place.village_code.empty()) {
    const auto village = PlacementOf(c, place.village_code);
    const auto household =
        FindHouseholdByAddress(c, village.path, HouseholdAddressIndex(cipher, address),
                               HouseholdAddressIndex(cipher, place.rest));
    if (household) return {PlacementOf(c, household->grid_code), household->id};
    return {village, std::nullopt};
  }
  if (!place.town_code.empty()) return {PlacementOf(c, place.town_code), std::nullopt};
  auto city = c.QueryOne("SELECT code FROM regions WHERE level = 'city' ORDER BY code LIMIT 1");
  if (!city) throw DbError("no city to place an incident in");
  return {PlacementOf(c, city->Text(0)), std::nullopt};
}

void Alert(std::vector<PushAlert>& alerts, int64_t user, const PushRow& push) {
  for (const auto& a : alerts)
    if (a.user_id == user && a.push_id == push.id) return;
  alerts.push_back({user, push.id, push.recipient});
}

/// Who hears of a new push to `target`: its assignee, else its unit's staff (at most 3); the
/// grid's sister hears of the village's push in any case.
std::vector<int64_t> Told(Connection& c, const PushTarget& target, std::string_view incident_path,
                          int64_t now) {
  std::vector<int64_t> told;
  if (target.assignee_id)
    told.push_back(*target.assignee_id);
  else
    told = UnitHandlers(c, target.region_path, now, 3);
  if (target.recipient != domain::PushRecipient::kVillageFederation) return told;
  const std::string grid_path = PathAtDepth(incident_path, 3);
  if (grid_path.empty()) return told;
  if (auto sister = GridSister(c, LastCode(grid_path))) told.push_back(*sister);
  return told;
}

void AlertsFor(Connection& c, const PushRow& push, std::string_view incident_path, int64_t now,
               std::vector<PushAlert>& alerts) {
  const PushTarget target{push.recipient, push.region_code, push.region_path, push.assignee_id};
  for (int64_t u : Told(c, target, incident_path, now)) Alert(alerts, u, push);
}

}  // namespace

PushTarget TargetFor(Connection& c, domain::PushRecipient recipient, std::string_view incident_path,
                     bool night, int64_t now_ms) {
  PushTarget t{recipient, "", "", std::nullopt};
  const std::string town = PathAtDepth(incident_path, 1);
  const std::string village = PathAtDepth(incident_path, 2);
  const std::string grid = PathAtDepth(incident_path, 3);
  const std::string city = PathAtDepth(incident_path, 0);
  switch (recipient) {
    case domain::PushRecipient::kTownFederation:
      t.region_path = town.empty() ? city : town;
      break;
    case domain::PushRecipient::kVillageFederation:
      t.region_path = !village.empty() ? village : !town.empty() ? town : city;
      break;
    case domain::PushRecipient::kMediation: {
      const bool room = !town.empty() && TownHasMediationRoom(c, LastCode(town));
      t.region_path = domain::MediationSideFor(room) == domain::MediationSide::kTown ? town : city;
      break;
    }
  }
  t.region_code = LastCode(t.region_path);
  if (night)
    t.assignee_id = OnDutyUser(c, t.region_path, now_ms);
  else if (recipient == domain::PushRecipient::kVillageFederation && !grid.empty())
    t.assignee_id = GridSister(c, LastCode(grid));
  return t;
}

PushPlan PlanPushes(Connection& c, std::string_view incident_path, int64_t now_ms) {
  PushPlan plan;
  plan.incident_path = std::string(incident_path);
  plan.settings = LoadIncidentSettings(c);
  plan.night = domain::IsNightClinic(LoadCaseSettings(c), now_ms);
  for (auto recipient : plan.settings.recipients) {
    auto target = TargetFor(c, recipient, incident_path, plan.night, now_ms);
    auto told = Told(c, target, incident_path, now_ms);
    plan.pushes.push_back({std::move(target), std::move(told)});
  }
  return plan;
}

void PlaceByAddress(Connection& c, const security::FieldCipher& cipher, RegionNames& names,
                    IncidentIntake& in) {
  if (in.placed) return;
  auto [placement, household] = Place(c, cipher, names, in.address);
  in.placed = std::move(placement);
  in.household = household;
}

RepeatLook LookForRepeat(Connection& c, const security::FieldCipher& cipher,
                         const IncidentIntake& in) {
  return LookForRepeat(c, RepeatKeysOf(cipher, in.parties, in.household),
                       in.incident.reported_at - domain::kRepeatWindowMs);
}

TakenIncident TakeInIncident(Connection& c, const security::FieldCipher& cipher, RegionNames& names,
                             IncidentIntake& in, int64_t now_ms) {
  TakenIncident out;
  if (auto known = FindIncidentByNo(c, in.incident.incident_no)) {
    out.id = known->id;
    out.region_path = known->region_path;
    out.partner_id = known->links.partner_id;
    return out;
  }
  auto& rec = in.incident;
  PlaceByAddress(c, cipher, names, in);
  rec.region = *in.placed;
  const std::optional<int64_t> household = in.household;
  rec.needs_placement = rec.region.level != domain::RegionLevel::kGrid;
  rec.address.plain = in.address;
  rec.address.dirty = true;
  rec.stage = domain::PushStage::kPushed;
  rec.mark = domain::PushMark::kNone;
  if (!in.repeat || in.repeat->keys.household_id != household)
    in.repeat = LookForRepeat(c, cipher, in);
  out.repeat_of = FinishRepeat(c, *in.repeat);
  rec.repeated = out.repeat_of.has_value();
  const kit::Column links[] = {{"partner_id", Value(in.partner_id)},
                               {"household_id", Value(household)},
                               {"repeat_of", Value(out.repeat_of)}};
  out.id = kit::Insert(c, cipher, rec, now_ms, links);
  out.created = true;
  out.region_path = rec.region.path;
  out.partner_id = in.partner_id;
  out.needs_placement = rec.needs_placement;
  InsertIncidentParties(c, cipher, out.id, in.parties);
  // A key family's stable period starts again, and it is to be reassessed.
  if (household) NoteIncident(c, cipher, *household, rec.reported_at, now_ms);

  if (!in.pushes || in.pushes->incident_path != rec.region.path)
    in.pushes = PlanPushes(c, rec.region.path, now_ms);
  const PushPlan& plan = *in.pushes;
  out.night = plan.night;
  const bool urgent = domain::IsUrgentIncident(rec);
  for (const auto& [target, told] : plan.pushes) {
    const auto recipient = target.recipient;
    PushRow push;
    push.incident_id = out.id;
    push.recipient = recipient;
    push.region_code = target.region_code;
    push.region_path = target.region_path;
    push.assignee_id = target.assignee_id;
    push.night = out.night;
    push.progress.pushed_at = now_ms;
    push.progress.due = domain::DuesFor(plan.settings, urgent, out.night, now_ms);
    InsertPush(c, push);
    ++out.pushes;
    for (int64_t u : told) Alert(out.alerts, u, push);
  }
  return out;
}

std::vector<PushAlert> PlaceIncident(Connection& c, int64_t incident_id,
                                     const domain::Placement& grid, int64_t now_ms) {
  c.Execute(
      "UPDATE police_incidents SET region_code = ?, region_path = ?, level = ?, needs_placement "
      "= 0, version = version + 1, updated_at = ? WHERE id = ?",
      Params{grid.code, grid.path, std::string(domain::ToString(grid.level)), now_ms, incident_id});
  std::vector<PushAlert> alerts;
  for (auto& push : IncidentPushes(c, incident_id)) {
    if (push.recipient != domain::PushRecipient::kVillageFederation) continue;
    const auto target = TargetFor(c, push.recipient, grid.path, push.night, now_ms);
    const bool held = push.progress.acknowledged_at != 0;
    const auto assignee = held ? push.assignee_id : target.assignee_id;
    MovePush(c, push.id, target.region_code, target.region_path, assignee);
    push.region_code = target.region_code;
    push.region_path = target.region_path;
    push.assignee_id = assignee;
    if (!held) AlertsFor(c, push, grid.path, now_ms, alerts);
  }
  return alerts;
}

}  // namespace hejia::store
