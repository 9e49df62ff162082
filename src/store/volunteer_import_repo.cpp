#include "store/volunteer_import_repo.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <unordered_set>

#include "store/record_kit.hpp"
#include "store/region_repo.hpp"
#include "store/volunteers_table.hpp"

namespace hejia::store {

namespace {

// The template's columns these checks name (domain::kVolunteerImportColumns).
constexpr size_t kIdColumn = 3, kRegionColumn = 5, kTeamColumn = 6, kGridsColumn = 8;

/// The teams that may be linked by `name`: not retired, with their region paths.
std::vector<std::pair<int64_t, std::string>> TeamsNamed(Connection& c, const std::string& name) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& r : c.Query(
           "SELECT id, region_path FROM volunteer_teams WHERE name = ? AND retired = 0", {name}))
    out.emplace_back(r.Int(0), r.Text(1));
  return out;
}

/// The blind indexes of the ID numbers of the volunteers active at `now`.
std::unordered_set<std::string> ActiveIdNumbers(Connection& c, int64_t now) {
  std::unordered_set<std::string> out;
  c.QueryEach(
      "SELECT id_number_bidx FROM volunteers WHERE retired = 0 AND id_number_bidx IS NOT NULL "
      "AND (left_at IS NULL OR left_at > ?)",
      Params{now}, [&](const Row& r) { out.emplace(r.View(0)); });
  return out;
}

}  // namespace

int64_t MaxGridsPerSister(Connection& c) {
  const int64_t fallback = domain::VolunteerSettings{}.max_grids_per_sister;
  auto row =
      c.QueryOne("SELECT value FROM settings WHERE key = ?", {std::string(kMaxGridsSettingKey)});
  if (!row) return fallback;
  const std::string text = row->Text(0);
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1 ||
      n > domain::kMaxGridsPerSisterLimit)
    return fallback;
  return n;
}

std::vector<PlacedVolunteer> PlaceVolunteerImport(Connection& c, const ScopeFilter& scope,
                                                  const security::FieldCipher& cipher,
                                                  std::vector<domain::ImportedVolunteer> rows,
                                                  domain::ImportErrors& errors, int64_t now_ms) {
  std::set<std::string> codes;
  bool any_id = false;
  for (const auto& r : rows) {
    codes.insert(r.region_code);
    codes.insert(r.grid_codes.begin(), r.grid_codes.end());
    any_id = any_id || !r.volunteer.id_number.plain.empty();
  }
  const auto regions = FindRegions(c, codes);
  const auto registered = any_id ? ActiveIdNumbers(c, now_ms) : std::unordered_set<std::string>{};
  const int64_t max_grids = MaxGridsPerSister(c);
  std::map<std::string, std::vector<std::pair<int64_t, std::string>>, std::less<>> teams;

  std::vector<PlacedVolunteer> out;
  out.reserve(rows.size());
  for (auto& row : rows) {
    const size_t before = errors.count();
    const auto fail = [&](size_t column, std::string_view message) {
      const auto& col = domain::kVolunteerImportColumns[column];
      errors.AddCell(row.line, col.header, col.field, message);
    };
    PlacedVolunteer placed{row.line, std::move(row.volunteer), {}};
    domain::Volunteer& v = placed.volunteer;

    if (!v.id_number.plain.empty() &&
        registered.contains(cipher.BlindIndex("id_number", v.id_number.plain)))
      fail(kIdColumn, "该身份证号已登记为在册志愿者 / already registered for an active volunteer");

    const auto region = regions.find(row.region_code);
    // A region outside the caller's area is answered exactly like one that does not exist.
    if (region == regions.end() || !scope.Contains(region->second.path)) {
      fail(kRegionColumn, "区划不存在或不在您的辖区 / no such region in your area");
      continue;
    }
    const RegionRow& where = region->second;
    if (where.retired) {
      fail(kRegionColumn, "该区划已停用 / this region is retired");
      continue;
    }
    if (std::find(domain::kVolunteerLevels.begin(), domain::kVolunteerLevels.end(), where.level) ==
        domain::kVolunteerLevels.end()) {
      fail(kRegionColumn,
           "区划级别应为 市、镇街 或 村社 / the region must be a city, town or village");
      continue;
    }
    v.region = domain::Placement{where.code, where.path, where.level, where.name};
    const ScopeFilter inside = ScopeFilter::Within(where.path);

    if (!row.team_name.empty()) {
      auto known = teams.find(row.team_name);
      if (known == teams.end())
        known = teams.emplace(row.team_name, TeamsNamed(c, row.team_name)).first;
      std::vector<int64_t> found;
      for (const auto& [id, path] : known->second)
        if (inside.Contains(path)) found.push_back(id);
      if (found.empty())
        fail(kTeamColumn, "该区划内没有这支队伍 / no team of this name in the region");
      else if (found.size() > 1)
        fail(kTeamColumn, "该区划内有多支同名队伍 / several teams of this name in the region");
      else
        v.team_id = found.front();
    }

    if (static_cast<int64_t>(row.grid_codes.size()) > max_grids)
      fail(kGridsColumn, "每位格姐最多负责 " + std::to_string(max_grids) +
                             " 个网格 / a sister covers at most " + std::to_string(max_grids) +
                             " grids");
    for (const auto& code : row.grid_codes) {
      const auto grid = regions.find(code);
      if (grid == regions.end() || !inside.Contains(grid->second.path) ||
          grid->second.level != domain::RegionLevel::kGrid) {
        fail(kGridsColumn,
             "网格 " + code + " 不是该区划内的网格 / " + code + " is not a grid of the region");
        continue;
      }
      if (grid->second.retired) {
        fail(kGridsColumn, "网格 " + code + " 已停用 / grid " + code + " is retired");
        continue;
      }
      placed.grids.push_back(PlacedGrid{code, grid->second.path});
    }
    if (errors.count() == before) out.push_back(std::move(placed));
  }
  return out;
}

size_t WriteVolunteerImport(Connection& c, const security::FieldCipher& cipher,
                            std::vector<PlacedVolunteer>& rows, int64_t now_ms) {
  for (auto& row : rows) {
    const int64_t id = kit::Insert(c, cipher, row.volunteer, now_ms);
    for (const auto& grid : row.grids)
      c.Execute("INSERT INTO volunteer_grids (volunteer_id, grid_code, grid_path) VALUES (?,?,?)",
                {id, grid.code, grid.path});
  }
  return rows.size();
}

VolunteerExport ExportVolunteers(Connection& c, const ScopeFilter& scope,
                                 const std::vector<kit::ListFilter>& filters, bool include_retired,
                                 std::string_view sort_column, bool descending, int64_t max_rows) {
  using domain::Volunteer;
  VolunteerExport out;
  std::string where = " WHERE 1 = 1" + scope.Sql("t.region_path");
  Params p;
  scope.Bind(p);
  if (!include_retired) where += " AND t.retired = 0";
  kit::AppendFilters(filters, where, p);
  out.total = c.QueryOne("SELECT COUNT(*) FROM volunteers t" + where, p)->Int(0);
  if (out.total > max_rows) return out;
  const ListQuery q{.table = "volunteers", .alias = "t", .columns = ""};
  c.QueryEach("SELECT " + kit::SelectList<Volunteer>() + " FROM volunteers t" + where +
                  ListOrder(q, sort_column, descending),
              p, [&](const Row& r) { out.rows.push_back(kit::FromRow<Volunteer>(r)); });
  // The teams and grids of the same volunteers (the scope and filters again, in SQL).
  c.QueryEach(
      "SELECT DISTINCT m.id, m.name FROM volunteer_teams m JOIN volunteers t ON "
      "t.team_id = m.id" +
          where,
      p, [&](const Row& r) { out.team_names[r.Int(0)] = r.Text(1); });
  c.QueryEach(
      "SELECT g.volunteer_id, g.grid_code FROM volunteer_grids g JOIN volunteers t ON "
      "t.id = g.volunteer_id" +
          where + " ORDER BY g.volunteer_id, g.grid_code",
      p, [&](const Row& r) { out.grid_codes[r.Int(0)].push_back(r.Text(1)); });
  return out;
}

}  // namespace hejia::store
