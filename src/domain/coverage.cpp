#include "domain/coverage.hpp"

#include <algorithm>

namespace hejia::domain {

std::optional<FieldProblem> CheckVolunteerSettings(const VolunteerSettings& s) {
  if (s.max_grids_per_sister < 1 || s.max_grids_per_sister > kMaxGridsPerSisterLimit)
    return FieldProblem{"max_grids_per_sister",
                        "每位格姐负责的网格数应为 1 到 " + std::to_string(kMaxGridsPerSisterLimit) +
                            " / must be from 1 to " + std::to_string(kMaxGridsPerSisterLimit)};
  if (s.replacement_due_days < 1 || s.replacement_due_days > kReplacementDueDaysLimit)
    return FieldProblem{"replacement_due_days",
                        "补充格姐的期限应为 1 到 " + std::to_string(kReplacementDueDaysLimit) +
                            " 天 / must be from 1 to " + std::to_string(kReplacementDueDaysLimit) +
                            " days"};
  return std::nullopt;
}

std::vector<std::string> DistinctCodes(const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  for (const auto& c : codes)
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

std::optional<FieldProblem> CheckGridAssignment(const Volunteer& v, std::size_t count,
                                                const VolunteerSettings& s, int64_t now) {
  if (!v.grid_sister)
    return FieldProblem{"grid_codes",
                        "该志愿者不是格姐，不能分配网格 / only a grid sister covers grids"};
  if (!Active(v, now))
    return FieldProblem{"grid_codes",
                        "该志愿者已离队或已停用，不能分配网格 / she no longer serves: no grids"};
  if (static_cast<int64_t>(count) > s.max_grids_per_sister)
    return FieldProblem{"grid_codes", "每位格姐最多负责 " + std::to_string(s.max_grids_per_sister) +
                                          " 个网格 / a grid sister covers at most " +
                                          std::to_string(s.max_grids_per_sister) + " grids"};
  return std::nullopt;
}

std::optional<FieldProblem> CheckGridOf(std::string_view grid_code, RegionLevel level, bool retired,
                                        std::string_view grid_path,
                                        std::string_view volunteer_path) {
  const std::string code(grid_code);
  if (level != RegionLevel::kGrid)
    return FieldProblem{"grid_codes", code + " 不是网格 / " + code + " is not a grid"};
  if (retired) return FieldProblem{"grid_codes", code + " 已停用 / " + code + " is retired"};
  if (!PathWithin(grid_path, volunteer_path))
    return FieldProblem{"grid_codes",
                        code + " 不在该志愿者的服务区域内 / " + code + " is outside her region"};
  return std::nullopt;
}

}  // namespace hejia::domain
