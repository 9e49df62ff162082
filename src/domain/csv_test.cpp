#include "domain/csv.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

using Fields = std::vector<std::string>;

TEST(Csv, PlainRecordsSplitOnCommasAndLineEnds) {
  auto recs = ParseCsv("code,name,parent_code\n330784001,东城街道,330784\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, (Fields{"code", "name", "parent_code"}));
  EXPECT_EQ(recs[1].fields, (Fields{"330784001", "东城街道", "330784"}));
  EXPECT_EQ(recs[1].line, 2u);
  EXPECT_FALSE(recs[1].error);
}

TEST(Csv, WindowsLineEndsAndAByteOrderMarkFromExcelAreAccepted) {
  auto recs = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b\r\nc,d\r\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(recs[1].line, 2u);
}

TEST(Csv, QuotedFieldsMayHoldCommasQuotesAndLineBreaks) {
  auto recs = ParseCsv("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row,here");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, (Fields{"a,b", "say \"hi\"", "two\nlines"}));
  // The record after a quoted line break starts on line 3 of the text.
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_EQ(recs[1].fields, (Fields{"next", "row", "here"}));
}

TEST(Csv, EmptyFieldsAndATrailingCommaCount) {
  auto recs = ParseCsv("a,,c\nd,e,\n\"\",x");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (Fields{"a", "", "c"}));
  EXPECT_EQ(recs[1].fields, (Fields{"d", "e", ""}));
  EXPECT_EQ(recs[2].fields, (Fields{"", "x"}));
}

TEST(Csv, EmptyLinesAreSkippedButKeepTheLineCount) {
  auto recs = ParseCsv("h\n\n\nx\n\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].fields, (Fields{"x"}));
  EXPECT_EQ(recs[1].line, 4u);
  EXPECT_TRUE(ParseCsv("").empty());
  EXPECT_TRUE(ParseCsv("\n\r\n").empty());
}

TEST(Csv, AQuoteInsideAnUnquotedFieldMarksOnlyThatRecord) {
  auto recs = ParseCsv("a,b\"c,d\ne,f");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0].error);
  EXPECT_FALSE(recs[1].error);
  EXPECT_EQ(recs[1].fields, (Fields{"e", "f"}));
  EXPECT_EQ(recs[1].line, 2u);
}

TEST(Csv, TextAfterAClosingQuoteIsAnError) {
  auto recs = ParseCsv("\"a\"b,c\nd");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0].error);
  EXPECT_EQ(recs[1].fields, (Fields{"d"}));
}

TEST(Csv, AnUnclosedQuoteEndsTheText) {
  auto recs = ParseCsv("a,b\n\"open,\nmore\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_FALSE(recs[0].error);
  ASSERT_TRUE(recs[1].error);
  EXPECT_EQ(recs[1].line, 2u);
}

}  // namespace
}  // namespace hejia::domain
