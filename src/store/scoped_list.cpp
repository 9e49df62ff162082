#include "store/scoped_list.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>

namespace hejia::store {

namespace {

// Two things a list needs are costly to compute on every request: COUNT(*) over a town's scope
// walks tens of thousands of index entries (about a millisecond in SQLite), and a filtered page
// (a name containing 王) must scan the scope until it has seen `offset + 25` matches. So a
// filtered list finds the ids of all its matches with one scan, and an unfiltered list counts
// once; both results are kept for a few seconds. Every household or person write made through
// this process drops them at once (ListTotalsChanged); the short lifetime bounds how stale they
// can be after writes made elsewhere (another node, an import, a region move). Pagers show
// totals and pages; nothing decides on them, and every row shown is read afresh, in scope.

using MatchIds = std::shared_ptr<const std::vector<int64_t>>;
// At most this many ids are kept per filtered list (a town's 王 are about 800); a larger match
// set is paged with COUNT and LIMIT/OFFSET instead. 256 lists of 20,000 ids are 40 MB at most.
constexpr size_t kMaxMatchIds = 20000;

struct ListCaches {
  std::atomic<uint64_t> generation{1};
  ListCache<int64_t> totals{4096};
  ListCache<MatchIds> matches{256};
};

ListCaches& Caches() {
  static ListCaches caches;
  return caches;
}

std::string CacheKey(const std::string& sql, const Params& params) {
  std::string key = sql;
  for (const auto& v : params) {
    key += '\x1f';
    key += v.Text();
  }
  return key;
}

int64_t CountCached(Connection& c, const std::string& sql, const Params& params) {
  auto& caches = Caches();
  const std::string key = CacheKey(sql, params);
  const uint64_t generation = caches.generation.load(std::memory_order_acquire);
  if (auto hit = caches.totals.Get(key, generation)) return *hit;
  auto row = c.QueryOne(sql, params);
  const int64_t total = row ? row->Int(0) : 0;
  caches.totals.Put(key, total, generation);
  return total;
}

// The ids of every match in list order, or nullptr when there are more than kMaxMatchIds.
// `sql` selects the id column only and ends in "LIMIT ?", bound last to kMaxMatchIds + 1.
MatchIds MatchIdsCached(Connection& c, const std::string& sql, const Params& params) {
  auto& caches = Caches();
  const std::string key = CacheKey(sql, params);
  const uint64_t generation = caches.generation.load(std::memory_order_acquire);
  if (auto hit = caches.matches.Get(key, generation)) return *hit;
  auto ids = std::make_shared<std::vector<int64_t>>();
  for (const auto& r : c.Query(sql, params)) ids->push_back(r.Int(0));
  MatchIds out = ids->size() > kMaxMatchIds ? nullptr : MatchIds(std::move(ids));
  caches.matches.Put(key, out, generation);
  return out;
}

// The newest-first page of a town or village needs rows of many grids in id order. A range on
// (region_path, id) cannot give that order, and sorting a town's rows costs milliseconds; an
// equality on the path prefix of the scope's level uses the (substr(region_path, 1, N), id)
// indexes of migration 2 and reads just one page. Region codes have fixed lengths per level
// (6/9/12/15 digits), so a path's length tells its level: a town's path is 18 characters, a
// village's 31, a grid's 47. A city's page walks the table itself, which is in id order: one
// deployment serves one city, so nearly every row is in scope (migration 4 dropped the city
// indexes, one page write fewer per new row). The scope range stays in the query as the rule;
// the equality only opens the index.
struct LevelHint {
  std::string condition;  // " AND substr(p.region_path, 1, 18) = ?"; empty: no equality
  std::string index;      // "people_town_id"; empty: the table itself
};

std::optional<LevelHint> HintFor(const ScopeFilter& scope, std::string_view table,
                                 std::string_view column) {
  const size_t n = scope.lower.size();
  const char* level = n == 18 ? "town" : n == 31 ? "village" : nullptr;
  LevelHint hint;
  if (n == 8) return hint;
  if (level) {
    hint.condition = " AND substr(" + std::string(column) + ", 1, " + std::to_string(n) + ") = ?";
    hint.index = std::string(table) + "_" + level + "_id";
  } else if (n == 47) {
    hint.condition = " AND " + std::string(column) + " = ?";
    hint.index = std::string(table) + "_scope";
  } else {
    return std::nullopt;
  }
  return hint;
}

// SQLite's planner, once ANALYZE has run, rates "every row of the town" like the plain range and
// picks the range plus a sort; INDEXED BY holds it to the ordered index (NOT INDEXED to the
// table's own order). PostgreSQL weighs LIMIT against the sort itself and takes no hints.
std::string IndexedBy(const Connection& c, const std::optional<LevelHint>& hint) {
  if (!hint || c.dialect() != Dialect::kSqlite) return {};
  if (hint->index.empty()) return " NOT INDEXED";
  return " INDEXED BY " + hint->index;
}

std::string Col(const ListQuery& q, std::string_view column) {
  return std::string(q.alias) + "." + std::string(column);
}

// "FROM people p [INDEXED BY ...] WHERE 1 = 1 [level] <scope> <filters>" and its values.
std::string FromWhere(Connection& c, const ListQuery& q, const ScopeFilter& scope, bool use_hint,
                      Params& params) {
  std::optional<LevelHint> hint;
  if (use_hint && q.by_level_index) hint = HintFor(scope, q.table, Col(q, "region_path"));
  std::string sql = " FROM " + std::string(q.table) + " " + std::string(q.alias) +
                    IndexedBy(c, hint) + " WHERE 1 = 1";
  if (hint && !hint->condition.empty()) {
    sql += hint->condition;
    params.emplace_back(scope.lower);
  }
  sql += scope.Sql(Col(q, "region_path"));
  scope.Bind(params);
  sql += q.where;
  params.insert(params.end(), q.params.begin(), q.params.end());
  return sql;
}

}  // namespace

int64_t RunScopedList(Connection& c, const ScopeFilter& scope, const ListQuery& q,
                      const PageSpec& page, const std::function<void(const Row&)>& each) {
  struct {
    int64_t total = 0;
  } out;
  if (!q.where.empty()) {
    Params params;
    std::string sql =
        "SELECT " + Col(q, "id") + FromWhere(c, q, scope, true, params) + q.order + " LIMIT ?";
    params.emplace_back(static_cast<int64_t>(kMaxMatchIds + 1));
    if (MatchIds ids = MatchIdsCached(c, sql, params)) {
      out.total = static_cast<int64_t>(ids->size());
      if (page.offset >= out.total) return out.total;
      const auto first = ids->begin() + page.offset;
      const auto last = ids->begin() + std::min<int64_t>(out.total, page.offset + page.limit);
      // The rows are read afresh, by primary key and still inside the scope, in the list's order.
      std::string in_sql = "SELECT " + std::string(q.columns) + " FROM " + std::string(q.table) +
                           " " + std::string(q.alias) + " WHERE " + Col(q, "id") + " IN (";
      Params in_params;
      for (auto it = first; it != last; ++it) {
        in_sql += it == first ? "?" : ",?";
        in_params.emplace_back(*it);
      }
      in_sql += ")" + scope.Sql(Col(q, "region_path")) + q.order;
      scope.Bind(in_params);
      c.QueryEach(in_sql, in_params, each);
      return out.total;
    }
  }
  // The count reads the (region_path, id) index alone when nothing filters.
  Params count_params;
  const std::string count_sql = "SELECT COUNT(*)" + FromWhere(c, q, scope, false, count_params);
  out.total = CountCached(c, count_sql, count_params);
  if (out.total == 0 || page.offset >= out.total) return out.total;
  Params params;
  std::string sql = "SELECT " + std::string(q.columns) + FromWhere(c, q, scope, true, params) +
                    q.order + " LIMIT ? OFFSET ?";
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  c.QueryEach(sql, params, each);
  return out.total;
}

std::string ListOrder(const ListQuery& q, std::string_view column, bool descending) {
  std::string s = " ORDER BY " + Col(q, column) + (descending ? " DESC" : " ASC");
  if (column != "id") s += ", " + Col(q, "id") + " DESC";
  return s;
}

std::string LikeContains(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '%';
  return out;
}

void ListTotalsChanged() {
  Caches().generation.fetch_add(1, std::memory_order_acq_rel);
}

uint64_t ListGeneration() {
  return Caches().generation.load(std::memory_order_acquire);
}

}  // namespace hejia::store
