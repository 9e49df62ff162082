// The partners whose servers call us (the police 110 system): the system administrator adds one
// (its key is made here and shown once), sets its feedback callback address, rotates its key or
// retires it. Audited; the key is never logged or shown again.
#include "api/partner_door.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "security/tokens.hpp"
#include "store/odr_repo.hpp"
#include "store/partner_callbacks.hpp"
#include "store/partner_repo.hpp"

namespace hejia::api {

namespace {

namespace json = boost::json;

json::object PartnerJson(const store::Partner& p) {
  return json::object{{"id", p.id},
                      {"code", p.code},
                      {"name", p.name},
                      {"kind", p.kind},
                      {"callback_url", OrNull(p.callback_url)},
                      {"retired", p.retired},
                      {"created_at", FormatBeijing(p.created_at)},
                      {"updated_at", FormatBeijing(p.updated_at)}};
}

json::value PartnerSchema() {
  auto shape = schema::Shape(
      "id:integer code:string name:string kind:string callback_url:string? retired:boolean "
      "created_at:string updated_at:string",
      "id code name kind retired created_at updated_at");
  shape.as_object()["properties"].as_object()["kind"] =
      schema::OneOf({std::string(kPoliceKind), std::string(kOdrKind)});
  return shape;
}

/// An http(s) address, or "" for none.
std::string CallbackUrl(const http::JsonBody& body) {
  std::string url = body.OptString("callback_url", store::kCallbackUrlMax).value_or("");
  if (auto problem = domain::CallbackUrlProblem(url)) throw Invalid("callback_url", *problem);
  return url;
}

asio::awaitable<http::Response> ListPartnersRoute(Services& s, http::Request&) {
  auto body = co_await s.db.Read([](store::Connection& c) {
    json::array items;
    for (const auto& p : store::ListPartners(c)) items.push_back(PartnerJson(p));
    return json::object{{"items", std::move(items)}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> AddPartner(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"code", "name", "kind", "callback_url"});
  store::Partner p;
  p.code = body.RequiredString("code", store::kPartnerCodeMax);
  if (auto problem = domain::PartnerCodeProblem(p.code)) throw Invalid("code", *problem);
  auto name = domain::CheckText(body.RequiredString("name", store::kPartnerNameMax * 4),
                                store::kPartnerNameMax, true);
  if (name.problem)
    throw Invalid("name", domain::TextProblemMessage(*name.problem, store::kPartnerNameMax));
  p.name = std::move(name.text);
  p.kind = body.OptString("kind", 20).value_or(std::string(kPoliceKind));
  if (p.kind != kPoliceKind && p.kind != kOdrKind)
    throw Invalid("kind", "应为 police 或 odr_platform / must be police or odr_platform");
  p.callback_url = CallbackUrl(body);
  const std::string key = security::RandomToken(32);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    if (store::FindPartner(c, p.code))
      throw ApiError(ErrorKind::kConflict, "code_taken", "代码已被使用 / code in use", "code");
    const int64_t id = store::CreatePartner(c, s.cipher, p, key, now);
    s.Audit(c, ActorOf(req), "partner", std::to_string(id), "create", "ok",
            "fields=code,name,kind,callback_url");
    auto o = PartnerJson(*store::FindPartnerById(c, id));
    o["key"] = key;  // shown this once
    return o;
  });
  co_return http::JsonResponse(201, answer);
}

asio::awaitable<http::Response> ChangePartner(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"callback_url", "retired"});
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    auto p = store::FindPartnerById(c, id);
    if (!p) throw NotFound("合作方不存在 / no such partner");
    const std::string url = body.Has("callback_url") ? CallbackUrl(body) : p->callback_url;
    const bool retired = body.OptBool("retired").value_or(p->retired);
    store::UpdatePartner(c, id, url, retired, now);
    s.Audit(c, ActorOf(req), "partner", std::to_string(id), "update", "ok",
            "fields=callback_url,retired");
    return PartnerJson(*store::FindPartnerById(c, id));
  });
  co_return http::JsonResponse(200, answer);
}

asio::awaitable<http::Response> RotateKey(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const std::string key = security::RandomToken(32);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    if (!store::SetPartnerKey(c, s.cipher, id, key, now))
      throw NotFound("合作方不存在 / no such partner");
    s.Audit(c, ActorOf(req), "partner", std::to_string(id), "rotate_key");
    auto o = PartnerJson(*store::FindPartnerById(c, id));
    o["key"] = key;
    return o;
  });
  co_return http::JsonResponse(200, answer);
}

std::string CallbackStatusOf(const http::Request& req) {
  const std::string status = http::QueryText(req, "status", 10).value_or("");
  if (!status.empty() && status != "pending" && status != "sent" && status != "failed")
    throw Invalid("status", "应为 pending、sent 或 failed / pending, sent or failed");
  return status;
}

/// What the police feedback callbacks and the dispute platform's status callbacks share: when,
/// how often, and with what outcome each was tried.
template <class Row>
json::object CallbackJson(const Row& r, json::object o) {
  o["id"] = r.id;
  o["partner_code"] = r.partner_code;
  o["status"] = r.status;
  o["attempts"] = r.attempts;
  o["last_error"] = OrNull(r.last_error);
  o["next_attempt_at"] = FormatBeijing(r.next_attempt_at);
  o["created_at"] = FormatBeijing(r.created_at);
  o["sent_at"] = TimeOrNull(r.sent_at);
  return o;
}

json::array PoliceCallbacks(store::Connection& c, const std::string& status) {
  json::array items;
  for (const auto& r : store::ListCallbacks(c, status, 200))
    items.push_back(CallbackJson(r, {{"incident_no", r.incident_no}}));
  return items;
}

json::array OdrCallbacks(store::Connection& c, const std::string& status) {
  json::array items;
  for (const auto& r : store::ListOdrCallbacks(c, status, 200))
    items.push_back(CallbackJson(
        r, {{"code", r.code}, {"case_id", r.case_id}, {"case_no", r.case_no}, {"event", r.event}}));
  return items;
}

/// One queue of outgoing callbacks, as its two routes see it. `retry` makes a failed one pending
/// again and audits it; false when there is no such failed one.
struct CallbackQueue {
  json::array (*list)(store::Connection&, const std::string& status);
  bool (*retry)(Services&, store::Connection&, const http::Request&, int64_t id, int64_t now_ms);
};
constexpr CallbackQueue kPoliceCallbacks{
    PoliceCallbacks,
    [](Services& s, store::Connection& c, const http::Request& req, int64_t id, int64_t now) {
      if (!store::RetryCallback(c, id, now)) return false;
      s.Audit(c, ActorOf(req), "partner_callback", std::to_string(id), "retry");
      return true;
    }};
constexpr CallbackQueue kOdrCallbacks{
    OdrCallbacks,
    [](Services& s, store::Connection& c, const http::Request& req, int64_t id, int64_t now) {
      if (!store::RetryOdrCallback(c, id, now)) return false;
      s.Audit(c, ActorOf(req), "odr_callback", std::to_string(id), "retry");
      return true;
    }};

asio::awaitable<http::Response> ListCallbacksRoute(Services& s, http::Request& req,
                                                   CallbackQueue q) {
  const std::string status = CallbackStatusOf(req);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    return json::object{{"items", q.list(c, status)}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> RetryCallbackRoute(Services& s, http::Request& req,
                                                   CallbackQueue q) {
  const int64_t id = kit::PathId(req);
  const int64_t now = s.clock.NowMillis();
  co_await s.db.Write([&](store::Connection& c) {
    if (!q.retry(s, c, req, id, now)) throw NotFound("没有该失败的回调 / no such failed callback");
    return 0;
  });
  co_return http::JsonResponse(200, json::object{{"id", id}, {"status", "pending"}});
}

/// A callback of a queue as CallbackJson writes it, with the queue's own fields.
json::value CallbackSchema(const std::string& own, const std::string& own_required) {
  auto item = schema::Shape(
      "id:integer partner_code:string status:string attempts:integer last_error:string? "
      "next_attempt_at:string created_at:string sent_at:string? " +
          own,
      "id partner_code status attempts last_error next_attempt_at created_at sent_at " +
          own_required);
  item.as_object()["properties"].as_object()["status"] =
      schema::OneOf({"pending", "sent", "failed"});
  return item;
}

/// The list and retry routes of a queue, under `path` ("/callbacks").
void AddCallbackRoutes(AreaRoutes& area, const std::string& path, const CallbackQueue& q,
                       const std::string& what, const std::string& one, json::value item) {
  area.Add(verb::get, path, "partner.read",
           "The " + what + ", newest first (failed ones for an operator to send again)",
           [q](Services& s, http::Request& r) { return ListCallbacksRoute(s, r, q); },
           {.query = {OneOf("status", {"pending", "sent", "failed"}, "the callbacks' status")},
            .response_schema = schema::Items(std::move(item))});
  area.Add(verb::post, path + "/{id}/retry", "partner.write", "Send a failed " + one + " again",
           [q](Services& s, http::Request& r) { return RetryCallbackRoute(s, r, q); },
           {.response_schema = schema::Shape("id:integer status:string", "id status")});
}

}  // namespace

void AddPartnerRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/partners", "partner");
  auto create_schema =
      schema::Shape("code:string name:string kind:string callback_url:string?", "code name");
  create_schema.as_object()["properties"].as_object()["kind"] =
      schema::OneOf({std::string(kPoliceKind), std::string(kOdrKind)});
  auto with_key = PartnerSchema();
  with_key.as_object()["properties"].as_object()["key"] = json::object{{"type", "string"}};
  area.Add(verb::get, "", "partner.read", "The partners whose servers call us", ListPartnersRoute,
           {.response_schema = schema::Items(PartnerSchema())});
  area.Add(verb::post, "", "partner.write",
           "Add a partner; its signing key is in the answer, this once", AddPartner,
           {.body_schema = create_schema, .response_schema = with_key, .success_status = 201});
  area.Add(verb::patch, "/{id}", "partner.write",
           "Set a partner's feedback callback address, or retire it", ChangePartner,
           {.body_schema = schema::Shape("callback_url:string? retired:boolean"),
            .response_schema = PartnerSchema()});
  AddCallbackRoutes(area, "/callbacks", kPoliceCallbacks, "feedback callbacks to partners",
                    "feedback callback", CallbackSchema("incident_no:string", "incident_no"));
  AddCallbackRoutes(area, "/odr-callbacks", kOdrCallbacks,
                    "status callbacks to the provincial dispute platform",
                    "dispute-platform callback",
                    CallbackSchema("code:string case_id:integer case_no:string event:string",
                                   "code case_id case_no event"));
  area.Add(verb::post, "/{id}/key", "partner.write",
           "Give a partner a new signing key (the old one stops at once); shown this once",
           RotateKey, {.response_schema = with_key});
}

}  // namespace hejia::api
