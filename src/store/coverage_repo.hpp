// A grid sister's grids and the replacement tasks of uncovered grids (一格一姐, issue 12), in
// tables volunteer_grids and coverage_tasks (migration 17). Rows only: the rules are in
// domain/coverage.hpp, the answers in api/coverage_api.cpp. A grid is covered while a serving
// grid sister (domain::HoldsGrids) has a row for it; the rows of one who stops are removed (the
// audit keeps the history) and each grid left without a sister gets one open task (at most one
// per grid: a unique index).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/region_repo.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

struct GridRef {
  std::string code, name, path;
};

/// The grids of volunteer `volunteer_id`, by path.
std::vector<GridRef> GridsOf(Connection& c, int64_t volunteer_id);

/// Makes `grids` the volunteer's grids (the others are removed) and closes the open task of each
/// of them, as covered by her at `now`.
void ReplaceGrids(Connection& c, int64_t volunteer_id, const std::vector<RegionRow>& grids,
                  int64_t now);

/// What a sister who stopped gave up: her grids (codes, by path) and those of them a task was
/// opened for (no other serving sister covers them, and none was open yet).
struct Released {
  std::vector<std::string> grids, opened;
};
/// Removes the volunteer's grids and opens, due at `due_at`, the task of each grid no serving
/// sister covers at `now`.
Released ReleaseGrids(Connection& c, int64_t volunteer_id, int64_t now, int64_t due_at);

struct CoverageTask {
  int64_t id = 0;
  std::string grid_code, grid_name, grid_path;
  int64_t left_volunteer_id = 0;  ///< 0: none
  int64_t opened_at = 0, due_at = 0;
  int64_t closed_at = 0;               ///< 0: open
  int64_t closed_by_volunteer_id = 0;  ///< 0: none
};
/// The tasks of grids in `scope` (open ones, closed ones, or both), newest first; the total.
int64_t ListTasks(Connection& c, const ScopeFilter& scope, std::optional<bool> open,
                  const PageSpec& page, std::vector<CoverageTask>& out);

/// An active grid no serving sister covers, with its open task if any (task_id 0: none).
struct UncoveredGrid {
  std::string code, name, path, village_code;
  int64_t task_id = 0, opened_at = 0, due_at = 0;
};
/// A serving sister covering more grids than the setting allows.
struct OverloadedSister {
  int64_t id = 0;
  std::string name, region_code;
  int64_t grids = 0;
};
struct Coverage {
  int64_t grids = 0;                         ///< active grids in scope
  int64_t sisters = 0;                       ///< serving grid sisters placed in scope
  int64_t open_tasks = 0;                    ///< open tasks of grids in scope
  std::vector<UncoveredGrid> uncovered;      ///< by path
  std::vector<OverloadedSister> overloaded;  ///< by id
};
/// The coverage of the grids in `scope` at `now`: five statements, whatever the number of grids,
/// each on an index (the regions' paths, the grid sisters' partial index of migration 18, a
/// sister's grids by grid path and by volunteer, the open tasks by grid).
Coverage ReadCoverage(Connection& c, const ScopeFilter& scope, int64_t now,
                      int64_t max_grids_per_sister);

}  // namespace hejia::store
