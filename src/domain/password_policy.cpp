#include "domain/password_policy.hpp"

#include <algorithm>

#include "common/utf8.hpp"

namespace hejia::domain {
namespace {

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string AsciiLowerCopy(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLower);
  return out;
}

int CharacterClasses(std::string_view password) {
  bool upper = false;
  bool lower = false;
  bool digit = false;
  bool symbol = false;
  for (const char c : password) {
    if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      symbol = true;  // ASCII punctuation, space, and every byte of a non-ASCII character
    }
  }
  return int{upper} + int{lower} + int{digit} + int{symbol};
}

}  // namespace

std::optional<std::string> CheckPasswordPolicy(std::string_view login, std::string_view password) {
  if (!IsValidUtf8(password)) return "invalid_utf8";
  const std::size_t length = Utf8CodePointCount(password);
  if (length < kPasswordMinCodePoints) return "too_short";
  if (length > kPasswordMaxCodePoints) return "too_long";
  if (CharacterClasses(password) < 3) return "too_few_classes";
  if (Utf8CodePointCount(login) >= 3 &&
      AsciiLowerCopy(password).find(AsciiLowerCopy(login)) != std::string::npos) {
    return "contains_login";
  }
  return std::nullopt;
}

std::string PasswordPolicyMessage(std::string_view code) {
  if (code == "invalid_utf8") return "密码包含无法识别的字符";
  if (code == "too_short") return "密码至少需要 10 个字符";
  if (code == "too_long") return "密码不能超过 128 个字符";
  if (code == "too_few_classes") {
    return "密码需至少包含大写字母、小写字母、数字、符号中的三类";
  }
  if (code == "contains_login") return "密码不能包含登录名";
  return "密码不符合要求";
}

}  // namespace hejia::domain
