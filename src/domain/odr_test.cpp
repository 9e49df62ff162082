#include "domain/odr.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Odr, ACodeIsSixToFortyLettersDigitsOrHyphens) {
  EXPECT_FALSE(OdrCodeProblem("JF3307842026000123"));
  EXPECT_FALSE(OdrCodeProblem("jf-2026-1"));
  EXPECT_TRUE(OdrCodeProblem("JF12"));
  EXPECT_TRUE(OdrCodeProblem(std::string(41, 'A')));
  EXPECT_TRUE(OdrCodeProblem("JF 2026 0001"));
  EXPECT_TRUE(OdrCodeProblem("解纷码202600001"));
}

TEST(Odr, ThePlatformIsToldOfTheDecisionTheAgreementTheEndAndTheClosing) {
  EXPECT_EQ(OdrEventFor(CaseStatus::kAccepted), OdrEvent::kAccepted);
  EXPECT_EQ(OdrEventFor(CaseStatus::kRejected), OdrEvent::kRejected);
  EXPECT_EQ(OdrEventFor(CaseStatus::kAgreed), OdrEvent::kAgreed);
  EXPECT_EQ(OdrEventFor(CaseStatus::kTerminated), OdrEvent::kTerminated);
  EXPECT_EQ(OdrEventFor(CaseStatus::kClosed), OdrEvent::kClosed);
  EXPECT_EQ(OdrEventFor(CaseStatus::kWithdrawn), OdrEvent::kClosed);
  EXPECT_EQ(OdrEventFor(CaseStatus::kReferred), OdrEvent::kClosed);
  EXPECT_FALSE(OdrEventFor(CaseStatus::kMediating));
  EXPECT_FALSE(OdrEventFor(CaseStatus::kAssigned));
  EXPECT_FALSE(OdrEventFor(CaseStatus::kPerforming));
}

}  // namespace
}  // namespace hejia::domain
