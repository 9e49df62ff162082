#include "store/region_names.hpp"

namespace hejia::store {

std::shared_ptr<const RegionNames::Loaded> RegionNames::Current(Connection& c) {
  auto row = c.QueryOne("SELECT n FROM region_generation WHERE id = 1");
  const int64_t generation = row ? row->Int(0) : 0;
  {
    std::lock_guard lock(mutex_);
    if (loaded_ && generation == generation_) return loaded_;
  }
  auto loaded = std::make_shared<Loaded>();
  for (const auto& r : c.Query("SELECT code, name, COALESCE(parent_code, ''), level, retired "
                               "FROM regions ORDER BY code")) {
    std::string code = r.Text(0), name = r.Text(1);
    const std::string level = r.Text(3);
    if (r.Int(4) == 0 && !name.empty() && (level == "town" || level == "village"))
      loaded->matchable.push_back(
          {code, name, r.Text(2),
           level == "town" ? domain::RegionLevel::kTown : domain::RegionLevel::kVillage});
    loaded->by_code.emplace(std::move(code), std::move(name));
  }
  std::lock_guard lock(mutex_);
  generation_ = generation;
  loaded_ = std::move(loaded);
  return loaded_;
}

std::vector<domain::NamedRegion> RegionNames::Matching(Connection& c, std::string_view address) {
  const auto loaded = Current(c);
  std::vector<domain::NamedRegion> out;
  for (const auto& n : loaded->matchable)
    if (address.find(n.name) != std::string_view::npos) out.push_back(n);
  return out;
}

RegionNames::Known RegionNames::Names(Connection& c) {
  const auto loaded = Current(c);
  Known known;
  // Aliasing: the map lives as long as the copy it belongs to.
  known.by_code_ =
      std::shared_ptr<const std::unordered_map<std::string, std::string>>(loaded, &loaded->by_code);
  return known;
}

std::string RegionNames::Known::NameOf(Connection& c, const std::string& code) const {
  if (by_code_) {
    if (auto it = by_code_->find(code); it != by_code_->end()) return it->second;
  }
  auto row = c.QueryOne("SELECT name FROM regions WHERE code = ?", {code});
  return row ? row->Text(0) : std::string();
}

void RegionsChanged(Connection& c) {
  c.Execute("UPDATE region_generation SET n = n + 1 WHERE id = 1");
}

}  // namespace hejia::store
