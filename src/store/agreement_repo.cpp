#include "store/agreement_repo.hpp"
#include "store/row_values.hpp"

#include <algorithm>
#include <map>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/id_card.hpp"
#include "security/mask.hpp"

namespace hejia::store {

namespace json = boost::json;

namespace {

std::string Ad(std::string_view table, std::string_view column, int64_t id) {
  std::string out(table);
  out += '/';
  out += column;
  out += '/';
  out += std::to_string(id);
  return out;
}

std::string Today(int64_t now_ms) {
  return FormatBeijing(now_ms).substr(0, 10);
}

// Whole years from a YYYY-MM-DD birth date to `today` (YYYY-MM-DD); nullopt for a bad date.
std::optional<int> AgeOn(std::string_view birth, std::string_view today) {
  int by, bm, bd, ty, tm, td;
  if (!ParseDate(birth, by, bm, bd) || !ParseDate(today, ty, tm, td)) return std::nullopt;
  int age = ty - by;
  if (tm < bm || (tm == bm && td < bd)) --age;
  if (age < 0) return std::nullopt;
  return age;
}

constexpr std::string_view kAgreementColumns =
    "id, case_id, version, created_at, updated_at, form, status, facts_enc, disputes_enc, terms, "
    "judicial_court, judicial_case_no, judicial_result, mediator_signed_at, effective_at, "
    "judicial_applied_at, judicial_decided_at";

AgreementRecord AgreementOf(const Row& r) {
  AgreementRecord a;
  a.id = r.Int(0);
  a.case_id = r.Int(1);
  a.version = r.Int(2);
  a.created_at = r.Int(3);
  a.updated_at = r.Int(4);
  a.form = r.Text(5);
  a.status = r.Text(6);
  a.facts_enc = r.Text(7);
  a.disputes_enc = r.Text(8);
  a.terms_json = r.Text(9);
  a.judicial_court = r.Text(10);
  a.judicial_case_no = r.Text(11);
  a.judicial_result = r.Text(12);
  a.mediator_signed_at = OptInt(r, 13);
  a.effective_at = OptInt(r, 14);
  a.judicial_applied_at = OptInt(r, 15);
  a.judicial_decided_at = OptInt(r, 16);
  return a;
}

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

json::value PartyRef(Connection& conn, int64_t party_id) {
  auto row = conn.QueryOne("SELECT name, role FROM case_parties WHERE id = ?", {party_id});
  if (!row) return nullptr;
  return json::object{{"party_id", party_id}, {"name", row->Text(0)}, {"role", row->Text(1)}};
}

}  // namespace

// ---- terms ----

bool IsTermKind(std::string_view kind) {
  return kind == "money" || kind == "other" || kind == "status";
}

std::vector<AgreementTerm> ParseTerms(std::string_view json_text) {
  std::vector<AgreementTerm> out;
  boost::system::error_code ec;
  auto v = json::parse(json_text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    AgreementTerm t;
    if (const auto* text = o.if_contains("text"); text && text->is_string())
      t.text = std::string(text->as_string());
    if (const auto* kind = o.if_contains("kind"); kind && kind->is_string())
      t.kind = std::string(kind->as_string());
    if (const auto* ob = o.if_contains("obligation"); ob && ob->is_int64())
      t.obligation = ob->as_int64();
    out.push_back(std::move(t));
  }
  return out;
}

std::string SerializeTerms(const std::vector<AgreementTerm>& terms) {
  json::array out;
  for (const auto& t : terms) {
    json::object o{{"text", t.text}, {"kind", t.kind}};
    if (t.obligation) o["obligation"] = *t.obligation;
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

// ---- the agreement ----

std::optional<AgreementRecord> LoadAgreement(Connection& conn, int64_t case_id) {
  auto row = conn.QueryOne(
      "SELECT " + std::string(kAgreementColumns) + " FROM agreements WHERE case_id = ?", {case_id});
  if (!row) return std::nullopt;
  return AgreementOf(*row);
}

int64_t InsertAgreement(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                        const AgreementDraft& draft, int64_t now_ms) {
  // The ciphertexts are bound to the row id, so the row comes first.
  const int64_t id = conn.QueryOne(
                             "INSERT INTO agreements (case_id, form, status, terms, created_at, "
                             "updated_at) VALUES (?, ?, 'draft', '[]', ?, ?) RETURNING id",
                             {case_id, draft.form, now_ms, now_ms})
                         ->Int(0);
  conn.Execute("UPDATE agreements SET facts_enc = ?, disputes_enc = ?, terms = ? WHERE id = ?",
               {cipher.Encrypt(draft.facts, Ad("agreements", "facts", id)),
                cipher.Encrypt(draft.disputes, Ad("agreements", "disputes", id)),
                SerializeTerms(draft.terms), id});
  return id;
}

bool SaveAgreementDraft(Connection& conn, const security::FieldCipher& cipher, int64_t id,
                        int64_t expected_version, const AgreementDraft& draft, int64_t now_ms) {
  CaseUpdate update;
  update.Set("form", draft.form)
      .Set("facts_enc", cipher.Encrypt(draft.facts, Ad("agreements", "facts", id)))
      .Set("disputes_enc", cipher.Encrypt(draft.disputes, Ad("agreements", "disputes", id)))
      .Set("terms", SerializeTerms(draft.terms));
  return UpdateAgreement(conn, id, expected_version, update, now_ms);
}

bool UpdateAgreement(Connection& conn, int64_t id, int64_t expected_version,
                     const CaseUpdate& update, int64_t now_ms) {
  return UpdateVersionedRow(conn, "agreements", id, expected_version, update, now_ms);
}

std::optional<AgreementTexts> DecryptAgreementTexts(const security::FieldCipher& cipher,
                                                    const AgreementRecord& a) {
  auto facts = cipher.Decrypt(a.facts_enc, Ad("agreements", "facts", a.id));
  auto disputes = cipher.Decrypt(a.disputes_enc, Ad("agreements", "disputes", a.id));
  if (!facts || !disputes) return std::nullopt;
  return AgreementTexts{std::move(*facts), std::move(*disputes)};
}

// ---- signatories and confirmations ----

std::vector<Signatory> Signatories(Connection& conn, const AgreementRecord& a) {
  std::vector<Signatory> out;
  for (const auto& r : conn.Query(
           "SELECT p.id, p.role, p.name, p.phone_mask, p.phone_enc, COALESCE(k.method, ''), "
           "k.confirmed_at, COALESCE(k.code_hash, ''), k.code_expires_at, COALESCE(k.attempts, 0) "
           "FROM case_parties p LEFT JOIN agreement_confirmations k ON k.party_id = p.id AND "
           "k.agreement_id = ? WHERE p.case_id = ? AND p.role IN ('applicant', 'respondent') "
           "ORDER BY p.id",
           {a.id, a.case_id})) {
    Signatory s;
    s.party_id = r.Int(0);
    s.role = r.Text(1);
    s.name = r.Text(2);
    s.phone_mask = r.Text(3);
    s.has_phone = !r.Text(4).empty();
    s.method = r.Text(5);
    s.confirmed_at = OptInt(r, 6);
    s.code_hash = r.Text(7);
    s.code_expires_at = OptInt(r, 8);
    s.attempts = static_cast<int>(r.Int(9));
    out.push_back(std::move(s));
  }
  return out;
}

bool AllConfirmed(const std::vector<Signatory>& signatories) {
  return !signatories.empty() && std::all_of(signatories.begin(), signatories.end(),
                                             [](const auto& s) { return s.confirmed_at; });
}

std::string OtpHash(const security::FieldCipher& cipher, int64_t agreement_id, int64_t party_id,
                    std::string_view code) {
  return cipher.BlindIndex("agreement_otp", std::to_string(agreement_id) + ":" +
                                                std::to_string(party_id) + ":" + std::string(code));
}

namespace {
void EnsureConfirmationRow(Connection& conn, int64_t agreement_id, int64_t party_id) {
  if (!conn.QueryOne("SELECT 1 FROM agreement_confirmations WHERE agreement_id = ? AND "
                     "party_id = ?",
                     {agreement_id, party_id}))
    conn.Execute("INSERT INTO agreement_confirmations (agreement_id, party_id) VALUES (?, ?)",
                 {agreement_id, party_id});
}
}  // namespace

void SaveOtp(Connection& conn, int64_t agreement_id, int64_t party_id, const std::string& hash,
             int64_t expires_at) {
  EnsureConfirmationRow(conn, agreement_id, party_id);
  conn.Execute(
      "UPDATE agreement_confirmations SET code_hash = ?, code_expires_at = ?, attempts = 0 WHERE "
      "agreement_id = ? AND party_id = ?",
      {hash, expires_at, agreement_id, party_id});
}

int CountWrongOtp(Connection& conn, int64_t agreement_id, int64_t party_id) {
  conn.Execute(
      "UPDATE agreement_confirmations SET attempts = attempts + 1 WHERE agreement_id = ? AND "
      "party_id = ?",
      {agreement_id, party_id});
  auto row = conn.QueryOne(
      "SELECT attempts FROM agreement_confirmations WHERE agreement_id = ? AND party_id = ?",
      {agreement_id, party_id});
  const int attempts = row ? static_cast<int>(row->Int(0)) : kOtpMaxTries;
  if (attempts >= kOtpMaxTries)
    conn.Execute(
        "UPDATE agreement_confirmations SET code_hash = '' WHERE agreement_id = ? AND party_id = ?",
        {agreement_id, party_id});
  return std::max(0, kOtpMaxTries - attempts);
}

void ConfirmParty(Connection& conn, int64_t agreement_id, int64_t party_id,
                  const std::string& method, int64_t recorded_by, int64_t now_ms) {
  EnsureConfirmationRow(conn, agreement_id, party_id);
  conn.Execute(
      "UPDATE agreement_confirmations SET method = ?, confirmed_at = ?, recorded_by = ?, "
      "code_hash = '' WHERE agreement_id = ? AND party_id = ?",
      {method, now_ms, recorded_by, agreement_id, party_id});
}

std::optional<std::string> PartyPhone(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t case_id, int64_t party_id) {
  auto row = conn.QueryOne("SELECT phone_enc FROM case_parties WHERE id = ? AND case_id = ?",
                           {party_id, case_id});
  if (!row) return std::string();
  return cipher.Decrypt(row->Text(0), Ad("case_parties", "phone", party_id));
}

std::optional<json::object> AgreementJson(Connection& conn, const security::FieldCipher& cipher,
                                          const CaseRecord& c, const AgreementRecord& a,
                                          bool reveal, int64_t now_ms) {
  auto texts = DecryptAgreementTexts(cipher, a);
  if (!texts) return std::nullopt;
  const std::string today = Today(now_ms);

  json::array parties;
  for (const auto& r : conn.Query(
           "SELECT p.id, p.role, p.name, p.gender, p.phone_mask, p.address_mask, p.address_enc, "
           "p.id_enc, pe.birth_date FROM case_parties p LEFT JOIN people pe ON pe.id = "
           "p.person_id WHERE p.case_id = ? ORDER BY p.id",
           {c.id})) {
    const int64_t pid = r.Int(0);
    std::optional<int> age;
    if (!r.IsNull(8)) age = AgeOn(r.Text(8), today);
    if (!age && !r.Text(7).empty()) {
      auto id_number = cipher.Decrypt(r.Text(7), Ad("case_parties", "id_number", pid));
      if (!id_number) return std::nullopt;
      if (auto info = domain::ParseIdCard(*id_number)) age = AgeOn(info->birth_date, today);
    }
    std::string address = r.Text(5);
    if (reveal) {
      auto full = cipher.Decrypt(r.Text(6), Ad("case_parties", "address", pid));
      if (!full) return std::nullopt;
      address = *full;
    }
    const std::string role = r.Text(1);
    parties.push_back(json::object{{"id", pid},
                                   {"role", role},
                                   {"name", r.Text(2)},
                                   {"gender", OrNull(r.Text(3))},
                                   {"age", age ? json::value(*age) : json::value(nullptr)},
                                   {"address", OrNull(address)},
                                   {"phone", OrNull(r.Text(4))},
                                   {"signatory", role == "applicant" || role == "respondent"}});
  }

  json::array confirmations;
  for (const auto& sg : Signatories(conn, a)) {
    const bool code_active =
        !sg.code_hash.empty() && sg.code_expires_at && *sg.code_expires_at > now_ms;
    json::value resend_after = nullptr;
    if (auto sent = sg.CodeSentAt(); sent && *sent + kOtpResendMs > now_ms)
      resend_after = FormatBeijing(*sent + kOtpResendMs);
    confirmations.push_back(json::object{
        {"party_id", sg.party_id},
        {"name", sg.name},
        {"role", sg.role},
        {"phone", OrNull(sg.phone_mask)},
        {"has_phone", sg.has_phone},
        {"method", OrNull(sg.method)},
        {"confirmed_at", TimeOrNull(sg.confirmed_at)},
        {"code_sent_at", TimeOrNull(sg.confirmed_at ? std::nullopt : sg.CodeSentAt())},
        {"code_expires_at",
         code_active && !sg.confirmed_at ? TimeOrNull(sg.code_expires_at) : json::value(nullptr)},
        {"tries_left", code_active && !sg.confirmed_at
                           ? json::value(std::max(0, kOtpMaxTries - sg.attempts))
                           : json::value(nullptr)},
        {"resend_after", sg.confirmed_at ? json::value(nullptr) : resend_after}});
  }

  json::array terms;
  bool confirmable = true;
  const auto term_list = a.Terms();
  for (size_t i = 0; i < term_list.size(); ++i) {
    const auto& t = term_list[i];
    if (t.kind == "status") confirmable = false;
    terms.push_back(json::object{
        {"index", static_cast<int64_t>(i)},
        {"text", t.text},
        {"kind", t.kind},
        {"obligation", t.obligation ? json::value(*t.obligation) : json::value(nullptr)}});
  }

  json::value mediator = nullptr;
  if (c.mediator_id)
    if (auto m = conn.QueryOne("SELECT name FROM mediators WHERE id = ?", {*c.mediator_id}))
      mediator = json::object{{"id", *c.mediator_id}, {"name", m->Text(0)}};
  std::string region_name;
  if (auto r = conn.QueryOne("SELECT name FROM regions WHERE code = ?", {c.region_code}))
    region_name = r->Text(0);

  json::value deadline = nullptr;
  if (a.effective_at) deadline = FormatBeijing(*a.effective_at + kJudicialWindowMs);
  json::object judicial{{"applied_at", TimeOrNull(a.judicial_applied_at)},
                        {"court", OrNull(a.judicial_court)},
                        {"case_no", OrNull(a.judicial_case_no)},
                        {"result", OrNull(a.judicial_result)},
                        {"decided_at", TimeOrNull(a.judicial_decided_at)},
                        {"deadline", deadline},
                        {"confirmable", confirmable}};

  return json::object{{"id", a.id},
                      {"case_id", c.id},
                      {"case_no", c.case_no},
                      {"case_status", c.status},
                      {"category", c.category},
                      {"number", c.case_no},
                      {"committee", region_name + "人民调解委员会"},
                      {"form", a.form},
                      {"status", a.status},
                      {"facts", texts->facts},
                      {"disputes", texts->disputes},
                      {"terms", std::move(terms)},
                      {"parties", std::move(parties)},
                      {"confirmations", std::move(confirmations)},
                      {"mediator", std::move(mediator)},
                      {"mediator_signed_at", TimeOrNull(a.mediator_signed_at)},
                      {"effective_at", TimeOrNull(a.effective_at)},
                      {"judicial", std::move(judicial)},
                      {"revealed", reveal},
                      {"created_at", FormatBeijing(a.created_at)},
                      {"updated_at", FormatBeijing(a.updated_at)},
                      {"version", a.version}};
}

// ---- obligations and payments ----

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

json::object ObligationJson(Connection& conn, const ObligationRecord& o, std::string_view today) {
  const auto payments = PaymentsOf(conn, o.id);
  const auto st = domain::Evaluate(o.terms, payments, today);
  json::array plan;
  int64_t cumulative = 0;
  for (const auto& inst : domain::Installments(o.terms)) {
    cumulative += inst.amount_fen;
    std::string state;
    if (st.paid_fen >= cumulative)
      state = "paid";
    else if (inst.due_on < today)
      state = "missed";
    else if (inst.due_on == today)
      state = "due";
    else
      state = "upcoming";
    plan.push_back(json::object{{"due_on", inst.due_on},
                                {"amount", domain::FormatYuan(inst.amount_fen)},
                                {"amount_fen", inst.amount_fen},
                                {"state", state}});
  }
  json::array missed;
  for (const auto& m : st.missed) missed.emplace_back(m);
  const int64_t open_reminders =
      conn.QueryOne(
              "SELECT COUNT(*) FROM reminders WHERE obligation_id = ? AND resolved_at IS NULL",
              {o.id})
          ->Int(0);
  return json::object{
      {"id", o.id},
      {"case_id", o.case_id},
      {"agreement_id", o.agreement_id},
      {"payer", PartyRef(conn, o.payer_party_id)},
      {"payee", PartyRef(conn, o.payee_party_id)},
      {"description", o.description},
      {"amount", domain::FormatYuan(o.terms.amount_fen)},
      {"amount_fen", o.terms.amount_fen},
      {"schedule", domain::ToString(o.terms.schedule)},
      {"first_due", o.terms.first_due},
      {"installments", o.terms.installments},
      {"plan", std::move(plan)},
      {"payments_count", static_cast<int64_t>(payments.size())},
      {"open_reminders", open_reminders},
      {"standing",
       json::object{{"today", today},
                    {"due", domain::FormatYuan(st.due_fen)},
                    {"paid", domain::FormatYuan(st.paid_fen)},
                    {"arrears", domain::FormatYuan(st.arrears_fen)},
                    {"arrears_fen", st.arrears_fen},
                    {"total", domain::FormatYuan(st.total_fen)},
                    {"outstanding", domain::FormatYuan(st.outstanding_fen)},
                    {"missed", std::move(missed)},
                    {"next_due", st.next_due ? json::value(*st.next_due) : json::value(nullptr)},
                    {"fulfilled", st.fulfilled}}},
      {"created_at", FormatBeijing(o.created_at)}};
}

namespace {

constexpr std::string_view kPaymentSelect =
    "SELECT p.id, p.obligation_id, p.amount_fen, p.paid_on, p.evidence, p.recorded_by, "
    "COALESCE(u.display_name, ''), p.recorded_at FROM payments p LEFT JOIN users u ON u.id = "
    "p.recorded_by";

json::object PaymentRowJson(const Row& r) {
  json::value by = nullptr;
  if (!r.IsNull(5)) by = json::object{{"id", r.Int(5)}, {"name", r.Text(6)}};
  return json::object{{"id", r.Int(0)},
                      {"obligation_id", r.Int(1)},
                      {"amount", domain::FormatYuan(r.Int(2))},
                      {"amount_fen", r.Int(2)},
                      {"paid_on", r.Text(3)},
                      {"evidence", OrNull(r.Text(4))},
                      {"recorded_by", std::move(by)},
                      {"recorded_at", FormatBeijing(r.Int(7))}};
}

}  // namespace

ListResult ListPayments(Connection& conn, int64_t obligation_id, const PageSpec& page) {
  ListResult out;
  out.total =
      conn.QueryOne("SELECT COUNT(*) FROM payments WHERE obligation_id = ?", {obligation_id})
          ->Int(0);
  const char* dir = page.descending ? " DESC" : " ASC";
  for (const auto& r :
       conn.Query(std::string(kPaymentSelect) + " WHERE p.obligation_id = ? ORDER BY p.paid_on" +
                      dir + ", p.id" + dir + " LIMIT ? OFFSET ?",
                  {obligation_id, page.limit, page.offset}))
    out.items.push_back(PaymentRowJson(r));
  return out;
}

std::optional<json::object> PaymentJson(Connection& conn, int64_t payment_id) {
  auto row = conn.QueryOne(std::string(kPaymentSelect) + " WHERE p.id = ?", {payment_id});
  if (!row) return std::nullopt;
  return PaymentRowJson(*row);
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
  auto row = conn.QueryOne(
      "SELECT id, case_id, due_on, done_at FROM follow_ups WHERE id = ? AND case_id = ?",
      {id, case_id});
  if (!row) return std::nullopt;
  return FollowUpRecord{row->Int(0), row->Int(1), row->Text(2), OptInt(*row, 3)};
}

void CompleteFollowUp(Connection& conn, const security::FieldCipher& cipher, int64_t id,
                      const std::string& note, int64_t done_by, int64_t now_ms) {
  conn.Execute("UPDATE follow_ups SET done_at = ?, done_by = ?, note_enc = ? WHERE id = ?",
               {now_ms, done_by, cipher.Encrypt(note, Ad("follow_ups", "note", id)), id});
}

namespace {

constexpr std::string_view kFollowUpSelect =
    "SELECT f.id, f.case_id, f.due_on, f.done_at, f.done_by, COALESCE(u.display_name, ''), "
    "f.note_enc, f.created_at FROM follow_ups f LEFT JOIN users u ON u.id = f.done_by";

json::object FollowUpRowJson(const Row& r, const security::FieldCipher& cipher) {
  const int64_t id = r.Int(0);
  json::value by = nullptr;
  if (!r.IsNull(4)) by = json::object{{"id", r.Int(4)}, {"name", r.Text(5)}};
  json::object o{{"id", id},
                 {"case_id", r.Int(1)},
                 {"due_on", r.Text(2)},
                 {"done_at", TimeOrNull(OptInt(r, 3))},
                 {"done_by", std::move(by)},
                 {"created_at", FormatBeijing(r.Int(7))}};
  auto note = cipher.Decrypt(r.Text(6), Ad("follow_ups", "note", id));
  if (note) {
    o["note"] = OrNull(*note);
  } else {
    o["note"] = nullptr;
    o["integrity_failed"] = true;
  }
  return o;
}

}  // namespace

ListResult ListFollowUps(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                         const PageSpec& page) {
  ListResult out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM follow_ups WHERE case_id = ?", {case_id})->Int(0);
  for (const auto& r : conn.Query(std::string(kFollowUpSelect) +
                                      " WHERE f.case_id = ? ORDER BY f.due_on, f.id LIMIT ? "
                                      "OFFSET ?",
                                  {case_id, page.limit, page.offset}))
    out.items.push_back(FollowUpRowJson(r, cipher));
  return out;
}

std::optional<json::object> FollowUpJson(Connection& conn, const security::FieldCipher& cipher,
                                         int64_t id) {
  auto row = conn.QueryOne(std::string(kFollowUpSelect) + " WHERE f.id = ?", {id});
  if (!row) return std::nullopt;
  return FollowUpRowJson(*row, cipher);
}

// ---- SMS outbox ----

int64_t EnqueueSms(Connection& conn, const security::FieldCipher& cipher, const std::string& phone,
                   const std::string& body, const std::string& purpose, int64_t now_ms) {
  const int64_t id =
      conn.QueryOne(
              "INSERT INTO sms_outbox (phone_enc, body_enc, purpose, next_attempt_at, created_at) "
              "VALUES ('', '', ?, ?, ?) RETURNING id",
              {purpose, now_ms, now_ms})
          ->Int(0);
  conn.Execute("UPDATE sms_outbox SET phone_enc = ?, body_enc = ? WHERE id = ?",
               {cipher.Encrypt(phone, Ad("sms_outbox", "phone", id)),
                cipher.Encrypt(body, Ad("sms_outbox", "body", id)), id});
  return id;
}

ListResult ListSmsOutbox(Connection& conn, const security::FieldCipher& cipher,
                         const PageSpec& page) {
  ListResult out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM sms_outbox")->Int(0);
  for (const auto& r :
       conn.Query("SELECT id, phone_enc, purpose, status, attempts, next_attempt_at, sent_at, "
                  "last_error, created_at FROM sms_outbox ORDER BY id DESC LIMIT ? OFFSET ?",
                  {page.limit, page.offset})) {
    const int64_t id = r.Int(0);
    auto phone = cipher.Decrypt(r.Text(1), Ad("sms_outbox", "phone", id));
    json::object o{{"id", id},
                   {"phone", phone ? OrNull(security::MaskPhone(*phone)) : json::value(nullptr)},
                   {"purpose", r.Text(2)},
                   {"status", r.Text(3)},
                   {"attempts", r.Int(4)},
                   {"next_attempt_at", FormatBeijing(r.Int(5))},
                   {"sent_at", TimeOrNull(OptInt(r, 6))},
                   {"last_error", OrNull(r.Text(7))},
                   {"created_at", FormatBeijing(r.Int(8))}};
    if (!phone) o["integrity_failed"] = true;
    out.items.push_back(std::move(o));
  }
  return out;
}

}  // namespace hejia::store
