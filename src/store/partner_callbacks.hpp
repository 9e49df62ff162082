// The feedback callbacks to a partner (the police): when a push's feedback is recorded on an
// incident the partner sent, a row is queued (one pending per incident: the body is built when it
// is sent, so the newest feedback goes), claimed by the sender with a lease, and marked sent, or
// retried with backoff, or failed for an operator to see and retry. SQL and rows only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

/// Queues the feedback of `incident_id` for its partner when the partner has a callback address
/// and nothing is pending for the incident yet; true when a row was added.
bool QueueFeedbackCallback(Connection& c, int64_t incident_id, int64_t now_ms);

struct DueCallback {
  int64_t id = 0, partner_id = 0, incident_id = 0;
  int attempts = 0;
  std::string callback_url;
};
/// The pending rows due at `now_ms` (at most `batch`), their next attempt pushed `lease_ms` ahead
/// so that no other sender takes them meanwhile.
std::vector<DueCallback> ClaimDueCallbacks(Connection& c, int64_t now_ms, int64_t lease_ms,
                                           int batch);
void MarkCallbackSent(Connection& c, int64_t id, int64_t now_ms);
/// Another failed attempt: retried at `next_attempt_ms`, or `failed` for good when `final`.
void MarkCallbackFailed(Connection& c, int64_t id, int attempts, int64_t next_attempt_ms,
                        const std::string& error, bool final);

struct CallbackRow {
  int64_t id = 0, partner_id = 0, incident_id = 0, created_at = 0, next_attempt_at = 0;
  std::string partner_code, incident_no, status, last_error;
  int attempts = 0;
  std::optional<int64_t> sent_at;
};
/// The newest rows (of one status when given), at most `limit`.
std::vector<CallbackRow> ListCallbacks(Connection& c, const std::string& status, int limit);
/// A failed row is pending again, due now; false when there is no such failed row.
bool RetryCallback(Connection& c, int64_t id, int64_t now_ms);

}  // namespace hejia::store
