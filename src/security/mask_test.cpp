#include "security/mask.hpp"

#include <gtest/gtest.h>

namespace hejia::security {
namespace {

TEST(Mask, MobileKeepsFirstThreeAndLastFour) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
}

TEST(Mask, OtherPhonesKeepOnlyTheLastTwo) {
  EXPECT_EQ(MaskPhone("057188886666"), "**********66");
  EXPECT_EQ(MaskPhone("02112345678"), "*********78");  // 11 digits but a landline
  EXPECT_EQ(MaskPhone("12"), "**");
  EXPECT_EQ(MaskPhone(""), "");
}

TEST(Mask, IdNumberKeepsRegionAndLastTwo) {
  EXPECT_EQ(MaskIdNumber("330784199001011234"), "330784**********34");
  EXPECT_EQ(MaskIdNumber("33078419900101123X"), "330784**********3X");
  EXPECT_EQ(MaskIdNumber("330784900101123"), "330784*******23");  // old 15-digit card
  EXPECT_EQ(MaskIdNumber("E12345678"), "*******78");              // passport
  EXPECT_EQ(MaskIdNumber(""), "");
}

TEST(Mask, ChineseAddressKeepsSixCharactersWithoutCuttingOne) {
  EXPECT_EQ(MaskAddress("浙江省金华市永康市西城街道解放街88号"), "浙江省金华市****");
  EXPECT_EQ(MaskAddress("Room 5, Lane 3"), "Room 5****");
  EXPECT_EQ(MaskAddress("杭州市西湖区文三路"), "杭州市西湖区****");
  EXPECT_EQ(MaskAddress(""), "");
}

TEST(Mask, ShortAddressIsNeverShownWhole) {
  EXPECT_EQ(MaskAddress("西湖区文三路"), "西湖区****");
  EXPECT_EQ(MaskAddress("文三路"), "文****");
}

TEST(Mask, NameKeepsTheFirstCharacter) {
  EXPECT_EQ(MaskName("王小明"), "王**");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskName("阿依古丽·买买提"), "阿*******");
  EXPECT_EQ(MaskName("Anna"), "A***");
  EXPECT_EQ(MaskName("王"), "*");
  EXPECT_EQ(MaskName(""), "");
}

}  // namespace
}  // namespace hejia::security
