// What the case handlers share (cases_api.cpp, case_transitions_api.cpp, case_work_api.cpp,
// case_export_api.cpp; defined in case_common.cpp): path ids, loading a case in the caller's
// scope, the conflict answers, "in my area or above" for mediators and rooms, the list's query,
// the party rule at the API edge, and the JSON schemas of the OpenAPI document (case_schema.cpp).
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/case_json.hpp"
#include "api/services.hpp"
#include "common/error.hpp"
#include "domain/contact_wishes.hpp"
#include "domain/party.hpp"
#include "http/json_body.hpp"
#include "http/router.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_list_repo.hpp"
#include "store/case_parties_repo.hpp"
#include "store/case_people_repo.hpp"
#include "store/case_repo.hpp"
#include "store/case_sessions_repo.hpp"
#include "store/people_repo.hpp"

namespace hejia::api {

namespace cases {

/// The numeric path parameter `name`; 404 when it is not one (exactly like a missing row).
int64_t PathId(const http::Request& req, std::string_view name = "id");

/// The case in the caller's scope; 404 not_found otherwise.
store::CaseRecord LoadOr404(store::Connection& c, const ScopeFilter& scope, int64_t id);

/// 409 conflict on `version` with details.current (the object as it is now).
ApiError Stale(boost::json::object current);

/// A timeline event of `kind` by the caller.
store::EventInput CallerEvent(const http::Request& req, std::string_view kind,
                              boost::json::object data = {});

/// 422 integrity_failed: a ciphertext did not authenticate.
ApiError IntegrityFailed();

/// The detail JSON of a case (decrypted texts); throws IntegrityFailed.
boost::json::object Detail(store::Connection& c, const Services& s, const store::CaseRecord& rec);

/// A region `path` the caller may use for a mediator or a room: inside the caller's scope, or
/// one of the regions above the caller (the city's mediators serve every town).
bool InScopeOrAbove(const http::Principal& caller, std::string_view path);

/// A time of the API (ISO 8601 with offset) from an optional body field; Invalid naming it.
std::optional<int64_t> OptTime(const boost::json::object& body, std::string_view field);

/// The filters of GET /cases read from the query. GET /cases/export and the saved filters read
/// them with this same function, and the export runs store::ListCases with them, so a list and
/// its export can never disagree. Invalid naming the parameter.
/// The `supervision` filter's value for "any mark".
inline constexpr std::string_view kAnySupervision = "any";
struct ListQuery {
  store::CaseFilter filter;
  std::optional<std::string> region;  // a region code to narrow the scope to (checked later)
  bool own = false;                   // with region: only the cases placed at it itself
};
ListQuery ParseListQuery(const http::Request& req);
/// The documented query parameters of those filters.
std::vector<http::QueryParam> ListQueryParams();

/// `attachment; filename="<ascii_fallback>"; filename*=UTF-8''<name percent-encoded>` (RFC 6266
/// and 5987): a download's header, safe whatever characters `name` holds.
std::string ContentDisposition(std::string_view ascii_fallback, std::string_view name);

/// The party of a request body (`at` is where it sits, "parties[0]"; "" for a body that is the
/// party) through the one party rule, domain::CheckParty: Invalid naming `at` + "." + the field.
/// Unknown fields and wrong types are refused naming the field the same way.
store::PartyInput ReadParty(const boost::json::value& item, const std::string& at);
/// The party of a parsed body whose fields are the party's (POST /cases/{id}/parties), through
/// domain::CheckParty; Invalid naming `prefix` + the field.
store::PartyInput PartyOfBody(const http::JsonBody& body, const std::string& prefix);
/// The fields a party body may have.
const std::vector<std::string_view>& PartyBodyFields();

/// The applicant's contact wishes as a body gives them (`contact_sms_only`, `contact_call_from`,
/// `contact_call_to`; domain/contact_wishes.hpp): each nullopt when left out. Types and lengths
/// are checked when read; the whole by Over.
struct ContactWishesGiven {
  std::optional<bool> sms_only;
  std::optional<std::string> call_from, call_to;
  /// `current` with what was given; Invalid naming the field (domain::CheckContactWishes).
  domain::ContactWishes Over(domain::ContactWishes current) const;
};
ContactWishesGiven ReadContactWishes(const http::JsonBody& body);
/// The wishes stored on a case.
domain::ContactWishes WishesOf(const store::CaseRecord& rec);
/// Adds the three fields to an object schema of a body.
void AddContactWishProperties(boost::json::value& body_schema);

/// JSON schemas for the OpenAPI document (case_schema.cpp). The coded fields carry the domain's
/// own lists as `enum`.
boost::json::value CaseSchema();
boost::json::value EventSchema();
boost::json::value PartySchema();
boost::json::value SessionSchema();
boost::json::value ProtectionSchema();
/// A party of an intake or POST /cases/{id}/parties body (the rule's roles and lengths).
boost::json::value PartyBodySchema();
/// The body of POST /cases (staff intake); `channels` are the channels staff record.
boost::json::value IntakeSchema(const std::vector<domain::CaseChannel>& channels);
/// {"type": "string", "enum": codes}.
boost::json::object EnumOf(const std::vector<std::string>& codes);
/// `body` (an object schema) with property `field` given the enum `codes`.
boost::json::value WithEnum(boost::json::value body, std::string_view field,
                            const std::vector<std::string>& codes);
/// The codes of the dispute categories (domain/categories.hpp).
std::vector<std::string> CategoryCodes();

/// Runs a case write (`job` on the writer) whose refusal may carry the current case or agreement
/// (a stale version, 409 conflict on `version`): that answer shows case texts, so it is audited as
/// a read with `detail` once the refused write has rolled back.
template <class F>
boost::asio::awaitable<boost::json::object> WriteShowingCurrent(Services& s, http::Request& req,
                                                                int64_t id, F& job,
                                                                std::string_view detail) {
  std::exception_ptr failure;
  bool shows_current = false;
  boost::json::object result;
  try {
    result =
        co_await s.db.Write([&](store::Connection& c) -> boost::json::object { return job(c); });
  } catch (const ApiError& e) {
    shows_current = e.code() == "conflict" && e.field() == "version";
    failure = std::current_exception();
  }
  if (failure) {
    if (shows_current) {
      const std::string entity_id = std::to_string(id);
      const std::string what(detail);
      co_await s.db.Write([&](store::Connection& c) {
        s.Audit(c, ActorOf(req), "case", entity_id, "read", "ok", what);
      });
    }
    std::rethrow_exception(failure);
  }
  co_return result;
}

}  // namespace cases
}  // namespace hejia::api
