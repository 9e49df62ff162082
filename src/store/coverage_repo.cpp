#include "store/coverage_repo.hpp"

namespace hejia::store {

namespace {

/// A serving grid sister `v` at the bound time.
constexpr const char* kServing =
    "v.retired = 0 AND v.grid_sister = 1 AND (v.left_at IS NULL OR v.left_at > ?)";

}  // namespace

std::vector<GridRef> GridsOf(Connection& c, int64_t volunteer_id) {
  std::vector<GridRef> out;
  c.QueryEach(
      "SELECT g.grid_code, r.name, g.grid_path FROM volunteer_grids g "
      "JOIN regions r ON r.code = g.grid_code WHERE g.volunteer_id = ? ORDER BY g.grid_path",
      std::vector<Value>{volunteer_id}, [&](const Row& r) {
        out.push_back({r.Text(0), r.Text(1), r.Text(2)});
      });
  return out;
}

void ReplaceGrids(Connection& c, int64_t volunteer_id, const std::vector<RegionRow>& grids,
                  int64_t now) {
  c.Execute("DELETE FROM volunteer_grids WHERE volunteer_id = ?", {volunteer_id});
  for (const auto& g : grids) {
    c.Execute("INSERT INTO volunteer_grids (volunteer_id, grid_code, grid_path) VALUES (?, ?, ?)",
              {volunteer_id, g.code, g.path});
    c.Execute(
        "UPDATE coverage_tasks SET closed_at = ?, closed_by_volunteer_id = ? "
        "WHERE grid_code = ? AND closed_at IS NULL",
        {now, volunteer_id, g.code});
  }
}

Released ReleaseGrids(Connection& c, int64_t volunteer_id, int64_t now, int64_t due_at) {
  Released out;
  std::vector<std::pair<std::string, std::string>> grids;
  for (const auto& r : c.Query("SELECT grid_code, grid_path FROM volunteer_grids "
                               "WHERE volunteer_id = ? ORDER BY grid_path",
                               {volunteer_id}))
    grids.emplace_back(r.Text(0), r.Text(1));
  if (grids.empty()) return out;
  c.Execute("DELETE FROM volunteer_grids WHERE volunteer_id = ?", {volunteer_id});
  for (const auto& [code, path] : grids) {
    out.grids.push_back(code);
    const bool covered =
        c.QueryOne(std::string("SELECT 1 FROM volunteer_grids g JOIN volunteers v ON v.id = "
                               "g.volunteer_id WHERE g.grid_path = ? AND g.grid_code = ? AND ") +
                       kServing + " LIMIT 1",
                   {path, code, now})
            .has_value();
    if (covered) continue;
    // At most one open task per grid (a unique index): an open one stays as it is.
    if (c.Execute("INSERT INTO coverage_tasks (grid_code, grid_path, left_volunteer_id, "
                  "opened_at, due_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  {code, path, volunteer_id, now, due_at}) > 0)
      out.opened.push_back(code);
  }
  return out;
}

int64_t ListTasks(Connection& c, const ScopeFilter& scope, std::optional<bool> open,
                  const PageSpec& page, std::vector<CoverageTask>& out) {
  std::string where = " WHERE 1 = 1" + scope.Sql("t.grid_path");
  std::vector<Value> params;
  scope.Bind(params);
  if (open) where += *open ? " AND t.closed_at IS NULL" : " AND t.closed_at IS NOT NULL";
  const int64_t total = c.QueryOne("SELECT COUNT(*) FROM coverage_tasks t" + where, params)->Int(0);
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  c.QueryEach(
      "SELECT t.id, t.grid_code, r.name, t.grid_path, t.left_volunteer_id, t.opened_at, t.due_at, "
      "t.closed_at, t.closed_by_volunteer_id FROM coverage_tasks t "
      "JOIN regions r ON r.code = t.grid_code" +
          where + " ORDER BY t.id " + (page.descending ? "DESC" : "ASC") + " LIMIT ? OFFSET ?",
      params, [&](const Row& r) {
        auto opt = [&](size_t i) { return r.IsNull(i) ? int64_t{0} : r.Int(i); };
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), opt(4), r.Int(5), r.Int(6),
                       opt(7), opt(8)});
      });
  return total;
}

Coverage ReadCoverage(Connection& c, const ScopeFilter& scope, int64_t now,
                      int64_t max_grids_per_sister) {
  Coverage out;
  std::vector<Value> grid_scope;
  scope.Bind(grid_scope);
  const std::string grids_in_scope =
      " FROM regions r WHERE r.level = 'grid' AND r.retired = 0" + scope.Sql("r.path");
  out.grids = c.QueryOne("SELECT COUNT(*)" + grids_in_scope, grid_scope)->Int(0);

  std::vector<Value> params{now};
  scope.Bind(params);
  out.sisters = c.QueryOne(std::string("SELECT COUNT(*) FROM volunteers v WHERE ") + kServing +
                               scope.Sql("v.region_path"),
                           params)
                    ->Int(0);
  out.open_tasks = c.QueryOne("SELECT COUNT(*) FROM coverage_tasks t WHERE t.closed_at IS NULL" +
                                  scope.Sql("t.grid_path"),
                              grid_scope)
                       ->Int(0);

  // Every uncovered grid with its open task: one statement, the sisters looked up by the grid's
  // path (index volunteer_grids_grid), the task by its code (the open tasks' unique index).
  std::vector<Value> uncovered_params = grid_scope;
  uncovered_params.emplace_back(now);
  c.QueryEach(
      "SELECT r.code, r.name, r.path, r.parent_code, t.id, t.opened_at, t.due_at FROM regions r "
      "LEFT JOIN coverage_tasks t ON t.grid_code = r.code AND t.closed_at IS NULL "
      "WHERE r.level = 'grid' AND r.retired = 0" +
          scope.Sql("r.path") +
          " AND NOT EXISTS (SELECT 1 FROM volunteer_grids g JOIN volunteers v ON v.id = "
          "g.volunteer_id WHERE g.grid_path = r.path AND " +
          kServing + ") ORDER BY r.path",
      uncovered_params, [&](const Row& r) {
        UncoveredGrid g{r.Text(0), r.Text(1), r.Text(2), r.Text(3)};
        if (!r.IsNull(4)) {
          g.task_id = r.Int(4);
          g.opened_at = r.Int(5);
          g.due_at = r.Int(6);
        }
        out.uncovered.push_back(std::move(g));
      });

  params.emplace_back(max_grids_per_sister);
  c.QueryEach(std::string("SELECT v.id, v.name, v.region_code, COUNT(*) FROM volunteers v "
                          "JOIN volunteer_grids g ON g.volunteer_id = v.id WHERE ") +
                  kServing + scope.Sql("v.region_path") +
                  " GROUP BY v.id, v.name, v.region_code HAVING COUNT(*) > ? ORDER BY v.id",
              params, [&](const Row& r) {
                out.overloaded.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
              });
  return out;
}

}  // namespace hejia::store
