#include "domain/text.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Text, ANameIsTrimmedOfAsciiAndIdeographicSpaces) {
  const auto c = CheckText("\xE3\x80\x80 王小红 \n", 10, true);
  EXPECT_EQ(c.text, "王小红");
  EXPECT_FALSE(c.problem);
}

TEST(Text, LengthCountsCharactersNotBytes) {
  EXPECT_FALSE(CheckText("一二三四五", 5, true).problem);
  EXPECT_EQ(CheckText("一二三四五六", 5, true).problem, TextProblem::kTooLong);
}

TEST(Text, BlankIsMissingOnlyWhenRequired) {
  EXPECT_EQ(CheckText("   ", 5, true).problem, TextProblem::kRequired);
  EXPECT_FALSE(CheckText("   ", 5, false).problem);
}

TEST(Text, ControlCharactersAndBrokenUtf8AreRefused) {
  EXPECT_EQ(CheckText("a\x01z", 5, true).problem, TextProblem::kControlCharacters);
  EXPECT_EQ(CheckText("a\xC3", 5, true).problem, TextProblem::kTooLong);
  EXPECT_EQ(TextProblemMessage(TextProblem::kTooLong, 30), "最多 30 个字 / at most 30 characters");
}

TEST(Text, SeveralLinesKeepTheirBreaksButNoOtherControlCharacters) {
  const auto c = CheckLines("  第一行\n\t第二行\r\n ", 10, true);
  EXPECT_EQ(c.text, "第一行\n\t第二行");
  EXPECT_FALSE(c.problem);
  EXPECT_EQ(CheckText("第一行\n第二行", 10, true).problem, TextProblem::kControlCharacters);
  EXPECT_EQ(CheckLines("a\x01z", 5, true).problem, TextProblem::kControlCharacters);
  EXPECT_EQ(CheckLines(" ", 5, true).problem, TextProblem::kRequired);
  EXPECT_EQ(CheckLines("一二三四五六", 5, false).problem, TextProblem::kTooLong);
}

}  // namespace
}  // namespace hejia::domain
