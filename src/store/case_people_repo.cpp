#include "store/case_people_repo.hpp"

#include <algorithm>
#include <vector>

#include "domain/case_routing.hpp"
#include "domain/region.hpp"
#include "store/rooms_repo.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

std::optional<MediatorInfo> FindMediator(Connection& conn, int64_t id) {
  auto r = conn.QueryOne(
      "SELECT id, name, region_path, active, user_id, person_id FROM mediators WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return MediatorInfo{r->Int(0),      r->Text(1),    r->Text(2),
                      r->Int(3) != 0, OptInt(*r, 4), OptInt(*r, 5)};
}

domain::RecusalMediator RecusalMediatorOf(Connection& conn, const MediatorInfo& m) {
  domain::RecusalMediator out;
  out.name = m.name;
  out.person_id = m.person_id;
  if (m.person_id) {
    auto r = conn.QueryOne("SELECT household_id, COALESCE(id_bidx, '') FROM people WHERE id = ?",
                           {*m.person_id});
    if (r) {
      out.household_id = r->Int(0);
      out.id_bidx = r->Text(1);
    }
  }
  return out;
}

std::optional<StaffInfo> FindStaff(Connection& conn, int64_t user_id) {
  // A retired home region grants nothing: its path reads as empty.
  const auto row = conn.QueryOne(
      "SELECT u.id, u.display_name, u.role, CASE WHEN COALESCE(r.retired, 0) = 1 THEN '' ELSE "
      "COALESCE(r.path, '') END, u.admin_locked, u.locked_until FROM users u LEFT JOIN regions r "
      "ON r.code = u.region_code WHERE u.id = ?",
      {user_id});
  if (!row) return std::nullopt;
  using S = StaffInfo;
  return ReadColumns<S>(*row, &S::id, &S::display_name, &S::role, &S::region_path, &S::locked,
                        &S::locked_until);
}

std::optional<int64_t> OnDutyUser(Connection& conn, std::string_view region_path, int64_t now_ms) {
  auto chain = domain::CodesOnPath(region_path);
  std::reverse(chain.begin(), chain.end());  // the region first, then up to the city
  if (chain.empty()) return std::nullopt;
  std::vector<domain::Shift> shifts;
  for (const auto& s : ShiftsCovering(conn, chain, now_ms)) {
    // Whether the person can take it now: the account as it is today, not as it was rostered.
    const auto u = FindStaff(conn, s.user_id);
    const bool can_act = u && !u->locked && u->locked_until <= now_ms &&
                         domain::RoleHas(u->role, "case.write") && !u->region_path.empty() &&
                         domain::PathWithin(s.region_path, u->region_path);
    shifts.push_back(
        domain::Shift{s.id, s.user_id, s.region_code, s.starts_at, s.ends_at, can_act});
  }
  auto on_duty = domain::OnDuty(shifts, chain, now_ms);
  if (!on_duty) return std::nullopt;
  return on_duty->user_id;
}

std::vector<int64_t> UnitHandlers(Connection& conn, std::string_view region_path, int64_t now_ms,
                                  size_t limit) {
  std::vector<std::string> paths = domain::PathsAbove(region_path);
  paths.emplace_back(region_path);
  std::reverse(paths.begin(), paths.end());  // the region first, then up to the city
  for (const auto& path : paths) {
    std::vector<int64_t> out;
    for (const auto& r :
         conn.Query("SELECT u.id, u.role, u.locked_until FROM users u JOIN regions r ON r.code = "
                    "u.region_code WHERE r.path = ? AND r.retired = 0 AND u.admin_locked = 0 ORDER "
                    "BY u.id",
                    {path})) {
      const auto role = domain::ParseRole(r.Text(1));
      if (!role || !domain::RoleHas(*role, "case.write") || r.Int(2) > now_ms) continue;
      out.push_back(r.Int(0));
      if (out.size() >= limit) break;
    }
    if (!out.empty()) return out;
  }
  return {};
}

}  // namespace hejia::store
