// What a key family's page shows beside the family (GET /key-families/{id}/overview): the
// household's members (names and masked phones only), the police incidents at the household and
// the cases one of whose parties belongs to it, newest first. SQL and rows only.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

struct MemberRow {
  int64_t id = 0;
  std::string name, gender, relation, phone_mask;
  std::vector<std::string> tags;
};
std::vector<MemberRow> HouseholdMembers(Connection& c, int64_t household_id);

struct HouseholdIncidentRow {
  int64_t id = 0;
  std::string incident_no, kind, mark, stage;
  int64_t reported_at = 0;
  bool repeated = false;
};
/// The household's incidents, newest first, at most `limit`.
std::vector<HouseholdIncidentRow> HouseholdIncidents(Connection& c, int64_t household_id,
                                                     size_t limit);

struct HouseholdCaseRow {
  int64_t id = 0;
  std::string number, status, category, risk_level;
  int64_t created_at = 0;
};
/// The cases inside `scope` with a party of the household, newest first, at most `limit`.
std::vector<HouseholdCaseRow> HouseholdCases(Connection& c, const ScopeFilter& scope,
                                             int64_t household_id, size_t limit);

/// An incident's number and kind ("" when absent).
struct IncidentHeadRow {
  std::string incident_no, kind;
};
IncidentHeadRow IncidentHead(Connection& c, int64_t incident_id);

}  // namespace hejia::store
