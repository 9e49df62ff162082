// The work on a case: its timeline (contacts, notes, messages to the applicant), its parties and
// the audited read of their contact details, the safety/protection track (police report, warning
// letter, personal-safety protection order) and the mediation sessions with their rooms.
#include <algorithm>
#include <boost/asio/use_awaitable.hpp>
#include <climits>
#include <cstdio>

#include "api/case_common.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_event.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "store/rooms_repo.hpp"

namespace hejia::api {

namespace {

constexpr int64_t kHourMs = 3600LL * 1000;

std::string AuditId(int64_t id) {
  return std::to_string(id);
}

// ---- timeline ----

asio::awaitable<http::Response> ListEventsRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto page = http::ParsePage(req, {}, "id", false);
  const store::PageSpec spec{page.page_size, page.Offset(), false};
  const ScopeFilter scope = ScopeOf(req.Caller());
  // The timeline holds what was said on the phone and at visits: its read is audited.
  auto text = co_await s.db.Write([&](store::Connection& c) {
    cases::LoadOr404(c, scope, id);
    const auto result = store::ListEvents(c, s.cipher, id, spec);
    s.Audit(c, ActorOf(req), "case", AuditId(id), "read", "ok", "events");
    json::array items;
    for (const auto& e : result.items) items.push_back(cases::EventJson(e));
    return json::serialize(http::PageBody(std::move(items), page, result.total));
  });
  co_return people::JsonText(std::move(text));
}

asio::awaitable<http::Response> AddEventRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body =
      http::JsonBody::Parse(req.raw.body(), {"kind", "text", "channel", "party_id", "shared"});
  const std::string kind_code = body.RequiredString("kind", 20);
  const auto kind = domain::ParseStaffEventKind(kind_code);
  if (!kind)
    throw Invalid("kind", "应为 contact、note 或 message / must be contact, note or message");
  const std::string text = body.RequiredString("text", store::kMaxEventText);
  const std::string channel = body.OptString("channel", 20).value_or("");
  if (!channel.empty() && kind != domain::StaffEventKind::kContact)
    throw Invalid("channel", "仅联系记录有方式 / only a contact has a channel");
  if (!channel.empty() && !domain::ParseContactChannel(channel))
    throw Invalid("channel",
                  "应为 phone、visit、online 或 sms / must be phone, visit, online or sms");
  const auto party_id = body.OptInt("party_id", 1, INT64_MAX);
  const bool shared = body.OptBool("shared").value_or(false);
  if (shared && kind != domain::StaffEventKind::kMessage)
    throw Invalid("shared", "只有留言可以让申请人看到 / only a message is shown to the applicant");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) -> json::object {
    auto rec = cases::LoadOr404(c, scope, id);
    if (party_id && !store::FindParty(c, id, *party_id))
      throw people::NotFoundField("party_id", "当事人不存在 / no such party");
    store::EventInput e;
    e.kind = kind_code;
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.text = text;
    e.shared = shared;
    if (!channel.empty()) e.data["channel"] = channel;
    if (party_id) e.data["party_id"] = *party_id;
    // The first contact meets the first-contact limit.
    const bool first_contact = kind == domain::StaffEventKind::kContact && !rec.first_contact_at;
    if (first_contact) {
      e.data["first_contact"] = true;
      if (!store::UpdateCase(c, id, rec.version, store::CaseUpdate().Set("first_contact_at", now),
                             now))
        throw Conflict("案件正被修改，请重试 / the case is being changed: retry");
    }
    const int64_t event_id = store::InsertEvent(c, s.cipher, id, e, now);
    std::string detail = "kind=" + kind_code;
    if (shared) detail += ";shared";
    if (first_contact) detail += ";first_contact";
    s.Audit(c, ActorOf(req), "case", AuditId(id), "add_event", "ok", detail);
    return cases::EventJson(Reloaded(store::FindEvent(c, s.cipher, id, event_id)));
  });
  co_return http::JsonResponse(201, created);
}

// ---- parties ----

asio::awaitable<http::Response> AddPartyRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), cases::PartyBodyFields());
  const store::PartyInput p = cases::PartyOfBody(body, "");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) -> json::object {
    cases::LoadOr404(c, scope, id);
    if (p.person_id) {
      auto row = c.QueryOne("SELECT region_path FROM people WHERE id = ?", {*p.person_id});
      if (!row || !scope.Contains(row->Text(0)))
        throw people::NotFoundField("person_id", "人员不存在 / no such person");
    }
    const int64_t party_id = store::InsertParty(c, s.cipher, id, p, now);
    store::RemaskCaseTitle(c, s.cipher, id);  // the new party's name is masked in lists too
    store::EventInput e;
    e.kind = "party_added";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.data = json::object{{"party_id", party_id}, {"role", domain::ToString(p.party.role)}};
    store::InsertEvent(c, s.cipher, id, e, now);
    std::string fields = "role,name";
    if (!p.party.phone.empty()) fields += ",phone";
    if (!p.party.id_number.empty()) fields += ",id_number";
    if (!p.party.address.empty()) fields += ",address";
    s.Audit(c, ActorOf(req), "case", AuditId(id), "add_party", "ok",
            "party=" + AuditId(party_id) + ";fields=" + fields);
    return cases::PartyJson(Reloaded(store::FindParty(c, id, party_id)));
  });
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> RevealPartyRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  const int64_t party_id = cases::PathId(req, "pid");
  const ScopeFilter scope = ScopeOf(req.Caller());
  // A read, run as a write job: the full values leave only together with their audit row.
  auto lookup = co_await s.db.Write([&](store::Connection& c) {
    store::PartyLookup found;
    const std::string entity_id = AuditId(party_id);
    const std::string where = "case=" + AuditId(id);
    if (!store::LoadCase(c, scope, id)) {
      s.Audit(c, ActorOf(req), "case_party", entity_id, "read_sensitive", "denied",
              where + ";not_found");
      return found;
    }
    found = store::RevealParty(c, s.cipher, id, party_id);
    if (!found.found)
      s.Audit(c, ActorOf(req), "case_party", entity_id, "read_sensitive", "denied",
              where + ";not_found");
    else if (!found.secrets)
      s.Audit(c, ActorOf(req), "case_party", entity_id, "read_sensitive", "failed",
              where + ";integrity");
    else
      s.Audit(c, ActorOf(req), "case_party", entity_id, "read_sensitive", "ok",
              where + ";fields=phone,id_number,address");
    return found;
  });
  if (!lookup.found) throw NotFound("当事人不存在 / no such party");
  if (!lookup.secrets) throw cases::IntegrityFailed();
  auto or_null = [](const std::string& v) -> json::value {
    if (v.empty()) return nullptr;
    return json::value(v);
  };
  co_return http::JsonResponse(200, json::object{{"id", party_id},
                                                 {"phone", or_null(lookup.secrets->phone)},
                                                 {"id_number", or_null(lookup.secrets->id_number)},
                                                 {"address", or_null(lookup.secrets->address)}});
}

// ---- protection ----

// The same wall-clock time `months` later in Beijing (the last day of a shorter month when the
// day does not exist there): a protection order is valid for at most 6 months.
int64_t AddMonthsBeijing(int64_t ms, int months) {
  const std::string text = FormatBeijing(ms);  // YYYY-MM-DDTHH:MM:SS+08:00
  int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2)),
      day = std::stoi(text.substr(8, 2));
  month += months;
  year += (month - 1) / 12;
  month = (month - 1) % 12 + 1;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  day = std::min(day, last);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d%s", year, month, day, text.substr(10).c_str());
  return ParseIsoTime(buf).value_or(ms);
}

asio::awaitable<http::Response> PutProtectionRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(),
      {"police_reported_at", "police_ref", "warning_letter_no", "order_applied_at", "order_urgent",
       "order_court", "order_decided_at", "order_result", "order_valid_until"});
  const auto& o = body.object();
  store::Protection p;
  p.police_reported_at = cases::OptTime(o, "police_reported_at");
  p.police_ref = body.OptString("police_ref", 64).value_or("");
  p.warning_letter_no = body.OptString("warning_letter_no", 64).value_or("");
  p.order_applied_at = cases::OptTime(o, "order_applied_at");
  p.order_urgent = body.OptBool("order_urgent").value_or(false);
  p.order_court = body.OptString("order_court", 100).value_or("");
  p.order_decided_at = cases::OptTime(o, "order_decided_at");
  p.order_result = body.OptString("order_result", 20).value_or("");
  p.order_valid_until = cases::OptTime(o, "order_valid_until");
  const auto result = domain::ParseOrderResult(p.order_result);
  if (!p.order_result.empty() && !result)
    throw Invalid("order_result", "应为 granted 或 refused / must be granted or refused");
  if (p.order_decided_at && !p.order_applied_at)
    throw Invalid("order_applied_at", "请先填写申请时间 / the application time comes first");
  if (p.order_decided_at && *p.order_decided_at < *p.order_applied_at)
    throw Invalid("order_decided_at", "裁定时间早于申请时间 / decided before it was applied for");
  if (p.order_decided_at.has_value() != !p.order_result.empty())
    throw Invalid(p.order_decided_at ? "order_result" : "order_decided_at",
                  "裁定时间与结果须一并填写 / the decision time and result go together");
  if (p.order_valid_until) {
    if (result != domain::OrderResult::kGranted)
      throw Invalid("order_valid_until",
                    "只有准予的保护令有有效期 / only a granted order has a validity");
    if (*p.order_valid_until <= *p.order_decided_at ||
        *p.order_valid_until > AddMonthsBeijing(*p.order_decided_at, 6))
      throw Invalid("order_valid_until",
                    "人身安全保护令有效期不超过六个月 / a protection order is valid for at most "
                    "6 months from its decision");
  }
  // The court decides within 72 hours of the application, 24 when urgent
  // (Anti-Domestic-Violence Law, art. 28).
  if (p.order_applied_at)
    p.order_due_at = *p.order_applied_at + (p.order_urgent ? 24 : 72) * kHourMs;
  std::string fields;
  for (const auto& kv : o)
    if (!kv.value().is_null()) fields += (fields.empty() ? "" : ",") + std::string(kv.key());
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto saved = co_await s.db.Write([&](store::Connection& c) -> json::object {
    cases::LoadOr404(c, scope, id);
    store::SaveProtection(c, id, p, now);
    store::EventInput e;
    e.kind = "protection";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    json::array names;
    for (const auto& kv : o)
      if (!kv.value().is_null()) names.emplace_back(kv.key());
    e.data = json::object{{"fields", std::move(names)}};
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", AuditId(id), "protection", "ok", "fields=" + fields);
    return cases::ProtectionJson(Reloaded(store::LoadProtection(c, id)));
  });
  co_return http::JsonResponse(200, saved);
}

// ---- sessions ----

// A session as answered; its summary decrypted when `with_summary` (422 when that fails).
json::object SessionAnswer(store::Connection& c, const Services& s, int64_t session_id,
                           bool with_summary) {
  auto row = store::FindSession(c, s.cipher, session_id, with_summary);
  if (!row) throw NotFound("调解安排不存在 / no such session");
  if (row->summary_failed) throw cases::IntegrityFailed();
  return cases::SessionJson(*row);
}

asio::awaitable<http::Response> AddSessionRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(),
                                    {"room_id", "online", "starts_at", "ends_at", "mediator_id"});
  store::SessionInput in;
  in.room_id = body.OptInt("room_id", 1, INT64_MAX);
  in.online = body.OptBool("online").value_or(false);
  if (in.online == in.room_id.has_value())
    throw Invalid("room_id", "请选择调解室，或设为线上调解 / choose a room, or online: true");
  const auto starts = cases::OptTime(body.object(), "starts_at");
  const auto ends = cases::OptTime(body.object(), "ends_at");
  if (!starts) throw Invalid("starts_at", "必填 / required");
  if (!ends) throw Invalid("ends_at", "必填 / required");
  if (*ends <= *starts || *ends - *starts > 12 * kHourMs)
    throw Invalid("ends_at",
                  "结束时间应晚于开始时间，且一次不超过 12 小时 / must end after it "
                  "starts, within 12 hours");
  in.starts_at = *starts;
  in.ends_at = *ends;
  in.mediator_id = body.OptInt("mediator_id", 1, INT64_MAX);
  in.created_by = req.Caller().user_id;
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) -> json::object {
    auto rec = cases::LoadOr404(c, scope, id);
    if (domain::IsFinal(rec.Status()))
      throw Conflict("案件已结束 / the case is finished", "status");
    if (in.room_id) {
      auto room = store::LoadRoom(c, *in.room_id);
      if (!room || room->retired || !cases::InScopeOrAbove(req.Caller(), room->fields.region_path))
        throw people::NotFoundField("room_id", "调解室不存在 / no such room");
      // Checked in the same write job as the insert, so two bookings cannot both pass.
      if (!store::RoomSlotFree(c, *in.room_id, in.starts_at, in.ends_at, std::nullopt))
        throw ApiError(ErrorKind::kConflict, "room_booked",
                       "该时段调解室已被预约 / the room is booked at that time", "room_id");
    }
    if (!in.mediator_id) in.mediator_id = rec.mediator_id;
    if (in.mediator_id) {
      auto m = store::FindMediator(c, *in.mediator_id);
      if (!m || !cases::InScopeOrAbove(req.Caller(), m->region_path))
        throw people::NotFoundField("mediator_id", "调解员不存在 / no such mediator");
    }
    const int64_t session_id = store::InsertSession(c, id, in, now);
    store::EventInput e;
    e.kind = "session";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.data = json::object{{"session_id", session_id},
                          {"status", domain::ToString(domain::SessionStatus::kScheduled)},
                          {"starts_at", FormatBeijing(in.starts_at)}};
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", AuditId(id), "schedule_session", "ok",
            "session=" + AuditId(session_id) +
                (in.room_id ? ";room=" + AuditId(*in.room_id) : std::string(";online")));
    return SessionAnswer(c, s, session_id, false);
  });
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> PatchSessionRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  const int64_t session_id = cases::PathId(req, "sid");
  auto body = http::JsonBody::Parse(req.raw.body(), {"status", "summary", "version"});
  const std::string status_code = body.RequiredString("status", 20);
  const auto status = domain::ParseSessionStatus(status_code);
  if (status != domain::SessionStatus::kHeld && status != domain::SessionStatus::kCancelled)
    throw Invalid("status", "应为 held 或 cancelled / must be held or cancelled");
  const auto summary = body.OptString("summary", store::kMaxEventText);
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto updated = co_await s.db.Write([&](store::Connection& c) -> json::object {
    cases::LoadOr404(c, scope, id);
    auto session = store::LoadSession(c, id, session_id);
    if (!session) throw NotFound("调解安排不存在 / no such session");
    if (session->version != version) throw cases::Stale(SessionAnswer(c, s, session_id, false));
    if (session->status != domain::SessionStatus::kScheduled)
      throw Conflict(
          "该次调解已" +
              std::string(session->status == domain::SessionStatus::kHeld ? "举行" : "取消") +
              " / the session is already " + std::string(domain::ToString(session->status)),
          "status");
    // Holding the first session does not start the mediation: staff apply `start` themselves.
    if (!store::UpdateSession(c, s.cipher, session_id, version, *status, summary))
      throw cases::Stale(SessionAnswer(c, s, session_id, false));
    store::EventInput e;
    e.kind = "session";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.data = json::object{{"session_id", session_id}, {"status", status_code}};
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", AuditId(id), "update_session", "ok",
            "session=" + AuditId(session_id) + ";status=" + status_code +
                (summary ? ";fields=summary" : ""));
    return SessionAnswer(c, s, session_id, true);
  });
  co_return http::JsonResponse(200, updated);
}

/// The body of POST /cases/{id}/events; its `channel` (how a contact was made) is published as
/// `contact_channel` for the web (x-field: the intake's `channel` is another list).
json::value EventBodySchema() {
  json::value body = schema::Shape(
      "kind:string text:string channel:string party_id:integer shared:boolean", "kind text");
  json::object channel = cases::EnumOf(domain::ContactChannelCodes());
  channel["x-field"] = "contact_channel";
  body.as_object()["properties"].as_object()["channel"] = std::move(channel);
  return body;
}

}  // namespace

void AddCaseWorkRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/cases/{id}", "cases");
  area.Add(verb::get, "/events", "case.read", "The case's timeline, oldest first (audited)",
           ListEventsRoute, {.response_schema = cases::EventSchema(), .paged = true});
  area.Add(verb::post, "/events", "case.write",
           "Record a contact, a note or a message (shared: shown to the applicant)", AddEventRoute,
           {.body_schema = EventBodySchema(),
            .response_schema = cases::EventSchema(),
            .success_status = 201});
  area.Add(verb::post, "/parties", "case.write", "Add a party to the case", AddPartyRoute,
           {.body_schema = cases::PartyBodySchema(),
            .response_schema = cases::PartySchema(),
            .success_status = 201});
  area.Add(verb::get, "/parties/{pid}/sensitive", "case.reveal",
           "A party's full phone, ID number and address (audited)", RevealPartyRoute,
           {.response_schema =
                schema::Shape("id:integer phone:string? id_number:string? address:string?")});
  area.Add(verb::put, "/protection", "case.write",
           "The safety track: police report, warning letter, protection order", PutProtectionRoute,
           {.body_schema = schema::Shape(
                "police_reported_at:string police_ref:string warning_letter_no:string "
                "order_applied_at:string order_urgent:boolean order_court:string "
                "order_decided_at:string order_result:string order_valid_until:string"),
            .response_schema = cases::ProtectionSchema()});
  area.Add(
      verb::post, "/sessions", "case.write",
      "Schedule a mediation session in a room or online (409 room_booked)", AddSessionRoute,
      {.body_schema = schema::Shape(
           "room_id:integer online:boolean starts_at:string ends_at:string mediator_id:integer",
           "starts_at ends_at"),
       .response_schema = cases::SessionSchema(),
       .success_status = 201});
  area.Add(verb::patch, "/sessions/{sid}", "case.write",
           "Record a session as held (with its summary) or cancelled", PatchSessionRoute,
           {.body_schema = schema::Object(
                {{"status", "string"}, {"summary", "string"}, {"version", "integer"}},
                {"status", "version"}),
            .response_schema = cases::SessionSchema()});
}

}  // namespace hejia::api
