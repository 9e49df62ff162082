// The towns' and villages' names, kept in memory for placing police incidents by their address:
// matching an address against every name in SQL (instr over each row) was nine tenths of the
// work of taking in an incident. The names are read again whenever the regions' generation
// (table region_generation, bumped in the same transaction as every change to the regions by
// RegionsChanged) differs from the one they were read at, so a rename or a new village made on
// another node is seen by the next incident. The lists of record-kit types name each row's region
// from the same copy, instead of looking each name up in SQL per row.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/incident.hpp"
#include "store/db.hpp"

namespace hejia::store {

class RegionNames {
 public:
  /// The towns and villages not retired whose names `address` contains, in code order.
  std::vector<domain::NamedRegion> Matching(Connection& c, std::string_view address);

  /// Every region's name (retired ones too) as of now, for naming the rows of one list.
  class Known {
   public:
    /// The name of the region `code`; one it has not seen (made since, outside the regions'
    /// repository) is read from the database.
    std::string NameOf(Connection& c, const std::string& code) const;

   private:
    friend class RegionNames;
    std::shared_ptr<const std::unordered_map<std::string, std::string>> by_code_;
  };
  Known Names(Connection& c);

 private:
  struct Loaded {
    std::vector<domain::NamedRegion> matchable;  // towns and villages not retired
    std::unordered_map<std::string, std::string> by_code;
  };
  std::shared_ptr<const Loaded> Current(Connection& c);

  std::mutex mutex_;
  int64_t generation_ = -1;
  std::shared_ptr<const Loaded> loaded_;
};

/// Marks the regions as changed (inside the transaction that changes them).
void RegionsChanged(Connection& c);

}  // namespace hejia::store
