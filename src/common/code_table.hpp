// A coded enum's one table: its values with their codes (the strings of SQL rows and JSON), in the
// order lists show them. `ToString`, `Parse…` and `All…` of an enum read the table, so a code is
// written once.
#pragma once
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace hejia {

/// The code of `v` in `table` (pairs of value and code); `fallback` when it is missing.
template <class Table, class E>
std::string_view CodeOf(const Table& table, E v, std::string_view fallback = "") {
  for (const auto& [value, code] : table)
    if (value == v) return code;
  return fallback;
}

/// The value whose code is `code`, or nullopt.
template <class E, class Table>
std::optional<E> ValueOf(const Table& table, std::string_view code) {
  for (const auto& [value, c] : table)
    if (c == code) return value;
  return std::nullopt;
}

/// Every value of the table, in its order.
template <class E, class Table>
std::vector<E> ValuesOf(const Table& table) {
  std::vector<E> out;
  for (const auto& entry : table) out.push_back(entry.first);
  return out;
}

}  // namespace hejia
