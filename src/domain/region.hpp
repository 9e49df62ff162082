// The region tree city -> town -> village -> grid, with administrative codes and the materialised
// path every scoped row carries.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hejia::domain {

enum class RegionLevel { kCity, kTown, kVillage, kGrid };

std::string_view ToString(RegionLevel level);
std::optional<RegionLevel> ParseRegionLevel(std::string_view s);
/// The level below `level`; nullopt for a grid.
std::optional<RegionLevel> ChildLevel(RegionLevel level);
/// Codes: city 6 digits, town 9, village 12, grid 15; a child's code starts with its parent's.
bool ValidRegionCode(std::string_view code, RegionLevel level);
/// Path of a child: parent path + code + "/".
std::string ChildPath(std::string_view parent_path, std::string_view code);

/// "Within my subtree" as a half-open range on the path: [path, PathUpperBound(path)).
std::string PathUpperBound(std::string_view path);

/// True when `path` lies in the subtree rooted at `scope` (both materialised paths). An empty
/// scope contains nothing.
bool PathWithin(std::string_view path, std::string_view scope);

}  // namespace hejia::domain
