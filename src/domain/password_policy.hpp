// The password rules staff and public accounts must meet.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hejia::domain {

inline constexpr std::size_t kPasswordMinCodePoints = 10;
inline constexpr std::size_t kPasswordMaxCodePoints = 128;

/// Checks a new password. Returns nullopt if acceptable, else a language-neutral code, checked in
/// this order: "invalid_utf8", "too_short" (< 10 code points), "too_long" (> 128 code points),
/// "too_few_classes" (fewer than 3 of: upper, lower, digit, symbol; any non-ASCII character counts
/// as a symbol), "contains_login" (contains the login, ASCII case-insensitively, when the login
/// has 3 or more code points).
std::optional<std::string> CheckPasswordPolicy(std::string_view login, std::string_view password);

/// The Chinese message shown for a code from CheckPasswordPolicy.
std::string PasswordPolicyMessage(std::string_view code);

}  // namespace hejia::domain
