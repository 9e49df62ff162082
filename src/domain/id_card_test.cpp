#include "domain/id_card.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(IdCard, PublishedSampleNumbersParse) {
  // Sample numbers from GB 11643-1999.
  const auto woman = ParseIdCard("11010519491231002X");
  ASSERT_TRUE(woman);
  EXPECT_EQ(woman->normalized, "11010519491231002X");
  EXPECT_EQ(woman->birth_date, "1949-12-31");
  EXPECT_TRUE(woman->female);
  EXPECT_EQ(woman->region6, "110105");

  // The standard's other sample has a valid check character but was born in 1880, before the
  // range we accept.
  EXPECT_EQ(IdCardCheckChar("44052418800101001"), '4');
  EXPECT_EQ(ParseIdCard("440524188001010014"), std::nullopt);
}

TEST(IdCard, CheckCharacterFollowsIso7064Mod11_2) {
  EXPECT_EQ(IdCardCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(IdCardCheckChar("1101051949123100"), '\0');
  EXPECT_EQ(IdCardCheckChar("1101051949123100a"), '\0');
}

TEST(IdCard, LowercaseXAndSurroundingSpacesAreNormalised) {
  const auto info = ParseIdCard(" 11010519491231002x ");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->normalized, "11010519491231002X");
}

TEST(IdCard, GeneratedNumbersVerifyAndCarryTheirGender) {
  for (int sequence = 0; sequence <= 999; sequence += 37) {
    for (const bool female : {true, false}) {
      const std::string number = MakeIdCard("330784", "19900101", sequence, female);
      ASSERT_EQ(number.size(), 18u);
      const auto info = ParseIdCard(number);
      ASSERT_TRUE(info) << number;
      EXPECT_EQ(info->female, female) << number;
      EXPECT_EQ(info->birth_date, "1990-01-01");
      EXPECT_EQ(info->region6, "330784");
    }
  }
  EXPECT_EQ(MakeIdCard("330784", "19900101", 999, true).substr(14, 3), "998");
  EXPECT_EQ(MakeIdCard("330784", "19900101", 0, false).substr(14, 3), "001");
}

TEST(IdCard, WrongCheckCharacterFails) {
  const std::string number = MakeIdCard("330784", "19850615", 123, true);
  std::string wrong = number;
  wrong[17] = number[17] == '0' ? '1' : '0';
  EXPECT_EQ(ParseIdCard(wrong), std::nullopt);
  std::string swapped = number;  // a typo in a middle digit is caught too
  swapped[10] = swapped[10] == '9' ? '8' : '9';
  EXPECT_EQ(ParseIdCard(swapped), std::nullopt);
}

TEST(IdCard, ImpossibleBirthDatesFail) {
  // Valid checksums, impossible dates: the check character alone must not make them pass.
  auto with_check = [](std::string first17) { return first17 + IdCardCheckChar(first17); };
  EXPECT_EQ(ParseIdCard(with_check("33078419900230123")), std::nullopt);  // 30 Feb
  EXPECT_EQ(ParseIdCard(with_check("33078419010229123")), std::nullopt);  // 1901 not leap
  EXPECT_TRUE(ParseIdCard(with_check("33078420000229123")));              // 2000 is leap
  EXPECT_EQ(ParseIdCard(with_check("33078419001329123")), std::nullopt);  // month 13
  EXPECT_EQ(ParseIdCard(with_check("33078419000431123")), std::nullopt);  // 31 April
  EXPECT_EQ(ParseIdCard(with_check("33078418991231123")), std::nullopt);  // before 1900
  EXPECT_EQ(ParseIdCard(with_check("33078421010101123")), std::nullopt);  // after 2100
  EXPECT_TRUE(ParseIdCard(with_check("33078419000101123")));
  EXPECT_TRUE(ParseIdCard(with_check("33078421001231123")));
  EXPECT_EQ(MakeIdCard("330784", "19900230", 1, true), "");
}

TEST(IdCard, WrongShapesFail) {
  EXPECT_EQ(ParseIdCard(""), std::nullopt);
  EXPECT_EQ(ParseIdCard("330784199001011"), std::nullopt);  // old 15-digit form
  EXPECT_EQ(ParseIdCard("3307841990010112345"), std::nullopt);
  EXPECT_EQ(ParseIdCard("33078419900101123Y"), std::nullopt);
  EXPECT_EQ(ParseIdCard("3307841990O101123X"), std::nullopt);  // letter O
  EXPECT_EQ(MakeIdCard("33078", "19900101", 1, true), "");
  EXPECT_EQ(MakeIdCard("330784", "19900101", 1000, true), "");
  EXPECT_EQ(MakeIdCard("330784", "19900101", -1, true), "");
}

}  // namespace
}  // namespace hejia::domain
