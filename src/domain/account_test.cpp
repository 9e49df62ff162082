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
  EXPECT_TRUE(IsAdministratorRole("system_admin"));
  EXPECT_TRUE(IsAdministratorRole("security_admin"));
  EXPECT_TRUE(IsAdministratorRole("audit_admin"));
  EXPECT_FALSE(IsAdministratorRole("town_staff"));
  EXPECT_FALSE(IsAdministratorRole("grid_sister"));
}

}  // namespace
}  // namespace hejia::domain
