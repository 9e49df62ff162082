#include "security/one_time_secret.hpp"

#include <sodium.h>

#include <string_view>

#include "security/sodium_init.hpp"

namespace hejia::security {

std::string OneTimeSecret() {
  EnsureSodium();
  constexpr std::string_view kAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return out;
}

}  // namespace hejia::security
