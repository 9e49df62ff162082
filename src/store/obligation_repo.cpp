#include "store/obligation_repo.hpp"

#include <algorithm>
#include <map>

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kObligationColumns =
    "id, case_id, agreement_id, payer_party_id, payee_party_id, description, amount_fen, "
    "schedule, first_due, installments, created_at";

ObligationRecord ObligationOf(const Row& r) {
  ObligationRecord o;
  o.id = r.Int(0);
  o.case_id = r.Int(1);
  o.agreement_id = r.Int(2);
  o.payer_party_id = r.Int(3);
  o.payee_party_id = r.Int(4);
  o.description = r.Text(5);
  o.terms.amount_fen = r.Int(6);
  o.terms.schedule = domain::ParseSchedule(r.Text(7)).value_or(domain::Schedule::kOnce);
  o.terms.first_due = r.Text(8);
  o.terms.installments = static_cast<int>(r.Int(9));
  o.created_at = r.Int(10);
  return o;
}

constexpr std::string_view kPaymentSelect =
    "SELECT p.id, p.obligation_id, p.amount_fen, p.paid_on, p.evidence, p.recorded_by, "
    "COALESCE(u.display_name, ''), p.recorded_at FROM payments p LEFT JOIN users u ON u.id = "
    "p.recorded_by";

RecordedPayment PaymentOf(const Row& r) {
  using P = RecordedPayment;
  return ReadColumns<P>(r, &P::id, &P::obligation_id, &P::amount_fen, &P::paid_on, &P::evidence,
                        &P::recorded_by, &P::recorded_by_name, &P::recorded_at);
}

constexpr std::string_view kFollowUpSelect =
    "SELECT f.id, f.case_id, f.due_on, f.done_at, f.done_by, COALESCE(u.display_name, ''), "
    "f.note_enc, f.created_at FROM follow_ups f LEFT JOIN users u ON u.id = f.done_by";

FollowUpRecord FollowUpOf(const Row& r) {
  using F = FollowUpRecord;
  return ReadColumns<F>(r, &F::id, &F::case_id, &F::due_on, &F::done_at, &F::done_by,
                        &F::done_by_name, &F::note_enc, &F::created_at);
}

}  // namespace

// ---- obligations ----

int64_t InsertObligation(Connection& conn, int64_t case_id, int64_t agreement_id,
                         const ObligationInput& in, int64_t now_ms) {
  return conn
      .QueryOne(
          "INSERT INTO obligations (case_id, agreement_id, payer_party_id, payee_party_id, "
          "description, amount_fen, schedule, first_due, installments, created_at) VALUES "
          "(?,?,?,?,?,?,?,?,?,?) RETURNING id",
          {case_id, agreement_id, in.payer_party_id, in.payee_party_id, in.description,
           in.terms.amount_fen, std::string(domain::ToString(in.terms.schedule)),
           in.terms.first_due, static_cast<int64_t>(in.terms.installments), now_ms})
      ->Int(0);
}

std::vector<ObligationRecord> LoadObligations(Connection& conn, int64_t case_id) {
  std::vector<ObligationRecord> out;
  for (const auto& r : conn.Query("SELECT " + std::string(kObligationColumns) +
                                      " FROM obligations WHERE case_id = ? ORDER BY id",
                                  {case_id}))
    out.push_back(ObligationOf(r));
  return out;
}

std::optional<ObligationRecord> LoadObligation(Connection& conn, int64_t case_id,
                                               int64_t obligation_id) {
  auto row = conn.QueryOne("SELECT " + std::string(kObligationColumns) +
                               " FROM obligations WHERE id = ? AND case_id = ?",
                           {obligation_id, case_id});
  if (!row) return std::nullopt;
  return ObligationOf(*row);
}

// ---- payments ----

std::vector<domain::PaymentRecord> PaymentsOf(Connection& conn, int64_t obligation_id) {
  std::vector<domain::PaymentRecord> out;
  for (const auto& r :
       conn.Query("SELECT paid_on, amount_fen FROM payments WHERE obligation_id = ? ORDER BY "
                  "paid_on, id",
                  {obligation_id}))
    out.push_back(domain::PaymentRecord{r.Text(0), r.Int(1)});
  return out;
}

domain::Standing StandingOf(Connection& conn, const ObligationRecord& o, std::string_view today) {
  const auto payments = PaymentsOf(conn, o.id);
  return domain::Evaluate(o.terms, payments, today);
}

int64_t InsertPayment(Connection& conn, const ObligationRecord& o, const PaymentInput& p,
                      int64_t now_ms) {
  return conn
      .QueryOne(
          "INSERT INTO payments (obligation_id, case_id, amount_fen, paid_on, evidence, "
          "recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
          {o.id, o.case_id, p.amount_fen, p.paid_on, p.evidence, p.recorded_by, now_ms})
      ->Int(0);
}

RecordPage<RecordedPayment> ListPayments(Connection& conn, int64_t obligation_id,
                                         const PageSpec& page) {
  RecordPage<RecordedPayment> out;
  out.total =
      conn.QueryOne("SELECT COUNT(*) FROM payments WHERE obligation_id = ?", {obligation_id})
          ->Int(0);
  const char* dir = page.descending ? " DESC" : " ASC";
  for (const auto& r :
       conn.Query(std::string(kPaymentSelect) + " WHERE p.obligation_id = ? ORDER BY p.paid_on" +
                      dir + ", p.id" + dir + " LIMIT ? OFFSET ?",
                  {obligation_id, page.limit, page.offset}))
    out.items.push_back(PaymentOf(r));
  return out;
}

std::optional<RecordedPayment> FindPayment(Connection& conn, int64_t payment_id) {
  auto row = conn.QueryOne(std::string(kPaymentSelect) + " WHERE p.id = ?", {payment_id});
  if (!row) return std::nullopt;
  return PaymentOf(*row);
}

// ---- reminders ----

bool ResolveClearedReminders(Connection& conn, int64_t case_id, std::string_view today,
                             int64_t now_ms) {
  std::map<int64_t, std::vector<std::string>> missed_by_obligation;
  for (const auto& r : conn.Query(
           "SELECT id, obligation_id, due_on FROM reminders WHERE case_id = ? AND resolved_at IS "
           "NULL ORDER BY id",
           {case_id})) {
    const int64_t reminder_id = r.Int(0);
    const auto obligation_id = OptInt(r, 1);
    const std::string due_on = r.Text(2);
    if (!obligation_id) continue;
    auto it = missed_by_obligation.find(*obligation_id);
    if (it == missed_by_obligation.end()) {
      std::vector<std::string> missed;
      if (auto o = LoadObligation(conn, case_id, *obligation_id))
        missed = StandingOf(conn, *o, today).missed;
      it = missed_by_obligation.emplace(*obligation_id, std::move(missed)).first;
    }
    if (std::find(it->second.begin(), it->second.end(), due_on) == it->second.end())
      conn.Execute("UPDATE reminders SET resolved_at = ? WHERE id = ?", {now_ms, reminder_id});
  }
  if (OpenReminderCount(conn, case_id) == 0 && CaseFlagged(conn, case_id)) {
    SetCaseFlagged(conn, case_id, false);
    return true;
  }
  return false;
}

int64_t OpenReminderCount(Connection& conn, int64_t case_id) {
  return conn
      .QueryOne("SELECT COUNT(*) FROM reminders WHERE case_id = ? AND resolved_at IS NULL",
                {case_id})
      ->Int(0);
}

int64_t OpenObligationReminderCount(Connection& conn, int64_t obligation_id) {
  return conn
      .QueryOne("SELECT COUNT(*) FROM reminders WHERE obligation_id = ? AND resolved_at IS NULL",
                {obligation_id})
      ->Int(0);
}

bool CaseFlagged(Connection& conn, int64_t case_id) {
  auto row = conn.QueryOne("SELECT flagged FROM cases WHERE id = ?", {case_id});
  return row && row->Int(0) != 0;
}

// The flag is the system's mark, not an edit: it does not change the case's version (a staff
// member editing the case at the same time is not told to reload).
void SetCaseFlagged(Connection& conn, int64_t case_id, bool flagged) {
  conn.Execute("UPDATE cases SET flagged = ? WHERE id = ?", {flagged ? 1 : 0, case_id});
}

// ---- follow-up visits ----

int64_t InsertFollowUp(Connection& conn, int64_t case_id, const std::string& due_on,
                       int64_t now_ms) {
  return conn
      .QueryOne(
          "INSERT INTO follow_ups (case_id, due_on, created_at) VALUES (?, ?, ?) RETURNING id",
          {case_id, due_on, now_ms})
      ->Int(0);
}

std::optional<int64_t> OpenFollowUp(Connection& conn, int64_t case_id) {
  auto row = conn.QueryOne(
      "SELECT id FROM follow_ups WHERE case_id = ? AND done_at IS NULL ORDER BY id LIMIT 1",
      {case_id});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<FollowUpRecord> LoadFollowUp(Connection& conn, int64_t case_id, int64_t id) {
  auto row = conn.QueryOne(std::string(kFollowUpSelect) + " WHERE f.id = ? AND f.case_id = ?",
                           {id, case_id});
  if (!row) return std::nullopt;
  return FollowUpOf(*row);
}

RecordPage<FollowUpRecord> ListFollowUps(Connection& conn, int64_t case_id, const PageSpec& page) {
  RecordPage<FollowUpRecord> out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM follow_ups WHERE case_id = ?", {case_id})->Int(0);
  for (const auto& r : conn.Query(std::string(kFollowUpSelect) +
                                      " WHERE f.case_id = ? ORDER BY f.due_on, f.id LIMIT ? "
                                      "OFFSET ?",
                                  {case_id, page.limit, page.offset}))
    out.items.push_back(FollowUpOf(r));
  return out;
}

std::optional<std::string> DecryptFollowUpNote(const security::FieldCipher& cipher,
                                               const FollowUpRecord& f) {
  return cipher.Decrypt(f.note_enc, AssociatedData("follow_ups", "note", f.id));
}

void CompleteFollowUp(Connection& conn, const security::FieldCipher& cipher, int64_t id,
                      const std::string& note, int64_t done_by, int64_t now_ms) {
  conn.Execute(
      "UPDATE follow_ups SET done_at = ?, done_by = ?, note_enc = ? WHERE id = ?",
      {now_ms, done_by, cipher.Encrypt(note, AssociatedData("follow_ups", "note", id)), id});
}

}  // namespace hejia::store
