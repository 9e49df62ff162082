#include "store/region_names.hpp"

namespace hejia::store {

RegionNames::Names RegionNames::Current(Connection& c) {
  auto row = c.QueryOne("SELECT n FROM region_generation WHERE id = 1");
  const int64_t generation = row ? row->Int(0) : 0;
  {
    std::lock_guard lock(mutex_);
    if (names_ && generation == generation_) return names_;
  }
  auto names = std::make_shared<std::vector<domain::NamedRegion>>();
  for (const auto& r :
       c.Query("SELECT code, name, COALESCE(parent_code, ''), level FROM regions WHERE retired = 0 "
               "AND level IN ('town', 'village') AND name <> '' ORDER BY code"))
    names->push_back(
        {r.Text(0), r.Text(1), r.Text(2),
         r.Text(3) == "town" ? domain::RegionLevel::kTown : domain::RegionLevel::kVillage});
  std::lock_guard lock(mutex_);
  generation_ = generation;
  names_ = std::move(names);
  return names_;
}

std::vector<domain::NamedRegion> RegionNames::Matching(Connection& c, std::string_view address) {
  const Names names = Current(c);
  std::vector<domain::NamedRegion> out;
  for (const auto& n : *names)
    if (address.find(n.name) != std::string_view::npos) out.push_back(n);
  return out;
}

void RegionsChanged(Connection& c) {
  c.Execute("UPDATE region_generation SET n = n + 1 WHERE id = 1");
}

}  // namespace hejia::store
