// Region look-ups shared by every API area that resolves a region code (people, households,
// users): one row of the region tree by code, and the tables whose rows carry a region path.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

/// One region as stored. `parent_code` is empty for the top region; `path` is the materialised
/// path ("/330784/330784001/") that every scoped row copies into its region_path.
struct RegionRow {
  std::string code;
  std::string name;
  std::string level;  // city | town | village | grid
  std::string parent_code;
  std::string path;
  bool retired = false;
};

/// The region with this code, retired or not; nullopt when there is none. Scope is the caller's
/// business: check the path with ScopeFilter::Contains / domain::PathWithin.
std::optional<RegionRow> FindRegion(Connection& conn, std::string_view code);

/// Every table with a `region_path` column (read from the database catalogue, so tables added by
/// later migrations are included). Used to follow a moved subtree and to refuse retiring a
/// region that scoped rows still reference.
std::vector<std::string> ScopedTables(Connection& conn);

}  // namespace hejia::store
