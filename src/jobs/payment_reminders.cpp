#include "jobs/payment_reminders.hpp"

#include <spdlog/spdlog.h>

#include "common/clock.hpp"
#include "domain/obligations.hpp"
#include "store/agreement_repo.hpp"
#include "store/audit.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_repo.hpp"
#include "store/obligation_repo.hpp"
#include "store/sms_outbox.hpp"

namespace hejia::jobs {

namespace json = boost::json;

namespace {

void AuditSystem(store::Connection& conn, const security::KeyRing& keys, int64_t now_ms,
                 int64_t case_id, const std::string& action, const std::string& detail) {
  store::Audit(conn, keys, now_ms, store::Actor::System(), "case", std::to_string(case_id), action,
               "ok", detail);
}

// The reminder names the case and the first unpaid date, never the other party.
std::string ReminderText(const std::string& case_no, const std::string& due_on,
                         int64_t arrears_fen) {
  return "【和家】您好，根据人民调解协议（案件编号 " + case_no + "），" + due_on +
         " 应履行的款项尚未履行，目前欠付 " + domain::FormatYuan(arrears_fen) +
         " 元，请尽快履行。如有困难，请联系您的调解员。";
}

}  // namespace

int RemindMissedPayments(store::Connection& conn, const security::FieldCipher& cipher,
                         const security::KeyRing& keys, int64_t now_ms) {
  const std::string today = FormatBeijing(now_ms).substr(0, 10);
  std::vector<int64_t> case_ids;
  for (const auto& r : conn.Query(
           "SELECT DISTINCT o.case_id FROM obligations o JOIN agreements a ON a.id = "
           "o.agreement_id JOIN cases c ON c.id = o.case_id WHERE a.status = 'effective' AND "
           "c.status IN ('agreed', 'performing', 'breached') ORDER BY o.case_id"))
    case_ids.push_back(r.Int(0));

  int created = 0;
  for (const int64_t case_id : case_ids) {
    auto rec = store::LoadCaseAnywhere(conn, case_id);
    if (!rec) continue;
    bool flag = false;
    for (const auto& o : store::LoadObligations(conn, case_id)) {
      const auto standing = store::StandingOf(conn, o, today);
      std::vector<std::string> fresh;
      for (const auto& due_on : standing.missed) {
        if (conn.QueryOne("SELECT 1 FROM reminders WHERE obligation_id = ? AND kind = 'missed' "
                          "AND due_on = ?",
                          {o.id, due_on}))
          continue;
        conn.Execute(
            "INSERT INTO reminders (case_id, obligation_id, kind, due_on, created_at) VALUES "
            "(?, ?, 'missed', ?, ?)",
            {case_id, o.id, due_on, now_ms});
        fresh.push_back(due_on);
      }
      if (fresh.empty()) continue;
      flag = true;
      created += static_cast<int>(fresh.size());

      bool sms = false;
      auto phone = store::PartyPhone(conn, cipher, case_id, o.payer_party_id);
      if (phone && !phone->empty()) {
        store::EnqueueSms(conn, cipher, *phone,
                          ReminderText(rec->case_no, fresh.front(), standing.arrears_fen),
                          "payment_reminder", now_ms);
        sms = true;
      }
      json::array dates;
      for (const auto& d : fresh) dates.emplace_back(d);
      store::EventInput e;
      e.kind = "reminder";
      e.actor_name = "system";
      e.data = json::object{{"obligation_id", o.id},
                            {"due_on", std::move(dates)},
                            {"party_id", o.payer_party_id},
                            {"sms", sms}};
      store::InsertEvent(conn, cipher, case_id, e, now_ms);
      AuditSystem(conn, keys, now_ms, case_id, "payment_reminder",
                  "obligation=" + std::to_string(o.id) + ";missed=" + fresh.front() +
                      ";count=" + std::to_string(fresh.size()) + (sms ? ";sms" : ";no_phone"));
    }
    if (flag) store::SetCaseFlagged(conn, case_id, true);
    if (store::ResolveClearedReminders(conn, case_id, today, now_ms)) {
      store::EventInput e;
      e.kind = "reminder_resolved";
      e.actor_name = "system";
      store::InsertEvent(conn, cipher, case_id, e, now_ms);
      AuditSystem(conn, keys, now_ms, case_id, "arrears_cleared", "");
    }
  }
  return created;
}

int RunPaymentReminders(const CaseJobContext& ctx, int64_t now_ms) {
  return ctx.db.WriteSync(
      [&](store::Connection& c) { return RemindMissedPayments(c, ctx.cipher, ctx.keys, now_ms); });
}

std::unique_ptr<PeriodicJob> MakePaymentReminders(boost::asio::io_context& ioc,
                                                  const CaseJobContext& ctx, const Clock& clock,
                                                  std::chrono::seconds period) {
  return std::make_unique<PeriodicJob>(
      ioc, ctx.db, clock, "payment reminders", period,
      [ctx](store::Connection& c, int64_t now) -> PeriodicJob::AfterCommit {
        RemindMissedPayments(c, ctx.cipher, ctx.keys, now);
        return {};
      });
}

}  // namespace hejia::jobs
