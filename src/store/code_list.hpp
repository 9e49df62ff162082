// A list of codes (tags, dispute categories) in one text column, stored as ",a,b," so that one
// code is found with `LIKE '%,a,%'`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace hejia::store {

/// ",a,b," for {a, b}; "" for none.
inline std::string EncodeCodes(const std::vector<std::string>& codes) {
  if (codes.empty()) return {};
  std::string s = ",";
  for (const auto& c : codes) s += c + ",";
  return s;
}

/// The codes of a stored list, in order.
inline std::vector<std::string> DecodeCodes(std::string_view stored) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < stored.size()) {
    size_t comma = stored.find(',', start);
    if (comma == std::string_view::npos) comma = stored.size();
    if (comma > start) out.emplace_back(stored.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace hejia::store
