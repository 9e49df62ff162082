// Rules for staff accounts shared by the API and the command line: login shape, display name
// length, and which roles are the separated administrator duties.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include "domain/roles.hpp"

namespace hejia::domain {

inline constexpr std::size_t kLoginMinChars = 3;
inline constexpr std::size_t kLoginMaxChars = 32;
inline constexpr std::size_t kDisplayNameMaxChars = 30;

/// Checks a login: 3–32 characters of [a-z0-9_.-]. Returns nullopt if acceptable, else a
/// Chinese / English message.
std::optional<std::string> CheckLogin(std::string_view login);

/// True for system_admin, security_admin and audit_admin. Graded protection level 3 keeps these
/// duties apart, so no one of them may grant another through the API; the operator creates them
/// with `hejia user add` on the server.
bool IsAdministratorRole(Role role);

}  // namespace hejia::domain
