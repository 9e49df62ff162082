// Password hashing with Argon2id (libsodium crypto_pwhash).
#pragma once

#include <string>
#include <string_view>

namespace hejia::security {

/// How expensive new password hashes are. Production uses kInteractive; tests use kTest
/// (libsodium's minimum limits) so suites stay fast.
enum class PasswordHashCost {
  kInteractive,  ///< crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (64 MiB).
  kTest,         ///< crypto_pwhash_OPSLIMIT_MIN / MEMLIMIT_MIN. Never in production.
};

/// Sets the process-wide cost used by HashPassword, PasswordNeedsRehash and DummyVerify.
void SetPasswordHashCost(PasswordHashCost cost);
PasswordHashCost GetPasswordHashCost();

/// Argon2id hash in the self-describing "$argon2id$v=19$m=...,t=...,p=1$salt$hash" form.
/// Throws std::bad_alloc if the memory for Argon2 cannot be had.
std::string HashPassword(std::string_view password);

/// True if `password` matches `stored_hash`. A malformed or empty stored hash (e.g. a disabled
/// account) yields false after the same work as a real check.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

/// True if `stored_hash` was made with other parameters than the current cost (or is not an
/// Argon2id hash at all); the caller rehashes after a successful login.
bool PasswordNeedsRehash(std::string_view stored_hash);

/// Does the work of one VerifyPassword at the current cost and throws the answer away. Called
/// when the login does not exist, so "no such user" and "wrong password" take the same time.
void DummyVerify();
/// The hash DummyVerify checks against at the current cost: an Argon2id hash with the very
/// parameters HashPassword uses, so an unknown login costs what a wrong password does.
std::string DummyVerifyHash();

}  // namespace hejia::security
