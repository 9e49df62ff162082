// The doors of the partners whose servers call us with signed requests: the police 110 system
// (api/police_api.cpp) and the provincial dispute platform (api/odr_api.cpp). A missing, stale,
// replayed or wrong signature is 401 and nothing is stored (the reason is logged by partner code
// only); a partner of another kind is 403.
#pragma once
#include <cstdint>
#include <string_view>

#include "api/services.hpp"
#include "http/request.hpp"
#include "store/audit.hpp"
#include "store/partner_repo.hpp"

namespace hejia::api {

/// The partners' kinds (`partners.kind`): which door each may use.
inline constexpr std::string_view kPoliceKind = "police";
inline constexpr std::string_view kOdrKind = "odr_platform";

/// The partner of `kind` that signed `req` (its nonce not yet spent: SpendNonce, in the write);
/// 401 otherwise, 403 for a partner of another kind.
store::Partner CheckPartner(store::Connection& c, Services& s, const http::Request& req,
                            int64_t now_ms, std::string_view kind);
/// Spends the nonce of `req`, signed by `partner`, inside the caller's write job: 401 when it was
/// used before (a replay), and the job's writes roll back.
void SpendNonce(store::Connection& c, const store::Partner& partner, const http::Request& req,
                int64_t now_ms);
/// The partner of `kind` that signed `req`, its nonce spent, inside the caller's write job; 401
/// otherwise.
store::Partner VerifyPartner(store::Connection& c, Services& s, const http::Request& req,
                             int64_t now_ms, std::string_view kind);
/// How a partner's requests are audited.
store::Actor PartnerActor(const store::Partner& p, const http::Request& req);

}  // namespace hejia::api
