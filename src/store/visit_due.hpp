// The five must-visits' due list (domain/must_visit.hpp) of an area: the households whose facts
// put them in a situation, their last must-visit and when the next is due. A handful of scoped
// queries, gathered in memory; no query per household.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

struct DueHousehold {
  int64_t household_id = 0;
  std::string head_name, address_mask, grid_code, grid_path;
  std::vector<std::string> situations;
  int64_t last_visit_at = 0;  ///< 0: never visited as a must-visit
  int64_t due_at = 0;
};

/// Every household of `scope` in a situation, by due time (the most overdue first), then id.
std::vector<DueHousehold> MustVisitsDue(Connection& c, const ScopeFilter& scope, int64_t now);

}  // namespace hejia::store
