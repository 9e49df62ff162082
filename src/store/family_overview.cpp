#include "store/family_overview.hpp"

#include "store/code_list.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

std::vector<MemberRow> HouseholdMembers(Connection& c, int64_t household_id) {
  std::vector<MemberRow> out;
  for (const auto& r :
       c.Query("SELECT id, name, gender, relation, phone_mask, tags FROM people WHERE "
               "household_id = ? ORDER BY id",
               {household_id}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), DecodeCodes(r.Text(5))});
  return out;
}

std::vector<HouseholdIncidentRow> HouseholdIncidents(Connection& c, int64_t household_id,
                                                     size_t limit) {
  std::vector<HouseholdIncidentRow> out;
  for (const auto& r :
       c.Query("SELECT id, incident_no, kind, mark, stage, reported_at, repeated FROM "
               "police_incidents WHERE household_id = ? AND retired = 0 ORDER BY reported_at DESC, "
               "id DESC LIMIT ?",
               {household_id, static_cast<int64_t>(limit)}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6) != 0});
  return out;
}

std::vector<HouseholdCaseRow> HouseholdCases(Connection& c, const ScopeFilter& scope,
                                             int64_t household_id, size_t limit) {
  Params p{household_id};
  scope.Bind(p);
  p.emplace_back(static_cast<int64_t>(limit));
  std::vector<HouseholdCaseRow> out;
  for (const auto& r :
       c.Query("SELECT c.id, c.case_no, c.status, c.category, c.risk_level, c.created_at FROM "
               "cases c WHERE c.id IN (SELECT case_id FROM case_parties WHERE household_id = ?)" +
                   scope.Sql("c.region_path") + " ORDER BY c.created_at DESC, c.id DESC LIMIT ?",
               p))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5)});
  return out;
}

IncidentHeadRow IncidentHead(Connection& c, int64_t incident_id) {
  auto r = c.QueryOne("SELECT incident_no, kind FROM police_incidents WHERE id = ?", {incident_id});
  if (!r) return {};
  return {r->Text(0), r->Text(1)};
}

}  // namespace hejia::store
