#include "security/sodium_init.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace hejia::security {

void EnsureSodium() {
  // A function-local static is initialised exactly once even with concurrent callers.
  static const bool initialised = [] {
    if (sodium_init() < 0) {
      std::fputs("fatal: libsodium could not be initialised\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)initialised;
}

}  // namespace hejia::security
