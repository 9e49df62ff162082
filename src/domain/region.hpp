// The region tree city -> town -> village -> grid, with administrative codes and the materialised
// path every scoped row carries.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

enum class RegionLevel { kCity, kTown, kVillage, kGrid };

std::string_view ToString(RegionLevel level);
std::optional<RegionLevel> ParseRegionLevel(std::string_view s);
/// The level below `level`; nullopt for a grid.
std::optional<RegionLevel> ChildLevel(RegionLevel level);
/// The level above `level`; nullopt for the city.
std::optional<RegionLevel> ParentLevel(RegionLevel level);
/// `level` is `than` or higher in the tree (the city is above the town).
bool AtOrAbove(RegionLevel level, RegionLevel than);
/// Digits in a code of `level`: city 6, town 9, village 12, grid 15.
size_t RegionCodeLength(RegionLevel level);
/// Codes: city 6 digits, town 9, village 12, grid 15; a child's code starts with its parent's.
bool ValidRegionCode(std::string_view code, RegionLevel level);
/// Path of a child: parent path + code + "/".
std::string ChildPath(std::string_view parent_path, std::string_view code);

/// "Within my subtree" as a half-open range on the path: [path, PathUpperBound(path)).
std::string PathUpperBound(std::string_view path);

/// True when `path` lies in the subtree rooted at `scope` (both materialised paths). An empty
/// scope contains nothing.
bool PathWithin(std::string_view path, std::string_view scope);

/// Longest region name, in characters.
inline constexpr size_t kRegionNameMaxChars = 50;

/// Why `name` cannot name a region (empty, too long, control characters, not UTF-8), or nullopt
/// when it can. `name` is already trimmed.
std::optional<std::string> RegionNameProblem(std::string_view name);

/// Why `code` cannot be the code of a new child of the region `parent_code` at `parent_level`, or
/// nullopt when it can: the parent must have a level below it, and the code must have that
/// level's length and start with the parent's code. (A region that later moves keeps its code:
/// the prefix tells where it was created; the path tells where it is.)
std::optional<std::string> ChildCodeProblem(std::string_view code, std::string_view parent_code,
                                            RegionLevel parent_level);

/// The codes along a materialised path, top first: "/330784/330784001/" -> {330784, 330784001}.
std::vector<std::string> CodesOnPath(std::string_view path);

/// The paths strictly above `path`, top first: "/a/b/c/" -> {"/a/", "/a/b/"}.
std::vector<std::string> PathsAbove(std::string_view path);

/// The path of a region of the subtree once the subtree's root moves from `old_root` to
/// `new_root` (both paths); `path` must lie within `old_root`.
std::string RebasePath(std::string_view path, std::string_view old_root, std::string_view new_root);

}  // namespace hejia::domain
