// What every record type built with the kit carries (store/record_kit.hpp, api/record_kit.hpp):
// plain values, so a record is declared in the domain and stored and served by the kit.
#pragma once
#include <cstdint>
#include <string>

#include "domain/region.hpp"

namespace hejia::domain {

/// What every kit record carries: its id, optimistic version, times and whether it is retired.
struct Meta {
  int64_t id = 0;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  bool retired = false;
};

/// The region a record belongs to (columns region_code, region_path, level); its path is the
/// record's scope. `name` is read with the record, never written.
struct Placement {
  std::string code;
  std::string path;
  domain::RegionLevel level = domain::RegionLevel::kCity;
  std::string name;
};

/// A sensitive value. `plain` is set only when the value is being written (`dirty`) or was
/// revealed; `mask` is what every reader sees; `enc` and `index` are as stored.
struct Sealed {
  std::string plain;
  bool dirty = false;
  std::string enc;
  std::string mask;
  std::string index;
};

}  // namespace hejia::domain
