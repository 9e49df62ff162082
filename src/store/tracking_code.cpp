#include "store/tracking_code.hpp"

#include <sodium.h>

#include "security/sodium_init.hpp"

namespace hejia::store {

namespace {
constexpr size_t kCodeLength = 12;
}  // namespace

std::string NewTrackingCode() {
  security::EnsureSodium();
  std::string out;
  out.reserve(kCodeLength + 2);
  for (size_t i = 0; i < kCodeLength; ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += kTrackingAlphabet[randombytes_uniform(static_cast<uint32_t>(kTrackingAlphabet.size()))];
  }
  return out;
}

std::optional<std::string> NormaliseTrackingCode(std::string_view input) {
  std::string out;
  for (char ch : input) {
    if (ch == '-' || ch == ' ') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (kTrackingAlphabet.find(ch) == std::string_view::npos) return std::nullopt;
    out += ch;
    if (out.size() > kCodeLength) return std::nullopt;
  }
  if (out.size() != kCodeLength) return std::nullopt;
  return out;
}

}  // namespace hejia::store
