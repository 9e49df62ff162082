// Process-wide libsodium initialisation.
#pragma once

namespace hejia::security {

/// Initialises libsodium once; safe to call from any thread, any number of times. Aborts the
/// process if libsodium cannot initialise, because nothing secure can run without it.
void EnsureSodium();

}  // namespace hejia::security
