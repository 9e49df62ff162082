#include "store/care_repo.hpp"

#include <algorithm>

#include "security/field_cipher.hpp"
#include "store/code_list.hpp"

namespace hejia::store {

namespace {

std::string AddressAd(int64_t household_id) {
  return "households/address/" + std::to_string(household_id);  // as store/people_repo.cpp seals it
}

// " AND v.visited_at >= ? AND v.visited_at < ?" and the scope on v.region_path, bound in order.
std::string VisitWhere(const ScopeFilter& scope, Period period, std::vector<Value>& params) {
  params.emplace_back(period.from);
  params.emplace_back(period.to);
  scope.Bind(params);
  return " v.retired = 0 AND v.visited_at >= ? AND v.visited_at < ?" + scope.Sql("v.region_path");
}

std::vector<Count> Counts(Connection& c, const std::string& sql, const std::vector<Value>& params) {
  std::vector<Count> out;
  c.QueryEach(sql, params, [&](const Row& r) { out.push_back({r.Text(0), r.Int(1)}); });
  return out;
}

}  // namespace

bool ResolvePeopleMet(Connection& c, int64_t household_id, std::vector<domain::PersonMet>& people) {
  for (auto& p : people) {
    auto row = c.QueryOne("SELECT name, tags FROM people WHERE id = ? AND household_id = ?",
                          {p.person_id, household_id});
    if (!row) return false;
    p.name = row->Text(0);
    p.tags = DecodeCodes(row->View(1));
  }
  return true;
}

void AddPeopleMet(Connection& c, int64_t visit_id, const std::vector<domain::PersonMet>& people) {
  for (const auto& p : people)
    c.Execute(
        "INSERT INTO visit_people (visit_id, person_id, tags, category, given) "
        "VALUES (?, ?, ?, ?, ?)",
        {visit_id, p.person_id, EncodeCodes(p.tags), std::string(domain::CareCategory(p.tags)),
         EncodeCodes(p.given)});
}

std::vector<domain::PersonMet> LoadPeopleMet(Connection& c, int64_t visit_id) {
  std::vector<domain::PersonMet> out;
  c.QueryEach(
      "SELECT vp.person_id, p.name, vp.tags, vp.given FROM visit_people vp JOIN people p ON "
      "p.id = vp.person_id WHERE vp.visit_id = ? ORDER BY vp.person_id",
      std::vector<Value>{visit_id}, [&](const Row& r) {
        out.push_back({r.Int(0), DecodeCodes(r.View(3)), r.Text(1), DecodeCodes(r.View(2))});
      });
  return out;
}

std::optional<TeamOfVisit> FindTeam(Connection& c, int64_t id) {
  auto row = c.QueryOne(
      "SELECT id, region_path, level FROM volunteer_teams WHERE id = ? AND retired = 0", {id});
  if (!row) return std::nullopt;
  return TeamOfVisit{
      row->Int(0), row->Text(1),
      domain::ParseRegionLevel(row->View(2)).value_or(domain::RegionLevel::kVillage)};
}

std::vector<int64_t> ActiveTeamMembers(Connection& c, int64_t team_id, int64_t now, size_t most) {
  std::vector<int64_t> out;
  c.QueryEach(
      "SELECT id FROM volunteers WHERE team_id = ? AND retired = 0 AND "
      "(left_at IS NULL OR left_at > ?) ORDER BY id LIMIT ?",
      std::vector<Value>{team_id, now, static_cast<int64_t>(most)},
      [&](const Row& r) { out.push_back(r.Int(0)); });
  return out;
}

int64_t TeamOfVolunteer(Connection& c, int64_t volunteer_id) {
  auto row = c.QueryOne("SELECT COALESCE(team_id, 0) FROM volunteers WHERE id = ?", {volunteer_id});
  return row ? row->Int(0) : 0;
}

std::optional<domain::RegionLevel> VolunteerLevel(Connection& c, int64_t volunteer_id) {
  auto row = c.QueryOne("SELECT level FROM volunteers WHERE id = ?", {volunteer_id});
  if (!row) return std::nullopt;
  return domain::ParseRegionLevel(row->View(0));
}

CareFigures LoadCareFigures(Connection& c, const ScopeFilter& scope, Period period) {
  CareFigures out;
  std::vector<Value> params;
  const std::string where = VisitWhere(scope, period, params) + " AND v.kind = 'care'";
  if (auto row = c.QueryOne("SELECT COUNT(*), COALESCE(SUM(v.late), 0) FROM visits v WHERE" + where,
                            params)) {
    out.visits = row->Int(0);
    out.late = row->Int(1);
  }
  const std::string joined =
      " FROM visits v JOIN visit_people vp ON vp.visit_id = v.id WHERE" + where;
  if (auto row = c.QueryOne("SELECT COUNT(*), COUNT(DISTINCT vp.person_id)" + joined, params)) {
    out.person_visits = row->Int(0);
    out.people = row->Int(1);
  }
  out.by_category =
      Counts(c, "SELECT vp.category, COUNT(*)" + joined + " GROUP BY vp.category", params);
  out.by_level =
      Counts(c, "SELECT v.visitor_level, COUNT(*)" + joined + " GROUP BY v.visitor_level", params);
  out.by_grid_path =
      Counts(c, "SELECT v.region_path, COUNT(*)" + joined + " GROUP BY v.region_path", params);
  return out;
}

std::vector<Unvisited> LoadUnvisited(Connection& c, const ScopeFilter& scope, Period period,
                                     const std::string& tag, int64_t limit, int64_t offset,
                                     int64_t& total) {
  std::vector<Value> params;
  std::string where = " p.tags <> ''" + scope.Sql("p.region_path");
  scope.Bind(params);
  if (!tag.empty()) {
    where += " AND p.tags LIKE ?";
    params.emplace_back("%," + tag + ",%");
  }
  where +=
      " AND NOT EXISTS (SELECT 1 FROM visit_people vp JOIN visits v ON v.id = vp.visit_id WHERE "
      "vp.person_id = p.id AND v.kind = 'care' AND v.retired = 0 AND v.visited_at >= ? AND "
      "v.visited_at < ?)";
  params.emplace_back(period.from);
  params.emplace_back(period.to);
  total = 0;
  if (auto row = c.QueryOne("SELECT COUNT(*) FROM people p WHERE" + where, params))
    total = row->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<Unvisited> out;
  c.QueryEach(
      "SELECT p.id, p.household_id, p.name, p.region_path, h.grid_code, p.tags FROM people p "
      "JOIN households h ON h.id = p.household_id WHERE" +
          where + " ORDER BY p.region_path, p.id LIMIT ? OFFSET ?",
      params, [&](const Row& r) {
        out.push_back(
            {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), DecodeCodes(r.View(5))});
      });
  return out;
}

int64_t ListVisitedHouseholds(Connection& c, const ScopeFilter& scope, Period period,
                              std::string_view kind, int64_t limit, int64_t offset,
                              std::vector<VisitedHousehold>& out) {
  std::vector<Value> params;
  std::string where = VisitWhere(scope, period, params);
  if (!kind.empty()) {
    where += " AND v.kind = ?";
    params.emplace_back(std::string(kind));
  }
  int64_t total = 0;
  if (auto row =
          c.QueryOne("SELECT COUNT(DISTINCT v.household_id) FROM visits v WHERE" + where, params))
    total = row->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  c.QueryEach(
      "SELECT v.household_id, MIN(v.region_code), MIN(v.region_path), COUNT(*), "
      "MAX(v.visited_at) FROM visits v WHERE" +
          where + " GROUP BY v.household_id ORDER BY 5 DESC, 1 LIMIT ? OFFSET ?",
      params, [&](const Row& r) {
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)});
      });
  return total;
}

int64_t ListCarePersonVisits(Connection& c, const ScopeFilter& scope, Period period,
                             std::string_view category, int64_t limit, int64_t offset,
                             std::vector<CarePersonVisit>& out) {
  std::vector<Value> params;
  std::string where = VisitWhere(scope, period, params) + " AND v.kind = 'care'";
  if (!category.empty()) {
    where += " AND vp.category = ?";
    params.emplace_back(std::string(category));
  }
  const std::string joined =
      " FROM visits v JOIN visit_people vp ON vp.visit_id = v.id WHERE" + where;
  int64_t total = 0;
  if (auto row = c.QueryOne("SELECT COUNT(*)" + joined, params)) total = row->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  c.QueryEach(
      "SELECT v.id, v.visited_at, vp.person_id, COALESCE(p.name, ''), vp.category, vp.given, "
      "v.region_code, v.region_path FROM visits v JOIN visit_people vp ON vp.visit_id = v.id LEFT "
      "JOIN people p "
      "ON p.id = vp.person_id WHERE" +
          where + " ORDER BY v.visited_at DESC, v.id DESC, vp.person_id LIMIT ? OFFSET ?",
      params, [&](const Row& r) {
        out.push_back(
            {r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)});
      });
  return total;
}

VisitCounts LoadVisitCounts(Connection& c, const ScopeFilter& scope, Period period) {
  VisitCounts out;
  std::vector<Value> params;
  const std::string where = VisitWhere(scope, period, params);
  if (auto r = c.QueryOne(
          "SELECT COUNT(*), COUNT(DISTINCT v.household_id), COALESCE(SUM(v.problem_found), 0), "
          "COALESCE(SUM(CASE WHEN v.action = 'settled' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN v.action = 'case_opened' THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN v.action = 'referral' AND v.referral_answered_at IS NULL "
          "THEN 1 ELSE 0 END), 0), COALESCE(SUM(v.late), 0) FROM visits v WHERE" +
              where,
          params)) {
    out.visits = r->Int(0);
    out.households = r->Int(1);
    out.problems_found = r->Int(2);
    out.settled_on_spot = r->Int(3);
    out.cases_opened = r->Int(4);
    out.referrals_open = r->Int(5);
    out.late = r->Int(6);
  }
  if (auto r = c.QueryOne("SELECT COUNT(DISTINCT v.household_id) FROM visits v WHERE" + where +
                              " AND v.kind = 'must_visit'",
                          params))
    out.must_visit_households = r->Int(0);
  if (auto r = c.QueryOne(
          "SELECT COUNT(*) FROM visits v JOIN visit_people vp ON vp.visit_id = v.id WHERE" + where +
              " AND v.kind = 'care'",
          params))
    out.care_person_visits = r->Int(0);
  return out;
}

std::vector<GridVisitCounts> LoadVisitCountsByGrid(Connection& c, const ScopeFilter& scope,
                                                   Period period) {
  std::vector<Value> params;
  const std::string where = VisitWhere(scope, period, params);
  std::vector<GridVisitCounts> out;
  c.QueryEach("SELECT v.region_path, COUNT(*), COUNT(DISTINCT v.household_id) FROM visits v WHERE" +
                  where + " GROUP BY v.region_path",
              params, [&](const Row& r) {
                out.push_back({r.Text(0), r.Int(1), r.Int(2)});
              });
  return out;
}

MyService LoadMyService(Connection& c, std::optional<int64_t> volunteer_id, int64_t user,
                        int64_t month_start, size_t recent) {
  MyService out;
  if (volunteer_id) {
    if (auto r = c.QueryOne("SELECT name, COALESCE(team_id, 0) FROM volunteers WHERE id = ?",
                            {*volunteer_id})) {
      out.volunteer_name = r->Text(0);
      out.team_id = r->Int(1);
    }
    if (auto r = c.QueryOne(
            "SELECT COALESCE(SUM(minutes), 0), COALESCE(SUM(CASE WHEN served_at >= ? THEN "
            "minutes ELSE 0 END), 0) FROM volunteer_services WHERE volunteer_id = ? AND "
            "retired = 0",
            {month_start, *volunteer_id})) {
      out.minutes_total = r->Int(0);
      out.minutes_this_month = r->Int(1);
    }
    c.QueryEach(
        "SELECT served_at, minutes, activity, source FROM volunteer_services WHERE "
        "volunteer_id = ? AND retired = 0 ORDER BY served_at DESC, id DESC LIMIT ?",
        std::vector<Value>{*volunteer_id, static_cast<int64_t>(recent)}, [&](const Row& r) {
          out.recent.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3)});
        });
  }
  if (auto r = c.QueryOne(
          "SELECT COUNT(*), COALESCE(SUM(CASE WHEN v.visited_at >= ? THEN 1 ELSE 0 END), 0) "
          "FROM visit_visitors vv JOIN visits v ON v.id = vv.visit_id WHERE vv.user_id = ? AND "
          "v.retired = 0",
          {month_start, user})) {
    out.visits_total = r->Int(0);
    out.visits_this_month = r->Int(1);
  }
  return out;
}

std::map<int64_t, std::string> GridHouseAddresses(Connection& c,
                                                  const security::FieldCipher& cipher,
                                                  const std::string& grid_path,
                                                  const std::vector<int64_t>& household_ids) {
  std::map<int64_t, std::string> out;
  for (int64_t id : household_ids) {
    auto row = c.QueryOne("SELECT region_path, address_enc FROM households WHERE id = ?", {id});
    if (!row || !row->View(0).starts_with(grid_path) || row->IsNull(1) || row->View(1).empty())
      continue;
    if (auto plain = cipher.Decrypt(row->View(1), AddressAd(id))) out[id] = std::move(*plain);
  }
  return out;
}

}  // namespace hejia::store
