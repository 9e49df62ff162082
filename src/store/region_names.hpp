// The towns' and villages' names, kept in memory for placing police incidents by their address:
// matching an address against every name in SQL (instr over each row) was nine tenths of the
// work of taking in an incident. The names are read again whenever the regions' generation
// (table region_generation, bumped in the same transaction as every change to the regions by
// RegionsChanged) differs from the one they were read at, so a rename or a new village made on
// another node is seen by the next incident.
#pragma once
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "domain/incident.hpp"
#include "store/db.hpp"

namespace hejia::store {

class RegionNames {
 public:
  /// The towns and villages not retired whose names `address` contains, in code order.
  std::vector<domain::NamedRegion> Matching(Connection& c, std::string_view address);

 private:
  using Names = std::shared_ptr<const std::vector<domain::NamedRegion>>;
  Names Current(Connection& c);

  std::mutex mutex_;
  int64_t generation_ = -1;
  Names names_;
};

/// Marks the regions as changed (inside the transaction that changes them).
void RegionsChanged(Connection& c);

}  // namespace hejia::store
