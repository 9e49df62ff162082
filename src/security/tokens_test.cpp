#include "security/tokens.hpp"

#include <gtest/gtest.h>

#include <set>

namespace hejia::security {
namespace {

TEST(Tokens, RandomTokenIsUrlSafeUnpaddedAndDifferentEachTime) {
  const std::string token = RandomToken();
  EXPECT_EQ(token.size(), 43u);  // 32 bytes in base64url without padding
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(RandomToken());
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(RandomToken(16).size(), 22u);
}

TEST(Tokens, StoredTokenHashIsHexBlake2b256) {
  EXPECT_EQ(HashToken(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  const std::string token = RandomToken();
  EXPECT_EQ(HashToken(token), HashToken(token));
  EXPECT_NE(HashToken(token), HashToken(token + "x"));
  EXPECT_EQ(HashToken(token).size(), 64u);
}

TEST(Tokens, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

TEST(Tokens, Base64RoundTripsInBothVariants) {
  const std::string bytes("\xfb\xff\x00\x01hello", 9);
  EXPECT_EQ(Base64Encode(std::string_view("foobar")), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode(std::string_view("fo")), "Zm8=");
  EXPECT_EQ(Base64Encode(std::string_view("fo"), Base64Variant::kUrlSafeNoPadding), "Zm8");
  EXPECT_EQ(Base64Encode(std::string_view("\xfb\xff", 2), Base64Variant::kUrlSafeNoPadding), "-_8");
  for (const auto variant : {Base64Variant::kStandard, Base64Variant::kUrlSafeNoPadding}) {
    EXPECT_EQ(Base64Decode(Base64Encode(bytes, variant), variant), bytes);
  }
  EXPECT_EQ(Base64Decode(""), "");
}

TEST(Tokens, Base64DecodeRejectsMalformedText) {
  EXPECT_EQ(Base64Decode("Zm8"), std::nullopt);    // standard needs padding
  EXPECT_EQ(Base64Decode("Zm9v!"), std::nullopt);  // stray character
  EXPECT_EQ(Base64Decode("Zm 9v"), std::nullopt);  // whitespace
  EXPECT_EQ(Base64Decode("Zm8=", Base64Variant::kUrlSafeNoPadding), std::nullopt);
  EXPECT_EQ(Base64Decode("+/8=", Base64Variant::kUrlSafeNoPadding), std::nullopt);
}

TEST(Tokens, HexAndSha256MatchKnownValues) {
  const std::uint8_t bytes[] = {0x00, 0x0f, 0xab, 0xff};
  EXPECT_EQ(HexEncode(bytes), "000fabff");
  EXPECT_EQ(HexEncode(std::string_view("AB")), "4142");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace hejia::security
