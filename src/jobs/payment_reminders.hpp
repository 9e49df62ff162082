// Performance monitoring of mediation agreements: every installment that became overdue unpaid
// (domain::Evaluate's `missed`) gets one reminder — a reminders row (unique per obligation and due
// date), the case flagged, a timeline event, an SMS to the payer through the outbox and an audit
// entry by "system". When the arrears are paid the reminders are resolved and the flag cleared
// (here, and at once when a payment is recorded).
#pragma once
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>

#include "jobs/case_deadlines.hpp"
#include "jobs/periodic_job.hpp"

namespace hejia::jobs {

/// One pass at `now_ms` inside the caller's write transaction, over the obligations of effective
/// agreements whose case is agreed, performing or breached. Returns the number of new reminders.
int RemindMissedPayments(store::Connection& conn, const security::FieldCipher& cipher,
                         const security::KeyRing& keys, int64_t now_ms);

/// One pass through the writer. Blocking; tests call it with the time they want.
int RunPaymentReminders(const CaseJobContext& ctx, int64_t now_ms);

/// The pass every `period` (on the writer, without blocking an I/O thread).
std::unique_ptr<PeriodicJob> MakePaymentReminders(
    boost::asio::io_context& ioc, const CaseJobContext& ctx, const Clock& clock,
    std::chrono::seconds period = std::chrono::minutes(30));

}  // namespace hejia::jobs
