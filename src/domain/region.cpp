#include "domain/region.hpp"

namespace hejia::domain {

std::string_view ToString(RegionLevel level) {
  switch (level) {
    case RegionLevel::kCity:
      return "city";
    case RegionLevel::kTown:
      return "town";
    case RegionLevel::kVillage:
      return "village";
    case RegionLevel::kGrid:
      return "grid";
  }
  return "grid";
}

std::optional<RegionLevel> ParseRegionLevel(std::string_view s) {
  if (s == "city") return RegionLevel::kCity;
  if (s == "town") return RegionLevel::kTown;
  if (s == "village") return RegionLevel::kVillage;
  if (s == "grid") return RegionLevel::kGrid;
  return std::nullopt;
}

std::optional<RegionLevel> ChildLevel(RegionLevel level) {
  switch (level) {
    case RegionLevel::kCity:
      return RegionLevel::kTown;
    case RegionLevel::kTown:
      return RegionLevel::kVillage;
    case RegionLevel::kVillage:
      return RegionLevel::kGrid;
    case RegionLevel::kGrid:
      return std::nullopt;
  }
  return std::nullopt;
}

bool ValidRegionCode(std::string_view code, RegionLevel level) {
  const size_t want = level == RegionLevel::kCity      ? 6
                      : level == RegionLevel::kTown    ? 9
                      : level == RegionLevel::kVillage ? 12
                                                       : 15;
  if (code.size() != want) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string ChildPath(std::string_view parent_path, std::string_view code) {
  std::string p(parent_path.empty() ? "/" : parent_path);
  p += code;
  p += '/';
  return p;
}

std::string PathUpperBound(std::string_view path) {
  std::string end(path);
  if (end.empty()) return end;
  // Paths end with '/', so bumping the last byte gives the first string past the subtree.
  end.back() = static_cast<char>(end.back() + 1);
  return end;
}

bool PathWithin(std::string_view path, std::string_view scope) {
  if (scope.empty()) return false;
  return path.size() >= scope.size() && path.compare(0, scope.size(), scope) == 0;
}

}  // namespace hejia::domain
