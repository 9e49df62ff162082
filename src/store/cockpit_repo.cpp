#include "store/cockpit_repo.hpp"

#include <map>
#include <utility>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "domain/volunteer.hpp"
#include "store/case_stats.hpp"
#include "store/cockpit_measures.hpp"
#include "store/coverage_repo.hpp"
#include "store/incident_push_repo.hpp"

namespace hejia::store {

namespace {

using namespace cockpit_detail;

constexpr double kHourMs = 3600.0 * 1000;

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
  const auto now = ComputeCaseTallies(x.c, in.scope, in.period.from, in.period.to);
  const auto before = ComputeCaseTallies(x.c, in.scope, in.compare.from, in.compare.to);
  const CaseStats &by_unit = now.by_region, &months = now.by_month;
  const CaseStats &last = before.by_month, &last_by_unit = before.by_region;
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

void AddIncidents(Context& x) {
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
  pushes.Add("incidents.pushes_on_time", CaseWhen(store::kPushOnTimeSql));
  Fill(x, pushes);
}

void AddMustVisits(Context& x) {
  Measures visits{.from = " FROM visits v",
                  .path = "v.region_path",
                  .time = "v.visited_at",
                  .where = " AND v.retired = 0 AND v.kind = 'must_visit'"};
  // One scan a year: the households distinct, the others conditions per row (FillRows).
  visits.Add("visits.households", "");
  visits.Add("visits.problems", "v.problem_found = 1");
  visits.Add("visits.settled", "v.problem_found = 1 AND v.action = 'settled'");
  FillRows(x, visits, "v.household_id");
}

void AddCare(Context& x) {
  Measures care{.from = " FROM visits v JOIN visit_people vp ON vp.visit_id = v.id",
                .path = "v.region_path",
                .time = "v.visited_at",
                .where = " AND v.retired = 0 AND v.kind = 'care'"};
  // One scan a year of the people met, folded by FillRows: conditions per row.
  care.Add("care.person_visits", "1 = 1");
  for (auto tag : domain::kDifficultyTags) {
    care.Add("care.category." + std::string(tag), "vp.category = ?");
    care.column_params.emplace_back(std::string(tag));
  }
  FillRows(x, care);
}

// Training lectures, school lectures, videos; consultations and hotline calls with their medians.
void AddEducationAndDesks(Context& x) {
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

domain::CockpitSnapshot CockpitFrame(Connection& c, const CockpitInput& in) {
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
  const auto bounds = domain::MonthBounds(in.period);
  for (size_t i = 0; i + 1 < bounds.size(); ++i)
    out.months.push_back(FormatBeijing(bounds[i]).substr(0, 7));
  return out;
}

void ComputeCockpitPart(Connection& c, const CockpitInput& in, size_t part,
                        domain::CockpitSnapshot& out) {
  Context x{c,
            in,
            ChildPathLength(in.scope.lower, in.level),
            domain::MonthBounds(in.period),
            domain::MonthBounds(in.compare),
            out};
  x.last_bounds.resize(x.bounds.size(), in.compare.to);  // the same months a year earlier
  switch (part) {
    case 0:
      AddCare(x);
      break;
    case 1:
      AddRequests(x);
      break;
    case 2:
      AddMustVisits(x);
      break;
    default:
      AddVolunteers(x);
      AddCoverage(x);
      AddIncidents(x);
      AddEducationAndDesks(x);
      AddStocks(x);
      break;
  }
}

domain::CockpitSnapshot ComputeCockpit(Connection& c, const CockpitInput& in) {
  auto out = CockpitFrame(c, in);
  for (size_t part = 0; part < kCockpitParts; ++part) ComputeCockpitPart(c, in, part, out);
  out.FinishRatios();
  return out;
}

}  // namespace hejia::store
