// Finding a case by the tracking code a citizen reads out on the 12338 line (issue 10, point 9).
// Staff give the code with the last four digits of the applicant's phone, as the portal asks her;
// the answer names the case only when both match and the case lies in the caller's sight. Every
// attempt is audited, found or not, without the code or the digits.
#include <boost/asio/use_awaitable.hpp>

#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "http/json_body.hpp"
#include "security/tokens.hpp"
#include "store/case_repo.hpp"
#include "store/tracking_code.hpp"

namespace hejia::api {

namespace {

asio::awaitable<http::Response> FindCaseByCode(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"tracking_code", "phone_last4"});
  const std::string typed = body.RequiredString("tracking_code", 40);
  const auto code = store::NormaliseTrackingCode(typed);
  if (!code)
    throw Invalid("tracking_code",
                  "查询码为 12 位字母和数字（如 ABCD-EFGH-JKLM）/ a tracking code has 12 letters "
                  "and digits");
  const std::string digits = body.RequiredString("phone_last4", 8);
  if (digits.size() != 4 || digits.find_first_not_of("0123456789") != std::string::npos)
    throw Invalid("phone_last4", "请填写手机号后四位数字 / give the last four digits of the phone");
  const ScopeFilter sight = CaseSightOf(req.Caller());
  auto found = co_await s.db.Write([&](store::Connection& c) -> std::optional<store::TrackedCase> {
    auto t = store::FindTrackedCase(c, s.cipher, *code);
    const std::string phone = t ? t->applicant_phone : std::string();
    const std::string last4 = phone.size() >= 4 ? phone.substr(phone.size() - 4) : "----";
    const bool match = t && security::ConstantTimeEquals(last4, digits);
    // A case outside the caller's sight reads as a miss: the answer must not tell her that a
    // code exists elsewhere.
    const bool seen = match && sight.Contains(t->region_path);
    s.Audit(c, ActorOf(req), "case", seen ? std::to_string(t->id) : "", "find_tracking",
            seen ? "ok" : "failed",
            !t       ? "reason=unknown_code"
            : !match ? "reason=digits"
            : !seen  ? "reason=scope"
                     : "");
    if (!seen) return std::nullopt;
    return t;
  });
  if (!found)
    throw NotFound(
        "未找到：请核对查询码和手机号后四位；辖区外的案件请联系市妇联 / not found: check the code "
        "and the digits; for a case outside your area ask the city federation");
  co_return http::JsonResponse(200, json::object{{"id", found->id}, {"case_no", found->case_no}});
}

}  // namespace

void AddCaseFindRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/cases", "cases");
  area.Add(verb::post, "/find", "case.read",
           "Find a case by its tracking code and the last four digits of the applicant's phone "
           "(audited; a case outside my area is not found)",
           FindCaseByCode,
           {.body_schema = schema::Shape("tracking_code:string phone_last4:string",
                                         "tracking_code phone_last4"),
            .response_schema = schema::Shape("id:integer case_no:string")});
}

}  // namespace hejia::api
