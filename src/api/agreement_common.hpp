// What the agreement handlers share (agreements_api.cpp, agreement_confirmations_api.cpp,
// obligations_api.cpp).
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "api/case_common.hpp"
#include "api/services.hpp"
#include "domain/agreement.hpp"
#include "domain/case_flow.hpp"
#include "http/json_body.hpp"
#include "store/agreement_repo.hpp"
#include "store/case_repo.hpp"

namespace hejia::api::agreements {

using cases::IntegrityFailed;
using cases::LoadOr404;
using cases::PathId;

/// An id as the audit detail and the event data write it.
inline std::string Id(int64_t id) {
  return std::to_string(id);
}

/// A body that may be empty (the console posts some actions without one).
http::JsonBody OptionalBody(const http::Request& req,
                            std::initializer_list<std::string_view> allowed);
/// The `version` of a body that may be empty and holds nothing else.
std::optional<int64_t> OptionalVersion(const http::Request& req);

/// The case's agreement; 404 when it has none yet.
store::AgreementRecord AgreementOr404(store::Connection& c, int64_t case_id);
/// The agreement as GET /cases/{id}/agreement shows it (404 when none; integrity_failed when a
/// ciphertext fails).
boost::json::object View(store::Connection& c, const Services& s, int64_t case_id,
                         bool reveal = false);
using cases::CallerEvent;
/// A timeline event of kind "agreement" by the caller, with `action` in its data.
store::EventInput AgreementEvent(const http::Request& req, std::string_view action,
                                 boost::json::object data = {});

/// 409 naming the status unless the agreement stands at `status`.
void RequireStatus(const store::AgreementRecord& a, domain::AgreementStatus status,
                   std::string_view message);
/// 409 with the current agreement when `version` is given and is not the agreement's.
void CheckVersion(store::Connection& c, const Services& s, const store::AgreementRecord& a,
                  const std::optional<int64_t>& version);

/// A change to the agreement of case `id` (in the caller's scope; 404 when it has none) on the
/// writer: `change(c, case, agreement)` runs once `version`, when given, is the agreement's (409
/// with the current agreement otherwise, audited as a read). Answers 200 with the agreement as it
/// then stands.
template <class F>
boost::asio::awaitable<http::Response> ChangeAgreement(Services& s, http::Request& req, int64_t id,
                                                       std::optional<int64_t> version, F change) {
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto job = [&](store::Connection& c) -> boost::json::object {
    const auto rec = LoadOr404(c, scope, id);
    const auto a = AgreementOr404(c, id);
    CheckVersion(c, s, a, version);
    change(c, rec, a);
    return View(c, s, id);
  };
  auto saved = co_await cases::WriteShowingCurrent(s, req, id, job, "agreement;conflict_current");
  co_return http::JsonResponse(200, saved);
}

/// Applies a case action that the agreement's progress implies (effect -> agree, obligations ->
/// perform, the last payment -> resume/fulfil) through store::ApplyCaseAction, with the caller's
/// audit entry ("transition", detail auto=<why>). 409 illegal_transition when the case cannot.
store::CaseRecord AutoTransition(store::Connection& c, const Services& s, const http::Request& req,
                                 const store::CaseRecord& rec, domain::CaseAction action,
                                 std::string_view why);

}  // namespace hejia::api::agreements
