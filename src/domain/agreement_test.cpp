#include "domain/agreement.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hejia::domain {
namespace {

// Every value has its own code, and the code reads back as the value.
template <class E, std::size_t N, class Parse>
void RoundTrips(const std::array<E, N>& values, Parse parse) {
  std::set<std::string_view> codes;
  for (E v : values) {
    EXPECT_TRUE(codes.insert(ToString(v)).second) << ToString(v);
    EXPECT_EQ(parse(ToString(v)), v) << ToString(v);
  }
  EXPECT_FALSE(parse(""));
  EXPECT_FALSE(parse("Draft"));
}

TEST(AgreementVocabulary, CodesAreTheStoredValues) {
  RoundTrips(kAgreementStatuses, ParseAgreementStatus);
  RoundTrips(kAgreementForms, ParseAgreementForm);
  RoundTrips(kTermKinds, ParseTermKind);
  RoundTrips(kConfirmationMethods, ParseConfirmationMethod);
  RoundTrips(kJudicialResults, ParseJudicialResult);
  EXPECT_EQ(ToString(AgreementStatus::kAwaitingConfirmation), "awaiting_confirmation");
  EXPECT_EQ(ToString(AgreementForm::kOral), "oral");
  EXPECT_EQ(ToString(TermKind::kMoney), "money");
  EXPECT_EQ(ToString(ConfirmationMethod::kOtp), "otp");
  EXPECT_EQ(ToString(JudicialResult::kRejected), "rejected");
}

TEST(AgreementVocabulary, StatusTermsAreNotJudiciallyConfirmable) {
  EXPECT_TRUE(JudiciallyConfirmable(TermKind::kMoney));
  EXPECT_TRUE(JudiciallyConfirmable(TermKind::kOther));
  EXPECT_FALSE(JudiciallyConfirmable(TermKind::kStatus));
}

}  // namespace
}  // namespace hejia::domain
