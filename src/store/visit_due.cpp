#include "store/visit_due.hpp"

#include <algorithm>
#include <map>

#include "domain/must_visit.hpp"
#include "domain/visit.hpp"
#include "store/case_repo.hpp"

namespace hejia::store {

namespace {

constexpr int64_t kYearMs = 365LL * 24 * 60 * 60 * 1000;
constexpr size_t kChunk = 400;

/// Runs `sql` + the scope on `column` with `params` first, row by row.
template <class Fn>
void InScope(Connection& c, const ScopeFilter& scope, std::string sql, std::string_view column,
             std::vector<Value> params, Fn&& fn, std::string_view tail = "") {
  sql += scope.Sql(column);
  scope.Bind(params);
  sql += tail;
  c.QueryEach(sql, params, fn);
}

}  // namespace

std::vector<DueHousehold> MustVisitsDue(Connection& c, const ScopeFilter& scope, int64_t now) {
  std::map<int64_t, domain::HouseholdFacts> facts;
  auto tags_of = [&](int64_t household, std::string_view joined) {
    auto& tags = facts[household].tags;
    for (auto& t : domain::SplitCodes(joined)) tags.push_back(std::move(t));
  };
  InScope(c, scope, "SELECT household_id, tags FROM people WHERE tags <> ''", "region_path", {},
          [&](const Row& r) { tags_of(r.Int(0), r.View(1)); });
  InScope(c, scope, "SELECT id, tags FROM households WHERE tags <> ''", "region_path", {},
          [&](const Row& r) { tags_of(r.Int(0), r.View(1)); });
  InScope(c, scope, "SELECT household_id FROM key_families WHERE retired = 0", "region_path", {},
          [&](const Row& r) { facts[r.Int(0)].key_family = true; });
  InScope(c, scope,
          "SELECT household_id FROM police_incidents WHERE household_id IS NOT NULL AND "
          "retired = 0 AND reported_at >= ?",
          "region_path", {now - kYearMs},
          [&](const Row& r) { facts[r.Int(0)].recent_incident = true; });
  const auto open = OpenStatusCodes();
  std::vector<Value> statuses(open.begin(), open.end());
  InScope(c, scope,
          "SELECT cp.household_id, k.category FROM case_parties cp JOIN cases k ON k.id = "
          "cp.case_id JOIN households h ON h.id = cp.household_id WHERE k.status IN (" +
              Placeholders(open.size()) + ")",
          "h.region_path", statuses, [&](const Row& r) {
            auto& f = facts[r.Int(0)];
            if (r.View(1) == "domestic_violence")
              f.open_dv_case = true;
            else if (r.View(1) != "neighbours" && r.View(1) != "other")
              f.open_family_case = true;
          });

  std::map<int64_t, DueHousehold> due;
  for (const auto& [id, f] : facts) {
    auto situations = domain::SituationsOf(f);
    if (situations.empty()) continue;
    due[id] = DueHousehold{.household_id = id, .situations = std::move(situations)};
  }
  if (due.empty()) return {};
  InScope(
      c, scope,
      "SELECT household_id, MAX(visited_at) FROM visits WHERE kind = 'must_visit' AND "
      "retired = 0",
      "region_path", {},
      [&](const Row& r) {
        if (auto it = due.find(r.Int(0)); it != due.end()) it->second.last_visit_at = r.Int(1);
      },
      " GROUP BY household_id");
  // The households' own columns, a chunk of ids at a time.
  std::vector<int64_t> ids;
  for (const auto& [id, d] : due) ids.push_back(id);
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    const size_t n = std::min(kChunk, ids.size() - i);
    std::vector<Value> params(ids.begin() + i, ids.begin() + i + n);
    c.QueryEach(
        "SELECT id, head_name, address_mask, grid_code, region_path FROM households WHERE id IN "
        "(" +
            Placeholders(n) + ")",
        params, [&](const Row& r) {
          auto& d = due[r.Int(0)];
          d.head_name = r.Text(1);
          d.address_mask = r.Text(2);
          d.grid_code = r.Text(3);
          d.grid_path = r.Text(4);
        });
  }
  std::vector<DueHousehold> out;
  out.reserve(due.size());
  for (auto& [id, d] : due) {
    d.due_at = domain::MustVisitDue(d.last_visit_at, now);
    out.push_back(std::move(d));
  }
  std::ranges::sort(out, [](const DueHousehold& a, const DueHousehold& b) {
    return a.due_at != b.due_at ? a.due_at < b.due_at : a.household_id < b.household_id;
  });
  return out;
}

}  // namespace hejia::store
