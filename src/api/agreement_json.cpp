#include "api/agreement_json.hpp"

#include <algorithm>

#include "api/json_values.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "domain/id_card.hpp"
#include "domain/person.hpp"
#include "store/region_repo.hpp"

namespace hejia::api::agreements {

namespace json = boost::json;

namespace {

/// The code of a value of the domain's vocabularies, or null.
template <class E>
json::value CodeOrNull(const std::optional<E>& v) {
  if (!v) return nullptr;
  return json::value(domain::ToString(*v));
}

json::value PartyRef(store::Connection& conn, int64_t party_id) {
  auto p = store::FindPartyName(conn, party_id);
  if (!p) return nullptr;
  return json::object{{"party_id", p->id}, {"name", p->name}, {"role", p->role}};
}

/// The parties as the agreement names them; nullopt when a ciphertext fails.
std::optional<json::array> PartiesJson(store::Connection& conn, const security::FieldCipher& cipher,
                                       int64_t case_id, bool reveal, std::string_view today) {
  json::array parties;
  for (const auto& p : store::AgreementParties(conn, case_id)) {
    std::optional<int> age;
    if (p.birth_date) age = domain::AgeOn(*p.birth_date, today);
    if (!age && !p.id_enc.empty()) {
      auto id_number = store::DecryptPartyIdNumber(cipher, p);
      if (!id_number) return std::nullopt;
      if (auto info = domain::ParseIdCard(*id_number)) age = domain::AgeOn(info->birth_date, today);
    }
    std::string address = p.address_mask;
    if (reveal) {
      auto full = store::DecryptPartyAddress(cipher, p);
      if (!full) return std::nullopt;
      address = *full;
    }
    parties.push_back(json::object{{"id", p.id},
                                   {"role", p.role},
                                   {"name", p.name},
                                   {"gender", OrNull(p.gender)},
                                   {"age", age ? json::value(*age) : json::value(nullptr)},
                                   {"address", OrNull(address)},
                                   {"phone", OrNull(p.phone_mask)},
                                   {"signatory", p.role == "applicant" || p.role == "respondent"}});
  }
  return parties;
}

json::array ConfirmationsJson(store::Connection& conn, const store::AgreementRecord& a,
                              int64_t now_ms) {
  json::array confirmations;
  for (const auto& sg : store::Signatories(conn, a)) {
    const bool code_active =
        !sg.code_hash.empty() && sg.code_expires_at && *sg.code_expires_at > now_ms;
    json::value resend_after = nullptr;
    if (auto sent = sg.CodeSentAt(); sent && *sent + store::kOtpResendMs > now_ms)
      resend_after = FormatBeijing(*sent + store::kOtpResendMs);
    confirmations.push_back(json::object{
        {"party_id", sg.party_id},
        {"name", sg.name},
        {"role", sg.role},
        {"phone", OrNull(sg.phone_mask)},
        {"has_phone", sg.has_phone},
        {"method", CodeOrNull(sg.method)},
        {"confirmed_at", TimeOrNull(sg.confirmed_at)},
        {"code_sent_at", TimeOrNull(sg.confirmed_at ? std::nullopt : sg.CodeSentAt())},
        {"code_expires_at",
         code_active && !sg.confirmed_at ? TimeOrNull(sg.code_expires_at) : json::value(nullptr)},
        {"tries_left", code_active && !sg.confirmed_at
                           ? json::value(std::max(0, store::kOtpMaxTries - sg.attempts))
                           : json::value(nullptr)},
        {"resend_after", sg.confirmed_at ? json::value(nullptr) : resend_after}});
  }
  return confirmations;
}

}  // namespace

std::vector<store::AgreementTerm> TermsOf(const store::AgreementRecord& a) {
  std::vector<store::AgreementTerm> out;
  boost::system::error_code ec;
  auto v = json::parse(a.terms_json, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    store::AgreementTerm t;
    if (const auto* text = o.if_contains("text"); text && text->is_string())
      t.text = std::string(text->as_string());
    if (const auto* kind = o.if_contains("kind"); kind && kind->is_string())
      t.kind = domain::ParseTermKind(kind->as_string()).value_or(domain::TermKind::kOther);
    if (const auto* ob = o.if_contains("obligation"); ob && ob->is_int64())
      t.obligation = ob->as_int64();
    out.push_back(std::move(t));
  }
  return out;
}

std::string TermsText(const std::vector<store::AgreementTerm>& terms) {
  json::array out;
  for (const auto& t : terms) {
    json::object o{{"text", t.text}, {"kind", domain::ToString(t.kind)}};
    if (t.obligation) o["obligation"] = *t.obligation;
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

std::optional<json::object> AgreementJson(store::Connection& conn,
                                          const security::FieldCipher& cipher,
                                          const store::CaseRecord& c,
                                          const store::AgreementRecord& a, bool reveal,
                                          int64_t now_ms) {
  auto texts = store::DecryptAgreementTexts(cipher, a);
  if (!texts) return std::nullopt;
  const std::string today = FormatBeijing(now_ms).substr(0, 10);
  auto parties = PartiesJson(conn, cipher, c.id, reveal, today);
  if (!parties) return std::nullopt;

  json::array terms;
  bool confirmable = true;
  const auto term_list = TermsOf(a);
  for (size_t i = 0; i < term_list.size(); ++i) {
    const auto& t = term_list[i];
    if (!domain::JudiciallyConfirmable(t.kind)) confirmable = false;
    terms.push_back(json::object{
        {"index", static_cast<int64_t>(i)},
        {"text", t.text},
        {"kind", domain::ToString(t.kind)},
        {"obligation", t.obligation ? json::value(*t.obligation) : json::value(nullptr)}});
  }

  json::value mediator = nullptr;
  if (c.mediator_id)
    if (auto m = store::FindMediator(conn, *c.mediator_id))
      mediator = json::object{{"id", *c.mediator_id}, {"name", m->name}};
  std::string region_name;
  if (auto r = store::FindRegion(conn, std::string_view(c.region_code))) region_name = r->name;

  json::value deadline = nullptr;
  if (a.effective_at) deadline = FormatBeijing(*a.effective_at + store::kJudicialWindowMs);
  json::object judicial{{"applied_at", TimeOrNull(a.judicial_applied_at)},
                        {"court", OrNull(a.judicial_court)},
                        {"case_no", OrNull(a.judicial_case_no)},
                        {"result", CodeOrNull(a.judicial_result)},
                        {"decided_at", TimeOrNull(a.judicial_decided_at)},
                        {"deadline", deadline},
                        {"confirmable", confirmable}};

  return json::object{{"id", a.id},
                      {"case_id", c.id},
                      {"case_no", c.case_no},
                      {"case_status", domain::ToString(c.status)},
                      {"category", c.category},
                      {"number", c.case_no},
                      {"committee", region_name + "人民调解委员会"},
                      {"form", domain::ToString(a.form)},
                      {"status", domain::ToString(a.status)},
                      {"facts", texts->facts},
                      {"disputes", texts->disputes},
                      {"terms", std::move(terms)},
                      {"parties", std::move(*parties)},
                      {"confirmations", ConfirmationsJson(conn, a, now_ms)},
                      {"mediator", std::move(mediator)},
                      {"mediator_signed_at", TimeOrNull(a.mediator_signed_at)},
                      {"effective_at", TimeOrNull(a.effective_at)},
                      {"judicial", std::move(judicial)},
                      {"revealed", reveal},
                      {"created_at", FormatBeijing(a.created_at)},
                      {"updated_at", FormatBeijing(a.updated_at)},
                      {"version", a.version}};
}

json::object ObligationJson(store::Connection& conn, const store::ObligationRecord& o,
                            std::string_view today) {
  const auto payments = store::PaymentsOf(conn, o.id);
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
      {"open_reminders", store::OpenObligationReminderCount(conn, o.id)},
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

json::object PaymentJson(const store::RecordedPayment& p) {
  json::value by = nullptr;
  if (p.recorded_by) by = json::object{{"id", *p.recorded_by}, {"name", p.recorded_by_name}};
  return json::object{{"id", p.id},
                      {"obligation_id", p.obligation_id},
                      {"amount", domain::FormatYuan(p.amount_fen)},
                      {"amount_fen", p.amount_fen},
                      {"paid_on", p.paid_on},
                      {"evidence", OrNull(p.evidence)},
                      {"recorded_by", std::move(by)},
                      {"recorded_at", FormatBeijing(p.recorded_at)}};
}

json::object FollowUpJson(const security::FieldCipher& cipher, const store::FollowUpRecord& f) {
  json::value by = nullptr;
  if (f.done_by) by = json::object{{"id", *f.done_by}, {"name", f.done_by_name}};
  json::object o{{"id", f.id},
                 {"case_id", f.case_id},
                 {"due_on", f.due_on},
                 {"done_at", TimeOrNull(f.done_at)},
                 {"done_by", std::move(by)},
                 {"created_at", FormatBeijing(f.created_at)}};
  if (auto note = store::DecryptFollowUpNote(cipher, f)) {
    o["note"] = OrNull(*note);
  } else {
    o["note"] = nullptr;
    o["integrity_failed"] = true;
  }
  return o;
}

json::object SmsJson(const store::QueuedSms& m) {
  json::object o{{"id", m.id},
                 {"phone", m.phone_mask ? OrNull(*m.phone_mask) : json::value(nullptr)},
                 {"purpose", m.purpose},
                 {"status", m.status},
                 {"attempts", m.attempts},
                 {"next_attempt_at", FormatBeijing(m.next_attempt_at)},
                 {"sent_at", TimeOrNull(m.sent_at)},
                 {"last_error", OrNull(m.last_error)},
                 {"created_at", FormatBeijing(m.created_at)}};
  if (!m.phone_mask) o["integrity_failed"] = true;
  return o;
}

// ---- schemas ----

json::value AgreementSchema() {
  return schema::Shape(
      "id:integer case_id:integer case_no:string case_status:string category:string number:string "
      "committee:string form:string status:string facts:string disputes:string terms:object[] "
      "parties:object[] confirmations:object[] mediator:object? mediator_signed_at:string? "
      "effective_at:string? judicial:object revealed:boolean created_at:string updated_at:string "
      "version:integer");
}

json::value ObligationSchema() {
  return schema::Shape(
      "id:integer case_id:integer agreement_id:integer payer:object payee:object "
      "description:string amount:string amount_fen:integer schedule:string first_due:string "
      "installments:integer plan:object[] payments_count:integer open_reminders:integer "
      "standing:object created_at:string");
}

json::value PaymentSchema() {
  return schema::Shape(
      "id:integer obligation_id:integer amount:string amount_fen:integer paid_on:string "
      "evidence:string? recorded_by:object recorded_at:string case_status:string "
      "obligation:object");
}

json::value FollowUpSchema() {
  return schema::Shape(
      "id:integer case_id:integer due_on:string done_at:string? done_by:object? note:string? "
      "created_at:string");
}

json::value SmsSchema() {
  return schema::Shape(
      "id:integer phone:string purpose:string status:string attempts:integer "
      "next_attempt_at:string sent_at:string? last_error:string? created_at:string");
}

}  // namespace hejia::api::agreements
