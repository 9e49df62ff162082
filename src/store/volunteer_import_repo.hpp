// Volunteers from a spreadsheet, the part that needs the database (the file's own rules:
// domain/volunteer_import.hpp): each row's region exists, lies inside the caller's area and is a
// city, town or village; its grids are grid-level regions inside it, at most so many per sister
// (the setting volunteer.max_grids_per_sister); its team is found by name inside it; an ID number
// already registered for an active volunteer is refused. Then the write: every row in the one
// transaction the caller holds. Rows and SQL only.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/volunteer_import.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/record_kit.hpp"
#include "store/scope.hpp"

namespace hejia::store {

/// A grid a sister covers, as stored in volunteer_grids.
struct PlacedGrid {
  std::string code;
  std::string path;
};

/// A row ready to be written: the volunteer placed (region and team set) and her grids.
struct PlacedVolunteer {
  size_t line = 0;
  domain::Volunteer volunteer;
  std::vector<PlacedGrid> grids;
};

/// The settings key of the most grids one sister may cover.
inline constexpr std::string_view kMaxGridsSettingKey = "volunteer.max_grids_per_sister";

/// The most grids one sister may cover: the stored setting when there is a valid one, else
/// domain::VolunteerSettings{}'s.
int64_t MaxGridsPerSister(Connection& c);

/// Places the rows, adding each problem to `errors` under its row, column and field (a region
/// outside `scope` is answered like one that does not exist). The result is meaningful only when
/// `errors` stays empty.
std::vector<PlacedVolunteer> PlaceVolunteerImport(Connection& c, const ScopeFilter& scope,
                                                  const security::FieldCipher& cipher,
                                                  std::vector<domain::ImportedVolunteer> rows,
                                                  domain::ImportErrors& errors, int64_t now_ms);

/// Writes the placed volunteers and their grids (inside the caller's write transaction); returns
/// how many were written. The caller calls ListTotalsChanged after the commit.
size_t WriteVolunteerImport(Connection& c, const security::FieldCipher& cipher,
                            std::vector<PlacedVolunteer>& rows, int64_t now_ms);

/// What the export holds: the volunteers (masked, with their regions' names), their teams' names
/// and their grids' codes.
struct VolunteerExport {
  int64_t total = 0;  ///< every match; `rows` stays empty when it exceeds the limit
  std::vector<domain::Volunteer> rows;
  std::map<int64_t, std::string> team_names;               ///< team id → name
  std::map<int64_t, std::vector<std::string>> grid_codes;  ///< volunteer id → codes
};

/// The volunteers inside `scope` matching the list's `filters`, in the list's order
/// (`sort_column` a declared column, never client text), unless there are more than `max_rows`.
VolunteerExport ExportVolunteers(Connection& c, const ScopeFilter& scope,
                                 const std::vector<kit::ListFilter>& filters, bool include_retired,
                                 std::string_view sort_column, bool descending, int64_t max_rows);

}  // namespace hejia::store
