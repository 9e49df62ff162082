#include "store/cockpit_repo.hpp"

#include <map>
#include <utility>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "domain/volunteer.hpp"
#include "store/case_stats.hpp"
#include "store/coverage_repo.hpp"

namespace hejia::store {

namespace {

using domain::CockpitSnapshot;
using domain::DayRange;
using domain::FigureCells;

constexpr double kHourMs = 3600.0 * 1000;

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

std::string CaseWhen(std::string_view condition) {
  return "SUM(CASE WHEN " + std::string(condition) + " THEN 1 ELSE 0 END)";
}

// The bucket of `time` among the months [bounds[i], bounds[i+1]): the WHERE keeps the range, so
// only the inner bounds are compared.
std::string LadderSql(const std::string& time, const std::vector<int64_t>& bounds, Params& p) {
  if (bounds.size() <= 2) return "0";
  std::string sql = "CASE";
  for (size_t i = 1; i + 1 < bounds.size(); ++i) {
    sql += " WHEN " + time + " < ? THEN " + std::to_string(i - 1);
    p.emplace_back(bounds[i]);
  }
  return sql + " ELSE " + std::to_string(bounds.size() - 2) + " END";
}

std::string UnitKeySql(const Context& x, const std::string& path) {
  if (x.child_len == 0) return "''";  // a grid has no children: all is its own
  return "substr(" + path + ", 1, " + std::to_string(x.child_len) + ")";
}

std::string UnitCodeOf(const Context& x, std::string_view key) {
  if (x.child_len == 0 || key.size() < x.child_len) return x.in.region_code;
  const auto codes = domain::CodesOnPath(key);
  return codes.empty() ? x.in.region_code : codes.back();
}

Rows Run(const Context& x, const Measures& m, Key key, const DayRange* range,
         const std::vector<int64_t>* bounds = nullptr, const Params* where_params = nullptr) {
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

std::vector<int64_t> Totals(const Rows& rows, size_t columns) {
  std::vector<int64_t> out(columns, 0);
  for (const auto& [key, v] : rows)
    for (size_t i = 0; i < columns; ++i) out[i] += v[i];
  return out;
}

std::vector<std::optional<double>> ByMonth(const Rows& rows, size_t column, size_t months) {
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
Split RunSplit(const Context& x, const Measures& m, const DayRange& range,
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

Rows MonthRows(const std::vector<std::vector<int64_t>>& months) {
  Rows out;
  for (size_t j = 0; j < (months.empty() ? 0 : months[0].size()); ++j) {
    std::vector<int64_t> values;
    for (const auto& column : months) values.push_back(column[j]);
    out.emplace_back(std::to_string(j), std::move(values));
  }
  return out;
}

// Units, totals and months of every column of `m` (see domain::FigureDef for what adds up).
void Fill(Context& x, const Measures& m) {
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

// Volunteers serving at the period's end by unit and type; a year earlier; and at each month's
// end (a trend of the stock).
void AddVolunteers(Context& x) {
  Measures m{.from = " FROM volunteers v",
             .path = "v.region_path",
             .where =
                 " AND v.retired = 0 AND v.joined_at < ? AND (v.left_at IS NULL OR "
                 "v.left_at >= ?)",
             .where_params = {x.in.period.to, x.in.period.to}};
  m.Add("volunteers.serving", "COUNT(*)");
  for (auto t : domain::kMemberTypes) {
    m.Add("volunteers.type." + std::string(domain::ToString(t)), CaseWhen("v.member_type = ?"));
    m.column_params.emplace_back(std::string(domain::ToString(t)));
  }
  Fill(x, m);  // no time column: units and totals at the period's end
  const Params last{x.in.compare.to, x.in.compare.to};
  std::vector<std::map<std::string, int64_t>> last_units(m.codes.size());
  std::vector<int64_t> last_totals(m.codes.size(), 0);
  for (const auto& [key, v] : Run(x, m, Key::kUnit, nullptr, nullptr, &last))
    for (size_t i = 0; i < m.codes.size(); ++i) {
      last_units[i][UnitCodeOf(x, key)] += v[i];
      last_totals[i] += v[i];
    }
  for (size_t i = 0; i < m.codes.size(); ++i) {
    auto& cells = x.out.figures[m.codes[i]];
    cells.last_year = static_cast<double>(last_totals[i]);
    for (const auto& u : x.out.units)
      cells.last_year_units[u.code] = static_cast<double>(last_units[i][u.code]);
  }

  auto month_ends = [&](const std::vector<int64_t>& bounds) {
    Measures ends{
        .from = " FROM volunteers v", .path = "v.region_path", .where = " AND v.retired = 0"};
    for (size_t i = 1; i < bounds.size(); ++i) {
      ends.Add("e" + std::to_string(i),
               CaseWhen("v.joined_at < ? AND (v.left_at IS NULL OR v.left_at >= ?)"));
      ends.column_params.emplace_back(bounds[i]);
      ends.column_params.emplace_back(bounds[i]);
    }
    const auto row = Totals(Run(x, ends, Key::kNone, nullptr), ends.codes.size());
    std::vector<std::optional<double>> out;
    for (auto v : row) out.push_back(static_cast<double>(v));
    return out;
  };
  auto& serving = x.out.figures["volunteers.serving"];
  serving.months = month_ends(x.bounds);
  serving.last_year_months = month_ends(x.last_bounds);
}

// Grids, and those a serving sister covers (as GET /coverage reads them), now.
void AddCoverage(Context& x) {
  const auto cov = ReadCoverage(x.c, x.in.scope, x.in.now, x.in.max_grids_per_sister);
  Measures grids{.from = " FROM regions r",
                 .path = "r.path",
                 .where = " AND r.level = 'grid' AND r.retired = 0"};
  grids.Add("coverage.grids", "COUNT(*)");
  Fill(x, grids);
  std::map<std::string, int64_t> uncovered;
  for (const auto& g : cov.uncovered)
    ++uncovered[UnitCodeOf(x, x.child_len ? g.path.substr(0, x.child_len) : g.path)];
  auto& all = x.out.figures["coverage.grids"];
  auto& covered = x.out.figures["coverage.covered"];
  all.total = static_cast<double>(cov.grids);
  covered.total = static_cast<double>(cov.grids - static_cast<int64_t>(cov.uncovered.size()));
  for (const auto& [code, value] : all.units)
    covered.units[code] = value.value_or(0) - static_cast<double>(uncovered[code]);
}

// Help requests: the statistics page's own numbers (store/case_stats.hpp).
void AddRequests(Context& x) {
  const auto& in = x.in;
  const auto by_unit =
      ComputeCaseStats(x.c, in.scope, in.period.from, in.period.to, StatsGroup::kRegion);
  const auto months =
      ComputeCaseStats(x.c, in.scope, in.period.from, in.period.to, StatsGroup::kMonth);
  const auto last =
      ComputeCaseStats(x.c, in.scope, in.compare.from, in.compare.to, StatsGroup::kMonth);
  const auto last_by_unit =
      ComputeCaseStats(x.c, in.scope, in.compare.from, in.compare.to, StatsGroup::kRegion);
  const std::pair<const char*, int64_t CaseTally::*> parts[] = {
      {"requests.received", &CaseTally::received},
      {"requests.accepted", &CaseTally::accepted},
      {"requests.resolved", &CaseTally::resolved},
      {"requests.night_clinic", &CaseTally::night_clinic}};
  for (const auto& [code, member] : parts) {
    FigureCells& cells = x.out.figures[code];
    for (const auto& u : x.out.units) cells.units[u.code] = 0.0;
    for (const auto& g : by_unit.groups)
      if (cells.units.contains(g.key)) cells.units[g.key] = static_cast<double>(g.tally.*member);
    for (const auto& u : x.out.units) cells.last_year_units[u.code] = 0.0;
    for (const auto& g : last_by_unit.groups)
      if (cells.last_year_units.contains(g.key))
        cells.last_year_units[g.key] = static_cast<double>(g.tally.*member);
    cells.total = static_cast<double>(by_unit.totals.*member);
    cells.last_year = static_cast<double>(last.totals.*member);
    for (size_t i = 0; i < x.out.months.size(); ++i) {
      cells.months.push_back(
          i < months.groups.size() ? static_cast<double>(months.groups[i].tally.*member) : 0.0);
      cells.last_year_months.push_back(
          i < last.groups.size() ? static_cast<double>(last.groups[i].tally.*member) : 0.0);
    }
  }
}

// The median hours from `start` to `end` of the rows of `m` (their end set), by unit and month.
void AddMedian(Context& x, const std::string& code, const Measures& m, const std::string& start,
               const std::string& end) {
  FigureCells& cells = x.out.figures[code];
  auto durations = [&](const DayRange& range, const std::vector<int64_t>& bounds,
                       std::map<std::string, std::vector<double>>* units,
                       std::vector<std::vector<double>>& months) {
    Params p;
    std::string sql = "SELECT " + UnitKeySql(x, m.path) + ", " + LadderSql(m.time, bounds, p) +
                      ", " + start + ", " + end + m.from + " WHERE " + end + " IS NOT NULL" +
                      m.where + " AND " + m.time + " >= ? AND " + m.time + " < ?" +
                      x.in.scope.Sql(m.path);
    p.insert(p.end(), m.where_params.begin(), m.where_params.end());
    p.emplace_back(range.from);
    p.emplace_back(range.to);
    x.in.scope.Bind(p);
    std::vector<double> all;
    months.assign(x.out.months.size(), {});
    x.c.QueryEach(sql, p, [&](const Row& r) {
      const double hours = static_cast<double>(r.Int(3) - r.Int(2)) / kHourMs;
      all.push_back(hours);
      if (units) (*units)[UnitCodeOf(x, r.Text(0))].push_back(hours);
      const auto i = static_cast<size_t>(r.Int(1));
      if (i < months.size()) months[i].push_back(hours);
    });
    return all;
  };
  std::map<std::string, std::vector<double>> units;
  std::vector<std::vector<double>> months, last_months;
  const auto all = durations(x.in.period, x.bounds, &units, months);
  std::map<std::string, std::vector<double>> last_units;
  const auto last = durations(x.in.compare, x.last_bounds, &last_units, last_months);
  cells.total = Median(all);
  cells.n = static_cast<int64_t>(all.size());
  cells.last_year = Median(last);
  cells.last_year_n = static_cast<int64_t>(last.size());
  for (const auto& u : x.out.units) {
    cells.units[u.code] = Median(units[u.code]);
    cells.last_year_units[u.code] = Median(last_units[u.code]);
  }
  for (const auto& v : months) cells.months.push_back(Median(v));
  for (const auto& v : last_months) cells.last_year_months.push_back(Median(v));
}

void AddFlows(Context& x) {
  Measures incidents{.from = " FROM police_incidents i",
                     .path = "i.region_path",
                     .time = "i.reported_at",
                     .where = " AND i.retired = 0"};
  incidents.Add("incidents.received", "COUNT(*)");
  Fill(x, incidents);
  // A push is judged once all its limits have passed; a step not done (NULL) is not on time.
  Measures pushes{.from = " FROM police_incidents i JOIN incident_pushes p ON p.incident_id = i.id",
                  .path = "i.region_path",
                  .time = "i.reported_at",
                  .where = " AND i.retired = 0 AND p.feedback_due < ?",
                  .where_params = {x.in.now}};
  pushes.Add("incidents.pushes_due", "COUNT(*)");
  pushes.Add("incidents.pushes_on_time",
             CaseWhen("p.acknowledged_at <= p.ack_due AND p.contacted_at <= p.contact_due AND "
                      "p.visited_at <= p.visit_due AND p.fed_back_at <= p.feedback_due"));
  Fill(x, pushes);

  Measures visits{.from = " FROM visits v",
                  .path = "v.region_path",
                  .time = "v.visited_at",
                  .where = " AND v.retired = 0 AND v.kind = 'must_visit'"};
  visits.Add("visits.households", "COUNT(DISTINCT v.household_id)");
  visits.Add("visits.problems", CaseWhen("v.problem_found = 1"));
  visits.Add("visits.settled", CaseWhen("v.problem_found = 1 AND v.action = 'settled'"));
  Fill(x, visits);

  Measures care{.from = " FROM visits v JOIN visit_people vp ON vp.visit_id = v.id",
                .path = "v.region_path",
                .time = "v.visited_at",
                .where = " AND v.retired = 0 AND v.kind = 'care'"};
  care.Add("care.person_visits", "COUNT(*)");
  for (auto tag : domain::kDifficultyTags) {
    care.Add("care.category." + std::string(tag), CaseWhen("vp.category = ?"));
    care.column_params.emplace_back(std::string(tag));
  }
  Fill(x, care);

  Measures training{.from = " FROM trainings t",
                    .path = "t.region_path",
                    .time = "t.held_at",
                    .where = " AND t.retired = 0 AND t.kind = 'mediation_lecture'"};
  training.Add("training.lectures", "COUNT(*)");
  Fill(x, training);

  Measures lectures{.from = " FROM legal_events e",
                    .path = "e.region_path",
                    .time = "e.held_at",
                    .where = " AND e.retired = 0 AND e.kind = 'school_lecture'"};
  lectures.Add("legal.school_lectures", "COUNT(*)");
  Fill(x, lectures);
  Measures videos{.from = " FROM legal_contents lc",
                  .path = "lc.region_path",
                  .time = "lc.published_at",
                  .where = " AND lc.retired = 0 AND lc.kind = 'video' AND lc.status = 'published'"};
  videos.Add("legal.videos", "COUNT(*)");
  Fill(x, videos);

  Measures consult{
      .from = " FROM consultations c", .path = "c.region_path", .time = "c.created_at"};
  consult.Add("consult.received", "COUNT(*)");
  consult.Add("consult.answered", CaseWhen("c.answered_at IS NOT NULL"));
  Fill(x, consult);
  AddMedian(x, "consult.median_hours", consult, "c.created_at", "c.answered_at");

  Measures calls{.from = " FROM hotline_calls h",
                 .path = "h.region_path",
                 .time = "h.received_at",
                 .where = " AND h.retired = 0"};
  calls.Add("hotline.calls", "COUNT(*)");
  calls.Add("hotline.call_backs",
            CaseWhen("h.outcome = 'call_back' AND h.called_back_at IS NOT NULL"));
  Fill(x, calls);
  Measures call_backs = calls;
  call_backs.where += " AND h.outcome = 'call_back'";
  AddMedian(x, "hotline.median_call_back_hours", call_backs, "h.received_at", "h.called_back_at");
}

// States now: demonstration sites, key families; the campaign target of the period's year.
void AddStocks(Context& x) {
  Measures sites{.from = " FROM mediation_rooms m",
                 .path = "m.region_path",
                 .where =
                     " AND m.retired = 0 AND m.demonstration = 1 AND m.level IN ('town', "
                     "'village')"};
  sites.Add("sites.demonstration", "COUNT(*)");
  sites.Add("sites.town", CaseWhen("m.level = 'town'"));
  sites.Add("sites.village", CaseWhen("m.level = 'village'"));
  Fill(x, sites);

  Measures families{
      .from = " FROM key_families t", .path = "t.region_path", .where = " AND t.retired = 0"};
  families.Add("families.total", "COUNT(*)");
  for (const char* colour : {"red", "yellow", "blue"}) {
    families.Add(std::string("families.") + colour, CaseWhen("t.colour = ?"));
    families.column_params.emplace_back(std::string(colour));
  }
  families.Add("families.overdue", CaseWhen("t.next_contact_due < ?"));
  families.column_params.emplace_back(x.in.now);
  Fill(x, families);

  // The target of the campaigns of the year the period ends in.
  const int year = std::stoi(domain::LastDay(x.in.period).substr(0, 4));
  Measures target{.from = " FROM legal_campaigns k",
                  .path = "k.region_path",
                  .where = " AND k.retired = 0 AND k.year = ?",
                  .where_params = {int64_t{year}}};
  target.Add("legal.school_target", "CAST(COALESCE(SUM(k.target_school_lectures), 0) AS BIGINT)");
  Fill(x, target);
  const Params last{int64_t{year - 1}};
  x.out.figures["legal.school_target"].last_year =
      static_cast<double>(Totals(Run(x, target, Key::kNone, nullptr, nullptr, &last), 1)[0]);
}

}  // namespace

size_t ChildPathLength(std::string_view path, domain::RegionLevel level) {
  const auto child = domain::ChildLevel(level);
  if (!child) return 0;
  return path.size() + domain::RegionCodeLength(*child) + 1;
}

domain::CockpitSnapshot ComputeCockpit(Connection& c, const CockpitInput& in) {
  CockpitSnapshot out;
  out.period = in.period;
  out.compare = in.compare;
  out.as_of = in.now;
  out.region_code = in.region_code;
  out.region_name = in.region_name;
  out.region_level = std::string(domain::ToString(in.level));
  out.units.push_back({in.region_code, in.region_name + "（本级）", out.region_level, true});
  if (const auto child = domain::ChildLevel(in.level))
    c.QueryEach(
        "SELECT code, name FROM regions WHERE parent_code = ? AND retired = 0 ORDER BY code",
        Params{Value(in.region_code)}, [&](const Row& r) {
          out.units.push_back({r.Text(0), r.Text(1), std::string(domain::ToString(*child)), false});
        });
  Context x{c,
            in,
            ChildPathLength(in.scope.lower, in.level),
            domain::MonthBounds(in.period),
            domain::MonthBounds(in.compare),
            out};
  for (size_t i = 0; i + 1 < x.bounds.size(); ++i)
    out.months.push_back(FormatBeijing(x.bounds[i]).substr(0, 7));
  x.last_bounds.resize(x.bounds.size(), in.compare.to);  // the same months a year earlier
  AddVolunteers(x);
  AddCoverage(x);
  AddRequests(x);
  AddFlows(x);
  AddStocks(x);
  out.FinishRatios();
  return out;
}

}  // namespace hejia::store
