// Small conversions every repository needs between rows and bound values.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "domain/roles.hpp"
#include "store/code_list.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// The id a new row of `table` will get, taken before the INSERT because ciphertexts are bound to
/// the row id: in SQLite the single writer owns the table, so MAX(id) + 1 is free to take;
/// PostgreSQL hands it out from the identity sequence. `table` is a constant of the caller's code.
inline int64_t NextId(Connection& c, std::string_view table) {
  const std::string t(table);
  auto row = c.QueryOne(c.dialect() == Dialect::kSqlite
                            ? "SELECT COALESCE(MAX(id), 0) + 1 FROM " + t
                            : "SELECT nextval(pg_get_serial_sequence('" + t + "', 'id'))");
  if (!row) throw DbError("no id for a new row of " + t);
  return row->Int(0);
}

/// The associated data binding a ciphertext to its place: "<table>/<column>/<id>".
inline std::string AssociatedData(std::string_view table, std::string_view column, int64_t id) {
  std::string out(table);
  out += '/';
  out += column;
  out += '/';
  out += std::to_string(id);
  return out;
}

/// NULL for an empty text (optional unique columns such as blind indexes).
inline Value NullIfEmpty(const std::string& s) {
  if (s.empty()) return Value();
  return Value(s);
}

/// An integer column that may be NULL.
inline std::optional<int64_t> OptInt(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Int(i);
}

namespace detail {
inline void ReadColumn(const Row& r, size_t i, int64_t& v) {
  v = r.Int(i);
}
inline void ReadColumn(const Row& r, size_t i, std::string& v) {
  v = r.Text(i);
}
inline void ReadColumn(const Row& r, size_t i, bool& v) {
  v = r.Int(i) != 0;
}
inline void ReadColumn(const Row& r, size_t i, std::optional<int64_t>& v) {
  v = OptInt(r, i);
}
inline void ReadColumn(const Row& r, size_t i, std::vector<std::string>& v) {
  v = DecodeCodes(r.Text(i));
}
inline void ReadColumn(const Row& r, size_t i, domain::Role& v) {
  v = domain::ParseRole(r.Text(i)).value_or(domain::Role::kNone);
}
}  // namespace detail

/// A T from the row's columns, the first into the first member named, and so on: an integer, a
/// text, a flag (0/1), an integer that may be NULL, a list of codes (",a,b,", code_list.hpp) or a
/// role (an unknown code reads as Role::kNone).
template <class T, class... M>
T ReadColumns(const Row& r, M T::*... members) {
  T out{};
  size_t i = 0;
  (detail::ReadColumn(r, i++, out.*members), ...);
  return out;
}

}  // namespace hejia::store
