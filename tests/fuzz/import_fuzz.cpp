// libFuzzer target for the region importer (domain/region_import.hpp) on any CSV text: reading the
// rows, then placing them under a small stored tree the caller partly sees. A bad file must end
// as row errors or one 400 on the whole file, never as a crash or a sanitizer report; and what
// the importer would create must obey the region rules whatever the file said.
//
// Build and run: make fuzz (scripts/fuzz.sh), target hejia_import_fuzz.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "domain/region.hpp"
#include "domain/region_import.hpp"

namespace {

using namespace hejia;
using domain::RegionLevel;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

/// The stored tree: the caller's city with a town, a village and a grid, a retired town, and a
/// city of somebody else's.
const std::map<std::string, domain::KnownRegion, std::less<>>& Known() {
  static const std::map<std::string, domain::KnownRegion, std::less<>> known = {
      {"330784", {RegionLevel::kCity, "/330784/", false}},
      {"330784001", {RegionLevel::kTown, "/330784/330784001/", false}},
      {"330784001001", {RegionLevel::kVillage, "/330784/330784001/330784001001/", false}},
      {"330784001001001",
       {RegionLevel::kGrid, "/330784/330784001/330784001001/330784001001001/", false}},
      {"330784009", {RegionLevel::kTown, "/330784/330784009/", true}},
      {"330800", {RegionLevel::kCity, "/330800/", false}},
  };
  return known;
}

void CheckPlan(const std::vector<domain::ImportRow>& rows,
               const std::vector<domain::PlannedRegion>& planned) {
  std::map<std::string, std::string> path_of;  // code -> path, stored or planned
  for (const auto& [code, r] : Known())
    if (domain::PathWithin(r.path, "/330784/") && !r.retired) path_of.emplace(code, r.path);
  std::set<std::string> codes_in_file;
  for (const auto& r : rows) codes_in_file.insert(r.code);
  for (const auto& p : planned) {
    if (Known().count(p.code)) Fail("a planned code is already stored");
    if (!codes_in_file.count(p.code)) Fail("a planned code is not in the file");
    if (!domain::ValidRegionCode(p.code, p.level)) Fail("a planned code does not fit its level");
    if (domain::RegionNameProblem(p.name)) Fail("a planned name breaks the name rule");
    const auto parent = path_of.find(p.parent_code);
    if (parent == path_of.end()) Fail("a planned parent is neither stored nor planned before");
    if (p.path != domain::ChildPath(parent->second, p.code)) Fail("a planned path is wrong");
    if (!domain::PathWithin(p.path, "/330784/")) Fail("a planned region is outside the caller");
    if (!path_of.emplace(p.code, p.path).second) Fail("a code planned twice");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  domain::ImportErrors errors;
  std::vector<domain::ImportRow> rows;
  try {
    rows = domain::ReadImportRows(text, errors);
  } catch (const ApiError& e) {
    if (e.kind() != ErrorKind::kBadRequest || e.field() != "csv")
      Fail("a whole-file problem is not a 400 on the field csv");
    return 0;
  }
  if (rows.empty()) Fail("a file read without rows");
  if (rows.size() > domain::kMaxImportRows) Fail("more rows than an import allows");
  const auto planned = domain::PlanImport(
      rows, Known(), [](std::string_view path) { return domain::PathWithin(path, "/330784/"); },
      errors);
  if (errors.reported().size() > domain::kMaxReportedImportErrors ||
      errors.reported().size() > errors.count())
    Fail("more errors reported than kept or counted");
  for (const auto& e : errors.reported()) {
    if (e.line < 2) Fail("a row error on the header line");
    static const std::set<std::string, std::less<>> kFields = {"code", "name", "parent_code",
                                                               "columns"};
    if (!kFields.count(e.field)) Fail("a row error names an unknown column");
  }
  if (errors.empty()) {
    size_t ok_rows = 0;
    for (const auto& r : rows) ok_rows += r.ok ? 1 : 0;
    if (planned.size() != ok_rows) Fail("a file without errors does not create each of its rows");
  }
  CheckPlan(rows, planned);
  return 0;
}
