#include "common/utf8.hpp"

#include <gtest/gtest.h>

namespace hejia {
namespace {

TEST(Utf8, ValidatesWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc 和家 😀"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xe5\x92"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(Utf8, CountsAndCutsByCodePoint) {
  EXPECT_EQ(Utf8CodePointCount("和家ab😀"), 5u);
  EXPECT_EQ(Utf8PrefixBytes("和家ab", 1), 3u);
  EXPECT_EQ(Utf8PrefixBytes("和家ab", 3), 7u);
  EXPECT_EQ(Utf8PrefixBytes("和家ab", 10), 8u);
  EXPECT_EQ(Utf8PrefixBytes("和家ab", 0), 0u);
}

}  // namespace
}  // namespace hejia
