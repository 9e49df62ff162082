#include "security/password_hash.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace hejia::security {
namespace {

class PasswordHash : public ::testing::Test {
 protected:
  void SetUp() override { SetPasswordHashCost(PasswordHashCost::kTest); }
};

TEST_F(PasswordHash, CorrectPasswordVerifiesAndWrongOneDoesNot) {
  const std::string hash = HashPassword("Xihu-2026-夜间调解");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(hash, "Xihu-2026-夜间调解"));
  EXPECT_FALSE(VerifyPassword(hash, "Xihu-2026-夜间调解 "));
  EXPECT_FALSE(VerifyPassword(hash, ""));
}

TEST_F(PasswordHash, SamePasswordHashesDifferentlyEachTime) {
  const std::string a = HashPassword("Correct-Horse-9");
  const std::string b = HashPassword("Correct-Horse-9");
  EXPECT_NE(a, b);  // random salt
  EXPECT_TRUE(VerifyPassword(a, "Correct-Horse-9"));
  EXPECT_TRUE(VerifyPassword(b, "Correct-Horse-9"));
}

TEST_F(PasswordHash, MalformedOrDisabledStoredHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", ""));
  EXPECT_FALSE(VerifyPassword("!", "anything"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$garbage", "anything"));
  EXPECT_FALSE(VerifyPassword("plaintext-password", "plaintext-password"));
}

TEST_F(PasswordHash, HashFromAnotherCostNeedsRehash) {
  const std::string test_cost_hash = HashPassword("Another-Pass-1");
  EXPECT_FALSE(PasswordNeedsRehash(test_cost_hash));
  SetPasswordHashCost(PasswordHashCost::kInteractive);
  EXPECT_TRUE(PasswordNeedsRehash(test_cost_hash));
  EXPECT_TRUE(VerifyPassword(test_cost_hash, "Another-Pass-1"));  // old hashes still verify
  SetPasswordHashCost(PasswordHashCost::kTest);
  EXPECT_TRUE(PasswordNeedsRehash("not-a-hash"));
}

// An unknown login must cost what a wrong password does. Timing it would depend on how busy the
// machine is; what makes the two alike is that DummyVerify checks an Argon2id hash made with the
// very parameters of a real one, at either cost.
TEST_F(PasswordHash, DummyVerifyChecksAHashOfTheSameCostAsARealOne) {
  auto parameters = [](const std::string& hash) {  // "$argon2id$v=19$m=...,t=...,p=..."
    size_t dollars = 0, i = 0;
    for (; i < hash.size() && dollars < 4; ++i) dollars += hash[i] == '$';
    return hash.substr(0, i);
  };
  for (PasswordHashCost cost : {PasswordHashCost::kTest, PasswordHashCost::kInteractive}) {
    SetPasswordHashCost(cost);
    const std::string real = HashPassword("Timing-Pass-1");
    const std::string dummy = DummyVerifyHash();
    EXPECT_TRUE(dummy.starts_with("$argon2id$")) << dummy;
    EXPECT_EQ(parameters(dummy), parameters(real));
    EXPECT_FALSE(PasswordNeedsRehash(dummy));
    DummyVerify();  // and it runs
  }
  SetPasswordHashCost(PasswordHashCost::kTest);
}

}  // namespace
}  // namespace hejia::security
