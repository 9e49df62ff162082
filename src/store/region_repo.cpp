#include "store/region_repo.hpp"

namespace hejia::store {

std::optional<RegionRow> FindRegion(Connection& conn, std::string_view code) {
  auto row = conn.QueryOne(
      "SELECT code, name, level, COALESCE(parent_code, ''), path, retired FROM regions "
      "WHERE code = ?",
      {code});
  if (!row) return std::nullopt;
  return RegionRow{row->Text(0), row->Text(1), row->Text(2),
                   row->Text(3), row->Text(4), row->Int(5) != 0};
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
