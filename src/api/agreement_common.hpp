// What the agreement handlers share (agreements_api.cpp, obligations_api.cpp).
#pragma once
#include <string_view>

#include "api/services.hpp"
#include "domain/case_flow.hpp"
#include "store/case_repo.hpp"

namespace hejia::api::agreements {

/// Applies a case action that the agreement's progress implies (effect -> agree, obligations ->
/// perform, the last payment -> resume/fulfil) through store::ApplyCaseAction, with the caller's
/// audit entry ("transition", detail auto=<why>). 409 illegal_transition when the case cannot.
store::CaseRecord AutoTransition(store::Connection& c, const Services& s, const http::Request& req,
                                 const store::CaseRecord& rec, domain::CaseAction action,
                                 std::string_view why);

}  // namespace hejia::api::agreements
