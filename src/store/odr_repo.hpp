// The provincial dispute platform's cases (issue 13, point 4), store side: each 解纷码 and the
// case made of it (one case per code, whatever number of times it is sent), and the status
// callbacks to the platform — queued in the transaction that moves the case (store::InsertEvent),
// one row per event with its body as it was then, sent in order per case (a later event waits
// for an earlier one still pending or failed), retried with backoff, failed rows listed for an
// operator. SQL and rows only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_flow.hpp"
#include "store/db.hpp"

namespace hejia::store {

struct OdrLink {
  std::string code;
  int64_t partner_id = 0;
  int64_t case_id = 0;
};

std::optional<OdrLink> FindOdrByCode(Connection& c, std::string_view code);
std::optional<OdrLink> FindOdrByCase(Connection& c, int64_t case_id);
/// Links a new case to its code (the code's primary key makes a second link fail).
void LinkOdrCase(Connection& c, const OdrLink& link, int64_t now_ms);

/// Queues the platform's callback for a case that moved to `to`, when the case came from the
/// platform, the move is one the platform follows (domain::OdrEventFor) and its partner has a
/// callback address. True when a row was added.
bool QueueOdrEvent(Connection& c, int64_t case_id, domain::CaseStatus to, int64_t now_ms);

struct DueOdrCallback {
  int64_t id = 0, partner_id = 0, case_id = 0;
  int attempts = 0;
  std::string callback_url, body;
};
/// The pending rows due at `now_ms` that are first in their case's queue (at most `batch`), their
/// next attempt pushed `lease_ms` ahead so that no other sender takes them meanwhile.
std::vector<DueOdrCallback> ClaimDueOdrCallbacks(Connection& c, int64_t now_ms, int64_t lease_ms,
                                                 int batch);
void MarkOdrCallbackSent(Connection& c, int64_t id, int64_t now_ms);
void MarkOdrCallbackFailed(Connection& c, int64_t id, int attempts, int64_t next_attempt_ms,
                           const std::string& error, bool final);

struct OdrCallbackRow {
  int64_t id = 0, case_id = 0, created_at = 0, next_attempt_at = 0;
  std::string partner_code, code, case_no, event, status, last_error;
  int attempts = 0;
  std::optional<int64_t> sent_at;
};
/// The newest rows (of one status when given), at most `limit`.
std::vector<OdrCallbackRow> ListOdrCallbacks(Connection& c, const std::string& status, int limit);
/// A failed row is pending again, due now; false when there is no such failed row.
bool RetryOdrCallback(Connection& c, int64_t id, int64_t now_ms);

}  // namespace hejia::store
