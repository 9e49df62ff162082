#include "security/challenge.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "security/tokens.hpp"

namespace hejia::security {
namespace {

KeyRing FreshKeys() {
  return std::get<KeyRing>(ParseKeyFile(GenerateKeyFileText()));
}

/// What the portal's web worker does: count up until the hash has enough zero bits.
std::string Solve(const std::string& token, int difficulty) {
  for (uint64_t n = 0;; ++n)
    if (SolvesChallenge(token, std::to_string(n), difficulty)) return std::to_string(n);
}

std::string NotASolution(const std::string& token, int difficulty) {
  for (uint64_t n = 0;; ++n)
    if (!SolvesChallenge(token, std::to_string(n), difficulty)) return std::to_string(n);
}

constexpr int64_t kNow = 1'790'000'000'000;

TEST(Challenge, LeadingZeroBitsCountsAcrossBytes) {
  EXPECT_EQ(LeadingZeroBits(std::string("\x80", 1)), 0);
  EXPECT_EQ(LeadingZeroBits(std::string("\x01", 1)), 7);
  EXPECT_EQ(LeadingZeroBits(std::string("\x00\x00\x10", 3)), 19);
  EXPECT_EQ(LeadingZeroBits(std::string("\x00\x00", 2)), 16);
}

TEST(Challenge, TheHashIsSha256OfTokenColonNonce) {
  // SHA-256("abc:3") = 0ffad30e... has four leading zero bits; SHA-256("abc:0") = 5f36efce...
  // has one.
  EXPECT_EQ(Sha256Hex("abc:3").substr(0, 8), "0ffad30e");
  EXPECT_TRUE(SolvesChallenge("abc", "3", 4));
  EXPECT_FALSE(SolvesChallenge("abc", "3", 5));
  EXPECT_TRUE(SolvesChallenge("abc", "0", 1));
  EXPECT_FALSE(SolvesChallenge("abc", "0", 2));
}

TEST(Challenge, ASolvedTokenIsAcceptedOnceOnly) {
  ChallengeIssuer issuer(FreshKeys());
  const std::string token = issuer.Issue(kNow, 8);
  EXPECT_EQ(token.size(), 76u);
  const std::string nonce = Solve(token, 8);
  EXPECT_EQ(issuer.Redeem(token, nonce, kNow + 1000), ChallengeVerdict::kOk);
  EXPECT_EQ(issuer.Redeem(token, nonce, kNow + 2000), ChallengeVerdict::kReused);
  // Given back (the request it paid for wrote nothing), it may be used again.
  issuer.Release(token);
  EXPECT_EQ(issuer.Redeem(token, nonce, kNow + 3000), ChallengeVerdict::kOk);
}

TEST(Challenge, AWrongNonceIsRefusedAndDoesNotSpendTheToken) {
  ChallengeIssuer issuer(FreshKeys());
  const std::string token = issuer.Issue(kNow, 8);
  EXPECT_EQ(issuer.Redeem(token, NotASolution(token, 8), kNow), ChallengeVerdict::kTooWeak);
  EXPECT_EQ(issuer.Redeem(token, Solve(token, 8), kNow), ChallengeVerdict::kOk);
}

TEST(Challenge, TheTokenExpiresAfterTenMinutes) {
  ChallengeIssuer issuer(FreshKeys());
  const std::string token = issuer.Issue(kNow, 4);
  const std::string nonce = Solve(token, 4);
  EXPECT_EQ(issuer.Redeem(token, nonce, kNow + 10 * 60 * 1000), ChallengeVerdict::kExpired);
  EXPECT_EQ(issuer.Redeem(token, nonce, kNow + 10 * 60 * 1000 - 1), ChallengeVerdict::kOk);
}

TEST(Challenge, TheDifficultyIsSignedIntoTheToken) {
  ChallengeIssuer issuer(FreshKeys());
  std::string token = issuer.Issue(kNow, 12);
  auto raw = *Base64Decode(token, Base64Variant::kUrlSafeNoPadding);
  raw[24] = 0;  // claim difficulty 0
  const std::string lowered = Base64Encode(raw, Base64Variant::kUrlSafeNoPadding);
  EXPECT_EQ(issuer.Redeem(lowered, "0", kNow), ChallengeVerdict::kForged);
  // A nonce that satisfies 12 bits is needed for the original.
  EXPECT_EQ(issuer.Redeem(token, NotASolution(token, 12), kNow), ChallengeVerdict::kTooWeak);
  EXPECT_EQ(issuer.Redeem(token, Solve(token, 12), kNow), ChallengeVerdict::kOk);
}

TEST(Challenge, AnotherDeploymentsTokensAreForgeries) {
  ChallengeIssuer ours(FreshKeys()), theirs(FreshKeys());
  const std::string token = theirs.Issue(kNow, 0);
  EXPECT_EQ(ours.Redeem(token, "1", kNow), ChallengeVerdict::kForged);
}

TEST(Challenge, MalformedTokensAndNoncesAreRefused) {
  ChallengeIssuer issuer(FreshKeys());
  const std::string token = issuer.Issue(kNow, 0);
  EXPECT_EQ(issuer.Redeem("", "1", kNow), ChallengeVerdict::kMalformed);
  EXPECT_EQ(issuer.Redeem("not a token", "1", kNow), ChallengeVerdict::kMalformed);
  EXPECT_EQ(issuer.Redeem(token + "A", "1", kNow), ChallengeVerdict::kMalformed);
  EXPECT_EQ(issuer.Redeem(token, "", kNow), ChallengeVerdict::kMalformed);
  EXPECT_EQ(issuer.Redeem(token, "-1", kNow), ChallengeVerdict::kMalformed);
  EXPECT_EQ(issuer.Redeem(token, "1e5", kNow), ChallengeVerdict::kMalformed);
  EXPECT_EQ(issuer.Redeem(token, std::string(21, '1'), kNow), ChallengeVerdict::kMalformed);
  EXPECT_EQ(issuer.Redeem(token, std::string(20, '1'), kNow), ChallengeVerdict::kOk);
}

TEST(Challenge, WhenFullOfLiveTokensItRefusesRatherThanForgets) {
  ChallengeIssuer issuer(FreshKeys(), 60'000, 2);
  const std::string a = issuer.Issue(kNow, 0), b = issuer.Issue(kNow, 0), c = issuer.Issue(kNow, 0);
  EXPECT_EQ(issuer.Redeem(a, "1", kNow), ChallengeVerdict::kOk);
  EXPECT_EQ(issuer.Redeem(b, "1", kNow), ChallengeVerdict::kOk);
  EXPECT_EQ(issuer.Redeem(c, "1", kNow), ChallengeVerdict::kBusy);
  EXPECT_EQ(issuer.Redeem(a, "1", kNow), ChallengeVerdict::kReused);
  // Once the remembered ones have expired they are swept; a fresh token passes.
  const std::string d = issuer.Issue(kNow + 60'000, 0);
  EXPECT_EQ(issuer.Redeem(d, "1", kNow + 60'000), ChallengeVerdict::kOk);
}

}  // namespace
}  // namespace hejia::security
