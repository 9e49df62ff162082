// The demo city's volunteers (issue 12, point 7): the article's 11,656 women's volunteers in
// three-level teams — the city's, each town's and each village's — with one grid sister (格姐) on
// every grid ("one sister per grid"), the peace sisters (和姐) of the towns, federation cadres,
// executive-committee members and women's representatives, joined over the last years (a few
// have left). The `gridsister` account is the sister of 东城街道's first grid. Deterministic;
// names, phones and ID numbers are generated (no real person's data).
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "app/demo_city.hpp"
#include "app/demo_names.hpp"
#include "domain/id_card.hpp"
#include "domain/region.hpp"
#include "domain/reporting_period.hpp"
#include "domain/team.hpp"
#include "store/teams_table.hpp"
#include "store/volunteers_table.hpp"

namespace hejia::app {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr int64_t kVolunteers = 11656;

using domain::MemberType;

struct Unit {
  domain::Placement region;
  int64_t grid_team = 0, volunteer_team = 0;
  std::vector<domain::Placement> grids;  // a village's
};

domain::Placement PlacementOf(const store::Row& r) {
  return {std::string(r.View(0)), std::string(r.View(1)),
          domain::ParseRegionLevel(r.View(2)).value_or(domain::RegionLevel::kCity),
          std::string(r.View(3))};
}

}  // namespace

int64_t GenerateDemoVolunteers(store::Connection& c, const security::FieldCipher& cipher,
                               int64_t now) {
  if (c.QueryOne("SELECT 1 FROM volunteers LIMIT 1")) return 0;
  std::mt19937_64 gen(20261204);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); };
  namespace names = demo_names;

  // The units: the city, its towns and villages (by path, so each town comes before its
  // villages), and each village's grids.
  std::vector<Unit> units;
  c.QueryEach(
      "SELECT code, path, level, name FROM regions WHERE retired = 0 AND level <> 'grid' "
      "ORDER BY path",
      {}, [&](const store::Row& r) { units.push_back({PlacementOf(r)}); });
  std::vector<domain::Placement> grids;
  c.QueryEach(
      "SELECT code, path, level, name FROM regions WHERE retired = 0 AND level = 'grid' "
      "ORDER BY path",
      {}, [&](const store::Row& r) { grids.push_back(PlacementOf(r)); });
  for (auto& u : units)
    for (const auto& g : grids)
      if (u.region.level == domain::RegionLevel::kVillage && g.path.starts_with(u.region.path))
        u.grids.push_back(g);

  // The teams: grid sisters at every village, volunteers at every level, peace sisters at the
  // towns.
  auto team = [&](const Unit& u, domain::TeamKind kind, const char* stem) {
    domain::VolunteerTeam t;
    t.name = u.region.name + stem;
    t.kind = kind;
    t.region = u.region;
    t.leader_name = std::string(names::kSurnames[gen() % names::kSurnames.size()]) +
                    names::kWomen[gen() % names::kWomen.size()];
    return store::kit::Insert(c, cipher, t, now);
  };
  for (auto& u : units) {
    u.volunteer_team = team(u, domain::TeamKind::kVolunteers, "巾帼志愿服务队");
    if (u.region.level == domain::RegionLevel::kVillage)
      u.grid_team = team(u, domain::TeamKind::kGridSisters, "格姐队");
    if (u.region.level == domain::RegionLevel::kTown)
      u.grid_team = team(u, domain::TeamKind::kPeaceSisters, "和姐调解队");
  }

  std::optional<int64_t> gridsister_account;
  if (auto r = c.QueryOne("SELECT id FROM users WHERE login = 'gridsister'"))
    gridsister_account = r->Int(0);

  int64_t made = 0, seq = 0;
  const int64_t year_end = domain::ReportingYear(now).to;
  auto add = [&](const Unit& u, MemberType type, int64_t team_id, const domain::Placement* grid) {
    domain::Volunteer v;
    const bool male = type == MemberType::kVolunteer && uniform(0, 9) == 0;
    v.name = std::string(names::kSurnames[gen() % names::kSurnames.size()]) +
             (male ? names::kMen : names::kWomen)[gen() % names::kWomen.size()];
    if (uniform(0, 1)) v.name += (male ? names::kMen : names::kWomen)[gen() % names::kWomen.size()];
    v.gender = male ? domain::Gender::kMale : domain::Gender::kFemale;
    char birth[16], phone[16];
    std::snprintf(birth, sizeof birth, "%04d%02d%02d", uniform(1960, 2000), uniform(1, 12),
                  uniform(1, 28));
    std::snprintf(phone, sizeof phone, "1%d%d%08d", uniform(3, 9), uniform(0, 9),
                  uniform(0, 99999999));
    v.phone = {phone, true};
    v.id_number = {domain::MakeIdCard("330784", birth, static_cast<int>(seq++ % 1000), !male),
                   true};
    v.member_type = type;
    v.team_id = team_id;
    v.region = u.region;
    v.grid_sister = grid != nullptr;
    // Joined over the six years before the reporting year's end; about one in forty has left
    // in its last month (never a grid sister: the demo covers every grid). Those who left are
    // extra rows: kVolunteers serve at the year's end, and still now.
    v.joined_at = year_end - uniform(30, 6 * 365) * kDayMs;
    if (!grid && uniform(0, 39) == 0) v.left_at = year_end - uniform(1, 29) * kDayMs;
    if (type == MemberType::kPeaceSister) v.skills = "家事调解";
    if (grid) v.skills = "入户走访, 矛盾排查";
    char external[24];
    std::snprintf(external, sizeof external, "ZJV%09lld", static_cast<long long>(700000 + seq));
    v.external_no = external;
    if (grid && gridsister_account && grid->code == "330784001001001")
      v.user_id = *gridsister_account;
    const int64_t id = store::kit::Insert(c, cipher, v, now);
    if (grid)
      c.Execute("INSERT INTO volunteer_grids (volunteer_id, grid_code, grid_path) VALUES (?,?,?)",
                {id, grid->code, grid->path});
    if (!v.left_at) ++made;
  };

  // Cadres and committee members at every level, peace sisters at the towns, a sister on every
  // grid and the representatives of every village.
  for (const auto& u : units) {
    switch (u.region.level) {
      case domain::RegionLevel::kCity:
        for (int i = 0; i < 12; ++i) add(u, MemberType::kCadre, u.volunteer_team, nullptr);
        for (int i = 0; i < 25; ++i)
          add(u, MemberType::kExecutiveMember, u.volunteer_team, nullptr);
        break;
      case domain::RegionLevel::kTown:
        for (int i = 0; i < 6; ++i) add(u, MemberType::kCadre, u.volunteer_team, nullptr);
        for (int i = 0; i < 15; ++i)
          add(u, MemberType::kExecutiveMember, u.volunteer_team, nullptr);
        for (int i = 0; i < 10; ++i) add(u, MemberType::kPeaceSister, u.grid_team, nullptr);
        break;
      case domain::RegionLevel::kVillage:
        for (const auto& g : u.grids) add(u, MemberType::kWomensRepresentative, u.grid_team, &g);
        for (int i = 0; i < 2; ++i) add(u, MemberType::kCadre, u.volunteer_team, nullptr);
        for (int i = 0; i < 6; ++i) add(u, MemberType::kExecutiveMember, u.volunteer_team, nullptr);
        for (int i = 0; i < 8; ++i)
          add(u, MemberType::kWomensRepresentative, u.volunteer_team, nullptr);
        break;
      case domain::RegionLevel::kGrid:
        break;
    }
  }
  // The rest are the villages' volunteers, dealt round the villages.
  std::vector<const Unit*> villages;
  for (const auto& u : units)
    if (u.region.level == domain::RegionLevel::kVillage) villages.push_back(&u);
  for (size_t i = 0; made < kVolunteers && !villages.empty(); ++i) {
    const Unit& u = *villages[i % villages.size()];
    add(u, MemberType::kVolunteer, u.volunteer_team, nullptr);
  }
  return made;
}

}  // namespace hejia::app
