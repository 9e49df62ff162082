#include "domain/account.hpp"

namespace hejia::domain {

std::optional<std::string> CheckLogin(std::string_view login) {
  if (login.size() < kLoginMinChars || login.size() > kLoginMaxChars)
    return "登录名应为 3–32 个字符 / login must be 3–32 characters";
  for (char c : login) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!ok) return "登录名只能包含小写字母、数字和 _ . - / login may contain only a-z 0-9 _ . -";
  }
  return std::nullopt;
}

bool IsAdministratorRole(Role role) {
  return role == Role::kSystemAdmin || role == Role::kSecurityAdmin || role == Role::kAuditAdmin;
}

}  // namespace hejia::domain
