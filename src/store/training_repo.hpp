// A training's attendance (issue 12, point 4): the volunteers who came, replaced as a whole, the
// training's count kept beside it; and the trainings of one volunteer. SQL and rows only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

struct Attendee {
  int64_t volunteer_id = 0;
  std::string name, member_type, level;
};

std::vector<Attendee> LoadAttendance(Connection& c, int64_t training_id);

/// The ids of `volunteer_ids` that are not active volunteers whose region lies under
/// the scope range [scope_lower, scope_upper) (empty: all are).
std::vector<int64_t> UnknownAttendees(Connection& c, const std::vector<int64_t>& volunteer_ids,
                                      const std::string& scope_lower,
                                      const std::string& scope_upper);

/// Replaces the attendance of a training (its count is the training's own field).
void ReplaceAttendance(Connection& c, int64_t training_id,
                       const std::vector<int64_t>& volunteer_ids);

struct TrainingAttended {
  int64_t id = 0, held_at = 0;
  std::string title, kind;
};
/// The trainings a volunteer attended, newest first.
std::vector<TrainingAttended> TrainingsOfVolunteer(Connection& c, int64_t volunteer_id);

}  // namespace hejia::store
