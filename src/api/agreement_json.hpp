// The response shapes of the agreements area, built from the records of store/agreement_repo.hpp,
// store/obligation_repo.hpp and store/sms_outbox.hpp, with their OpenAPI schemas beside them.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "security/field_cipher.hpp"
#include "store/agreement_repo.hpp"
#include "store/obligation_repo.hpp"
#include "store/sms_outbox.hpp"

namespace hejia::api::agreements {

/// The agreement's stored terms column (a JSON array) as terms; an unreadable column gives no
/// terms, an unknown kind reads as other.
std::vector<store::AgreementTerm> TermsOf(const store::AgreementRecord& a);
/// The terms as the terms column stores them.
std::string TermsText(const std::vector<store::AgreementTerm>& terms);

/// GET /cases/{id}/agreement: the agreement with the case number, the committee, the mediator,
/// the parties (name, role, gender, age, address and phone — masked unless `reveal`), the
/// confirmations, the judicial confirmation and the terms. nullopt when a ciphertext fails.
std::optional<boost::json::object> AgreementJson(store::Connection& conn,
                                                 const security::FieldCipher& cipher,
                                                 const store::CaseRecord& c,
                                                 const store::AgreementRecord& a, bool reveal,
                                                 int64_t now_ms);

/// One obligation: the parties' names, the amounts in yuan ("500.00") and fen, every
/// installment with whether it is covered, and the standing on `today`.
boost::json::object ObligationJson(store::Connection& conn, const store::ObligationRecord& o,
                                   std::string_view today);
boost::json::object PaymentJson(const store::RecordedPayment& p);
/// The note decrypted; an unreadable one shows as null with "integrity_failed".
boost::json::object FollowUpJson(const security::FieldCipher& cipher,
                                 const store::FollowUpRecord& f);
/// The phone masked, never the body.
boost::json::object SmsJson(const store::QueuedSms& m);

boost::json::value AgreementSchema();
boost::json::value ObligationSchema();
boost::json::value PaymentSchema();
boost::json::value FollowUpSchema();
boost::json::value SmsSchema();

}  // namespace hejia::api::agreements
