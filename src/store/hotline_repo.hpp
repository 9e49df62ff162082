// The hotline's calls beyond the kit's list: the call backs promised and not yet made, oldest due
// first, for the 待回拨 tab and the menu's badge.
#pragma once
#include <cstdint>
#include <vector>

#include "domain/hotline.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

struct OpenCallBacks {
  int64_t total = 0;                       ///< promised and not yet made, inside the scope
  int64_t overdue = 0;                     ///< of which the due time has passed
  std::vector<domain::HotlineCall> first;  ///< the oldest due first, at most `limit`
};

/// The calls of `scope` (not retired) whose call back was promised and is not made yet.
OpenCallBacks LoadOpenCallBacks(Connection& c, const ScopeFilter& scope, int64_t now_ms,
                                int64_t limit);

}  // namespace hejia::store
