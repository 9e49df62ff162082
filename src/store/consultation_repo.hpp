// Online consultations' limits, store side (issue 13, point 2): the unanswered questions past
// their limit whose supervision mark must move (domain::ConsultationMark), marked in one pass.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

/// A question whose mark a pass moved.
struct LateConsultation {
  int64_t id = 0;
  std::string category;
  std::string mark;  ///< "yellow" or "red"
  bool urgent = false;
  std::optional<int64_t> notify_user;  ///< its assignee, else whoever is on duty for its region
};

/// Marks every open question whose limit has passed and whose mark is behind what
/// domain::ConsultationMark says at `now_ms` (the version does not move: an answer being typed
/// is not made stale by a mark). Does not audit: the caller does, in the same transaction.
std::vector<LateConsultation> MarkLateConsultations(Connection& c, int64_t now_ms);

}  // namespace hejia::store
