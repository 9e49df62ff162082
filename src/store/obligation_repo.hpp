// Performance of a mediation agreement in the database: the obligations (who pays whom how much,
// once or monthly), the payments recorded against them, the payment reminders with the case's
// arrears flag, and the follow-up visits (回访), whose notes are encrypted with FieldCipher
// (associated data "follow_ups/note/<id>"). Records only: the API shapes them
// (api/agreement_json.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/obligations.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

// ---- obligations ----

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

// ---- payments ----

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

/// A payment as recorded, with the name of the staff member who recorded it.
struct RecordedPayment {
  int64_t id = 0, obligation_id = 0, amount_fen = 0, recorded_at = 0;
  std::string paid_on, evidence;
  std::optional<int64_t> recorded_by;
  std::string recorded_by_name;
};
/// By the date paid (`page.descending`: latest first), then by id the same way.
RecordPage<RecordedPayment> ListPayments(Connection& conn, int64_t obligation_id,
                                         const PageSpec& page);
std::optional<RecordedPayment> FindPayment(Connection& conn, int64_t payment_id);

// ---- reminders ----

/// Resolves the case's open reminders whose installment is no longer missed on `today`, then
/// clears cases.flagged when no reminder stays open. Returns true when the flag was cleared.
bool ResolveClearedReminders(Connection& conn, int64_t case_id, std::string_view today,
                             int64_t now_ms);
/// Open (unresolved) reminders of the case.
int64_t OpenReminderCount(Connection& conn, int64_t case_id);
/// Open (unresolved) reminders of one obligation.
int64_t OpenObligationReminderCount(Connection& conn, int64_t obligation_id);
/// cases.flagged (payments in arrears with a reminder sent).
bool CaseFlagged(Connection& conn, int64_t case_id);
void SetCaseFlagged(Connection& conn, int64_t case_id, bool flagged);

// ---- follow-up visits ----

int64_t InsertFollowUp(Connection& conn, int64_t case_id, const std::string& due_on,
                       int64_t now_ms);
/// The case's open follow-up, if any.
std::optional<int64_t> OpenFollowUp(Connection& conn, int64_t case_id);

/// A follow-up visit; the note stays encrypted here (DecryptFollowUpNote).
struct FollowUpRecord {
  int64_t id = 0, case_id = 0, created_at = 0;
  std::string due_on;
  std::optional<int64_t> done_at, done_by;
  std::string done_by_name, note_enc;
};
std::optional<FollowUpRecord> LoadFollowUp(Connection& conn, int64_t case_id, int64_t id);
/// Oldest due first.
RecordPage<FollowUpRecord> ListFollowUps(Connection& conn, int64_t case_id, const PageSpec& page);
/// nullopt when the ciphertext fails authentication.
std::optional<std::string> DecryptFollowUpNote(const security::FieldCipher& cipher,
                                               const FollowUpRecord& f);
void CompleteFollowUp(Connection& conn, const security::FieldCipher& cipher, int64_t id,
                      const std::string& note, int64_t done_by, int64_t now_ms);

}  // namespace hejia::store
