// The cockpit's figures (数据驾驶舱, issue 13): every figure of domain::CockpitCatalogue for one
// period and one region, split one level down (the region's own records and its children) and by
// month, this year and the same months a year earlier. SQL and numbers only: no name, no list.
//
// Each figure is counted with the conditions of the list that opens it (docs/api.md "Cockpit"),
// so a tile's number equals its list's total; tests/api/cockpit_test.cpp walks them all. Units
// are `substr(region_path, 1, N)` with N the length of a child's path (paths have one length per
// level), so a record at the region itself falls into its own row; months are a ladder of bound
// month starts (no date functions: the same SQL on SQLite and PostgreSQL).
#pragma once
#include <cstdint>
#include <string>

#include "domain/cockpit.hpp"
#include "domain/region.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

struct CockpitInput {
  ScopeFilter scope;  ///< a plain range: the region's subtree
  std::string region_code, region_name;
  domain::RegionLevel level = domain::RegionLevel::kCity;
  domain::DayRange period, compare;
  int64_t now = 0;
  int64_t max_grids_per_sister = 0;
};

/// Every figure of the catalogue; ratios filled (FinishRatios). Several statements on readers'
/// indexes; run it in a read job.
domain::CockpitSnapshot ComputeCockpit(Connection& c, const CockpitInput& in);

/// The same in parts that read different tables, so that several readers compute one snapshot
/// together: each copies the frame (the units one level down and the months, no figures), adds
/// the parts it takes, and the copies' figures are merged (domain::CockpitSnapshot::Merge).
/// The parts are numbered from the heaviest, so that taking them in order keeps readers even.
inline constexpr size_t kCockpitParts = 4;
domain::CockpitSnapshot CockpitFrame(Connection& c, const CockpitInput& in);
void ComputeCockpitPart(Connection& c, const CockpitInput& in, size_t part,
                        domain::CockpitSnapshot& out);

/// The length of a child's path below a region at `level` whose path is `path`; 0 for a grid.
size_t ChildPathLength(std::string_view path, domain::RegionLevel level);

}  // namespace hejia::store
