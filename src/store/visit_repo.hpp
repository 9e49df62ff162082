// What a visit needs besides the kit's columns (store/visits_table.hpp): the visit a phone
// already uploaded under its client id, who went (accounts and volunteers), and the service
// records a visit writes for its volunteers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/visit.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// The visit `user` recorded under `client_id`, if any.
std::optional<int64_t> VisitByClientId(Connection& c, int64_t user, std::string_view client_id);

/// A volunteer who went on a visit, as the visit shows her.
struct VisitVolunteer {
  int64_t id = 0;
  std::string name;
};

struct VisitVisitors {
  std::vector<int64_t> users;
  std::vector<VisitVolunteer> volunteers;
};

/// The active volunteer `id` who serves where `household_path` lies (her region contains it);
/// nullopt otherwise.
std::optional<VisitVolunteer> VolunteerServing(Connection& c, int64_t id,
                                               std::string_view household_path, int64_t now);

/// The active volunteer whose staff account is `user`, if any.
std::optional<int64_t> VolunteerOfUser(Connection& c, int64_t user, int64_t now);

/// Records who went; each volunteer is credited `minutes` of service for the visit (source
/// visit, or care_visit for weekend care), placed in her region.
void AddVisitors(Connection& c, const domain::Visit& v, const std::vector<int64_t>& users,
                 const std::vector<int64_t>& volunteers, int64_t minutes, int64_t now);

VisitVisitors LoadVisitors(Connection& c, int64_t visit_id);

}  // namespace hejia::store
