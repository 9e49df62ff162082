// The scoped list engine: one page of a record type's rows inside the caller's scope, with
// filters, sorting, paging and a total, generalised from the people list. Totals and the ids of
// filtered lists are cached for a few seconds and dropped by every write made through this
// process (ListTotalsChanged). Rows only: the caller turns them into records or JSON.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/db.hpp"
#include "store/list_cache.hpp"
#include "store/scope.hpp"

namespace hejia::store {

/// One page of a list.
struct PageSpec {
  int64_t limit = 20;
  int64_t offset = 0;
  bool descending = true;
};

/// One page of records and the number there are in all.
template <class T>
struct RecordPage {
  std::vector<T> items;
  int64_t total = 0;
};

/// One list query. Every piece of SQL is a constant of this
/// file; `where` holds the filters with their values in `params`.
struct ListQuery {
  std::string_view table;    // "people"
  std::string_view alias;    // "p"
  std::string_view columns;  // of the serialiser; the id first
  std::string where;         // " AND p.name LIKE ? ESCAPE '\'" ...
  Params params;
  std::string order;            // " ORDER BY p.id DESC" / " ORDER BY p.name ASC, p.id DESC"
  bool by_level_index = false;  // newest first, no exact (blind-index) filter
};

/// " ORDER BY <alias>.<column> ASC|DESC[, <alias>.id DESC]": newest first among equals.
std::string ListOrder(const ListQuery& q, std::string_view column, bool descending);

/// "%text%" for LIKE ... ESCAPE '\\', with the wildcards of `text` escaped.
std::string LikeContains(std::string_view text);

/// Calls `each` with the rows of the page in order (their columns are `q.columns`) and returns
/// the number of rows matching in all. `q.where` and its params narrow the scope.
int64_t RunScopedList(Connection& c, const ScopeFilter& scope, const ListQuery& q,
                      const PageSpec& page, const std::function<void(const Row&)>& each);

/// The generation of the list caches: it moves on with every ListTotalsChanged.
uint64_t ListGeneration();

}  // namespace hejia::store
