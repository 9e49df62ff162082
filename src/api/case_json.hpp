// The response shapes of cases, built from the rows of the case store (store/case_repo.hpp and the
// headers beside it): the list item, the detail, parties (masked), timeline events, sessions and
// the protection track. Codes come from the domain's enums; times are Beijing ISO 8601; an empty
// optional text is null. Their OpenAPI schemas are in case_schema.cpp (case_common.hpp).
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>

#include "store/case_events_repo.hpp"
#include "store/case_list_repo.hpp"
#include "store/case_parties_repo.hpp"
#include "store/case_repo.hpp"
#include "store/case_sessions_repo.hpp"

namespace hejia::api::cases {

/// One case of GET /cases (the applicant's name masked; `overdue` at `now_ms`).
boost::json::object CaseItemJson(const store::CaseListRow& row, int64_t now_ms);
/// GET /cases/{id}: the item plus texts, parties, protection, allowed actions, timers, sessions.
boost::json::object CaseDetailJson(const store::CaseDetail& detail, int64_t now_ms);
/// A party with its contact details masked.
boost::json::object PartyJson(const store::PartyRow& p);
/// A timeline event; an unreadable text is null with "integrity_failed": true.
boost::json::object EventJson(const store::EventRow& e);
/// A session; "summary" only when the row carries it.
boost::json::object SessionJson(const store::SessionRow& s);
/// The protection track.
boost::json::object ProtectionJson(const store::ProtectionRow& p);

}  // namespace hejia::api::cases
