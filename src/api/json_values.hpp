// Small values every response shape writes: a time or null, a text or null.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/clock.hpp"

namespace hejia::api {

/// A time as the API writes it (Beijing, ISO 8601), or null.
inline boost::json::value TimeOrNull(const std::optional<int64_t>& ms) {
  if (!ms) return nullptr;
  return boost::json::value(FormatBeijing(*ms));
}

/// A text, or null when empty.
inline boost::json::value OrNull(std::string_view s) {
  if (s.empty()) return nullptr;
  return boost::json::value(s);
}

}  // namespace hejia::api
