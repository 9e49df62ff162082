// The rows the night-clinic watch reads and marks: night requests whose assignee has not opened
// them yet (the SMS goes to the staff phone of store/user_repo). SQL and rows only;
// jobs/night_alerts decides.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// A night request still registered whose assignee has not opened it.
struct UnopenedNightCase {
  int64_t id = 0;
  std::string case_no, category, region_path;
  int64_t assignee_id = 0;
  int64_t created_at = 0;
  std::optional<int64_t> reminded_at;  ///< the SMS reminder, once sent
};

/// Unopened night requests taken in since `taken_since` and due a step: taken in at or before
/// `remind_if_taken_by` and not yet reminded, or reminded at or before `escalate_if_reminded_by`
/// and not yet escalated. By id.
std::vector<UnopenedNightCase> UnopenedNightCases(Connection& conn, int64_t taken_since,
                                                  int64_t remind_if_taken_by,
                                                  int64_t escalate_if_reminded_by);
/// Marks the reminder (or the escalation) sent; false when another pass did it first or the
/// assignee opened the case meanwhile.
bool MarkNightReminded(Connection& conn, int64_t case_id, int64_t now_ms);
bool MarkNightEscalated(Connection& conn, int64_t case_id, int64_t now_ms);

/// Records that the assignee opened the case (the first time only); false for anyone else.
bool MarkSeenByAssignee(Connection& conn, int64_t case_id, int64_t user_id, int64_t now_ms);

}  // namespace hejia::store
