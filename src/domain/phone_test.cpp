#include "domain/phone.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Phone, MobileNumbersAreStoredAsElevenDigits) {
  EXPECT_EQ(NormalizePhone("13812345678"), "13812345678");
  EXPECT_EQ(NormalizePhone("138 1234 5678"), "13812345678");
  EXPECT_EQ(NormalizePhone("138-1234-5678"), "13812345678");
  EXPECT_EQ(NormalizePhone("+86 138 1234 5678"), "13812345678");
  EXPECT_EQ(NormalizePhone("+8613812345678"), "13812345678");
  EXPECT_EQ(NormalizePhone("0086 13812345678"), "13812345678");
  EXPECT_EQ(NormalizePhone("19912345678"), "19912345678");
}

TEST(Phone, LandlinesKeepTheirAreaCode) {
  EXPECT_EQ(NormalizePhone("0579-87123456"), "057987123456");
  EXPECT_EQ(NormalizePhone("010-12345678"), "01012345678");
  EXPECT_EQ(NormalizePhone("0571 8888 666"), "05718888666");  // 7-digit local number
  EXPECT_EQ(NormalizePhone("021-1234567"), "0211234567");
  EXPECT_EQ(NormalizePhone("+86 579 8712 3456"), "057987123456");  // trunk 0 restored
  EXPECT_EQ(NormalizePhone("+86 0579 8712 3456"), "057987123456");
}

TEST(Phone, EverythingElseIsRejected) {
  EXPECT_EQ(NormalizePhone(""), std::nullopt);
  EXPECT_EQ(NormalizePhone("+86"), std::nullopt);
  EXPECT_EQ(NormalizePhone("12812345678"), std::nullopt);   // 12x is not a mobile prefix
  EXPECT_EQ(NormalizePhone("1381234567"), std::nullopt);    // 10 digits
  EXPECT_EQ(NormalizePhone("138123456789"), std::nullopt);  // 12 digits
  EXPECT_EQ(NormalizePhone("23812345678"), std::nullopt);
  EXPECT_EQ(NormalizePhone("057112345"), std::nullopt);          // too short for a landline
  EXPECT_EQ(NormalizePhone("0571123456789"), std::nullopt);      // too long
  EXPECT_EQ(NormalizePhone("0044 20 7946 0958"), std::nullopt);  // foreign number
  EXPECT_EQ(NormalizePhone("+1 415 555 0100"), std::nullopt);
  EXPECT_EQ(NormalizePhone("138.1234.5678"), std::nullopt);
  EXPECT_EQ(NormalizePhone("１３８１２３４５６７８"), std::nullopt);  // full-width digits
  EXPECT_EQ(NormalizePhone("0579-87123456-801"), std::nullopt);       // extension
}

}  // namespace
}  // namespace hejia::domain
