#include "store/agreement_repo.hpp"

#include <algorithm>

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kAgreementColumns =
    "id, case_id, version, created_at, updated_at, form, status, facts_enc, disputes_enc, terms, "
    "judicial_court, judicial_case_no, judicial_result, mediator_signed_at, effective_at, "
    "judicial_applied_at, judicial_decided_at";

AgreementRecord AgreementOf(const Row& r) {
  using A = AgreementRecord;
  return ReadColumns<A>(
      r, &A::id, &A::case_id, &A::version, &A::created_at, &A::updated_at,
      Coded(&A::form, domain::ParseAgreementForm, domain::AgreementForm::kWritten),
      Coded(&A::status, domain::ParseAgreementStatus, domain::AgreementStatus::kDraft),
      &A::facts_enc, &A::disputes_enc, &A::terms_json, &A::judicial_court, &A::judicial_case_no,
      Parsed(&A::judicial_result, domain::ParseJudicialResult), &A::mediator_signed_at,
      &A::effective_at, &A::judicial_applied_at, &A::judicial_decided_at);
}

std::string Code(auto value) {
  return std::string(domain::ToString(value));
}

bool Update(Connection& conn, const AgreementRecord& a, const CaseUpdate& update, int64_t now_ms) {
  return UpdateVersioned(conn, "agreements", a.id, a.version, update, now_ms);
}

}  // namespace

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
                             {case_id, Code(draft.form), now_ms, now_ms})
                         ->Int(0);
  conn.Execute("UPDATE agreements SET facts_enc = ?, disputes_enc = ?, terms = ? WHERE id = ?",
               {cipher.Encrypt(draft.facts, AssociatedData("agreements", "facts", id)),
                cipher.Encrypt(draft.disputes, AssociatedData("agreements", "disputes", id)),
                draft.terms_json, id});
  return id;
}

bool SaveAgreementDraft(Connection& conn, const security::FieldCipher& cipher,
                        const AgreementRecord& a, const AgreementDraft& draft, int64_t now_ms) {
  CaseUpdate update;
  update.Set("form", Code(draft.form))
      .Set("facts_enc", cipher.Encrypt(draft.facts, AssociatedData("agreements", "facts", a.id)))
      .Set("disputes_enc",
           cipher.Encrypt(draft.disputes, AssociatedData("agreements", "disputes", a.id)))
      .Set("terms", draft.terms_json);
  return Update(conn, a, update, now_ms);
}

bool SaveAgreementTerms(Connection& conn, const AgreementRecord& a, const std::string& terms_json,
                        int64_t now_ms) {
  return Update(conn, a, CaseUpdate().Set("terms", terms_json), now_ms);
}

bool SubmitAgreement(Connection& conn, const AgreementRecord& a, int64_t now_ms) {
  return Update(conn, a,
                CaseUpdate().Set("status", Code(domain::AgreementStatus::kAwaitingConfirmation)),
                now_ms);
}

bool SignAgreement(Connection& conn, const AgreementRecord& a, int64_t now_ms) {
  return Update(conn, a, CaseUpdate().Set("mediator_signed_at", now_ms), now_ms);
}

bool MakeAgreementEffective(Connection& conn, const AgreementRecord& a, int64_t now_ms) {
  return Update(conn, a,
                CaseUpdate()
                    .Set("status", Code(domain::AgreementStatus::kEffective))
                    .Set("effective_at", now_ms),
                now_ms);
}

bool SaveJudicial(Connection& conn, const AgreementRecord& a, const JudicialInput& in,
                  int64_t now_ms) {
  CaseUpdate update;
  update.Set("judicial_applied_at", in.applied_at)
      .Set("judicial_court", in.court)
      .Set("judicial_case_no", in.court_case_no)
      .Set("judicial_result", in.result ? Code(*in.result) : std::string())
      .Set("judicial_decided_at", in.decided_at ? Value(*in.decided_at) : Value());
  return Update(conn, a, update, now_ms);
}

std::optional<AgreementTexts> DecryptAgreementTexts(const security::FieldCipher& cipher,
                                                    const AgreementRecord& a) {
  auto facts = cipher.Decrypt(a.facts_enc, AssociatedData("agreements", "facts", a.id));
  auto disputes = cipher.Decrypt(a.disputes_enc, AssociatedData("agreements", "disputes", a.id));
  if (!facts || !disputes) return std::nullopt;
  return AgreementTexts{std::move(*facts), std::move(*disputes)};
}

// ---- the parties ----

std::vector<AgreementParty> AgreementParties(Connection& conn, int64_t case_id) {
  std::vector<AgreementParty> out;
  for (const auto& r : conn.Query(
           "SELECT p.id, p.role, p.name, p.gender, p.phone_mask, p.address_mask, p.address_enc, "
           "p.id_enc, pe.birth_date FROM case_parties p LEFT JOIN people pe ON pe.id = "
           "p.person_id WHERE p.case_id = ? ORDER BY p.id",
           {case_id})) {
    AgreementParty p;
    p.id = r.Int(0);
    p.role = r.Text(1);
    p.name = r.Text(2);
    p.gender = r.Text(3);
    p.phone_mask = r.Text(4);
    p.address_mask = r.Text(5);
    p.address_enc = r.Text(6);
    p.id_enc = r.Text(7);
    if (!r.IsNull(8)) p.birth_date = r.Text(8);
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<std::string> DecryptPartyAddress(const security::FieldCipher& cipher,
                                               const AgreementParty& p) {
  return cipher.Decrypt(p.address_enc, AssociatedData("case_parties", "address", p.id));
}

std::optional<std::string> DecryptPartyIdNumber(const security::FieldCipher& cipher,
                                                const AgreementParty& p) {
  return cipher.Decrypt(p.id_enc, AssociatedData("case_parties", "id_number", p.id));
}

std::optional<PartyName> FindPartyName(Connection& conn, int64_t party_id) {
  auto row = conn.QueryOne("SELECT name, role FROM case_parties WHERE id = ?", {party_id});
  if (!row) return std::nullopt;
  return PartyName{party_id, row->Text(0), row->Text(1)};
}

std::optional<std::string> PartyPhone(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t case_id, int64_t party_id) {
  auto row = conn.QueryOne("SELECT phone_enc FROM case_parties WHERE id = ? AND case_id = ?",
                           {party_id, case_id});
  if (!row) return std::string();
  return cipher.Decrypt(row->Text(0), AssociatedData("case_parties", "phone", party_id));
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
    s.method = domain::ParseConfirmationMethod(r.Text(5));
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
                  domain::ConfirmationMethod method, int64_t recorded_by, int64_t now_ms) {
  EnsureConfirmationRow(conn, agreement_id, party_id);
  conn.Execute(
      "UPDATE agreement_confirmations SET method = ?, confirmed_at = ?, recorded_by = ?, "
      "code_hash = '' WHERE agreement_id = ? AND party_id = ?",
      {Code(method), now_ms, recorded_by, agreement_id, party_id});
}

}  // namespace hejia::store
