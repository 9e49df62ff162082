// What the doors of police incidents share (the police interface, api/police_api.cpp; staff entry
// and import, api/incidents_api.cpp): reading an incident from a body, telling the pushes'
// people after the commit, and the JSON of parties and pushes.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "api/services.hpp"
#include "http/json_body.hpp"
#include "store/incident_intake.hpp"
#include "store/incident_repo.hpp"

namespace hejia::api::incidents {

/// The body's fields an incident is read from (the kit's writable ones, the number, parties).
std::vector<std::string_view> IncidentBodyFields(bool with_region);

/// Reads an incident and its parties from `body` (field errors name "parties[1].phone"). The
/// region, when the body names one, is left to the caller (`region_code`).
store::IncidentIntake ReadIncident(const http::JsonBody& body, store::Connection& c);

/// Reads the parties array (1 to domain::kMaxIncidentParties, at least one victim).
std::vector<domain::IncidentParty> ReadParties(const boost::json::object& body);

/// After the commit: the live alert ("incident") for each person the intake named.
void PublishPushAlerts(Services& s, const std::vector<store::PushAlert>& alerts,
                       const domain::PoliceIncident& incident, bool night, int64_t now_ms);

/// One push as staff see it (notes are not in it: GET …/work reads them for those who may).
boost::json::object PushJson(const store::PushRow& p, int64_t now_ms);
boost::json::object PartyJson(const store::IncidentPartyRow& p);

/// What the police read of one incident (GET /police/incidents/{number}/feedback, and the body of
/// its feedback callback): each push's steps and the feedback text; nullopt when there is no such
/// incident. Throws ApiError integrity when a feedback does not decrypt.
std::optional<boost::json::object> FeedbackJson(store::Connection& c,
                                                const security::FieldCipher& cipher,
                                                int64_t incident_id);

boost::json::value PushSchema();
boost::json::value PartySchema();
boost::json::value IncidentBodySchema(bool with_region);

}  // namespace hejia::api::incidents
