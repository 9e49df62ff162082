// Recording one visit (issue 12, points 2, 3 and 5): what POST /visits and a phone's batch upload
// (POST /visits/batch) share. Placed on the household's grid, the recorder and the volunteers who
// went credited with the time, a retried upload answered with the visit it already made, the
// problem-needs-an-action rule, the late mark, a referral's limit, the people a care visit met
// and what they were given, a team leader's visit for her whole team, and the action taken.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/record_kit.hpp"
#include "api/routes_kit.hpp"
#include "domain/region.hpp"
#include "domain/visit.hpp"
#include "http/json_body.hpp"
#include "store/settings_repo.hpp"
#include "store/visit_repo.hpp"
#include "store/visits_table.hpp"

namespace hejia::api {

namespace kit {
/// A visit's own rules on every create and correction (domain::CheckVisit).
template <>
struct Rules<domain::Visit> {
  static void Check(store::Connection& c, const domain::Visit& v, int64_t now, bool creating) {
    // What a visit did when it was recorded (a family's contact moved on, an incident's
    // follow-up linked) follows from its kind: a correction keeps it.
    if (!creating && store::StoredVisitKind(c, v.meta.id) != domain::ToString(v.kind))
      throw Invalid("kind", "走访类型记录后不能更改 / a visit's kind cannot change once recorded");
    if (auto p = domain::CheckVisit(v, store::LoadMustVisitSituations(c), now))
      throw Invalid(p->field, p->message);
    if (!creating && v.action == domain::VisitAction::kCaseOpened && v.case_id == 0)
      throw Invalid("action",
                    "立案须在记录走访时选择 / a case is opened when the visit is recorded");
  }
};
}  // namespace kit

/// What every visit recorded by one caller in one request shares.
struct VisitRecorder {
  Services& s;
  const http::Request& req;
  int64_t now = 0;
  ScopeFilter scope;
  std::optional<int64_t> my_volunteer;  ///< the caller's own volunteer record, if active
  domain::RegionLevel my_level = domain::RegionLevel::kVillage;
  std::vector<domain::MustVisitSituation> situations;  ///< the setting, read once

  /// Looks up the caller's volunteer record and level; call inside the transaction.
  static VisitRecorder For(Services& s, const http::Request& req, store::Connection& c);
};

/// The fields a visit's body may carry.
std::span<const std::string_view> VisitBodyFields();

struct RecordedVisit {
  int64_t id = 0;
  bool replayed = false;
  std::string audit_detail;  ///< what the audit entry of its creation says (fields, case, people)
};

/// Records the visit `body` describes, or finds the one the same client id made. Throws ApiError
/// (Invalid, not found) before anything is written when the body is wrong. The caller audits the
/// creation (POST /visits one entry a visit, a batch one entry naming every visit it made).
RecordedVisit RecordVisit(const VisitRecorder& r, store::Connection& c, const http::JsonBody& body);

/// The visit as the API shows it: the kit's fields, who went and the people met.
json::object VisitJson(store::Connection& c, const domain::Visit& v);
/// What a visit shows beside the kit's fields (GET /visits/{id} too): the accounts and the
/// volunteers who went (`visitor_user_ids`, `visitor_users` with their names, `volunteers`) and
/// the people met (`people`).
void AddVisitSides(store::Connection& c, int64_t visit_id, json::object& o);
/// The schemas of those three properties.
json::object VisitSidesSchema();

}  // namespace hejia::api
