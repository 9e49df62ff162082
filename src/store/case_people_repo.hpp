// The people around a case as assignment needs them: mediators (and their recusal view), staff
// accounts, and who is on duty for a region now.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/recusal.hpp"
#include "domain/roles.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// A mediator as assignment needs it.
struct MediatorInfo {
  int64_t id = 0;
  std::string name, region_path;
  bool active = false;
  std::optional<int64_t> user_id, person_id;
};
std::optional<MediatorInfo> FindMediator(Connection& conn, int64_t id);
/// The recusal view of a mediator (own person, household and ID-number index when linked).
domain::RecusalMediator RecusalMediatorOf(Connection& conn, const MediatorInfo& m);

/// A staff account as assignment needs it.
struct StaffInfo {
  int64_t id = 0;
  std::string display_name;
  domain::Role role = domain::Role::kNone;
  std::string region_path;
  bool locked = false;
  int64_t locked_until = 0;  ///< a lockout after failed sign-ins ends then
};
std::optional<StaffInfo> FindStaff(Connection& conn, int64_t user_id);

/// Who is on duty now for a region: its chain of codes (the region first, then its ancestors)
/// through the duty roster and domain::OnDuty.
std::optional<int64_t> OnDutyUser(Connection& conn, std::string_view region_path, int64_t now_ms);

/// The staff of the nearest unit on `region_path` that has anyone able to act on a case now (the
/// region's own first, then the level above, up to the city): unlocked accounts whose role writes
/// cases, at most `limit`, by id. An urgent request reaches them day and night.
std::vector<int64_t> UnitHandlers(Connection& conn, std::string_view region_path, int64_t now_ms,
                                  size_t limit);

}  // namespace hejia::store
