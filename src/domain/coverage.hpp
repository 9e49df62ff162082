// "One sister per grid" (一格一姐, issue 12): the rules of a grid sister's grids and of the
// replacement task a grid opens when its last sister leaves. Pure: the store reads and writes the
// rows (store/coverage_repo.hpp), the API checks and answers (api/coverage_api.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.hpp"
#include "domain/volunteer.hpp"

namespace hejia::domain {

/// Why these settings cannot be saved (the field and a bilingual message), or nullopt.
std::optional<FieldProblem> CheckVolunteerSettings(const VolunteerSettings& s);

/// Whether `v` holds grids at `now`: a grid sister who serves (Active). One who does not (she
/// left, was retired or is no longer a grid sister) gives her grids up.
constexpr bool HoldsGrids(const Volunteer& v, int64_t now) {
  return v.grid_sister && Active(v, now);
}

/// The codes asked for, each once, in the order first given.
std::vector<std::string> DistinctCodes(const std::vector<std::string>& codes);

/// Why `v` cannot be given `count` grids at `now` (field grid_codes): she must be a grid sister
/// who serves, and cover at most the settings' number of grids. Nullopt when she can.
std::optional<FieldProblem> CheckGridAssignment(const Volunteer& v, std::size_t count,
                                                const VolunteerSettings& s, int64_t now);

/// Why the grid at `grid_path` (level `level`, retired or not) cannot be one of the grids of a
/// sister serving at `volunteer_path`, or nullopt: it must be a grid, not retired, inside her
/// region. (Whether the caller may see it at all is the caller's scope, checked before.)
std::optional<FieldProblem> CheckGridOf(std::string_view grid_code, RegionLevel level, bool retired,
                                        std::string_view grid_path,
                                        std::string_view volunteer_path);

inline constexpr int64_t kDayMillis = 24LL * 60 * 60 * 1000;

/// When the replacement task of a grid opened at `now` falls due.
constexpr int64_t ReplacementDue(int64_t now, const VolunteerSettings& s) {
  return now + s.replacement_due_days * kDayMillis;
}

}  // namespace hejia::domain
