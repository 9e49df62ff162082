#include "store/saved_filter_repo.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kFilterSelect =
    "SELECT id, name, query, created_at FROM saved_filters WHERE ";

SavedFilter FilterOf(const Row& r) {
  using F = SavedFilter;
  return ReadColumns<F>(r, &F::id, &F::name, &F::query_json, &F::created_at);
}

}  // namespace

RecordPage<SavedFilter> ListSavedFilters(Connection& conn, int64_t user_id, SavedFilterSort sort,
                                         const PageSpec& page) {
  RecordPage<SavedFilter> out;
  out.total = CountSavedFilters(conn, user_id);
  const std::string dir = page.descending ? " DESC" : " ASC";
  const std::string order = sort == SavedFilterSort::kCreatedAt
                                ? " ORDER BY created_at" + dir + ", id" + dir
                                : " ORDER BY name" + dir + ", id" + dir;
  for (const auto& r :
       conn.Query(std::string(kFilterSelect) + "user_id = ?" + order + " LIMIT ? OFFSET ?",
                  {user_id, page.limit, page.offset}))
    out.items.push_back(FilterOf(r));
  return out;
}

int64_t CountSavedFilters(Connection& conn, int64_t user_id) {
  return conn.QueryOne("SELECT COUNT(*) FROM saved_filters WHERE user_id = ?", {user_id})->Int(0);
}

bool HasSavedFilterNamed(Connection& conn, int64_t user_id, const std::string& name) {
  return conn
      .QueryOne("SELECT 1 FROM saved_filters WHERE user_id = ? AND name = ?", {user_id, name})
      .has_value();
}

SavedFilter InsertSavedFilter(Connection& conn, int64_t user_id, const std::string& name,
                              const std::string& query_json, int64_t now_ms) {
  const int64_t id =
      conn.QueryOne(
              "INSERT INTO saved_filters (user_id, name, query, created_at) VALUES (?, ?, ?, ?) "
              "RETURNING id",
              {user_id, name, query_json, now_ms})
          ->Int(0);
  return FilterOf(*conn.QueryOne(std::string(kFilterSelect) + "id = ?", {id}));
}

bool DeleteSavedFilter(Connection& conn, int64_t user_id, int64_t id) {
  return conn.Execute("DELETE FROM saved_filters WHERE id = ? AND user_id = ?", {id, user_id}) == 1;
}

}  // namespace hejia::store
