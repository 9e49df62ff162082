// Rules for staff accounts shared by the API and the command line: login shape, display name
// length, which roles are the separated administrator duties, which must use a second factor,
// the one-time secret an administrator issues, and the growing delay after failed sign-ins.
#pragma once
#include <cstddef>
#include <cstdint>
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

/// True for the roles that read people's or cases' data (person.read or case.read): the staff
/// the security setting `staff_totp_required` asks for a second factor.
bool RoleSeesPeople(Role role);

/// Whether an account must enrol TOTP before it may do anything: the administrators always, the
/// roles that see people's data when the security setting says so; demo accounts never (the
/// demo is tried at once, and `serve` warns).
bool TotpRequired(Role role, bool staff_totp_required, bool demo);

/// How long the one-time secret of a new account or a reset stays valid: it is texted to the
/// account's own phone and must be replaced at the first sign-in.
inline constexpr int64_t kOneTimeSecretValidMs = 72LL * 3600 * 1000;

/// Failed sign-ins of one login from one client (an address, or a known device) that cost
/// nothing; every further one doubles the wait before the next attempt.
inline constexpr int kFreeSignInFailures = 3;
/// The longest wait the throttle imposes.
inline constexpr int64_t kMaxSignInDelayMs = 15LL * 60 * 1000;
/// After this long without an attempt, a login's count from a client starts again.
inline constexpr int64_t kSignInFailureMemoryMs = 24LL * 3600 * 1000;
/// The wait before the next attempt after `failures` failures in a row: 0 for the first
/// kFreeSignInFailures, then 1 s, 2 s, 4 s, … up to kMaxSignInDelayMs.
int64_t SignInDelayMs(int64_t failures);

}  // namespace hejia::domain
