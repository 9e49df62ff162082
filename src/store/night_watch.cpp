#include "store/night_watch.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

std::vector<UnopenedNightCase> UnopenedNightCases(Connection& conn, int64_t taken_since,
                                                  int64_t remind_if_taken_by,
                                                  int64_t escalate_if_reminded_by) {
  std::vector<UnopenedNightCase> out;
  for (const auto& r : conn.Query(
           "SELECT id, case_no, category, region_path, assignee_id, created_at, night_reminded_at "
           "FROM cases WHERE night_clinic = 1 AND status = 'registered' AND assignee_id IS NOT "
           "NULL AND assignee_seen_at IS NULL AND created_at >= ? AND ((night_reminded_at IS NULL "
           "AND created_at <= ?) OR (night_reminded_at <= ? AND night_escalated_at IS NULL)) "
           "ORDER BY id",
           {taken_since, remind_if_taken_by, escalate_if_reminded_by})) {
    using U = UnopenedNightCase;
    out.push_back(ReadColumns<U>(r, &U::id, &U::case_no, &U::category, &U::region_path,
                                 &U::assignee_id, &U::created_at, &U::reminded_at));
  }
  return out;
}

bool MarkNightReminded(Connection& conn, int64_t case_id, int64_t now_ms) {
  return conn.Execute(
             "UPDATE cases SET night_reminded_at = ? WHERE id = ? AND night_reminded_at IS NULL "
             "AND assignee_seen_at IS NULL",
             {now_ms, case_id}) == 1;
}

bool MarkNightEscalated(Connection& conn, int64_t case_id, int64_t now_ms) {
  return conn.Execute(
             "UPDATE cases SET night_escalated_at = ? WHERE id = ? AND night_escalated_at IS NULL "
             "AND night_reminded_at IS NOT NULL AND assignee_seen_at IS NULL",
             {now_ms, case_id}) == 1;
}

bool MarkSeenByAssignee(Connection& conn, int64_t case_id, int64_t user_id, int64_t now_ms) {
  return conn.Execute(
             "UPDATE cases SET assignee_seen_at = ? WHERE id = ? AND assignee_id = ? AND "
             "assignee_seen_at IS NULL",
             {now_ms, case_id, user_id}) == 1;
}

}  // namespace hejia::store
