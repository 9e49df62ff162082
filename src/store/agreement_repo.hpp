// The mediation agreement (调解协议书) of a case in the database: its terms, its confirmations by
// the parties (one-time codes by SMS, paper signatures, oral agreements recorded), the mediator's
// signature, the moment it takes effect and the judicial confirmation (司法确认). Facts, points
// in dispute and phone numbers are encrypted with FieldCipher (associated data
// "<table>/<column>/<id>"); one-time codes are stored only as keyed BLAKE2b hashes. Records only:
// the API shapes them (api/agreement_json.cpp). Obligations, payments, reminders and follow-up
// visits: obligation_repo.hpp; the SMS outbox: sms_outbox.hpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/agreement.hpp"
#include "security/field_cipher.hpp"
#include "store/case_repo.hpp"
#include "store/db.hpp"

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

/// One term of the agreement; a money term may be linked to the obligation that performs it.
struct AgreementTerm {
  std::string text;
  domain::TermKind kind = domain::TermKind::kOther;
  std::optional<int64_t> obligation;
};
// The terms column holds the terms as the api encodes them (api/agreement_json.hpp: TermsOf,
// TermsText); the store keeps the text as it is.

/// A stored agreement, every column. Texts stay encrypted here.
struct AgreementRecord {
  int64_t id = 0, case_id = 0, version = 0, created_at = 0, updated_at = 0;
  domain::AgreementForm form = domain::AgreementForm::kWritten;
  domain::AgreementStatus status = domain::AgreementStatus::kDraft;
  std::string facts_enc, disputes_enc, terms_json, judicial_court, judicial_case_no;
  std::optional<domain::JudicialResult> judicial_result;
  std::optional<int64_t> mediator_signed_at, effective_at, judicial_applied_at, judicial_decided_at;
};

std::optional<AgreementRecord> LoadAgreement(Connection& conn, int64_t case_id);

/// What PUT /cases/{id}/agreement carries, validated.
struct AgreementDraft {
  domain::AgreementForm form = domain::AgreementForm::kWritten;
  std::string facts, disputes;
  std::string terms_json;  ///< the encoded terms (api TermsText)
};
/// Inserts the case's agreement as a draft; returns its id.
int64_t InsertAgreement(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                        const AgreementDraft& draft, int64_t now_ms);

// Each change below applies only while the agreement is still at the version of `a` (the version
// moves on, updated_at is now); false when it is not.

/// Replaces the draft's form, texts and terms.
bool SaveAgreementDraft(Connection& conn, const security::FieldCipher& cipher,
                        const AgreementRecord& a, const AgreementDraft& draft, int64_t now_ms);
/// Replaces the terms (a money term linked to its obligation).
bool SaveAgreementTerms(Connection& conn, const AgreementRecord& a, const std::string& terms_json,
                        int64_t now_ms);
/// Freezes the text: the agreement awaits the parties' confirmations and the mediator's signature.
bool SubmitAgreement(Connection& conn, const AgreementRecord& a, int64_t now_ms);
/// The mediator's signature, now.
bool SignAgreement(Connection& conn, const AgreementRecord& a, int64_t now_ms);
/// The agreement is in force from now.
bool MakeAgreementEffective(Connection& conn, const AgreementRecord& a, int64_t now_ms);

/// The judicial confirmation as applied for, and decided when `result` is given.
struct JudicialInput {
  int64_t applied_at = 0;
  std::string court, court_case_no;
  std::optional<domain::JudicialResult> result;
  std::optional<int64_t> decided_at;
};
bool SaveJudicial(Connection& conn, const AgreementRecord& a, const JudicialInput& in,
                  int64_t now_ms);

struct AgreementTexts {
  std::string facts, disputes;
};
/// nullopt when a ciphertext fails authentication.
std::optional<AgreementTexts> DecryptAgreementTexts(const security::FieldCipher& cipher,
                                                    const AgreementRecord& a);

// ---- the parties ----

/// A party of the case as the agreement names them: the address and ID number stay encrypted
/// (DecryptPartyAddress, DecryptPartyIdNumber); the birth date is the linked person's, if any.
struct AgreementParty {
  int64_t id = 0;
  std::string role, name, gender, phone_mask, address_mask, address_enc, id_enc;
  std::optional<std::string> birth_date;
};
/// Every party of the case, in the order they were added.
std::vector<AgreementParty> AgreementParties(Connection& conn, int64_t case_id);
/// nullopt when the ciphertext fails authentication.
std::optional<std::string> DecryptPartyAddress(const security::FieldCipher& cipher,
                                               const AgreementParty& p);
std::optional<std::string> DecryptPartyIdNumber(const security::FieldCipher& cipher,
                                                const AgreementParty& p);

/// A party's name and role, by id (obligations name their payer and payee).
struct PartyName {
  int64_t id = 0;
  std::string name, role;
};
std::optional<PartyName> FindPartyName(Connection& conn, int64_t party_id);

/// The decrypted phone of a party of the case ("" when none; nullopt when it fails its check).
std::optional<std::string> PartyPhone(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t case_id, int64_t party_id);

// ---- signatories and confirmations ----

/// A party who signs the agreement (the case's applicants and respondents), with where their
/// confirmation stands.
struct Signatory {
  int64_t party_id = 0;
  std::string role, name, phone_mask;
  bool has_phone = false;
  std::optional<domain::ConfirmationMethod> method;
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
                  domain::ConfirmationMethod method, int64_t recorded_by, int64_t now_ms);

}  // namespace hejia::store
