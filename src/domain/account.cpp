#include "domain/account.hpp"

#include <algorithm>

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

bool RoleSeesPeople(Role role) {
  return RoleHas(role, "person.read") || RoleHas(role, "case.read");
}

bool TotpRequired(Role role, bool staff_totp_required, bool demo) {
  if (demo) return false;
  const RoleInfo* info = FindRole(role);
  if (!info) return false;
  return info->requires_totp || (staff_totp_required && RoleSeesPeople(role));
}

int64_t SignInDelayMs(int64_t failures) {
  if (failures <= kFreeSignInFailures) return 0;
  const int64_t doublings = failures - kFreeSignInFailures - 1;
  if (doublings >= 20) return kMaxSignInDelayMs;
  return std::min<int64_t>(kMaxSignInDelayMs, int64_t{1000} << doublings);
}

}  // namespace hejia::domain
