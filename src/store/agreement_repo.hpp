// The mediation agreement (调解协议书) of a case in the database, its confirmations by the
// parties (one-time codes by SMS, paper signatures, oral agreements recorded), the judicial
// confirmation (司法确认), the obligations with their payments, the payment reminders, the
// follow-up visits (回访) and the SMS outbox. Facts, points in dispute, follow-up notes, SMS
// bodies and phone numbers are encrypted with FieldCipher (associated data
// "<table>/<column>/<id>"); one-time codes are stored only as keyed BLAKE2b hashes.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/obligations.hpp"
#include "security/field_cipher.hpp"
#include "store/case_repo.hpp"
#include "store/db.hpp"
#include "store/people_repo.hpp"

namespace hejia::store {

// ---- limits ----

inline constexpr int64_t kMaxAgreementFacts = 5000, kMaxAgreementDisputes = 3000,
                         kMaxTermText = 1000, kMaxTerms = 30, kMaxObligationDescription = 200,
                         kMaxEvidence = 200, kMaxJudicialCourt = 100, kMaxJudicialCaseNo = 64,
                         kMaxFollowUpNote = 2000;
/// A one-time code is valid 10 minutes, allows 5 tries, and is sent at most once a minute.
inline constexpr int64_t kOtpValidMs = 10LL * 60 * 1000, kOtpResendMs = 60LL * 1000;
inline constexpr int kOtpMaxTries = 5;
/// The parties may apply for judicial confirmation within 30 days of the agreement taking
/// effect (人民调解法 art. 33).
inline constexpr int64_t kJudicialWindowMs = 30LL * 24 * 3600 * 1000;

// ---- the agreement ----

/// One term of the agreement. `kind`: "money" (performed by payments: an obligation may be
/// linked), "other", or "status" (marriage or identity: cannot be judicially confirmed).
struct AgreementTerm {
  std::string text;
  std::string kind = "other";
  std::optional<int64_t> obligation;
};
bool IsTermKind(std::string_view kind);
/// The stored terms column (a JSON array); an unreadable column gives no terms.
std::vector<AgreementTerm> ParseTerms(std::string_view json_text);
std::string SerializeTerms(const std::vector<AgreementTerm>& terms);

/// A stored agreement, every column. Texts stay encrypted here.
struct AgreementRecord {
  int64_t id = 0, case_id = 0, version = 0, created_at = 0, updated_at = 0;
  std::string form, status, facts_enc, disputes_enc, terms_json, judicial_court, judicial_case_no,
      judicial_result;
  std::optional<int64_t> mediator_signed_at, effective_at, judicial_applied_at, judicial_decided_at;
  std::vector<AgreementTerm> Terms() const { return ParseTerms(terms_json); }
};

std::optional<AgreementRecord> LoadAgreement(Connection& conn, int64_t case_id);

/// What PUT /cases/{id}/agreement carries, validated.
struct AgreementDraft {
  std::string form = "written";  // written | oral
  std::string facts, disputes;
  std::vector<AgreementTerm> terms;
};
/// Inserts the case's agreement as a draft; returns its id.
int64_t InsertAgreement(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                        const AgreementDraft& draft, int64_t now_ms);
/// Replaces the draft's form, texts and terms if still at `expected_version`.
bool SaveAgreementDraft(Connection& conn, const security::FieldCipher& cipher, int64_t id,
                        int64_t expected_version, const AgreementDraft& draft, int64_t now_ms);
/// Applies `update` (columns of `agreements`, constants of the caller's code) plus updated_at and
/// version + 1 if still at `expected_version`.
bool UpdateAgreement(Connection& conn, int64_t id, int64_t expected_version,
                     const CaseUpdate& update, int64_t now_ms);

struct AgreementTexts {
  std::string facts, disputes;
};
/// nullopt when a ciphertext fails authentication.
std::optional<AgreementTexts> DecryptAgreementTexts(const security::FieldCipher& cipher,
                                                    const AgreementRecord& a);

// ---- signatories and confirmations ----

/// A party who signs the agreement (the case's applicants and respondents), with where their
/// confirmation stands.
struct Signatory {
  int64_t party_id = 0;
  std::string role, name, phone_mask;
  bool has_phone = false;
  std::string method;  // "" | otp | paper | oral
  std::optional<int64_t> confirmed_at;
  std::string code_hash;
  std::optional<int64_t> code_expires_at;
  int attempts = 0;
  /// When the last code was sent (its expiry minus the validity).
  std::optional<int64_t> CodeSentAt() const {
    if (!code_expires_at) return std::nullopt;
    return *code_expires_at - kOtpValidMs;
  }
};
std::vector<Signatory> Signatories(Connection& conn, const AgreementRecord& a);
/// True when there is at least one signatory and every one has confirmed.
bool AllConfirmed(const std::vector<Signatory>& signatories);

/// The keyed hash of a one-time code, bound to the agreement and the party (a code sent for one
/// party does not confirm another, nor another agreement).
std::string OtpHash(const security::FieldCipher& cipher, int64_t agreement_id, int64_t party_id,
                    std::string_view code);
/// Stores a new code's hash and expiry (tries start again at 0).
void SaveOtp(Connection& conn, int64_t agreement_id, int64_t party_id, const std::string& hash,
             int64_t expires_at);
/// Counts a wrong try; the code is dropped after the last allowed try. Returns the tries left.
int CountWrongOtp(Connection& conn, int64_t agreement_id, int64_t party_id);
/// Records the confirmation (the code, if any, is dropped).
void ConfirmParty(Connection& conn, int64_t agreement_id, int64_t party_id,
                  const std::string& method, int64_t recorded_by, int64_t now_ms);

/// The decrypted phone of a party of the case ("" when none; nullopt when it fails its check).
std::optional<std::string> PartyPhone(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t case_id, int64_t party_id);

/// GET /cases/{id}/agreement: the agreement with the case number, the committee, the mediator,
/// the parties (name, role, gender, age, address and phone — masked unless `reveal`), the
/// confirmations, the judicial confirmation and the terms. nullopt when a ciphertext fails.
std::optional<boost::json::object> AgreementJson(Connection& conn,
                                                 const security::FieldCipher& cipher,
                                                 const CaseRecord& c, const AgreementRecord& a,
                                                 bool reveal, int64_t now_ms);

// ---- obligations and payments ----

struct ObligationRecord {
  int64_t id = 0, case_id = 0, agreement_id = 0, payer_party_id = 0, payee_party_id = 0,
          created_at = 0;
  std::string description;
  domain::ObligationTerms terms;
};
struct ObligationInput {
  int64_t payer_party_id = 0, payee_party_id = 0;
  std::string description;
  domain::ObligationTerms terms;
};
int64_t InsertObligation(Connection& conn, int64_t case_id, int64_t agreement_id,
                         const ObligationInput& in, int64_t now_ms);
std::vector<ObligationRecord> LoadObligations(Connection& conn, int64_t case_id);
std::optional<ObligationRecord> LoadObligation(Connection& conn, int64_t case_id,
                                               int64_t obligation_id);
std::vector<domain::PaymentRecord> PaymentsOf(Connection& conn, int64_t obligation_id);
/// Where the obligation stands on `today` (domain::Evaluate over its payments).
domain::Standing StandingOf(Connection& conn, const ObligationRecord& o, std::string_view today);

struct PaymentInput {
  int64_t amount_fen = 0;
  std::string paid_on, evidence;
  int64_t recorded_by = 0;
};
int64_t InsertPayment(Connection& conn, const ObligationRecord& o, const PaymentInput& p,
                      int64_t now_ms);

/// One obligation as the API shows it: the parties' names, the amounts in yuan ("500.00") and
/// fen, every installment with whether it is covered, and the standing on `today`.
boost::json::object ObligationJson(Connection& conn, const ObligationRecord& o,
                                   std::string_view today);
ListResult ListPayments(Connection& conn, int64_t obligation_id, const PageSpec& page);
std::optional<boost::json::object> PaymentJson(Connection& conn, int64_t payment_id);

// ---- reminders ----

/// Resolves the case's open reminders whose installment is no longer missed on `today`, then
/// clears cases.flagged when no reminder stays open. Returns true when the flag was cleared.
bool ResolveClearedReminders(Connection& conn, int64_t case_id, std::string_view today,
                             int64_t now_ms);
/// Open (unresolved) reminders of the case.
int64_t OpenReminderCount(Connection& conn, int64_t case_id);
/// cases.flagged (payments in arrears with a reminder sent).
bool CaseFlagged(Connection& conn, int64_t case_id);
void SetCaseFlagged(Connection& conn, int64_t case_id, bool flagged);

// ---- follow-up visits ----

int64_t InsertFollowUp(Connection& conn, int64_t case_id, const std::string& due_on,
                       int64_t now_ms);
/// The case's open follow-up, if any.
std::optional<int64_t> OpenFollowUp(Connection& conn, int64_t case_id);
struct FollowUpRecord {
  int64_t id = 0, case_id = 0;
  std::string due_on;
  std::optional<int64_t> done_at;
};
std::optional<FollowUpRecord> LoadFollowUp(Connection& conn, int64_t case_id, int64_t id);
void CompleteFollowUp(Connection& conn, const security::FieldCipher& cipher, int64_t id,
                      const std::string& note, int64_t done_by, int64_t now_ms);
/// Oldest due first; notes decrypted (an unreadable one shows as null with "integrity_failed").
ListResult ListFollowUps(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                         const PageSpec& page);
std::optional<boost::json::object> FollowUpJson(Connection& conn,
                                                const security::FieldCipher& cipher, int64_t id);

// ---- SMS outbox ----

/// Queues a text message: phone and body encrypted, due at once. Returns the row id. The body
/// never leaves the database except to the SMS gateway and the operator's CLI.
int64_t EnqueueSms(Connection& conn, const security::FieldCipher& cipher, const std::string& phone,
                   const std::string& body, const std::string& purpose, int64_t now_ms);
/// GET /sms-outbox: newest first, the phone masked, never the body.
ListResult ListSmsOutbox(Connection& conn, const security::FieldCipher& cipher,
                         const PageSpec& page);

}  // namespace hejia::store
