// LEGACY, for the case store only (store/case_repo.*): it still builds its list items and some
// values as JSON. The case store/api split (branch cases-split) moves that JSON to the api; when
// it lands, this header and its one include (store/people_repo.hpp) go. Nothing else may use it:
// other repositories return typed rows (store::RecordPage<T>), and the api serialises them.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/clock.hpp"

namespace hejia::store {

/// A page of JSON items and the number of rows matching in all (the case lists).
struct ListResult {
  boost::json::array items;
  int64_t total = 0;
};

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

}  // namespace hejia::store
