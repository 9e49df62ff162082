// Performance monitoring of mediation agreements: every installment that became overdue unpaid
// (domain::Evaluate's `missed`) gets one reminder — a reminders row (unique per obligation and due
// date), the case flagged, a timeline event, an SMS to the payer through the outbox and an audit
// entry by "system". When the arrears are paid the reminders are resolved and the flag cleared
// (here, and at once when a payment is recorded).
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>

#include "api/services.hpp"

namespace hejia::jobs {

/// One pass at `now_ms` inside the caller's write transaction, over the obligations of effective
/// agreements whose case is agreed, performing or breached. Returns the number of new reminders.
int RemindMissedPayments(store::Connection& conn, const security::FieldCipher& cipher,
                         const security::KeyRing& keys, int64_t now_ms);

/// One pass through the writer. Blocking; tests call it with the time they want.
int RunPaymentReminders(api::Services& s, int64_t now_ms);

/// Runs a pass every `period` (on the writer, without blocking an I/O thread) until Stop().
class PaymentReminders {
 public:
  PaymentReminders(boost::asio::io_context& ioc, api::Services& s,
                   std::chrono::seconds period = std::chrono::minutes(30));
  void Start();
  void Stop();

 private:
  void Schedule();
  boost::asio::steady_timer timer_;
  api::Services& s_;
  std::chrono::seconds period_;
  bool stopped_ = false;
};

}  // namespace hejia::jobs
