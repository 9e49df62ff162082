// The case workflow as the published OpenAPI document carries it, from domain/case_flow.hpp and
// nothing typed again: the web generates its status and action lists, which statuses are final
// and what each action's dialog asks for (web/scripts/gen-api.mjs -> API_FIELDS.cases).
#pragma once
#include <boost/json.hpp>

namespace hejia::api::cases {

/// `{"type": "string", "enum": [statuses], "x-final": [final statuses]}`.
boost::json::value CaseStatusSchema();
/// `{"type": "string", "enum": [actions], "x-needs": {action: needs}}` with each action's
/// domain::NeedsOf: reason (none/optional/required), risk_levels, mediator, advised_routes,
/// consent, outcome, weighty.
boost::json::value CaseActionSchema();

}  // namespace hejia::api::cases
