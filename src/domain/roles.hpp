// Roles and what each may do. Least privilege: the three administrators (system, security,
// audit) are separate duties and none of them reads people or case content.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

/// Every signed-in user has this one: their own session, password, TOTP.
inline constexpr std::string_view kSessionSelf = "session.self";

/// Who a signed-in user is. Codes (ToString) are the `users.role` values and the API's `role`.
enum class Role {
  kNone,  ///< no known role (an unknown stored code): no permission at all
  kSystemAdmin,
  kSecurityAdmin,
  kAuditAdmin,
  kCityStaff,
  kTownStaff,
  kVillageCadre,
  kGridSister,
  kMediator,
  kLeader,
  kIntegration,
  kScreen,  ///< the federation hall's big screen: the cockpit's figures, nothing else
};

/// Who an account is and where it belongs: what the signed-in caller, the account list and the
/// duty roster share.
struct AccountIdentity {
  std::string login;
  std::string display_name;
  Role role = Role::kNone;
  std::string region_code;
  std::string region_name;
  /// Materialised path of the home region ("/330784/330784001/"); empty = sees nothing.
  std::string region_path;
};

/// One role: its identifier, Chinese label and permissions.
struct RoleInfo {
  Role role;
  std::string_view code;
  std::string_view label;
  std::string_view label_en;
  std::vector<std::string_view> permissions;
  bool requires_totp = false;
};

/// Every role but kNone, in the order the console lists them.
const std::vector<RoleInfo>& AllRoles();
/// nullptr for kNone.
const RoleInfo* FindRole(Role role);
/// The role of a code; nullopt for an unknown one.
std::optional<Role> ParseRole(std::string_view code);
/// The code ("town_staff"); "" for kNone.
std::string_view ToString(Role role);
bool RoleHas(Role role, std::string_view permission);
/// Every permission any role has (for the authorisation matrix).
std::vector<std::string_view> AllPermissions();

}  // namespace hejia::domain
