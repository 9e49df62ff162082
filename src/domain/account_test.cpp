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

}  // namespace
}  // namespace hejia::domain
