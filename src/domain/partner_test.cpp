#include "domain/partner.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Partner, ACodeIsLettersDigitsDashAndUnderscore) {
  EXPECT_FALSE(PartnerCodeProblem("police-110_a"));
  EXPECT_TRUE(PartnerCodeProblem(""));
  EXPECT_TRUE(PartnerCodeProblem("公安"));
  EXPECT_TRUE(PartnerCodeProblem("a b"));
  EXPECT_TRUE(PartnerCodeProblem(std::string(41, 'a')));
}

TEST(Partner, ACallbackIsAnHttpAddressWithoutSpaces) {
  EXPECT_FALSE(CallbackUrlProblem(""));
  EXPECT_FALSE(CallbackUrlProblem("https://110.example/feedback?x=1"));
  EXPECT_TRUE(CallbackUrlProblem("ftp://110.example/"));
  EXPECT_TRUE(CallbackUrlProblem("https://110.example/a b"));
}

}  // namespace
}  // namespace hejia::domain
