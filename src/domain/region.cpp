#include "domain/region.hpp"

#include <algorithm>

#include "common/code_table.hpp"
#include "common/utf8.hpp"

namespace hejia::domain {

constexpr std::pair<RegionLevel, std::string_view> kRegionLevelCodes[] = {
    {RegionLevel::kCity, "city"},
    {RegionLevel::kTown, "town"},
    {RegionLevel::kVillage, "village"},
    {RegionLevel::kGrid, "grid"}};

std::string_view ToString(RegionLevel level) {
  return CodeOf(kRegionLevelCodes, level, "grid");
}

std::optional<RegionLevel> ParseRegionLevel(std::string_view s) {
  return ValueOf<RegionLevel>(kRegionLevelCodes, s);
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

std::optional<RegionLevel> ParentLevel(RegionLevel level) {
  switch (level) {
    case RegionLevel::kCity:
      return std::nullopt;
    case RegionLevel::kTown:
      return RegionLevel::kCity;
    case RegionLevel::kVillage:
      return RegionLevel::kTown;
    case RegionLevel::kGrid:
      return RegionLevel::kVillage;
  }
  return std::nullopt;
}

bool AtOrAbove(RegionLevel level, RegionLevel than) {
  return static_cast<int>(level) <= static_cast<int>(than);
}

size_t RegionCodeLength(RegionLevel level) {
  switch (level) {
    case RegionLevel::kCity:
      return 6;
    case RegionLevel::kTown:
      return 9;
    case RegionLevel::kVillage:
      return 12;
    case RegionLevel::kGrid:
      return 15;
  }
  return 15;
}

bool ValidRegionCode(std::string_view code, RegionLevel level) {
  if (code.size() != RegionCodeLength(level)) return false;
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

std::optional<std::string> RegionNameProblem(std::string_view name) {
  if (name.empty()) return "必填 / required";
  if (!IsValidUtf8(name)) return "不是有效的 UTF-8 文本 / not valid UTF-8";
  if (Utf8CodePointCount(name) > kRegionNameMaxChars)
    return "过长，最多 " + std::to_string(kRegionNameMaxChars) + " 字 / too long, at most " +
           std::to_string(kRegionNameMaxChars) + " characters";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F) return "含有控制字符 / contains control characters";
  return std::nullopt;
}

std::optional<std::string> ChildCodeProblem(std::string_view code, std::string_view parent_code,
                                            RegionLevel parent_level) {
  const auto level = ChildLevel(parent_level);
  if (!level) return "网格下不能再设区划 / a grid has no sub-regions";
  if (code.empty()) return "必填 / required";
  if (!ValidRegionCode(code, *level))
    return "代码应为 " + std::to_string(RegionCodeLength(*level)) + " 位数字 / a " +
           std::string(ToString(*level)) + " code has " + std::to_string(RegionCodeLength(*level)) +
           " digits";
  if (code.substr(0, parent_code.size()) != parent_code)
    return "代码应以上级代码 " + std::string(parent_code) +
           " 开头 / must start with the parent's code";
  return std::nullopt;
}

std::vector<std::string> CodesOnPath(std::string_view path) {
  std::vector<std::string> codes;
  size_t start = 0;
  while (start < path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) codes.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return codes;
}

std::vector<std::string> PathsAbove(std::string_view path) {
  std::vector<std::string> out;
  std::string prefix = "/";
  const auto codes = CodesOnPath(path);
  for (size_t i = 0; i + 1 < codes.size(); ++i) {
    prefix += codes[i] + "/";
    out.push_back(prefix);
  }
  return out;
}

std::string RebasePath(std::string_view path, std::string_view old_root,
                       std::string_view new_root) {
  std::string out(new_root);
  out += path.substr(std::min(old_root.size(), path.size()));
  return out;
}

}  // namespace hejia::domain
