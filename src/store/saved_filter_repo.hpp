// Saved filters of the case list in the database: a user's named sets of GET /cases filters,
// stored as a JSON object of the list's parameters. Every function is about one user's filters:
// another user's filter is as good as missing. Records only: the API shapes them
// (api/saved_filters_api.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/db.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

struct SavedFilter {
  int64_t id = 0, created_at = 0;
  std::string name;
  std::string query_json;  ///< the list's parameters, a JSON object as saved
};

enum class SavedFilterSort { kName, kCreatedAt };
/// The user's filters by `sort` (`page.descending`), then by id the same way.
RecordPage<SavedFilter> ListSavedFilters(Connection& conn, int64_t user_id, SavedFilterSort sort,
                                         const PageSpec& page);
int64_t CountSavedFilters(Connection& conn, int64_t user_id);
bool HasSavedFilterNamed(Connection& conn, int64_t user_id, const std::string& name);
/// Returns the new filter.
SavedFilter InsertSavedFilter(Connection& conn, int64_t user_id, const std::string& name,
                              const std::string& query_json, int64_t now_ms);
/// False when the user has no filter `id`.
bool DeleteSavedFilter(Connection& conn, int64_t user_id, int64_t id);

}  // namespace hejia::store
