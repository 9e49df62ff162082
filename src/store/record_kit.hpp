// The record-type kit, storage side. A record type declares its table and fields once
// (a specialisation of kit::Table<R>) and gets its SQL: insert, load in scope, optimistic update,
// retire and the scoped list with filters, sorting and paging (store/scoped_list.hpp). Sealed
// fields are encrypted with their table, column and row as associated data, masked at write time
// and optionally blind-indexed. Rows <-> records only: no JSON, no HTTP.
//
//   struct Team { domain::Meta meta; std::string name; domain::Placement region; ... };
//   template <> struct kit::Table<Team> {
//     static constexpr std::string_view kName = "volunteer_teams";
//     static constexpr auto kFields = std::tuple{kit::TextField<Team>{"name", &Team::name, 50},
//     ...};
//   };
#pragma once
#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/record.hpp"
#include "domain/region.hpp"
#include "security/field_cipher.hpp"
#include "security/mask.hpp"
#include "store/db.hpp"
#include "store/row_values.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store::kit {

using domain::Meta;
using domain::Placement;
using domain::Sealed;

/// How a sealed value is masked (security/mask.hpp) and, when indexed, which blind index family
/// it joins (a phone's index is the same in every table, so a number can be matched across them).
/// A free text (findings, a problem) is masked as a short excerpt with names and numbers hidden.
enum class SealKind { kPhone, kName, kAddress, kIdNumber, kText };

/// How a list may filter on a field: not at all, by an exact value, or by a part of the text.
/// kFrom and kBefore bound a time column ([from, before)), kSql is a named condition of the
/// table's declaration (ListFilter::sql, a constant of store/, with its bound values).
enum class Filter { kNone, kEquals, kContains, kFrom, kBefore, kSql };

/// A condition a list may switch on by name (`?serving_at=2026-11-30`, `?called_back=1`): fixed
/// SQL over the alias `t`, declared beside the table as `kConditions`; the query's value is
/// bound, never spliced. kFlag: "1" switches it on and it binds nothing; kDayEnd: a YYYY-MM-DD
/// day whose end (Beijing) is bound to every `?` of the SQL.
struct Condition {
  enum class Bind { kFlag, kDayEnd };
  std::string_view name, sql;
  Bind bind = Bind::kFlag;
  std::string_view description;
};

template <class R>
struct TextField {
  std::string_view name;
  std::string R::*member;
  std::size_t max_chars;
  bool required = false;
  Filter filter = Filter::kNone;
  bool read_only = false;  ///< shown, never taken from a body: the record's own rules set it
  bool lines = false;      ///< may hold line breaks (an article's paragraphs)
};

/// An enum class value, stored and sent as its domain ToString(); `values` are the choices.
template <class R, class E>
struct EnumField {
  std::string_view name;
  E R::*member;
  std::span<const E> values;
  Filter filter = Filter::kEquals;
  bool read_only = false;
};

template <class R>
struct FlagField {
  std::string_view name;
  bool R::*member;
  Filter filter = Filter::kNone;
  bool read_only = false;
};

/// A time (Unix ms) in a BIGINT column, sent as an ISO time (Beijing); when not required, 0 is
/// "none" and stored as NULL. Lists may sort by it.
template <class R>
struct TimeField {
  std::string_view name;
  int64_t R::*member;
  bool required = false;
  bool read_only = false;
};

template <class R>
struct SealedField {
  std::string_view name;
  Sealed R::*member;
  SealKind kind;
  std::size_t max_chars;
  bool indexed = false;
};

/// A whole number in a BIGINT column (NOT NULL), from `min` to `max`. Lists may sort by it.
template <class R>
struct IntField {
  std::string_view name;
  int64_t R::*member;
  int64_t min;
  int64_t max;
  bool required = false;
  Filter filter = Filter::kNone;
  bool read_only = false;
};

/// A link to another record by its id (0 is "none", stored as NULL). `path_sql` selects the
/// linked row's region path by its id (one `?`) when it may be linked — not retired, say: a body
/// may link only a record inside the caller's area, and one outside is answered like one that
/// does not exist.
template <class R>
struct RefField {
  std::string_view name;
  int64_t R::*member;
  std::string_view path_sql;
  bool required = false;
  Filter filter = Filter::kEquals;
  bool read_only = false;
};

/// The record's region (the JSON field `region_code`); `levels` are where it may be placed.
template <class R>
struct RegionField {
  std::string_view name;
  Placement R::*member;
  std::span<const domain::RegionLevel> levels;
  bool read_only = false;
};

/// Specialised per record type: kName (the table) and kFields (a tuple of the fields above, with
/// exactly one RegionField).
template <class R>
struct Table;

// ---- per field: the columns it stores, reading and writing them ----

template <class R>
void Columns(const TextField<R>& f, std::vector<std::string>& out) {
  out.emplace_back(f.name);
}
template <class R, class E>
void Columns(const EnumField<R, E>& f, std::vector<std::string>& out) {
  out.emplace_back(f.name);
}
template <class R>
void Columns(const FlagField<R>& f, std::vector<std::string>& out) {
  out.emplace_back(f.name);
}
template <class R>
void Columns(const TimeField<R>& f, std::vector<std::string>& out) {
  out.emplace_back(f.name);
}
template <class R>
void Columns(const IntField<R>& f, std::vector<std::string>& out) {
  out.emplace_back(f.name);
}
template <class R>
void Columns(const RefField<R>& f, std::vector<std::string>& out) {
  out.emplace_back(f.name);
}
template <class R>
void Columns(const SealedField<R>& f, std::vector<std::string>& out) {
  out.push_back(std::string(f.name) + "_enc");
  out.push_back(std::string(f.name) + "_mask");
  if (f.indexed) out.push_back(std::string(f.name) + "_bidx");
}
template <class R>
void Columns(const RegionField<R>&, std::vector<std::string>& out) {
  out.insert(out.end(), {"region_code", "region_path", "level"});
}

template <class R>
void Read(const TextField<R>& f, const Row& r, size_t& i, R& rec) {
  (rec.*f.member).assign(r.View(i++));
}
template <class R, class E>
void Read(const EnumField<R, E>& f, const Row& r, size_t& i, R& rec) {
  const std::string_view text = r.View(i++);
  for (E v : f.values)
    if (ToString(v) == text) rec.*f.member = v;
}
template <class R>
void Read(const FlagField<R>& f, const Row& r, size_t& i, R& rec) {
  rec.*f.member = !r.IsNull(i) && r.Int(i) != 0;
  ++i;
}
template <class R>
void Read(const TimeField<R>& f, const Row& r, size_t& i, R& rec) {
  rec.*f.member = r.IsNull(i) ? 0 : r.Int(i);
  ++i;
}
template <class R>
void Read(const IntField<R>& f, const Row& r, size_t& i, R& rec) {
  rec.*f.member = r.IsNull(i) ? 0 : r.Int(i);
  ++i;
}
template <class R>
void Read(const RefField<R>& f, const Row& r, size_t& i, R& rec) {
  rec.*f.member = r.IsNull(i) ? 0 : r.Int(i);
  ++i;
}
template <class R>
void Read(const SealedField<R>& f, const Row& r, size_t& i, R& rec) {
  Sealed& s = rec.*f.member;
  s.enc.assign(r.View(i++));
  s.mask.assign(r.View(i++));
  if (f.indexed) s.index.assign(r.View(i++));
}
template <class R>
void Read(const RegionField<R>& f, const Row& r, size_t& i, R& rec) {
  Placement& p = rec.*f.member;
  p.code.assign(r.View(i++));
  p.path.assign(r.View(i++));
  p.level = domain::ParseRegionLevel(r.View(i++)).value_or(domain::RegionLevel::kCity);
}

/// The blind index family of a sealed field: a phone's and an identity number's index is the same
/// in every table (one number can be matched across them); other kinds are per field.
template <class R>
std::string_view IndexFamily(const SealedField<R>& f) {
  if (f.kind == SealKind::kPhone) return "phone";
  if (f.kind == SealKind::kIdNumber) return "id_number";
  return f.name;
}

/// The region path of the record `id` that `f` may link to; nullopt when there is none.
template <class R>
std::optional<std::string> RefPath(Connection& c, const RefField<R>& f, int64_t id) {
  auto row = c.QueryOne(std::string(f.path_sql), {id});
  if (!row) return std::nullopt;
  return std::string(row->View(0));
}

/// What a write binds; sealed values are encrypted here, with their row as associated data.
struct WriteContext {
  const security::FieldCipher& cipher;
  std::string_view table;
  int64_t id;
};

template <class R>
void Bind(const TextField<R>& f, const R& rec, const WriteContext&, Params& p) {
  p.emplace_back(rec.*f.member);
}
template <class R, class E>
void Bind(const EnumField<R, E>& f, const R& rec, const WriteContext&, Params& p) {
  p.emplace_back(std::string(ToString(rec.*f.member)));
}
template <class R>
void Bind(const FlagField<R>& f, const R& rec, const WriteContext&, Params& p) {
  p.emplace_back(int64_t{rec.*f.member ? 1 : 0});
}
template <class R>
void Bind(const TimeField<R>& f, const R& rec, const WriteContext&, Params& p) {
  const int64_t v = rec.*f.member;
  if (v == 0 && !f.required)
    p.emplace_back();
  else
    p.emplace_back(v);
}
template <class R>
void Bind(const IntField<R>& f, const R& rec, const WriteContext&, Params& p) {
  p.emplace_back(int64_t{rec.*f.member});
}
template <class R>
void Bind(const RefField<R>& f, const R& rec, const WriteContext&, Params& p) {
  const int64_t v = rec.*f.member;
  if (v == 0)
    p.emplace_back();
  else
    p.emplace_back(v);
}
template <class R>
void Bind(const SealedField<R>& f, const R& rec, const WriteContext& w, Params& p) {
  const Sealed& s = rec.*f.member;
  if (!s.dirty) {  // unchanged: as stored
    p.push_back(NullIfEmpty(s.enc));
    p.push_back(NullIfEmpty(s.mask));
    if (f.indexed) p.push_back(NullIfEmpty(s.index));
    return;
  }
  if (s.plain.empty()) {  // cleared
    p.insert(p.end(), f.indexed ? 3 : 2, Value());
    return;
  }
  const std::string ad =
      std::string(w.table) + "/" + std::string(f.name) + "/" + std::to_string(w.id);
  p.emplace_back(w.cipher.Encrypt(s.plain, ad));
  switch (f.kind) {
    case SealKind::kPhone:
      p.emplace_back(security::MaskPhone(s.plain));
      break;
    case SealKind::kName:
      p.emplace_back(security::MaskName(s.plain));
      break;
    case SealKind::kAddress:
      p.emplace_back(security::MaskAddress(s.plain));
      break;
    case SealKind::kIdNumber:
      p.emplace_back(security::MaskIdNumber(s.plain));
      break;
    case SealKind::kText:
      p.emplace_back(security::MaskedExcerpt(s.plain, 20));
      break;
  }
  if (f.indexed) p.emplace_back(w.cipher.BlindIndex(IndexFamily(f), s.plain));
}
template <class R>
void Bind(const RegionField<R>& f, const R& rec, const WriteContext&, Params& p) {
  const Placement& pl = rec.*f.member;
  p.emplace_back(pl.code);
  p.emplace_back(pl.path);
  p.emplace_back(std::string(domain::ToString(pl.level)));
}

// ---- the record as a whole ----

template <class R, class Fn>
void ForEachField(Fn&& fn) {
  std::apply([&](const auto&... f) { (fn(f), ...); }, Table<R>::kFields);
}

template <class R>
std::vector<std::string> FieldColumns() {
  std::vector<std::string> cols;
  ForEachField<R>([&](const auto& f) { Columns(f, cols); });
  return cols;
}

/// "t.id, t.version, t.created_at, t.updated_at, t.retired, t.<field columns...>", then the
/// region's name: `name_sql`.
template <class R>
std::string SelectListWith(std::string_view name_sql) {
  std::string s = "t.id, t.version, t.created_at, t.updated_at, t.retired";
  for (const auto& c : FieldColumns<R>()) s += ", t." + c;
  return s + ", " + std::string(name_sql);
}

/// The columns FromRow reads, the region's name looked up in SQL (one record).
template <class R>
const std::string& SelectList() {
  static const std::string list =
      SelectListWith<R>("(SELECT name FROM regions WHERE code = t.region_code)");
  return list;
}

/// The same with NULL for the region's name, for a list that names its rows' regions from memory
/// (store::RegionNames) rather than by one lookup per row.
template <class R>
const std::string& ListSelectList() {
  static const std::string list = SelectListWith<R>("NULL");
  return list;
}

/// Reads `r` into `rec`, reusing its texts' buffers (a list streaming its rows through one record).
template <class R>
void FromRow(const Row& r, R& rec) {
  rec.meta = Meta{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4) != 0};
  size_t i = 5;
  ForEachField<R>([&](const auto& f) { Read(f, r, i, rec); });
  const std::string_view region_name = r.View(i);
  ForEachField<R>([&](const auto& f) {
    if constexpr (requires { f.levels; }) (rec.*f.member).name.assign(region_name);
  });
}

template <class R>
R FromRow(const Row& r) {
  R rec;
  FromRow(r, rec);
  return rec;
}

/// Inserts `rec` (its id, version and times are set here); returns the id. Once the write has
/// committed, the caller calls ListTotalsChanged (as after every write a list shows).
/// `also`: columns of the table outside the kit's fields (a record's links), written in the same
/// statement rather than by an UPDATE after it.
struct Column {
  std::string_view name;
  Value value;
};
template <class R>
int64_t Insert(Connection& c, const security::FieldCipher& cipher, R& rec, int64_t now,
               std::span<const Column> also = {}) {
  const std::string_view table = Table<R>::kName;
  const int64_t id = NextId(c, table);
  rec.meta = Meta{id, 1, now, now, false};
  std::string cols = "id, version, created_at, updated_at, retired", marks = "?,?,?,?,?";
  for (const auto& col : FieldColumns<R>()) {
    cols += ", " + col;
    marks += ",?";
  }
  for (const auto& col : also) {
    assert(std::ranges::count(FieldColumns<R>(), col.name) == 0);  // not a kit field's column
    cols += ", " + std::string(col.name);
    marks += ",?";
  }
  Params p{id, int64_t{1}, now, now, int64_t{0}};
  const WriteContext w{cipher, table, id};
  ForEachField<R>([&](const auto& f) { Bind(f, rec, w, p); });
  for (const auto& col : also) p.push_back(col.value);
  c.Execute("INSERT INTO " + std::string(table) + " (" + cols + ") VALUES (" + marks + ")", p);
  return id;
}

/// The record if it exists inside `scope`; nullopt otherwise (a caller cannot tell which).
template <class R>
std::optional<R> Load(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params p{id};
  scope.Bind(p);
  auto row = c.QueryOne("SELECT " + SelectList<R>() + " FROM " + std::string(Table<R>::kName) +
                            " t WHERE t.id = ?" + scope.Sql("t.region_path"),
                        p);
  if (!row) return std::nullopt;
  return FromRow<R>(*row);
}

/// Writes every field of `rec` if its stored version is still `rec.meta.version`; false when
/// someone changed it meanwhile. The version goes up by one.
template <class R>
bool Update(Connection& c, const security::FieldCipher& cipher, const R& rec, int64_t now) {
  const std::string_view table = Table<R>::kName;
  std::string sets = "version = version + 1, updated_at = ?, retired = ?";
  for (const auto& col : FieldColumns<R>()) sets += ", " + col + " = ?";
  Params p{now, int64_t{rec.meta.retired ? 1 : 0}};
  const WriteContext w{cipher, table, rec.meta.id};
  ForEachField<R>([&](const auto& f) { Bind(f, rec, w, p); });
  p.emplace_back(rec.meta.id);
  p.emplace_back(rec.meta.version);
  return c.Execute(
             "UPDATE " + std::string(table) + " SET " + sets + " WHERE id = ? AND version = ?",
             p) == 1;
}

/// The plain text of a sealed value of `rec`, or nullopt when it does not decrypt (tampered or
/// moved between rows).
template <class R>
std::optional<std::string> Unseal(const security::FieldCipher& cipher, const R& rec,
                                  const SealedField<R>& f) {
  const Sealed& s = rec.*f.member;
  if (s.enc.empty()) return std::string();
  return cipher.Decrypt(s.enc, std::string(Table<R>::kName) + "/" + std::string(f.name) + "/" +
                                   std::to_string(rec.meta.id));
}

/// One filter of a list: a declared field's column, and the value (validated by the caller).
struct ListFilter {
  std::string column;
  Filter how = Filter::kEquals;
  Value value;
  std::string_view sql;       ///< kSql: the declared condition
  std::vector<Value> values;  ///< kSql: its bound values, in order
};

/// The SQL of `filters` over the alias `t` (" AND …" each), their values appended to `params`
/// in the same order: what every list and export of a kit table shares.
inline void AppendFilters(const std::vector<ListFilter>& filters, std::string& where,
                          std::vector<Value>& params) {
  for (const auto& f : filters) {
    if (f.how == Filter::kContains) {
      where += " AND t." + f.column + " LIKE ? ESCAPE '\\'";
      params.emplace_back(LikeContains(f.value.Text()));
    } else if (f.how == Filter::kSql) {
      where += " AND " + std::string(f.sql);
      params.insert(params.end(), f.values.begin(), f.values.end());
    } else if (f.how == Filter::kFrom || f.how == Filter::kBefore) {
      where += " AND t." + f.column + (f.how == Filter::kFrom ? " >= ?" : " < ?");
      params.push_back(f.value);
    } else {
      where += " AND t." + f.column + " = ?";
      params.push_back(f.value);
    }
  }
}

/// One page of records inside `scope`; `sort_column` is a declared column (or id, created_at,
/// updated_at), never client text.
template <class R>
int64_t List(Connection& c, const ScopeFilter& scope, const std::vector<ListFilter>& filters,
             bool include_retired, std::string_view sort_column, const PageSpec& page,
             std::vector<R>& out) {
  ListQuery q{.table = Table<R>::kName, .alias = "t", .columns = SelectList<R>()};
  if (!include_retired) q.where += " AND t.retired = 0";
  AppendFilters(filters, q.where, q.params);
  q.order = ListOrder(q, sort_column, page.descending);
  return RunScopedList(c, scope, q, page, [&](const Row& r) { out.push_back(FromRow<R>(r)); });
}

}  // namespace hejia::store::kit
