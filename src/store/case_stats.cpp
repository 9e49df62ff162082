#include "store/case_stats.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/categories.hpp"
#include "domain/region.hpp"
#include "security/field_cipher.hpp"
#include "store/scope.hpp"

namespace hejia::store {

namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kBeijingOffsetMs = 8LL * 3600 * 1000;

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

// The statuses that count as resolved from the status alone, and those that need the history
// ("had an agreement"), both read from domain::CountsAsResolved so the rule lives in one place.
struct ResolvedStatuses {
  std::vector<std::string> by_status, by_history;
};
const ResolvedStatuses& Resolved() {
  static const ResolvedStatuses r = [] {
    ResolvedStatuses out;
    for (auto s : domain::AllCaseStatuses()) {
      if (domain::CountsAsResolved(s, false))
        out.by_status.emplace_back(domain::ToString(s));
      else if (domain::CountsAsResolved(s, true))
        out.by_history.emplace_back(domain::ToString(s));
    }
    return out;
  }();
  return r;
}

}  // namespace

// SQL pieces; each appends its bound values to `p` in the order its text places them.
std::string AcceptedSql(Params& p) {
  p.emplace_back("registered");
  p.emplace_back("rejected");
  p.emplace_back("withdrawn");
  p.emplace_back("withdrawn");
  // A withdrawal before the decision leaves decided_at unset; `reject` sets it but ends in
  // rejected; every other status lies after `accept`.
  return "(c.status NOT IN (?,?,?) OR (c.status = ? AND c.decided_at IS NOT NULL))";
}

namespace {

std::string HadAgreementEventSql(Params& p) {
  p.emplace_back("agreed");
  return "(SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'status' AND "
         "e.to_status = ?)";
}

}  // namespace

std::string ResolvedSql(Params& p, std::string_view agreement_effective) {
  const auto& r = Resolved();
  std::string sql = "(c.status IN (" + Placeholders(r.by_status.size()) + ")";
  for (const auto& s : r.by_status) p.emplace_back(s);
  sql += " OR (c.status IN (" + Placeholders(r.by_history.size()) + ")";
  for (const auto& s : r.by_history) p.emplace_back(s);
  sql += " AND (c.resolved_at IS NOT NULL OR " + std::string(agreement_effective) +
         " IS NOT NULL OR " + HadAgreementEventSql(p) + " IS NOT NULL)))";
  return sql;
}

namespace {

std::string KeySql(StatsGroup group, Params& p) {
  switch (group) {
    case StatsGroup::kCategory:
      return "c.category";
    case StatsGroup::kRegion:
      return "c.region_path";  // folded into the scope's child regions in C++
    case StatsGroup::kMonth:
      // The Beijing day; folded into months in C++ (SQL has no portable calendar arithmetic).
      p.emplace_back(kBeijingOffsetMs);
      p.emplace_back(kDayMs);
      return "(c.created_at + ?) / ?";
    case StatsGroup::kLevel:
    case StatsGroup::kNone:
      break;
  }
  return "c.level";
}

constexpr std::string_view kFrom = " FROM cases c LEFT JOIN agreements a ON a.case_id = c.id";

std::string WhereSql(const ScopeFilter& scope, int64_t from_ms, int64_t to_ms, Params& p) {
  p.emplace_back(from_ms);
  p.emplace_back(to_ms);
  scope.Bind(p);
  return " WHERE c.created_at >= ? AND c.created_at < ?" + scope.Sql("c.region_path");
}

// Civil date of a day count (Howard Hinnant's days_from_civil inverse).
void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::string MonthLabel(const std::string& key) {
  // "2026-03" -> "2026年3月"
  return key.substr(0, 4) + "年" + std::to_string(std::stoi(key.substr(5, 2))) + "月";
}

// The groups to list, in order, with their labels; keys found in the data but not listed here
// (a retired region, an unknown code) are appended after them.
std::vector<CaseStatsGroup> GroupSkeleton(Connection& conn, const ScopeFilter& scope,
                                          int64_t from_ms, int64_t to_ms, StatsGroup group,
                                          std::string& root_path) {
  std::vector<CaseStatsGroup> out;
  switch (group) {
    case StatsGroup::kNone:
      break;
    case StatsGroup::kCategory:
      for (const auto& c : domain::AllCategories())
        out.push_back({std::string(c.code), std::string(c.label), {}});
      break;
    case StatsGroup::kLevel:
      for (auto l : domain::AllCaseLevels())
        out.push_back({std::string(domain::ToString(l)), std::string(domain::Label(l)), {}});
      break;
    case StatsGroup::kMonth:
      for (const auto& m : BeijingMonths(from_ms, to_ms)) out.push_back({m, MonthLabel(m), {}});
      break;
    case StatsGroup::kRegion: {
      root_path = scope.lower;
      const auto codes = domain::CodesOnPath(root_path);
      if (codes.empty()) break;
      auto root = conn.QueryOne("SELECT name, level FROM regions WHERE code = ?", {codes.back()});
      if (!root) break;
      out.push_back({codes.back(), root->Text(0) + "（本级）", {}});
      // Cases live on villages, towns and the city, never on grids.
      const auto level = domain::ParseRegionLevel(root->Text(1));
      if (level == domain::RegionLevel::kVillage || level == domain::RegionLevel::kGrid) break;
      for (const auto& r : conn.Query(
               "SELECT code, name FROM regions WHERE parent_code = ? AND retired = 0 ORDER BY code",
               {codes.back()}))
        out.push_back({r.Text(0), r.Text(1), {}});
      break;
    }
  }
  return out;
}

// The group key of one SQL key value.
std::string FoldKey(StatsGroup group, const Row& r, size_t i, const std::string& root_path) {
  switch (group) {
    case StatsGroup::kMonth:
      return BeijingMonthOfDay(r.Int(i));
    case StatsGroup::kRegion: {
      const std::string path = r.Text(i);
      if (path.size() <= root_path.size()) {
        const auto codes = domain::CodesOnPath(path);
        return codes.empty() ? std::string() : codes.back();
      }
      const size_t end = path.find('/', root_path.size());
      return path.substr(root_path.size(), end - root_path.size());
    }
    default:
      return r.Text(i);
  }
}

}  // namespace

void CaseTally::Add(const CaseTally& o) {
  received += o.received;
  accepted += o.accepted;
  resolved += o.resolved;
  resolved_village += o.resolved_village;
  resolved_town += o.resolved_town;
  night_clinic += o.night_clinic;
  days_to_resolve.insert(days_to_resolve.end(), o.days_to_resolve.begin(), o.days_to_resolve.end());
}

std::optional<StatsGroup> ParseStatsGroup(std::string_view code) {
  if (code == "category") return StatsGroup::kCategory;
  if (code == "region") return StatsGroup::kRegion;
  if (code == "month") return StatsGroup::kMonth;
  if (code == "level") return StatsGroup::kLevel;
  return std::nullopt;
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

std::string BeijingMonthOfDay(int64_t beijing_day) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(beijing_day, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

std::vector<std::string> BeijingMonths(int64_t from_ms, int64_t to_ms) {
  std::vector<std::string> out;
  if (to_ms <= from_ms) return out;
  const auto day_of = [](int64_t ms) {
    const int64_t t = ms + kBeijingOffsetMs;
    return t >= 0 ? t / kDayMs : (t - kDayMs + 1) / kDayMs;
  };
  int y = 0, m = 0, d = 0, last_y = 0, last_m = 0;
  CivilFromDays(day_of(from_ms), y, m, d);
  CivilFromDays(day_of(to_ms - 1), last_y, last_m, d);
  while (y < last_y || (y == last_y && m <= last_m)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    out.emplace_back(buf);
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  return out;
}

namespace {

// The counts' statement: one row per value of `key_sql` (one or two columns, bound values in
// `p` first), the six numbers after it.
std::string CountsSql(const std::string& key_sql, int keys, const ScopeFilter& scope,
                      int64_t from_ms, int64_t to_ms, Params& p) {
  // One call per statement: each appends its values, and the order must follow the text.
  std::string sql = "SELECT " + key_sql + ", COUNT(*)";
  sql += ", COALESCE(SUM(CASE WHEN " + AcceptedSql(p) + " THEN 1 ELSE 0 END), 0)";
  sql += ", COALESCE(SUM(CASE WHEN " + ResolvedSql(p, "a.effective_at") + " THEN 1 ELSE 0 END), 0)";
  sql += ", COALESCE(SUM(CASE WHEN " + ResolvedSql(p, "a.effective_at") +
         " AND c.level = ? THEN 1 ELSE 0 END), 0)";
  p.emplace_back("village");
  sql += ", COALESCE(SUM(CASE WHEN " + ResolvedSql(p, "a.effective_at") +
         " AND c.level = ? THEN 1 ELSE 0 END), 0)";
  p.emplace_back("town");
  sql += ", COALESCE(SUM(c.night_clinic), 0)";
  sql += std::string(kFrom) + WhereSql(scope, from_ms, to_ms, p) +
         (keys == 2 ? " GROUP BY 1, 2" : " GROUP BY 1");
  return sql;
}

void AddCounts(CaseTally& t, const Row& r, size_t first) {
  t.received += r.Int(first);
  t.accepted += r.Int(first + 1);
  t.resolved += r.Int(first + 2);
  t.resolved_village += r.Int(first + 3);
  t.resolved_town += r.Int(first + 4);
  t.night_clinic += r.Int(first + 5);
}

// The totals and the groups of `out` (its skeleton) from the tallies by key.
void PlaceGroups(Connection& conn, StatsGroup group, std::map<std::string, CaseTally>& by_key,
                 CaseStats& out) {
  for (const auto& [key, tally] : by_key) out.totals.Add(tally);
  if (group == StatsGroup::kNone) return;
  for (auto& g : out.groups) {
    auto it = by_key.find(g.key);
    if (it == by_key.end()) continue;
    g.tally = std::move(it->second);
    by_key.erase(it);
  }
  // Keys with cases but no place in the skeleton (a retired region, a code no longer known).
  for (auto& [key, tally] : by_key) {
    std::string label = key;
    if (group == StatsGroup::kRegion)
      if (auto r = conn.QueryOne("SELECT name FROM regions WHERE code = ?", {key}))
        label = r->Text(0);
    out.groups.push_back({key, std::move(label), std::move(tally)});
  }
}

}  // namespace

CaseStats ComputeCaseStats(Connection& conn, const ScopeFilter& scope, int64_t from_ms,
                           int64_t to_ms, StatsGroup group) {
  CaseStats out;
  std::string root_path;
  out.groups = GroupSkeleton(conn, scope, from_ms, to_ms, group, root_path);
  std::map<std::string, CaseTally> by_key;

  // The counts, one row per SQL key.
  {
    Params p;
    const std::string key = KeySql(group, p);
    const std::string sql = CountsSql(key, 1, scope, from_ms, to_ms, p);
    for (const auto& r : conn.Query(sql, p))
      AddCounts(by_key[FoldKey(group, r, 0, root_path)], r, 1);
  }
  // The durations of the resolved cases: the agreement's time is resolved_at (set by `agree`),
  // else the agreement's effective_at, else the timeline event to agreed.
  {
    // One call per statement: each appends its values, and the order must follow the text.
    Params p;
    std::string sql = "SELECT " + KeySql(group, p);
    sql += ", c.created_at, COALESCE(c.resolved_at, a.effective_at, ";
    sql += HadAgreementEventSql(p) + ")";
    sql += std::string(kFrom) + WhereSql(scope, from_ms, to_ms, p);
    sql += " AND " + ResolvedSql(p, "a.effective_at");
    for (const auto& r : conn.Query(sql, p)) {
      if (r.IsNull(2)) continue;
      const double days = static_cast<double>(r.Int(2) - r.Int(1)) / kDayMs;
      by_key[FoldKey(group, r, 0, root_path)].days_to_resolve.push_back(std::max(0.0, days));
    }
  }
  PlaceGroups(conn, group, by_key, out);
  return out;
}

CaseTallies ComputeCaseTallies(Connection& conn, const ScopeFilter& scope, int64_t from_ms,
                               int64_t to_ms) {
  CaseTallies out;
  std::string root_path, unused;
  out.by_region.groups = GroupSkeleton(conn, scope, from_ms, to_ms, StatsGroup::kRegion, root_path);
  out.by_month.groups = GroupSkeleton(conn, scope, from_ms, to_ms, StatsGroup::kMonth, unused);
  std::map<std::string, CaseTally> by_region, by_month;
  Params p;
  std::string key = KeySql(StatsGroup::kRegion, p) + ", ";
  key += KeySql(StatsGroup::kMonth, p);
  const std::string sql = CountsSql(key, 2, scope, from_ms, to_ms, p);
  for (const auto& r : conn.Query(sql, p)) {
    AddCounts(by_region[FoldKey(StatsGroup::kRegion, r, 0, root_path)], r, 2);
    AddCounts(by_month[FoldKey(StatsGroup::kMonth, r, 1, root_path)], r, 2);
  }
  PlaceGroups(conn, StatsGroup::kRegion, by_region, out.by_region);
  PlaceGroups(conn, StatsGroup::kMonth, by_month, out.by_month);
  return out;
}

}  // namespace hejia::store
