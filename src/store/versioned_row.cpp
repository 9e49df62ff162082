#include "store/versioned_row.hpp"

namespace hejia::store {

bool UpdateVersioned(Connection& c, std::string_view table, int64_t id, int64_t expected_version,
                     const RowChange& change, int64_t now) {
  std::string sql = "UPDATE ";
  sql += table;
  sql += " SET ";
  Params params;
  for (const auto& [column, value] : change.columns()) {
    sql += column;
    sql += " = ?, ";
    params.push_back(value);
  }
  sql += "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";
  params.emplace_back(now);
  params.emplace_back(id);
  params.emplace_back(expected_version);
  return c.Execute(sql, params) == 1;
}

}  // namespace hejia::store
