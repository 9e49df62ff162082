#include "security/password_hash.hpp"

#include <sodium.h>

#include <atomic>
#include <mutex>
#include <new>

#include "security/sodium_init.hpp"

namespace hejia::security {
namespace {

std::atomic<PasswordHashCost> g_cost{PasswordHashCost::kInteractive};

struct Limits {
  unsigned long long opslimit;
  std::size_t memlimit;
};

Limits LimitsFor(PasswordHashCost cost) {
  if (cost == PasswordHashCost::kTest) {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

std::string HashWith(std::string_view password, Limits limits) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.opslimit, limits.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::bad_alloc();
  }
  return std::string(out);
}

// A hash of a fixed password at the given cost, made once per cost on first use.
const std::string& DummyHash(PasswordHashCost cost) {
  static std::mutex mutex;
  static std::string hashes[2];
  const auto slot = static_cast<std::size_t>(cost == PasswordHashCost::kTest);
  std::lock_guard lock(mutex);
  if (hashes[slot].empty()) hashes[slot] = HashWith("hejia-dummy-password", LimitsFor(cost));
  return hashes[slot];
}

bool LooksLikeArgon2id(std::string_view hash) {
  return hash.starts_with(crypto_pwhash_argon2id_STRPREFIX) && hash.size() < crypto_pwhash_STRBYTES;
}

}  // namespace

void SetPasswordHashCost(PasswordHashCost cost) {
  g_cost.store(cost);
}

PasswordHashCost GetPasswordHashCost() {
  return g_cost.load();
}

std::string HashPassword(std::string_view password) {
  return HashWith(password, LimitsFor(g_cost.load()));
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  EnsureSodium();
  if (!LooksLikeArgon2id(stored_hash)) {
    DummyVerify();
    return false;
  }
  const std::string terminated(stored_hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view stored_hash) {
  EnsureSodium();
  if (!LooksLikeArgon2id(stored_hash)) return true;
  const std::string terminated(stored_hash);
  const Limits limits = LimitsFor(g_cost.load());
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), limits.opslimit, limits.memlimit) != 0;
}

std::string DummyVerifyHash() {
  EnsureSodium();
  return DummyHash(g_cost.load());
}

void DummyVerify() {
  EnsureSodium();
  const std::string& hash = DummyHash(g_cost.load());
  static constexpr std::string_view kProbe = "not-the-dummy-password";
  [[maybe_unused]] const int ignored =
      crypto_pwhash_str_verify(hash.c_str(), kProbe.data(), kProbe.size());
}

}  // namespace hejia::security
