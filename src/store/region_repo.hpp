// The region tree in the database: one region by code, the list of the regions API (children,
// the home region itself, or a search of a subtree, always inside the caller's scope), creating,
// renaming, moving a subtree with every scoped row in it, counting what still references a region
// before it is retired, and the tables whose rows carry a region path. Records only: the API
// shapes them (api/regions_api.cpp).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/region.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

/// One region as stored. `parent_code` is empty for the top region; `path` is the materialised
/// path ("/330784/330784001/") that every scoped row copies into its region_path.
struct RegionRow {
  std::string code;
  std::string name;
  /// A stored level the code does not know reads as a grid: nothing may be placed under it.
  domain::RegionLevel level = domain::RegionLevel::kGrid;
  std::string parent_code;
  std::string path;
  bool retired = false;
  /// The unit's public office phone (digits, domain::NormalizePhone), never a person's; "" when
  /// none. The portal's follow page offers it to the applicant (else the hotline 12338).
  std::string phone;
};

/// The region with this code, retired or not; nullopt when there is none. Scope is the caller's
/// business: check the path with ScopeFilter::Contains / domain::PathWithin.
std::optional<RegionRow> FindRegion(Connection& conn, std::string_view code);

/// The regions among `codes` that exist, by code (looked up a chunk at a time).
std::map<std::string, RegionRow, std::less<>> FindRegions(Connection& conn,
                                                          const std::set<std::string>& codes);

/// Active sub-regions, or every sub-region when retired ones are counted too.
int64_t ChildrenCount(Connection& conn, std::string_view code, bool include_retired);

/// What GET /regions lists, inside the scope it is given.
struct RegionQuery {
  enum class Base {
    kItself,    ///< the region at `base_path` itself
    kChildren,  ///< the sub-regions of `base_code`
    kBelow,     ///< the whole subtree strictly below `base_path`
  };
  Base base = Base::kChildren;
  std::string base_code, base_path;
  std::string name_contains;  ///< "" = any name
  std::optional<domain::RegionLevel> level;
  bool include_retired = false;
};
enum class RegionSort { kCode, kName };
/// A listed region with the number of its sub-regions (active ones, or all when the query
/// includes retired regions).
struct ListedRegion {
  RegionRow region;
  int64_t children_count = 0;
};
/// By `sort` (`page.descending`), then by code.
RecordPage<ListedRegion> ListRegions(Connection& conn, const ScopeFilter& scope,
                                     const RegionQuery& query, RegionSort sort,
                                     const PageSpec& page);

/// Inserts an active region.
void InsertRegion(Connection& conn, const RegionRow& r, int64_t now_ms);
void RenameRegion(Connection& conn, std::string_view code, const std::string& name, int64_t now_ms);
/// Sets the office phone ("" clears it).
void SetRegionPhone(Connection& conn, std::string_view code, const std::string& phone,
                    int64_t now_ms);

/// What moving a subtree changed: the regions moved, the rows of each scoped table that followed
/// (tables with none are left out) and the users homed in the subtree.
struct SubtreeMove {
  std::string new_path;
  int64_t regions = 0;
  std::vector<std::pair<std::string, int64_t>> tables;
  std::vector<int64_t> users;
};
/// Moves `r` and its subtree under `parent`: the paths of the regions and of every scoped row in
/// it are rewritten in this one transaction, so no reader ever sees a region in one town and its
/// households in another.
SubtreeMove MoveRegion(Connection& conn, const RegionRow& r, const RegionRow& parent,
                       int64_t now_ms);

/// What still references a region and its subtree: active sub-regions, the rows of each scoped
/// table (every table, in catalogue order) and the users homed there.
struct RegionReferences {
  int64_t children = 0;
  std::vector<std::pair<std::string, int64_t>> tables;
  int64_t users = 0;
};
RegionReferences CountReferences(Connection& conn, const RegionRow& r);
void RetireRegion(Connection& conn, std::string_view code, int64_t now_ms);

/// Every table with a `region_path` column (read from the database catalogue, so tables added by
/// later migrations are included). Used to follow a moved subtree and to refuse retiring a
/// region that scoped rows still reference.
std::vector<std::string> ScopedTables(Connection& conn);

}  // namespace hejia::store
