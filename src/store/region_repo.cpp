#include "store/region_repo.hpp"

#include "store/region_names.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kRegionColumns =
    "code, name, level, COALESCE(parent_code, ''), path, retired, phone";

/// Codes looked up per statement by FindRegions (padded, so one prepared statement serves).
constexpr size_t kLookupChunk = 100;

RegionRow RegionOf(const Row& r) {
  return RegionRow{r.Text(0),
                   r.Text(1),
                   domain::ParseRegionLevel(r.Text(2)).value_or(domain::RegionLevel::kGrid),
                   r.Text(3),
                   r.Text(4),
                   r.Int(5) != 0,
                   r.Text(6)};
}

}  // namespace

std::optional<RegionRow> FindRegion(Connection& conn, std::string_view code) {
  auto row = conn.QueryOne("SELECT " + std::string(kRegionColumns) + " FROM regions WHERE code = ?",
                           {code});
  if (!row) return std::nullopt;
  return RegionOf(*row);
}

std::map<std::string, RegionRow, std::less<>> FindRegions(Connection& conn,
                                                          const std::set<std::string>& codes) {
  std::map<std::string, RegionRow, std::less<>> found;
  if (codes.empty()) return found;
  std::string sql = "SELECT " + std::string(kRegionColumns) + " FROM regions WHERE code IN (?";
  for (size_t i = 1; i < kLookupChunk; ++i) sql += ", ?";
  sql += ")";
  std::vector<Value> params;
  auto flush = [&] {
    // Padding repeats the last code, so every chunk uses the same prepared statement.
    while (params.size() < kLookupChunk) params.push_back(params.back());
    for (const auto& r : conn.Query(sql, params)) found.emplace(r.Text(0), RegionOf(r));
    params.clear();
  };
  for (const auto& code : codes) {
    params.emplace_back(code);
    if (params.size() == kLookupChunk) flush();
  }
  if (!params.empty()) flush();
  return found;
}

int64_t ChildrenCount(Connection& conn, std::string_view code, bool include_retired) {
  return conn
      .QueryOne("SELECT COUNT(*) FROM regions WHERE parent_code = ? AND (retired = 0 OR ? = 1)",
                {code, include_retired ? 1 : 0})
      ->Int(0);
}

RecordPage<ListedRegion> ListRegions(Connection& conn, const ScopeFilter& scope,
                                     const RegionQuery& query, RegionSort sort,
                                     const PageSpec& page) {
  std::string where = " WHERE 1 = 1";
  Params params;
  switch (query.base) {
    case RegionQuery::Base::kItself:
      where += " AND r.path = ?";
      params.emplace_back(query.base_path);
      break;
    case RegionQuery::Base::kBelow:
      where += " AND r.path > ? AND r.path < ?";
      params.emplace_back(query.base_path);
      params.emplace_back(domain::PathUpperBound(query.base_path));
      break;
    case RegionQuery::Base::kChildren:
      where += " AND r.parent_code = ?";
      params.emplace_back(query.base_code);
      break;
  }
  where += scope.Sql("r.path");
  scope.Bind(params);
  if (!query.include_retired) where += " AND r.retired = 0";
  if (!query.name_contains.empty()) {
    where += " AND r.name LIKE ? ESCAPE '\\'";
    params.emplace_back(LikeContains(query.name_contains));
  }
  if (query.level) {
    where += " AND r.level = ?";
    params.emplace_back(domain::ToString(*query.level));
  }
  RecordPage<ListedRegion> out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM regions r" + where, params)->Int(0);

  Params page_params;
  page_params.emplace_back(query.include_retired ? 1 : 0);
  page_params.insert(page_params.end(), params.begin(), params.end());
  page_params.emplace_back(page.limit);
  page_params.emplace_back(page.offset);
  const std::string order = std::string(" ORDER BY r.") +
                            (sort == RegionSort::kName ? "name" : "code") +
                            (page.descending ? " DESC" : " ASC") + ", r.code ASC";
  for (const auto& r :
       conn.Query("SELECT r.code, r.name, r.level, COALESCE(r.parent_code, ''), r.path, r.retired, "
                  "r.phone, (SELECT COUNT(*) FROM regions k WHERE k.parent_code = r.code AND "
                  "(k.retired = 0 OR ? "
                  "= 1)) FROM regions r" +
                      where + order + " LIMIT ? OFFSET ?",
                  page_params))
    out.items.push_back(ListedRegion{RegionOf(r), r.Int(7)});
  return out;
}

void InsertRegion(Connection& conn, const RegionRow& r, int64_t now_ms) {
  conn.Execute(
      "INSERT INTO regions (code, name, level, parent_code, path, retired, phone, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
      {r.code, r.name, domain::ToString(r.level), r.parent_code, r.path, r.phone, now_ms, now_ms});
  RegionsChanged(conn);
}

void RenameRegion(Connection& conn, std::string_view code, const std::string& name,
                  int64_t now_ms) {
  conn.Execute("UPDATE regions SET name = ?, updated_at = ? WHERE code = ?", {name, now_ms, code});
  RegionsChanged(conn);
}

void SetRegionPhone(Connection& conn, std::string_view code, const std::string& phone,
                    int64_t now_ms) {
  conn.Execute("UPDATE regions SET phone = ?, updated_at = ? WHERE code = ?",
               {phone, now_ms, code});
}

SubtreeMove MoveRegion(Connection& conn, const RegionRow& r, const RegionRow& parent,
                       int64_t now_ms) {
  SubtreeMove out;
  const std::string& old_path = r.path;
  out.new_path = domain::ChildPath(parent.path, r.code);
  const std::string old_end = domain::PathUpperBound(old_path);
  const int64_t tail_from = static_cast<int64_t>(old_path.size()) + 1;  // substr is 1-based
  out.regions = conn.Execute(
      "UPDATE regions SET path = ? || substr(path, ?), updated_at = ? "
      "WHERE path >= ? AND path < ?",
      {out.new_path, tail_from, now_ms, old_path, old_end});
  conn.Execute("UPDATE regions SET parent_code = ? WHERE code = ?", {parent.code, r.code});
  RegionsChanged(conn);
  for (const auto& table : ScopedTables(conn)) {
    // `table` is a plain identifier from the catalogue (checked in ScopedTables).
    const int64_t n = conn.Execute("UPDATE " + table +
                                       " SET region_path = ? || substr(region_path, ?) "
                                       "WHERE region_path >= ? AND region_path < ?",
                                   {out.new_path, tail_from, old_path, old_end});
    if (n > 0) out.tables.emplace_back(table, n);
  }
  // A grid sister's grids and the replacement tasks carry their grid's path as grid_path.
  for (const char* table : {"volunteer_grids", "coverage_tasks"})
    conn.Execute(std::string("UPDATE ") + table +
                     " SET grid_path = ? || substr(grid_path, ?) "
                     "WHERE grid_path >= ? AND grid_path < ?",
                 {out.new_path, tail_from, old_path, old_end});
  for (const auto& u : conn.Query("SELECT u.id FROM users u JOIN regions g ON g.code = "
                                  "u.region_code WHERE g.path >= ? AND g.path < ?",
                                  {out.new_path, domain::PathUpperBound(out.new_path)}))
    out.users.push_back(u.Int(0));
  return out;
}

RegionReferences CountReferences(Connection& conn, const RegionRow& r) {
  RegionReferences out;
  const std::string end = domain::PathUpperBound(r.path);
  out.children = ChildrenCount(conn, r.code, false);
  for (const auto& table : ScopedTables(conn))
    out.tables.emplace_back(table, conn.QueryOne("SELECT COUNT(*) FROM " + table +
                                                     " WHERE region_path >= ? AND region_path < ?",
                                                 {r.path, end})
                                       ->Int(0));
  out.users = conn.QueryOne(
                      "SELECT COUNT(*) FROM users u JOIN regions g ON g.code = u.region_code "
                      "WHERE g.path >= ? AND g.path < ?",
                      {r.path, end})
                  ->Int(0);
  return out;
}

void RetireRegion(Connection& conn, std::string_view code, int64_t now_ms) {
  conn.Execute("UPDATE regions SET retired = 1, updated_at = ? WHERE code = ?", {now_ms, code});
  RegionsChanged(conn);
}

std::vector<std::string> ScopedTables(Connection& conn) {
  const char* sql = conn.dialect() == Dialect::kSqlite
                        ? "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                          "WHERE m.type = 'table' AND p.name = 'region_path' ORDER BY m.name"
                        : "SELECT table_name FROM information_schema.columns WHERE table_schema = "
                          "current_schema() AND column_name = 'region_path' ORDER BY table_name";
  std::vector<std::string> tables;
  for (const auto& r : conn.Query(sql)) {
    std::string name = r.Text(0);
    // The names come from the catalogue, not from a client; still, only plain identifiers are
    // ever put into a statement.
    bool plain = !name.empty();
    for (char c : name)
      plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!plain) throw DbError("unexpected table name in the catalogue: " + name);
    tables.push_back(std::move(name));
  }
  return tables;
}

}  // namespace hejia::store
