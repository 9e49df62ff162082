// What care visits and the visit figures need besides the kit's columns (issue 12, points 3, 5
// and 6): the people a visit met and what they were given (visit_people, with each person's
// difficulty tags and counted category as she was when visited), a team's members for a visit
// the leader records for the whole team, the person-visit figures of weekend care, the tagged
// people never visited, the visit counts leaders see, a volunteer's own service time, and the
// house numbers of a grid sister's own grid. SQL and rows only.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/care.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::security {
class FieldCipher;
}

namespace hejia::store {

/// Fills the name and difficulty tags of each person met from the people of `household_id`;
/// false when one of them is not of that household.
bool ResolvePeopleMet(Connection& c, int64_t household_id, std::vector<domain::PersonMet>& people);

void AddPeopleMet(Connection& c, int64_t visit_id, const std::vector<domain::PersonMet>& people);
std::vector<domain::PersonMet> LoadPeopleMet(Connection& c, int64_t visit_id);

/// A volunteer team as a visit needs it.
struct TeamOfVisit {
  int64_t id = 0;
  std::string region_path;
  domain::RegionLevel level = domain::RegionLevel::kVillage;
};
std::optional<TeamOfVisit> FindTeam(Connection& c, int64_t id);
/// The active members of a team (at most `most`).
std::vector<int64_t> ActiveTeamMembers(Connection& c, int64_t team_id, int64_t now, size_t most);
/// The team of the active volunteer `id`, 0 for none.
int64_t TeamOfVolunteer(Connection& c, int64_t volunteer_id);
/// The level of a volunteer's region; nullopt when there is no such volunteer.
std::optional<domain::RegionLevel> VolunteerLevel(Connection& c, int64_t volunteer_id);

/// A period, [from, to) in unix milliseconds.
struct Period {
  int64_t from = 0, to = 0;
};

struct Count {
  std::string key;
  int64_t count = 0;
};

/// Weekend care in a period and scope: care visits, person-visits (each person met counts), the
/// distinct people, the visits recorded late, and the person-visits by counted category, by the
/// visitors' level and by the grid the household lies on (the API folds grids into towns).
struct CareFigures {
  int64_t visits = 0, person_visits = 0, people = 0, late = 0;
  std::vector<Count> by_category, by_level, by_grid_path;
};
CareFigures LoadCareFigures(Connection& c, const ScopeFilter& scope, Period period);

/// A person with difficulty tags no care visit met in the period.
struct Unvisited {
  int64_t person_id = 0, household_id = 0;
  std::string name, region_path, grid_code;
  std::vector<std::string> tags;
};
std::vector<Unvisited> LoadUnvisited(Connection& c, const ScopeFilter& scope, Period period,
                                     const std::string& tag, int64_t limit, int64_t offset,
                                     int64_t& total);

/// The households visits of `kind` reached in the period ("" for every kind), most recently
/// visited first: the rows behind a distinct count of households (the cockpit's 走访户数). Scoped
/// by the visit's place, as the count is, so the two agree even for a household that moved.
struct VisitedHousehold {
  int64_t household_id = 0;
  std::string grid_code, region_path;
  int64_t visits = 0, last_visited_at = 0;
};
int64_t ListVisitedHouseholds(Connection& c, const ScopeFilter& scope, Period period,
                              std::string_view kind, int64_t limit, int64_t offset,
                              std::vector<VisitedHousehold>& out);

/// The person-visits of care visits in the period (one row per person met), newest first,
/// optionally of one difficulty category: the rows behind LoadCareFigures' person_visits.
struct CarePersonVisit {
  int64_t visit_id = 0, visited_at = 0, person_id = 0;
  std::string name, category, given, grid_code, region_path;
};
int64_t ListCarePersonVisits(Connection& c, const ScopeFilter& scope, Period period,
                             std::string_view category, int64_t limit, int64_t offset,
                             std::vector<CarePersonVisit>& out);

/// The counts of visits a leader sees: no name, no address, no finding.
struct VisitCounts {
  int64_t visits = 0, households = 0, must_visit_households = 0, problems_found = 0,
          settled_on_spot = 0, cases_opened = 0, referrals_open = 0, late = 0,
          care_person_visits = 0;
};
struct GridVisitCounts {
  std::string grid_path;
  int64_t visits = 0, households = 0;
};
VisitCounts LoadVisitCounts(Connection& c, const ScopeFilter& scope, Period period);
/// Visits and distinct households per grid (a household lies on one grid, so they add up).
std::vector<GridVisitCounts> LoadVisitCountsByGrid(Connection& c, const ScopeFilter& scope,
                                                   Period period);

/// A volunteer's own service: in all, since `month_start`, and the latest records.
struct ServiceLine {
  int64_t served_at = 0, minutes = 0;
  std::string activity, source;
};
struct MyService {
  std::string volunteer_name;  ///< "" when she is no volunteer
  int64_t team_id = 0;
  int64_t minutes_total = 0, minutes_this_month = 0, visits_total = 0, visits_this_month = 0;
  std::vector<ServiceLine> recent;
};
MyService LoadMyService(Connection& c, std::optional<int64_t> volunteer_id, int64_t user,
                        int64_t month_start, size_t recent);

/// The house addresses of `household_ids` lying under `grid_path`, decrypted (id → address);
/// others are left out.
std::map<int64_t, std::string> GridHouseAddresses(Connection& c,
                                                  const security::FieldCipher& cipher,
                                                  const std::string& grid_path,
                                                  const std::vector<int64_t>& household_ids);

}  // namespace hejia::store
