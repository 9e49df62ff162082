#include "domain/account.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Account, LoginsAreThreeToThirtyTwoLowerCaseCharacters) {
  EXPECT_FALSE(CheckLogin("wang.li-2_x"));
  EXPECT_FALSE(CheckLogin("abc"));
  EXPECT_FALSE(CheckLogin(std::string(32, 'a')));
  EXPECT_TRUE(CheckLogin("ab"));
  EXPECT_TRUE(CheckLogin(std::string(33, 'a')));
  EXPECT_TRUE(CheckLogin("Wang"));
  EXPECT_TRUE(CheckLogin("wang li"));
  EXPECT_TRUE(CheckLogin("王丽丽"));
  EXPECT_TRUE(CheckLogin("a@b.c"));
}

TEST(Account, TheThreeAdministratorsAreSeparateDuties) {
  EXPECT_TRUE(IsAdministratorRole(Role::kSystemAdmin));
  EXPECT_TRUE(IsAdministratorRole(Role::kSecurityAdmin));
  EXPECT_TRUE(IsAdministratorRole(Role::kAuditAdmin));
  EXPECT_FALSE(IsAdministratorRole(Role::kTownStaff));
  EXPECT_FALSE(IsAdministratorRole(Role::kGridSister));
}

TEST(Account, StaffWhoSeePeopleNeedASecondFactorWhenTheSettingSaysSo) {
  for (Role r : {Role::kCityStaff, Role::kTownStaff, Role::kVillageCadre, Role::kGridSister,
                 Role::kMediator}) {
    EXPECT_TRUE(RoleSeesPeople(r)) << ToString(r);
    EXPECT_TRUE(TotpRequired(r, true, false)) << ToString(r);
    EXPECT_FALSE(TotpRequired(r, false, false)) << ToString(r);
    EXPECT_FALSE(TotpRequired(r, true, true)) << ToString(r);  // demo accounts
  }
  // Leaders see figures, the police interface only hands requests in.
  for (Role r : {Role::kLeader, Role::kIntegration}) {
    EXPECT_FALSE(RoleSeesPeople(r)) << ToString(r);
    EXPECT_FALSE(TotpRequired(r, true, false)) << ToString(r);
  }
  // The administrators always, whatever the setting.
  for (Role r : {Role::kSystemAdmin, Role::kSecurityAdmin, Role::kAuditAdmin})
    EXPECT_TRUE(TotpRequired(r, false, false)) << ToString(r);
  EXPECT_FALSE(TotpRequired(Role::kNone, true, false));
}

TEST(Account, FailedSignInsCostNothingAtFirstThenTheWaitDoubles) {
  for (int64_t f = 0; f <= kFreeSignInFailures; ++f) EXPECT_EQ(SignInDelayMs(f), 0) << f;
  EXPECT_EQ(SignInDelayMs(kFreeSignInFailures + 1), 1000);
  EXPECT_EQ(SignInDelayMs(kFreeSignInFailures + 2), 2000);
  EXPECT_EQ(SignInDelayMs(kFreeSignInFailures + 3), 4000);
  EXPECT_EQ(SignInDelayMs(kFreeSignInFailures + 11),
            1024000 > kMaxSignInDelayMs ? kMaxSignInDelayMs : 1024000);
  EXPECT_EQ(SignInDelayMs(1000), kMaxSignInDelayMs);
  EXPECT_EQ(SignInDelayMs(INT64_MAX), kMaxSignInDelayMs);
}

}  // namespace
}  // namespace hejia::domain
