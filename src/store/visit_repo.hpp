// What a visit needs besides the kit's columns (store/visits_table.hpp): the visit a phone
// already uploaded under its client id, who went (accounts and volunteers), and the service
// records a visit writes for its volunteers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/visit.hpp"
#include "security/field_cipher.hpp"
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
  std::vector<VisitVolunteer> accounts;  ///< the same accounts with their display names
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

/// Records a visit that another record's work makes (issue 12, point 2: a key family's contact,
/// an incident's home visit): `v` names the household, the kind, the time, the recorder and what
/// was found; it is placed on the household's grid and counted at `level`, or at the recorder's
/// own level (domain::CountedLevel) when none is given; the recorder is its one visitor. The
/// visit's id; throws DbError when the household does not exist.
int64_t InsertWorkVisit(Connection& c, const security::FieldCipher& cipher, domain::Visit v,
                        std::optional<domain::RegionLevel> level, int64_t now);

/// The home visit of an incident's push (its step "visited") as a visit of the household the
/// incident concerns: kind incident follow-up, linked to the incident, the step's note its
/// findings. The visit's id; nullopt when the incident names no household.
std::optional<int64_t> InsertIncidentVisit(Connection& c, const security::FieldCipher& cipher,
                                           int64_t incident_id, int64_t by, int64_t at,
                                           const std::string& note, int64_t now);

/// The kind the visit `id` was recorded as ("" when there is none).
std::string StoredVisitKind(Connection& c, int64_t id);

/// The level of the region an account works in; nullopt for an unknown account.
std::optional<domain::RegionLevel> RegionLevelOfUser(Connection& c, int64_t user);

/// The household's latest police incident, the one an incident follow-up answers; nullopt when
/// none concerns it.
std::optional<int64_t> LatestIncidentOfHousehold(Connection& c, int64_t household_id);

}  // namespace hejia::store
