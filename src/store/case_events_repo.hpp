// The timeline of a case (`case_events`): writing an event, reading a page of them or one, the
// escalations already counted, and the workflow action the system applies by itself. Event texts
// are encrypted (associated data "case_events/text/<id>"); reads return them decrypted.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_flow.hpp"
#include "security/field_cipher.hpp"
#include "store/case_repo.hpp"
#include "store/db.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

/// One case_events row to write. `text` is encrypted (case_events/text/<id>); `data` is a
/// small JSON object of codes and ids, never personal data (the column's own format).
struct EventInput {
  std::string kind;  // registered, assigned, status, contact, note, message, escalation, ...
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::optional<domain::CaseStatus> from_status, to_status;
  std::string text;
  bool shared = false;
  boost::json::object data;
};
int64_t InsertEvent(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const EventInput& e, int64_t now_ms);

/// A stored event, its text decrypted.
struct EventRow {
  int64_t id = 0, at = 0;
  std::optional<int64_t> actor_id;
  std::string actor_name, kind;
  std::optional<domain::CaseStatus> from_status, to_status;
  std::optional<std::string> text;  // nullopt: the ciphertext failed its integrity check
  bool shared = false;
  std::string data;  // the JSON text of the data column ("" when none)
};
struct EventPage {
  std::vector<EventRow> items;
  int64_t total = 0;
};
/// A page of the timeline, oldest first.
EventPage ListEvents(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                     const PageSpec& page);
/// One event of the case, or nullopt.
std::optional<EventRow> FindEvent(Connection& conn, const security::FieldCipher& cipher,
                                  int64_t case_id, int64_t event_id);

/// A missed limit the escalation job already counted (an "escalation" event's data).
struct CountedEscalation {
  std::string limit;  // domain::ToString(MissedLimit)
  std::optional<int64_t> due_at;
};
std::vector<CountedEscalation> EscalationData(Connection& conn, int64_t case_id);

/// A workflow action the system applies by itself inside a request's write job (added for the
/// agreements area, api/agreements_api.cpp: an agreement taking effect applies `agree`, the first
/// obligation `perform`, the last payment `resume`/`fulfil`). Checks it with
/// domain::CheckTransition (409 illegal_transition), sets the status and the action's timestamp
/// (`agree` sets resolved_at) with UpdateCase at `rec.version` (409 conflict when the case changed
/// since), and writes the "status" event: `event` gives the actor, text and data (kind, from and
/// to are filled in, data gets "action"). The caller audits. Returns the case as it now is.
/// Staff transitions (POST /cases/{id}/transitions) keep their own handler, which also validates
/// the action's input.
CaseRecord ApplyCaseAction(Connection& conn, const security::FieldCipher& cipher,
                           const CaseRecord& rec, domain::CaseAction action, EventInput event,
                           int64_t now_ms);

}  // namespace hejia::store
