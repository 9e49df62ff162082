// The machinery of store/cockpit_repo.cpp (included there only): counts over one table as
// `Measures` — aggregate columns, each a figure of domain::CockpitCatalogue — run grouped by the
// units one level down, by the months of a period, or both, and folded into a snapshot's cells.
// Conditions are constants of the repository; the values they compare with are bound.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

/// What the statements of one Measures give, by column: the values per unit code, the totals (for
/// counts that do not add up over units: distinct ones) and the months, this year and the same
/// days a year earlier.
struct Gathered {
  std::vector<std::map<std::string, int64_t>> units, last_units;
  std::vector<int64_t> total, last_total;
  Rows months, last_months;
};

/// Writes the cells of every column of `m` from `g` (see domain::FigureDef for what adds up).
inline void WriteCells(Context& x, const Measures& m, const Gathered& g) {
  const size_t n = m.columns.size(), month_count = x.out.months.size();
  for (size_t i = 0; i < n; ++i) {
    const auto* def = domain::FindFigure(m.codes[i]);
    FigureCells& cells = x.out.figures[m.codes[i]];
    int64_t sum = 0;
    for (const auto& u : x.out.units) {
      const auto it = g.units[i].find(u.code);
      const int64_t v = it == g.units[i].end() ? 0 : it->second;
      cells.units[u.code] = static_cast<double>(v);
      sum += v;
    }
    const bool distinct = def && !def->additive_months && !m.time.empty();
    cells.total = static_cast<double>(distinct ? g.total[i] : sum);
    if (m.time.empty()) continue;  // a state now: no last year, no trend
    for (const auto& u : x.out.units) {
      const auto it = g.last_units[i].find(u.code);
      cells.last_year_units[u.code] =
          static_cast<double>(it == g.last_units[i].end() ? 0 : it->second);
    }
    if (def && def->has_months) {
      cells.months = ByMonth(g.months, i, month_count);
      cells.last_year_months = ByMonth(g.last_months, i, month_count);
    }
    if (distinct) {
      cells.last_year = static_cast<double>(g.last_total[i]);
    } else {
      double last = 0;
      for (const auto& v : cells.last_year_months) last += v.value_or(0);
      if (!def || !def->has_months) last = Totals(Run(x, m, Key::kNone, &x.in.compare), n)[i];
      cells.last_year = last;
    }
  }
}

// Units, totals and months of every column of `m` by grouped statements.
inline void Fill(Context& x, const Measures& m) {
  const size_t n = m.columns.size();
  bool need_total = false, need_months = false;
  for (const auto& code : m.codes) {
    const auto* def = domain::FindFigure(code);
    need_total = need_total || (def && !def->additive_months && !m.time.empty());
    need_months = need_months || (def && def->has_months && !m.time.empty());
  }
  Gathered g;
  g.units.resize(n);
  g.last_units.resize(n);
  if (!m.time.empty() && !need_total) {
    // Counts that add up both ways: one statement a year gives units and months.
    auto now = RunSplit(x, m, x.in.period, x.bounds);
    auto last = RunSplit(x, m, x.in.compare, x.last_bounds);
    g.units = std::move(now.units);
    g.last_units = std::move(last.units);
    g.months = MonthRows(now.months);
    g.last_months = MonthRows(last.months);
  } else {
    for (const auto& [key, v] : Run(x, m, Key::kUnit, &x.in.period)) {
      const std::string code = UnitCodeOf(x, key);
      for (size_t i = 0; i < n; ++i) g.units[i][code] += v[i];
    }
    // The same days a year earlier, by unit (flows only: a state now has no last year).
    if (!m.time.empty())
      for (const auto& [key, v] : Run(x, m, Key::kUnit, &x.in.compare)) {
        const std::string code = UnitCodeOf(x, key);
        for (size_t i = 0; i < n; ++i) g.last_units[i][code] += v[i];
      }
    if (need_total) {
      g.total = Totals(Run(x, m, Key::kNone, &x.in.period), n);
      g.last_total = Totals(Run(x, m, Key::kNone, &x.in.compare), n);
    }
    if (need_months) {
      g.months = Run(x, m, Key::kMonth, &x.in.period, &x.bounds);
      g.last_months = Run(x, m, Key::kMonth, &x.in.compare, &x.last_bounds);
    }
  }
  WriteCells(x, m, g);
}

/// The month of `t` among [bounds[i], bounds[i+1]) (as LadderSql buckets it).
inline size_t MonthOf(const std::vector<int64_t>& bounds, int64_t t) {
  if (bounds.size() <= 2) return 0;
  return static_cast<size_t>(std::upper_bound(bounds.begin() + 1, bounds.end() - 1, t) -
                             (bounds.begin() + 1));
}

/// Counts by unit and month from one scan a year of the rows themselves, folded in C++: each code
/// counts the rows where its condition in `m.columns` (a condition, not an aggregate) holds; with
/// `distinct` ("v.household_id"), `m.codes[0]` instead counts that column's values once per unit,
/// per month and in all. Grouping in SQL costs a temporary B-tree per statement, and
/// COUNT(DISTINCT) by units, months and in all a scan each; the rows in index order cost neither.
inline void FillRows(Context& x, const Measures& m, const std::string& distinct = "") {
  const size_t n = m.columns.size(), first = distinct.empty() ? 0 : 1;
  Gathered g;
  g.units.resize(n);
  g.last_units.resize(n);
  g.total.assign(n, 0);
  g.last_total.assign(n, 0);
  auto year = [&](const DayRange& range, const std::vector<int64_t>& bounds,
                  std::vector<std::map<std::string, int64_t>>& units, std::vector<int64_t>& total,
                  Rows& months) {
    Params p;
    std::string sql = "SELECT " + UnitKeySql(x, m.path) + ", " + m.time + ", " +
                      (distinct.empty() ? std::string("NULL") : distinct);
    for (size_t i = first; i < n; ++i) sql += ", CASE WHEN " + m.columns[i] + " THEN 1 ELSE 0 END";
    p.insert(p.end(), m.column_params.begin(), m.column_params.end());
    sql += m.from + " WHERE 1 = 1" + m.where + " AND " + m.time + " >= ? AND " + m.time + " < ?";
    p.insert(p.end(), m.where_params.begin(), m.where_params.end());
    p.emplace_back(range.from);
    p.emplace_back(range.to);
    sql += x.in.scope.Sql(m.path);
    x.in.scope.Bind(p);
    // Units by the key's text; the rows as (unit, month, value) for the distinct counts.
    std::map<std::string, uint32_t, std::less<>> unit_of;
    std::vector<std::string> unit_codes;
    struct Seen {
      int64_t value;
      uint32_t unit, month;
    };
    std::vector<Seen> seen;
    const size_t month_count = x.out.months.size();
    std::vector<std::vector<int64_t>> flags_by_unit,
        flags_by_month(month_count, std::vector<int64_t>(n, 0));
    x.c.QueryEach(sql, p, [&](const Row& r) {
      const std::string_view key = r.View(0);
      auto it = unit_of.find(key);
      if (it == unit_of.end()) {
        it = unit_of.emplace(std::string(key), static_cast<uint32_t>(unit_codes.size())).first;
        unit_codes.push_back(UnitCodeOf(x, key));
        flags_by_unit.emplace_back(n, 0);
      }
      const uint32_t unit = it->second;
      const auto month = static_cast<uint32_t>(MonthOf(bounds, r.Int(1)));
      if (!r.IsNull(2)) seen.push_back({r.Int(2), unit, month});
      for (size_t i = first; i < n; ++i) {
        const int64_t flag = r.IsNull(i + 3 - first) ? 0 : r.Int(i + 3 - first);
        flags_by_unit[unit][i] += flag;
        if (month < month_count) flags_by_month[month][i] += flag;
      }
    });
    // Distinct by unit, by month and in all: sorted, then counted where the pair changes.
    auto count_distinct = [&](auto group_of, auto add) {
      std::sort(seen.begin(), seen.end(), [&](const Seen& a, const Seen& b) {
        const auto ga = group_of(a), gb = group_of(b);
        return ga != gb ? ga < gb : a.value < b.value;
      });
      for (size_t k = 0; k < seen.size(); ++k)
        if (k == 0 || group_of(seen[k]) != group_of(seen[k - 1]) ||
            seen[k].value != seen[k - 1].value)
          add(seen[k]);
    };
    std::vector<int64_t> distinct_by_unit(unit_codes.size(), 0);
    if (first == 1) {
      count_distinct([](const Seen& s) { return s.unit; },
                     [&](const Seen& s) { ++distinct_by_unit[s.unit]; });
      count_distinct([](const Seen& s) { return s.month; },
                     [&](const Seen& s) {
                       if (s.month < month_count) ++flags_by_month[s.month][0];
                     });
      count_distinct([](const Seen&) { return 0; }, [&](const Seen&) { ++total[0]; });
    }
    for (size_t u = 0; u < unit_codes.size(); ++u) {
      if (first == 1) units[0][unit_codes[u]] += distinct_by_unit[u];
      for (size_t i = first; i < n; ++i) {
        units[i][unit_codes[u]] += flags_by_unit[u][i];
        total[i] += flags_by_unit[u][i];
      }
    }
    for (size_t j = 0; j < month_count; ++j)
      months.emplace_back(std::to_string(j), flags_by_month[j]);
  };
  year(x.in.period, x.bounds, g.units, g.total, g.months);
  year(x.in.compare, x.last_bounds, g.last_units, g.last_total, g.last_months);
  WriteCells(x, m, g);
}

}  // namespace hejia::store::cockpit_detail
