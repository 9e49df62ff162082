// The portal's follow page: POST /public/help-requests/lookup shows a help request to whoever
// holds its tracking code and the last four digits of the applicant's phone; POST
// /public/help-requests/reply adds her short answer to the case's timeline (kind
// applicant_reply, shared), and tells the case's handler live. Both answer one 404, byte for
// byte, for any miss, and count against the portal's per-client limits (PublicGuard).
#include "api/public_follow.hpp"

#include <boost/asio/use_awaitable.hpp>

#include "api/case_stream.hpp"
#include "api/public_guard.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_flow.hpp"
#include "security/tokens.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_people_repo.hpp"
#include "store/case_repo.hpp"
#include "store/tracking_code.hpp"

namespace hejia::api {

namespace {

// Her reply is audited as the portal's, without her network address (see public_api.cpp).
const store::Actor kPortal = store::Actor::Portal({});

/// The number the follow page offers when the handling unit has no office phone of its own: the
/// women's rights hotline.
constexpr std::string_view kHotline = "12338";
constexpr int64_t kMaxReply = 500;
/// At most this many of the handling unit's staff hear of a reply on a case nobody handles.
constexpr size_t kMaxUnitAlerts = 5;
/// How a reply is signed on the staff timeline.
constexpr std::string_view kApplicantName = "求助人 / applicant";
// Looked up in place of a malformed code, so a malformed, an unknown and a wrong-digits lookup do
// the same work (a code is 12 characters of the alphabet; this one is only a probe).
constexpr std::string_view kProbeCode = "222222222222";
constexpr std::string_view kProbePhone = "00000000000";

// One answer for every failed lookup, byte for byte: it must not tell an unknown code from a
// wrong phone number.
ApiError HelpRequestNotFound() {
  return NotFound("未找到，请核对查询码和手机号后四位 / not found: check the code and the digits");
}

ApiError RequestEnded() {
  return ApiError(ErrorKind::kConflict, "case_closed",
                  "这次求助已经结束，不能再留言；需要帮助请拨打 12338 或重新求助 / this request "
                  "has ended and takes no more replies: call 12338 or ask for help again");
}

/// The help request whose code and digits `body` carries, or the one 404. The caller was admitted
/// as a lookup; a match gives its failed-lookup slot back.
asio::awaitable<store::PublicCaseView> MatchingRequest(Services& s, http::Request& req,
                                                       const http::JsonBody& body) {
  const auto code = store::NormaliseTrackingCode(LookupText(body, "tracking_code"));
  const std::string probe(code ? std::string_view(*code) : kProbeCode);
  std::string digits = LookupText(body, "phone_last4");
  const bool digits_ok =
      digits.size() == 4 && digits.find_first_not_of("0123456789") == std::string::npos;
  if (!digits_ok) digits = "xxxx";
  auto view = co_await s.db.Read(
      [&](store::Connection& c) { return store::FindCaseByTracking(c, s.cipher, probe); });
  const std::string phone(view ? std::string_view(view->applicant_phone) : kProbePhone);
  const std::string last4 = phone.size() >= 4 ? phone.substr(phone.size() - 4) : "----";
  const bool match = security::ConstantTimeEquals(last4, digits);
  if (!code || !view || !digits_ok || !match) throw HelpRequestNotFound();
  co_await s.public_guard->LookupFound(req.client_ip, s.clock.NowMillis());
  co_return std::move(*view);
}

json::object FollowJson(const store::PublicCaseView& v) {
  json::array messages;
  for (const auto& m : v.messages)
    messages.push_back(json::object{{"at", FormatBeijing(m.at)},
                                    {"text", m.text},
                                    {"from", m.from_applicant ? "applicant" : "staff"}});
  const bool hotline = v.unit_phone.empty();
  return json::object{{"tracking_code", v.tracking_code},
                      {"status", domain::ToString(v.status)},
                      {"created_at", FormatBeijing(v.created_at)},
                      {"unit_name", v.unit_name},
                      {"phone", hotline ? std::string(kHotline) : v.unit_phone},
                      {"phone_is_hotline", hotline},
                      {"can_reply", domain::IsOpen(v.status)},
                      {"messages", std::move(messages)}};
}

asio::awaitable<http::Response> FollowHelpRequest(Services& s, http::Request& req) {
  co_await s.public_guard->Admit(PublicAction::kLookup, req.client_ip, s.clock.NowMillis());
  const auto body = http::JsonBody::Parse(req.raw.body(), {"tracking_code", "phone_last4"});
  const auto view = co_await MatchingRequest(s, req, body);
  co_return http::JsonResponse(200, FollowJson(view));
}

/// What the reply's write found: who to tell (her handler; on a case nobody handles yet, the
/// handling unit's staff, as an urgent request reaches them).
struct Replied {
  std::vector<int64_t> tell;
  std::string case_no, category;
  bool night_clinic = false;
};

asio::awaitable<http::Response> ReplyToHelpRequest(Services& s, http::Request& req) {
  co_await s.public_guard->Admit(PublicAction::kLookup, req.client_ip, s.clock.NowMillis());
  const auto body = http::JsonBody::Parse(req.raw.body(), {"tracking_code", "phone_last4", "text"});
  auto view = co_await MatchingRequest(s, req, body);
  std::string text = http::TrimSpaces(body.OptString("text", kMaxReply).value_or(""));
  if (text.empty()) throw Invalid("text", "请写下要说的话 / write your reply");
  store::CheckCaseText(text, "text", kMaxReply, true);
  if (!domain::IsOpen(view.status)) throw RequestEnded();
  // A reply is a write the staff must read: it spends the budget of the portal's submissions.
  co_await s.public_guard->Admit(PublicAction::kSubmit, req.client_ip, s.clock.NowMillis());
  const int64_t now = s.clock.NowMillis();
  Replied replied;
  std::exception_ptr refused;
  try {
    replied = co_await s.db.Write([&](store::Connection& c) {
      // The case may have ended since it was read.
      const auto rec = store::LoadCaseAnywhere(c, view.id);
      if (!rec || !domain::IsOpen(rec->status)) throw RequestEnded();
      store::EventInput e;
      e.kind = std::string(store::kApplicantReplyKind);
      e.actor_name = std::string(kApplicantName);
      e.text = text;
      e.shared = true;
      store::InsertEvent(c, s.cipher, rec->id, e, now);
      s.Audit(c, kPortal, "case", std::to_string(rec->id), "reply", "ok", "channel=portal");
      std::vector<int64_t> tell;
      if (rec->assignee_id)
        tell.push_back(*rec->assignee_id);
      else
        tell = store::UnitHandlers(c, rec->region_path, now, kMaxUnitAlerts);
      return Replied{std::move(tell), rec->case_no, rec->category, rec->night_clinic};
    });
  } catch (const ApiError&) {
    refused = std::current_exception();
  }
  if (refused) {
    // Nothing was written: the reply does not count against her.
    co_await s.public_guard->SubmitRefused(req.client_ip, s.clock.NowMillis());
    std::rethrow_exception(refused);
  }
  for (int64_t user : replied.tell)
    PublishApplicantReply(s.case_stream.get(), view.id, replied.case_no, replied.category,
                          replied.night_clinic, user, now);
  view.messages.push_back(store::PublicMessage{now, std::move(text), true});
  co_return http::JsonResponse(201, FollowJson(view));
}

json::value FollowSchema() {
  return schema::Shape(
      "tracking_code:string status:string created_at:string unit_name:string phone:string "
      "phone_is_hotline:boolean can_reply:boolean messages:object[]");
}

}  // namespace

std::string LookupText(const http::JsonBody& body, std::string_view field) {
  return body.OptString(field, 40).value_or("");
}

void AddHelpRequestFollowRoutes(AreaRoutes& area) {
  const std::string pub(http::kPublic);
  area.Add(verb::post, "/help-requests/lookup", pub,
           "Follow a help request with its tracking code and the phone's last four digits (in "
           "the body, so that no URL carries them): its status, the messages, and the handling "
           "unit's phone (12338 when it has none)",
           FollowHelpRequest,
           {.body_schema = schema::Shape("tracking_code:string phone_last4:string",
                                         "tracking_code phone_last4"),
            .response_schema = FollowSchema()});
  json::value reply_body = schema::Shape("tracking_code:string phone_last4:string text:string",
                                         "tracking_code phone_last4 text");
  reply_body.as_object()["properties"].as_object()["text"].as_object()["maxLength"] = kMaxReply;
  area.Add(verb::post, "/help-requests/reply", pub,
           "Reply to the staff on a help request (code and digits as for lookup): the text lands "
           "on the case's timeline and its handler is told; 409 case_closed once it has ended. "
           "Answers the request as lookup does",
           ReplyToHelpRequest,
           {.body_schema = std::move(reply_body),
            .response_schema = FollowSchema(),
            .success_status = 201});
}

}  // namespace hejia::api
