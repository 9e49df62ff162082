// The rows of a staff member's desk that are not cases (api/desk_api.cpp): online consultations
// still waiting for an answer in her area, the nearest limit first. The cases come from
// store/case_list_repo.hpp. SQL and rows only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

struct WaitingConsultation {
  int64_t id = 0;
  std::string category, region_name;
  int64_t created_at = 0;
  int64_t answer_due_at = 0;
  bool urgent = false;
};
struct WaitingConsultations {
  int64_t total = 0;
  int64_t overdue = 0;  ///< past their answer's limit at `now`
  int64_t mine = 0;     ///< routed to `user_id` (a night question about violence)
  std::vector<WaitingConsultation> oldest;  ///< the nearest limit first, at most `limit`
};

/// Consultations with status 'open' whose region_path lies in `scope`.
WaitingConsultations UnansweredConsultations(Connection& conn, const ScopeFilter& scope,
                                             int64_t user_id, int64_t now, int64_t limit);

}  // namespace hejia::store
