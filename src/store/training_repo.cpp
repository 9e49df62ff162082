#include "store/training_repo.hpp"

namespace hejia::store {

std::vector<Attendee> LoadAttendance(Connection& c, int64_t training_id) {
  std::vector<Attendee> out;
  c.QueryEach(
      "SELECT v.id, v.name, v.member_type, v.level FROM training_attendance a JOIN volunteers v "
      "ON v.id = a.volunteer_id WHERE a.training_id = ? ORDER BY v.region_path, v.id",
      std::vector<Value>{training_id}, [&](const Row& r) {
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
      });
  return out;
}

std::vector<int64_t> UnknownAttendees(Connection& c, const std::vector<int64_t>& volunteer_ids,
                                      const std::string& scope_lower,
                                      const std::string& scope_upper) {
  std::vector<int64_t> unknown;
  for (int64_t id : volunteer_ids)
    if (!c.QueryOne("SELECT 1 FROM volunteers WHERE id = ? AND retired = 0 AND "
                    "region_path >= ? AND region_path < ?",
                    {id, scope_lower, scope_upper}))
      unknown.push_back(id);
  return unknown;
}

void ReplaceAttendance(Connection& c, int64_t training_id,
                       const std::vector<int64_t>& volunteer_ids) {
  c.Execute("DELETE FROM training_attendance WHERE training_id = ?", {training_id});
  for (int64_t id : volunteer_ids)
    c.Execute("INSERT INTO training_attendance (training_id, volunteer_id) VALUES (?, ?)",
              {training_id, id});
}

std::vector<TrainingAttended> TrainingsOfVolunteer(Connection& c, int64_t volunteer_id) {
  std::vector<TrainingAttended> out;
  c.QueryEach(
      "SELECT t.id, t.held_at, t.title, t.kind FROM training_attendance a JOIN trainings t ON "
      "t.id = a.training_id WHERE a.volunteer_id = ? AND t.retired = 0 ORDER BY t.held_at DESC",
      std::vector<Value>{volunteer_id}, [&](const Row& r) {
        out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3)});
      });
  return out;
}

}  // namespace hejia::store
