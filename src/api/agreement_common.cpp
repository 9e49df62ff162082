#include "api/agreement_common.hpp"

#include <climits>

#include "api/agreement_json.hpp"
#include "api/case_common.hpp"
#include "common/error.hpp"

namespace hejia::api::agreements {

namespace json = boost::json;

http::JsonBody OptionalBody(const http::Request& req,
                            std::initializer_list<std::string_view> allowed) {
  const std::string_view text = req.raw.body();
  return http::JsonBody::Parse(text.empty() ? std::string_view("{}") : text, allowed);
}

std::optional<int64_t> OptionalVersion(const http::Request& req) {
  return OptionalBody(req, {"version"}).OptInt("version", 1, INT64_MAX);
}

store::AgreementRecord AgreementOr404(store::Connection& c, int64_t case_id) {
  auto a = store::LoadAgreement(c, case_id);
  if (!a) throw NotFound("该案件尚无调解协议 / the case has no agreement yet");
  return std::move(*a);
}

json::object View(store::Connection& c, const Services& s, int64_t case_id, bool reveal) {
  auto rec = store::LoadCaseAnywhere(c, case_id);
  auto a = store::LoadAgreement(c, case_id);
  if (!rec || !a) throw NotFound("该案件尚无调解协议 / the case has no agreement yet");
  auto j = AgreementJson(c, s.cipher, *rec, *a, reveal, s.clock.NowMillis());
  if (!j) throw IntegrityFailed();
  return std::move(*j);
}

store::EventInput AgreementEvent(const http::Request& req, std::string_view action,
                                 json::object data) {
  data["action"] = action;
  return CallerEvent(req, "agreement", std::move(data));
}

void RequireStatus(const store::AgreementRecord& a, domain::AgreementStatus status,
                   std::string_view message) {
  if (a.status != status) throw Conflict(std::string(message), "status");
}

void CheckVersion(store::Connection& c, const Services& s, const store::AgreementRecord& a,
                  const std::optional<int64_t>& version) {
  if (version && *version != a.version) throw cases::Stale(View(c, s, a.case_id));
}

store::CaseRecord AutoTransition(store::Connection& c, const Services& s, const http::Request& req,
                                 const store::CaseRecord& rec, domain::CaseAction action,
                                 std::string_view why) {
  store::EventInput e;
  e.actor_id = req.Caller().user_id;
  e.actor_name = req.Caller().display_name;
  e.data = json::object{{"auto", why}};
  auto next = store::ApplyCaseAction(c, s.cipher, rec, action, e, s.clock.NowMillis());
  s.Audit(c, ActorOf(req), "case", Id(rec.id), "transition", "ok",
          "action=" + std::string(domain::ToString(action)) +
              ";from=" + std::string(domain::ToString(rec.status)) +
              ";to=" + std::string(domain::ToString(next.status)) + ";auto=" + std::string(why));
  return next;
}

}  // namespace hejia::api::agreements
