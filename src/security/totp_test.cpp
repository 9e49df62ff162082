#include "security/totp.hpp"

#include <gtest/gtest.h>

namespace hejia::security {
namespace {

std::vector<std::uint8_t> Rfc6238Key() {
  const std::string_view ascii = "12345678901234567890";
  return {ascii.begin(), ascii.end()};
}

TEST(Base32, MatchesRfc4648Vectors) {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"},
  };
  for (const auto& [plain, encoded] : vectors) {
    const std::vector<std::uint8_t> bytes(plain.begin(), plain.end());
    EXPECT_EQ(Base32Encode(bytes), encoded);
    EXPECT_EQ(Base32Decode(encoded), bytes);
  }
}

TEST(Base32, DecodeAcceptsLowercaseSpacesAndPadding) {
  const std::vector<std::uint8_t> foobar{'f', 'o', 'o', 'b', 'a', 'r'};
  EXPECT_EQ(Base32Decode("mzxw 6ytb oi"), foobar);
  EXPECT_EQ(Base32Decode("MZXW6YTBOI======"), foobar);
}

TEST(Base32, DecodeRejectsForeignCharactersAndImpossibleLengths) {
  EXPECT_EQ(Base32Decode("MZXW1"), std::nullopt);  // '1' is not in the alphabet
  EXPECT_EQ(Base32Decode("MZXW8"), std::nullopt);
  EXPECT_EQ(Base32Decode("M"), std::nullopt);
  EXPECT_EQ(Base32Decode("MZX"), std::nullopt);
}

TEST(Totp, MatchesRfc6238Sha1Vectors) {
  const auto key = Rfc6238Key();
  EXPECT_EQ(TotpCode(key, 59, 8), "94287082");
  EXPECT_EQ(TotpCode(key, 1111111109, 8), "07081804");
  EXPECT_EQ(TotpCode(key, 1111111111, 8), "14050471");
  EXPECT_EQ(TotpCode(key, 1234567890, 8), "89005924");
  EXPECT_EQ(TotpCode(key, 2000000000, 8), "69279037");
  EXPECT_EQ(TotpCode(key, 20000000000, 8), "65353130");
  EXPECT_EQ(TotpCode(key, 59), "287082");  // six digits by default
}

TEST(Totp, HotpMatchesRfc4226Vectors) {
  const auto key = Rfc6238Key();
  EXPECT_EQ(HotpCode(key, 0), "755224");
  EXPECT_EQ(HotpCode(key, 1), "287082");
  EXPECT_EQ(HotpCode(key, 9), "520489");
  EXPECT_EQ(HotpCode(key, 0, 5), "");  // unsupported digit count
}

TEST(Totp, GeneratedSecretIsTwentyBytesOfBase32) {
  const std::string secret = GenerateTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  ASSERT_TRUE(Base32Decode(secret));
  EXPECT_EQ(Base32Decode(secret)->size(), 20u);
  EXPECT_NE(secret, GenerateTotpSecret());
}

TEST(Totp, CodeFromThePreviousOrNextStepIsAcceptedButNotFurther) {
  const std::string secret = GenerateTotpSecret();
  const auto key = *Base32Decode(secret);
  const std::int64_t now = 1'800'000'015;  // inside step 60'000'000
  const std::int64_t step = TotpCounter(now);
  EXPECT_EQ(VerifyTotp(secret, TotpCode(key, now), now), step);
  EXPECT_EQ(VerifyTotp(secret, TotpCode(key, now - 30), now), step - 1);
  EXPECT_EQ(VerifyTotp(secret, TotpCode(key, now + 30), now), step + 1);
  EXPECT_EQ(VerifyTotp(secret, TotpCode(key, now - 60), now), std::nullopt);
  EXPECT_EQ(VerifyTotp(secret, TotpCode(key, now + 60), now), std::nullopt);
  EXPECT_EQ(VerifyTotp(secret, TotpCode(key, now - 30), now, 0), std::nullopt);
}

TEST(Totp, TypedCodeMayContainASpaceButMustHaveSixDigits) {
  const std::string secret = GenerateTotpSecret();
  const std::string code = TotpCode(*Base32Decode(secret), 1'800'000'000);
  EXPECT_TRUE(VerifyTotp(secret, code.substr(0, 3) + " " + code.substr(3), 1'800'000'000));
  EXPECT_FALSE(VerifyTotp(secret, code.substr(0, 5), 1'800'000'000));
  EXPECT_FALSE(VerifyTotp(secret, "", 1'800'000'000));
  EXPECT_FALSE(VerifyTotp("not base32!", code, 1'800'000'000));
}

TEST(Totp, AcceptedCodeCannotBeReplayed) {
  const std::string secret = GenerateTotpSecret();
  const auto key = *Base32Decode(secret);
  const std::int64_t now = 1'800'000'000;
  const std::string code = TotpCode(key, now);

  const auto accepted = VerifyTotpOnce(secret, code, now, std::nullopt);
  ASSERT_TRUE(accepted);
  // Same code again, even a few seconds later within the window: refused.
  EXPECT_EQ(VerifyTotpOnce(secret, code, now + 5, accepted), std::nullopt);
  // An older step's code after a newer one was accepted: refused.
  EXPECT_EQ(VerifyTotpOnce(secret, TotpCode(key, now - 30), now, accepted), std::nullopt);
  // The next step's code is fresh.
  EXPECT_EQ(VerifyTotpOnce(secret, TotpCode(key, now + 30), now + 30, accepted), *accepted + 1);
}

TEST(Totp, OtpauthUriPercentEncodesIssuerAndAccount) {
  EXPECT_EQ(OtpauthUri("HeJia", "wang.li@xihu", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/HeJia:wang.li%40xihu?secret=JBSWY3DPEHPK3PXP&issuer=HeJia"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(OtpauthUri("和家 妇联", "a&b", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/%E5%92%8C%E5%AE%B6%20%E5%A6%87%E8%81%94:a%26b?secret=JBSWY3DPEHPK3PXP"
            "&issuer=%E5%92%8C%E5%AE%B6%20%E5%A6%87%E8%81%94&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace hejia::security
