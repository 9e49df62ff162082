// Roles and what each may do. Least privilege: the three administrators (system, security,
// audit) are separate duties and none of them reads people or case content.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

/// Every signed-in user has this one: their own session, password, TOTP.
inline constexpr std::string_view kSessionSelf = "session.self";

/// One role: its identifier, Chinese label and permissions.
struct RoleInfo {
  std::string_view role;
  std::string_view label;
  std::string_view label_en;
  std::vector<std::string_view> permissions;
  bool requires_totp = false;
};

const std::vector<RoleInfo>& AllRoles();
const RoleInfo* FindRole(std::string_view role);
bool RoleHas(std::string_view role, std::string_view permission);
/// Every permission any role has (for the authorisation matrix).
std::vector<std::string_view> AllPermissions();

}  // namespace hejia::domain
