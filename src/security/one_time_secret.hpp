// The one-time secret an administrator issues for a new account or a reset: sent to the account's
// own phone, never shown to the administrator, to be replaced at the first sign-in.
#pragma once
#include <string>

namespace hejia::security {

/// Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L), in three groups of
/// four ("K7QM-2XWD-H9TP"): about 59 bits, typed from a text message without mistakes.
std::string OneTimeSecret();

}  // namespace hejia::security
