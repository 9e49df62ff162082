#include "domain/password_policy.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(PasswordPolicy, AcceptsALongMixedPassword) {
  EXPECT_EQ(CheckPasswordPolicy("wangli", "Xihu-Spring-2026"), std::nullopt);
  EXPECT_EQ(CheckPasswordPolicy("wangli", "Abcdefghi1"), std::nullopt);  // exactly 10
}

TEST(PasswordPolicy, NeedsTenCharactersCountedAsCharactersNotBytes) {
  EXPECT_EQ(CheckPasswordPolicy("wangli", ""), "too_short");
  EXPECT_EQ(CheckPasswordPolicy("wangli", "Abcdefgh1"), "too_short");  // 9
  // Five Chinese characters are 15 bytes but only 5 characters.
  EXPECT_EQ(CheckPasswordPolicy("wangli", "和家妇联Ab1"), "too_short");
  // Ten code points with Chinese characters as the symbol class.
  EXPECT_EQ(CheckPasswordPolicy("wangli", "妇女之家Abc123"), std::nullopt);
}

TEST(PasswordPolicy, AtMost128Characters) {
  const std::string base = "Aa1-";
  std::string at_limit;
  while (at_limit.size() < 128) at_limit += base;
  EXPECT_EQ(CheckPasswordPolicy("wangli", at_limit), std::nullopt);
  EXPECT_EQ(CheckPasswordPolicy("wangli", at_limit + "x"), "too_long");
  std::string chinese_at_limit = "Aa1";
  while (chinese_at_limit.size() < 3 + 125 * 3) chinese_at_limit += "和";
  EXPECT_EQ(CheckPasswordPolicy("wangli", chinese_at_limit), std::nullopt);  // 128 code points
  EXPECT_EQ(CheckPasswordPolicy("wangli", chinese_at_limit + "家"), "too_long");
}

TEST(PasswordPolicy, NeedsThreeOfFourCharacterClasses) {
  EXPECT_EQ(CheckPasswordPolicy("wangli", "abcdefghijkl"), "too_few_classes");
  EXPECT_EQ(CheckPasswordPolicy("wangli", "abcdefgh1234"), "too_few_classes");
  EXPECT_EQ(CheckPasswordPolicy("wangli", "ABCDEFGH!!!!"), "too_few_classes");
  EXPECT_EQ(CheckPasswordPolicy("wangli", "和家妇联和家妇联和家"), "too_few_classes");
  EXPECT_EQ(CheckPasswordPolicy("wangli", "abcdefgh12!!"), std::nullopt);
  EXPECT_EQ(CheckPasswordPolicy("wangli", "ABCDEFGH12!!"), std::nullopt);
  EXPECT_EQ(CheckPasswordPolicy("wangli", "abcdefgh12和家"), std::nullopt);  // Chinese = symbol
  EXPECT_EQ(CheckPasswordPolicy("wangli", "abcdefgh 12"), std::nullopt);     // space = symbol
}

TEST(PasswordPolicy, MustNotContainTheLoginInAnyCase) {
  EXPECT_EQ(CheckPasswordPolicy("wangli", "WangLi-2026!"), "contains_login");
  EXPECT_EQ(CheckPasswordPolicy("WangLi", "xx-wangli-2026"), "contains_login");
  EXPECT_EQ(CheckPasswordPolicy("王丽华", "Ab1-王丽华-2026"), "contains_login");
  // Logins shorter than three characters are too common to forbid.
  EXPECT_EQ(CheckPasswordPolicy("li", "Lili-Garden-2026"), std::nullopt);
  EXPECT_EQ(CheckPasswordPolicy("", "Lili-Garden-2026"), std::nullopt);
}

TEST(PasswordPolicy, RejectsBrokenUtf8) {
  EXPECT_EQ(CheckPasswordPolicy("wangli", "Abcdefgh1\xff"), "invalid_utf8");
}

TEST(PasswordPolicy, EveryCodeHasAChineseMessage) {
  EXPECT_EQ(PasswordPolicyMessage("too_short"), "密码至少需要 10 个字符");
  EXPECT_EQ(PasswordPolicyMessage("too_long"), "密码不能超过 128 个字符");
  EXPECT_EQ(PasswordPolicyMessage("contains_login"), "密码不能包含登录名");
  for (const char* code :
       {"too_short", "too_long", "too_few_classes", "contains_login", "invalid_utf8"}) {
    EXPECT_NE(PasswordPolicyMessage(code), PasswordPolicyMessage("unknown")) << code;
  }
}

}  // namespace
}  // namespace hejia::domain
