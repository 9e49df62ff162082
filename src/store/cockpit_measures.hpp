// The machinery of store/cockpit_repo.cpp (included there only): counts over one table as
// `Measures` — aggregate columns, each a figure of domain::CockpitCatalogue — run grouped by the
// units one level down, by the months of a period, or both, and folded into a snapshot's cells.
// Conditions are constants of the repository; the values they compare with are bound.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/cockpit.hpp"
#include "domain/region.hpp"
#include "store/cockpit_repo.hpp"
#include "store/db.hpp"

namespace hejia::store::cockpit_detail {

using domain::CockpitSnapshot;
using domain::DayRange;
using domain::FigureCells;

/// Counts over one table: the columns are aggregates, each the figure of `codes` at its index.
/// Conditions are constants of this file; the values they compare with are bound.
struct Measures {
  std::string from;   ///< " FROM visits v"
  std::string path;   ///< "v.region_path": the scope and the units
  std::string time;   ///< "v.visited_at": the period and the months; "" for a state now
  std::string where;  ///< " AND v.retired = 0 …"
  Params where_params;
  std::vector<std::string> codes, columns;
  Params column_params;

  void Add(std::string code, std::string column) {
    codes.push_back(std::move(code));
    columns.push_back(std::move(column));
  }
};

struct Context {
  Connection& c;
  const CockpitInput& in;
  size_t child_len = 0;
  std::vector<int64_t> bounds, last_bounds;
  CockpitSnapshot& out;
};

enum class Key { kNone, kUnit, kMonth, kUnitMonth };
using Rows = std::vector<std::pair<std::string, std::vector<int64_t>>>;

inline std::string CaseWhen(std::string_view condition) {
  return "SUM(CASE WHEN " + std::string(condition) + " THEN 1 ELSE 0 END)";
}

// The bucket of `time` among the months [bounds[i], bounds[i+1]): the WHERE keeps the range, so
// only the inner bounds are compared.
inline std::string LadderSql(const std::string& time, const std::vector<int64_t>& bounds,
                             Params& p) {
  if (bounds.size() <= 2) return "0";
  std::string sql = "CASE";
  for (size_t i = 1; i + 1 < bounds.size(); ++i) {
    sql += " WHEN " + time + " < ? THEN " + std::to_string(i - 1);
    p.emplace_back(bounds[i]);
  }
  return sql + " ELSE " + std::to_string(bounds.size() - 2) + " END";
}

inline std::string UnitKeySql(const Context& x, const std::string& path) {
  if (x.child_len == 0) return "''";  // a grid has no children: all is its own
  return "substr(" + path + ", 1, " + std::to_string(x.child_len) + ")";
}

inline std::string UnitCodeOf(const Context& x, std::string_view key) {
  if (x.child_len == 0 || key.size() < x.child_len) return x.in.region_code;
  const auto codes = domain::CodesOnPath(key);
  return codes.empty() ? x.in.region_code : codes.back();
}

inline Rows Run(const Context& x, const Measures& m, Key key, const DayRange* range,
                const std::vector<int64_t>* bounds = nullptr,
                const Params* where_params = nullptr) {
  Params p;
  std::string sql = "SELECT ";
  if (key == Key::kUnit)
    sql += UnitKeySql(x, m.path);
  else if (key == Key::kMonth)
    sql += LadderSql(m.time, *bounds, p);
  else if (key == Key::kUnitMonth)
    sql += UnitKeySql(x, m.path) + ", " + LadderSql(m.time, *bounds, p);
  else
    sql += "0";
  for (const auto& col : m.columns) sql += ", " + col;
  p.insert(p.end(), m.column_params.begin(), m.column_params.end());
  sql += m.from + " WHERE 1 = 1" + m.where;
  const Params& wp = where_params ? *where_params : m.where_params;
  p.insert(p.end(), wp.begin(), wp.end());
  if (range && !m.time.empty()) {
    sql += " AND " + m.time + " >= ? AND " + m.time + " < ?";
    p.emplace_back(range->from);
    p.emplace_back(range->to);
  }
  sql += x.in.scope.Sql(m.path);
  x.in.scope.Bind(p);
  if (key == Key::kUnitMonth)
    sql += " GROUP BY 1, 2";
  else if (key != Key::kNone)
    sql += " GROUP BY 1";
  // A unit-and-month key is "<unit path>|<month>".
  const size_t first = key == Key::kUnitMonth ? 2 : 1;
  Rows out;
  x.c.QueryEach(sql, p, [&](const Row& r) {
    std::string k = key == Key::kUnit        ? r.Text(0)
                    : key == Key::kMonth     ? std::to_string(r.Int(0))
                    : key == Key::kUnitMonth ? r.Text(0) + '|' + std::to_string(r.Int(1))
                                             : std::string();
    std::vector<int64_t> values;
    for (size_t i = 0; i < m.columns.size(); ++i)
      values.push_back(r.IsNull(i + first) ? 0 : r.Int(i + first));
    out.emplace_back(std::move(k), std::move(values));
  });
  return out;
}

inline std::vector<int64_t> Totals(const Rows& rows, size_t columns) {
  std::vector<int64_t> out(columns, 0);
  for (const auto& [key, v] : rows)
    for (size_t i = 0; i < columns; ++i) out[i] += v[i];
  return out;
}

inline std::vector<std::optional<double>> ByMonth(const Rows& rows, size_t column, size_t months) {
  std::vector<std::optional<double>> out(months, 0.0);
  for (const auto& [key, v] : rows) {
    const size_t i = std::stoul(key);
    if (i < months) out[i] = static_cast<double>(v[column]);
  }
  return out;
}

// Units, totals and months of every column of `m` (see domain::FigureDef for what adds up).
/// Each column's values by unit and by month over `range`: one statement grouped by both (for
/// counts that add up over units and over months).
struct Split {
  std::vector<std::map<std::string, int64_t>> units;
  std::vector<std::vector<int64_t>> months;
};
inline Split RunSplit(const Context& x, const Measures& m, const DayRange& range,
                      const std::vector<int64_t>& bounds) {
  const size_t n = m.columns.size(), month_count = x.out.months.size();
  Split out{std::vector<std::map<std::string, int64_t>>(n),
            std::vector<std::vector<int64_t>>(n, std::vector<int64_t>(month_count, 0))};
  for (const auto& [key, v] : Run(x, m, Key::kUnitMonth, &range, &bounds)) {
    const size_t bar = key.rfind('|');
    const std::string code = UnitCodeOf(x, std::string_view(key).substr(0, bar));
    const size_t month = std::stoul(key.substr(bar + 1));
    for (size_t i = 0; i < n; ++i) {
      out.units[i][code] += v[i];
      if (month < month_count) out.months[i][month] += v[i];
    }
  }
  return out;
}

inline Rows MonthRows(const std::vector<std::vector<int64_t>>& months) {
  Rows out;
  for (size_t j = 0; j < (months.empty() ? 0 : months[0].size()); ++j) {
    std::vector<int64_t> values;
    for (const auto& column : months) values.push_back(column[j]);
    out.emplace_back(std::to_string(j), std::move(values));
  }
  return out;
}

/// A distinct count over `key` (the households visited) and counts that add up, by unit, by
/// month and in all, from one statement a year: one row per unit, month and key, folded here.
/// The distinct count of a unit, a month and the whole is each its own (a household visited in
/// two months counts once in the whole).
struct DistinctSplit {
  std::map<std::string, int64_t> units;  ///< distinct keys by unit
  std::vector<int64_t> months;           ///< distinct keys by month
  int64_t total = 0;
  std::vector<std::map<std::string, int64_t>> sum_units;  ///< the other columns
  std::vector<std::vector<int64_t>> sum_months;
};
inline DistinctSplit RunDistinct(const Context& x, const Measures& m, const std::string& key,
                                 const DayRange& range, const std::vector<int64_t>& bounds) {
  const size_t sums = m.columns.size() - 1, month_count = x.out.months.size();
  DistinctSplit out;
  out.months.assign(month_count, 0);
  out.sum_units.resize(sums);
  out.sum_months.assign(sums, std::vector<int64_t>(month_count, 0));
  Params p;
  std::string sql =
      "SELECT " + UnitKeySql(x, m.path) + ", " + LadderSql(m.time, bounds, p) + ", " + key;
  for (size_t i = 1; i < m.columns.size(); ++i) sql += ", " + m.columns[i];
  p.insert(p.end(), m.column_params.begin(), m.column_params.end());
  sql += m.from + " WHERE 1 = 1" + m.where + " AND " + m.time + " >= ? AND " + m.time + " < ?";
  p.insert(p.end(), m.where_params.begin(), m.where_params.end());
  p.emplace_back(range.from);
  p.emplace_back(range.to);
  sql += x.in.scope.Sql(m.path) + " GROUP BY 1, 2, 3";
  x.in.scope.Bind(p);
  std::set<std::pair<std::string, int64_t>> unit_keys;
  std::set<std::pair<size_t, int64_t>> month_keys;
  std::unordered_set<int64_t> keys;
  std::string last_path, last_code;
  x.c.QueryEach(sql, p, [&](const Row& r) {
    if (r.View(0) != last_path) {
      last_path = r.Text(0);
      last_code = UnitCodeOf(x, last_path);
    }
    const auto month = static_cast<size_t>(r.Int(1));
    const int64_t k = r.Int(2);
    if (unit_keys.emplace(last_code, k).second) ++out.units[last_code];
    if (month < month_count && month_keys.emplace(month, k).second) ++out.months[month];
    keys.insert(k);
    for (size_t i = 0; i < sums; ++i) {
      const int64_t v = r.IsNull(3 + i) ? 0 : r.Int(3 + i);
      out.sum_units[i][last_code] += v;
      if (month < month_count) out.sum_months[i][month] += v;
    }
  });
  out.total = static_cast<int64_t>(keys.size());
  return out;
}

/// Fill for a Measures whose first column is COUNT(DISTINCT `key`) and the others add up.
inline void FillDistinct(Context& x, const Measures& m, const std::string& key) {
  const auto now = RunDistinct(x, m, key, x.in.period, x.bounds);
  const auto last = RunDistinct(x, m, key, x.in.compare, x.last_bounds);
  auto months_of = [](const std::vector<int64_t>& v) {
    return std::vector<std::optional<double>>(v.begin(), v.end());
  };
  for (size_t i = 0; i < m.columns.size(); ++i) {
    FigureCells& cells = x.out.figures[m.codes[i]];
    const auto& units = i == 0 ? now.units : now.sum_units[i - 1];
    const auto& last_units = i == 0 ? last.units : last.sum_units[i - 1];
    int64_t sum = 0, last_sum = 0;
    for (const auto& u : x.out.units) {
      const auto it = units.find(u.code);
      const auto lt = last_units.find(u.code);
      const int64_t v = it == units.end() ? 0 : it->second;
      const int64_t lv = lt == last_units.end() ? 0 : lt->second;
      cells.units[u.code] = static_cast<double>(v);
      cells.last_year_units[u.code] = static_cast<double>(lv);
      sum += v;
      last_sum += lv;
    }
    cells.total = static_cast<double>(i == 0 ? now.total : sum);
    cells.last_year = static_cast<double>(i == 0 ? last.total : last_sum);
    cells.months = months_of(i == 0 ? now.months : now.sum_months[i - 1]);
    cells.last_year_months = months_of(i == 0 ? last.months : last.sum_months[i - 1]);
  }
}

// Units, totals and months of every column of `m` (see domain::FigureDef for what adds up).
inline void Fill(Context& x, const Measures& m) {
  const size_t n = m.columns.size();
  bool need_total = false, need_months = false;
  for (const auto& code : m.codes) {
    const auto* def = domain::FindFigure(code);
    need_total = need_total || (def && !def->additive_months && !m.time.empty());
    need_months = need_months || (def && def->has_months && !m.time.empty());
  }
  std::vector<std::map<std::string, int64_t>> units(n), last_units(n);
  std::vector<int64_t> total, last_total;
  Rows months, last_months;
  if (!m.time.empty() && !need_total) {
    // Counts that add up both ways: one statement a year gives units and months.
    auto now = RunSplit(x, m, x.in.period, x.bounds);
    auto last = RunSplit(x, m, x.in.compare, x.last_bounds);
    units = std::move(now.units);
    last_units = std::move(last.units);
    months = MonthRows(now.months);
    last_months = MonthRows(last.months);
  } else {
    for (const auto& [key, v] : Run(x, m, Key::kUnit, &x.in.period)) {
      const std::string code = UnitCodeOf(x, key);
      for (size_t i = 0; i < n; ++i) units[i][code] += v[i];
    }
    // The same days a year earlier, by unit (flows only: a state now has no last year).
    if (!m.time.empty())
      for (const auto& [key, v] : Run(x, m, Key::kUnit, &x.in.compare)) {
        const std::string code = UnitCodeOf(x, key);
        for (size_t i = 0; i < n; ++i) last_units[i][code] += v[i];
      }
    if (need_total) {
      total = Totals(Run(x, m, Key::kNone, &x.in.period), n);
      last_total = Totals(Run(x, m, Key::kNone, &x.in.compare), n);
    }
    if (need_months) {
      months = Run(x, m, Key::kMonth, &x.in.period, &x.bounds);
      last_months = Run(x, m, Key::kMonth, &x.in.compare, &x.last_bounds);
    }
  }
  const size_t month_count = x.out.months.size();
  for (size_t i = 0; i < n; ++i) {
    const auto* def = domain::FindFigure(m.codes[i]);
    FigureCells& cells = x.out.figures[m.codes[i]];
    int64_t sum = 0;
    for (const auto& u : x.out.units) {
      const auto it = units[i].find(u.code);
      const int64_t v = it == units[i].end() ? 0 : it->second;
      cells.units[u.code] = static_cast<double>(v);
      sum += v;
    }
    const bool distinct = def && !def->additive_months && !m.time.empty();
    cells.total = static_cast<double>(distinct ? total[i] : sum);
    if (m.time.empty()) continue;  // a state now: no last year, no trend
    for (const auto& u : x.out.units) {
      const auto it = last_units[i].find(u.code);
      cells.last_year_units[u.code] =
          static_cast<double>(it == last_units[i].end() ? 0 : it->second);
    }
    if (def && def->has_months) {
      cells.months = ByMonth(months, i, month_count);
      cells.last_year_months = ByMonth(last_months, i, month_count);
    }
    if (distinct) {
      cells.last_year = static_cast<double>(last_total[i]);
    } else {
      double last = 0;
      for (const auto& v : cells.last_year_months) last += v.value_or(0);
      if (!def || !def->has_months) last = Totals(Run(x, m, Key::kNone, &x.in.compare), n)[i];
      cells.last_year = last;
    }
  }
}

}  // namespace hejia::store::cockpit_detail
