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

TEST_F(PasswordHash, DummyVerifyForUnknownLoginTakesAboutAsLongAsARealCheck) {
  const std::string hash = HashPassword("Timing-Pass-1");
  DummyVerify();  // builds the cached dummy hash
  using Clock = std::chrono::steady_clock;
  auto time = [](auto&& work) {
    auto best = Clock::duration::max();
    for (int i = 0; i < 9; ++i) {
      const auto start = Clock::now();
      work();
      best = std::min(best, Clock::now() - start);
    }
    return std::chrono::duration<double>(best).count();
  };
  const double real = time([&] { (void)VerifyPassword(hash, "wrong-password"); });
  const double dummy = time([] { DummyVerify(); });
  EXPECT_GT(dummy, real * 0.5);
  EXPECT_LT(dummy, real * 2.0);
}

}  // namespace
}  // namespace hejia::security
