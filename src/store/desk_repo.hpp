// The rows of a staff member's desk that are not cases (api/desk_api.cpp): online consultations
// still waiting for an answer in her area, oldest first. The cases come from
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
};
struct WaitingConsultations {
  int64_t total = 0;
  std::vector<WaitingConsultation> oldest;  ///< at most `limit`
};

/// Consultations with status 'open' whose region_path lies in `scope`.
WaitingConsultations UnansweredConsultations(Connection& conn, const ScopeFilter& scope,
                                             int64_t limit);

}  // namespace hejia::store
