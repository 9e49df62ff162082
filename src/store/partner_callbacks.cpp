#include "store/partner_callbacks.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

bool QueueFeedbackCallback(Connection& c, int64_t incident_id, int64_t now_ms) {
  auto row = c.QueryOne(
      "SELECT p.id FROM police_incidents i JOIN partners p ON p.id = i.partner_id WHERE i.id = ? "
      "AND p.callback_url <> '' AND p.retired = 0",
      {incident_id});
  if (!row) return false;
  if (c.QueryOne(
          "SELECT 1 FROM partner_callbacks WHERE incident_id = ? AND status = 'pending' LIMIT 1",
          {incident_id}))
    return false;
  c.Execute(
      "INSERT INTO partner_callbacks (partner_id, incident_id, status, attempts, "
      "next_attempt_at, created_at) VALUES (?, ?, 'pending', 0, ?, ?)",
      Params{row->Int(0), incident_id, now_ms, now_ms});
  return true;
}

std::vector<DueCallback> ClaimDueCallbacks(Connection& c, int64_t now_ms, int64_t lease_ms,
                                           int batch) {
  std::vector<DueCallback> out;
  for (const auto& r :
       c.Query("SELECT b.id, b.partner_id, b.incident_id, b.attempts, p.callback_url FROM "
               "partner_callbacks b JOIN partners p ON p.id = b.partner_id WHERE b.status = "
               "'pending' AND b.next_attempt_at <= ? ORDER BY b.next_attempt_at, b.id LIMIT ?",
               Params{now_ms, int64_t{batch}})) {
    if (c.Execute(
            "UPDATE partner_callbacks SET next_attempt_at = ? WHERE id = ? AND status = 'pending' "
            "AND next_attempt_at <= ?",
            Params{now_ms + lease_ms, r.Int(0), now_ms}) != 1)
      continue;
    out.push_back({r.Int(0), r.Int(1), r.Int(2), static_cast<int>(r.Int(3)), r.Text(4)});
  }
  return out;
}

void MarkCallbackSent(Connection& c, int64_t id, int64_t now_ms) {
  c.Execute(
      "UPDATE partner_callbacks SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
      "last_error = '' WHERE id = ?",
      Params{now_ms, id});
}

void MarkCallbackFailed(Connection& c, int64_t id, int attempts, int64_t next_attempt_ms,
                        const std::string& error, bool final) {
  c.Execute(
      "UPDATE partner_callbacks SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? "
      "WHERE id = ?",
      Params{final ? "failed" : "pending", attempts, next_attempt_ms, error.substr(0, 200), id});
}

std::vector<CallbackRow> ListCallbacks(Connection& c, const std::string& status, int limit) {
  std::vector<CallbackRow> out;
  for (const auto& r : c.Query(
           "SELECT b.id, b.partner_id, b.incident_id, b.created_at, b.next_attempt_at, p.code, "
           "i.incident_no, b.status, b.last_error, b.attempts, b.sent_at FROM partner_callbacks "
           "b JOIN partners p ON p.id = b.partner_id JOIN police_incidents i ON i.id = "
           "b.incident_id WHERE (? = '' OR b.status = ?) ORDER BY b.id DESC LIMIT ?",
           Params{status, status, int64_t{limit}}))
    out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5), r.Text(6),
                   r.Text(7), r.Text(8), static_cast<int>(r.Int(9)), OptInt(r, 10)});
  return out;
}

bool RetryCallback(Connection& c, int64_t id, int64_t now_ms) {
  return c.Execute(
             "UPDATE partner_callbacks SET status = 'pending', attempts = 0, next_attempt_at = ? "
             "WHERE id = ? AND status = 'failed'",
             Params{now_ms, id}) == 1;
}

}  // namespace hejia::store
