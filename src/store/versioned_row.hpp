// The one optimistic update of a versioned row (cases, agreements, people, rooms ...): the columns
// a change sets, written only while the row is still at the version the caller read (updated_at
// moves to now, version + 1). Tables and columns are constants of the calling repository.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

/// The columns one change sets, each with its bound value.
class RowChange {
 public:
  RowChange& Set(std::string_view column, Value value) {
    columns_.emplace_back(column, std::move(value));
    return *this;
  }
  bool empty() const { return columns_.empty(); }
  const std::vector<std::pair<std::string_view, Value>>& columns() const { return columns_; }

 private:
  std::vector<std::pair<std::string_view, Value>> columns_;
};

/// Applies `change` to row `id` of `table` if it is still at `expected_version`; false otherwise.
bool UpdateVersioned(Connection& c, std::string_view table, int64_t id, int64_t expected_version,
                     const RowChange& change, int64_t now);

}  // namespace hejia::store
