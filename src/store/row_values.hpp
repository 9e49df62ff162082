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
inline void ReadColumn(const Row& r, size_t i, int& v) {
  v = static_cast<int>(r.Int(i));
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

/// A coded enum member, read with the domain's Parse… function of its codes; `fallback` for a code
/// this program did not write.
template <class M, class E, class Parse>
struct Coded {
  // A constructor, not an aggregate: clang 14 (the fuzz build) cannot initialise an aggregate
  // with parentheses.
  constexpr Coded(M m, Parse p, E f) : member(m), parse(p), fallback(f) {}
  M member;
  Parse parse;
  E fallback;
};
template <class M, class E, class Parse>
Coded(M, Parse, E) -> Coded<M, E, Parse>;

/// A member set to whatever `parse` makes of the column's text (an optional enum: nullopt for an
/// empty or unknown code).
template <class M, class Parse>
struct Parsed {
  constexpr Parsed(M m, Parse p) : member(m), parse(p) {}
  M member;
  Parse parse;
};
template <class M, class Parse>
Parsed(M, Parse) -> Parsed<M, Parse>;

namespace detail {
template <class T, class M, class Parse>
void ReadMember(const Row& r, size_t i, T& out, const Parsed<M, Parse>& parsed) {
  out.*parsed.member = parsed.parse(r.Text(i));
}
template <class T, class M>
void ReadMember(const Row& r, size_t i, T& out, M member) {
  ReadColumn(r, i, out.*member);
}
template <class T, class M, class E, class Parse>
void ReadMember(const Row& r, size_t i, T& out, const Coded<M, E, Parse>& coded) {
  out.*coded.member = coded.parse(r.Text(i)).value_or(coded.fallback);
}
}  // namespace detail

/// A T from the row's columns, the first into the first member named, and so on: an integer, a
/// text, a flag (0/1), an integer that may be NULL, a list of codes (",a,b,", code_list.hpp), a
/// role (an unknown code reads as Role::kNone) or a Coded enum.
template <class T, class... M>
T ReadColumns(const Row& r, const M&... members) {
  T out{};
  size_t i = 0;
  (detail::ReadMember(r, i++, out, members), ...);
  return out;
}

}  // namespace hejia::store
