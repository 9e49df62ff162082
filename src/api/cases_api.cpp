// Help requests and mediation cases (docs/design/cases.md): staff intake, the list, the detail,
// edits and the live assignment stream. Transitions of the state machine, the handling staff
// member and supervision marks are in case_transitions_api.cpp; the settings in
// case_settings_api.cpp; events, parties, protection and sessions in case_work_api.cpp; all are
// registered from AddCaseRoutes, in the order of the OpenAPI document.
#include <algorithm>
#include <boost/asio/use_awaitable.hpp>
#include <climits>
#include <tuple>

#include "api/auth.hpp"
#include "api/case_common.hpp"
#include "api/case_stream.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "api/urgent_request.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "domain/categories.hpp"
#include "domain/region.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "security/mask.hpp"
#include "store/night_watch.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace {

// Channels staff record an intake under; the portal and the police push have their own doors.
const std::vector<domain::CaseChannel>& StaffChannels() {
  static const std::vector<domain::CaseChannel> kChannels = {
      domain::CaseChannel::kHotline, domain::CaseChannel::kWalkIn,
      domain::CaseChannel::kConsultation, domain::CaseChannel::kOdrPlatform,
      domain::CaseChannel::kGridReport};
  return kChannels;
}

std::optional<domain::CaseChannel> StaffChannel(std::string_view code) {
  auto channel = domain::ParseCaseChannel(code);
  if (!channel) return std::nullopt;
  const auto& staff = StaffChannels();
  if (std::find(staff.begin(), staff.end(), *channel) == staff.end()) return std::nullopt;
  return channel;
}

std::vector<store::PartyInput> ReadParties(const json::object& body) {
  const auto* v = body.if_contains("parties");
  if (!v || !v->is_array() || v->as_array().empty())
    throw Invalid("parties", "请填写当事人 / give the parties");
  if (v->as_array().size() > domain::kMaxParties)
    throw Invalid("parties", "当事人最多 20 人 / at most 20 parties");
  std::vector<store::PartyInput> out;
  for (size_t i = 0; i < v->as_array().size(); ++i)
    out.push_back(cases::ReadParty(v->as_array()[i], "parties[" + std::to_string(i) + "]"));
  return out;
}

void RequirePersonInScope(store::Connection& c, const ScopeFilter& scope, int64_t person_id,
                          const std::string& field) {
  auto row = c.QueryOne("SELECT region_path FROM people WHERE id = ?", {person_id});
  if (!row || !scope.Contains(row->Text(0)))
    throw people::NotFoundField(field, "人员不存在 / no such person");
}

// The duplicate warning names only the cases the caller may read (case.read, inside the
// jurisdiction); of any other it says only that one exists elsewhere, to be asked of the city.
ApiError PossibleDuplicateCases(const std::vector<store::DuplicateCase>& matches,
                                const ScopeFilter& scope, bool may_read) {
  json::array shown;
  for (const auto& m : matches)
    if (may_read && scope.Contains(m.region_path))
      shown.push_back(json::object{
          {"id", m.id}, {"case_no", m.case_no}, {"status", domain::ToString(m.status)}});
  const bool elsewhere = shown.size() < matches.size();
  std::string message =
      "当事人可能已有未结案件，请核对；确认后可加 confirm_duplicate: true 重新提交 / a party may "
      "already have an open case: check the matches, or resubmit with confirm_duplicate: true";
  if (shown.empty())
    message =
        "当事人在其他辖区已有未结案件，请联系市妇联核实；确认后可加 confirm_duplicate: true "
        "重新提交 / a party has an open case elsewhere: ask the city federation, or resubmit "
        "with confirm_duplicate: true";
  return ApiError(ErrorKind::kConflict, "possible_duplicate", std::move(message))
      .WithDetails(json::object{{"matches", std::move(shown)}, {"elsewhere", elsewhere}});
}

json::array DuplicatesJson(store::Connection& c, const std::vector<int64_t>& ids,
                           const ScopeFilter& scope) {
  json::array out;
  for (int64_t id : ids)
    if (auto d = store::LoadCase(c, scope, id))
      out.push_back(json::object{
          {"id", d->id}, {"case_no", d->case_no}, {"status", domain::ToString(d->status)}});
  return out;
}

// ---- intake ----

asio::awaitable<http::Response> CreateCaseRoute(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(
      req.raw.body(),
      {"channel", "category", "severity", "title", "facts", "wish", "safe_contact",
       "disclose_identity", "home_code", "external_ref", "consultation_id", "parties",
       "confirm_duplicate", "contact_sms_only", "contact_call_from", "contact_call_to", "urgent"});
  const auto& caller = req.Caller();
  store::CaseIntake in;
  const auto channel = StaffChannel(body.RequiredString("channel", 20));
  if (!channel)
    throw Invalid("channel",
                  "应为 hotline、walk_in、consultation、odr_platform 或 grid_report / must be "
                  "hotline, walk_in, consultation, odr_platform or grid_report");
  in.channel = *channel;
  if (caller.role == domain::Role::kGridSister && in.channel != domain::CaseChannel::kGridReport)
    throw Invalid("channel",
                  "格姐以走访上报（grid_report）登记 / grid sisters report with "
                  "channel grid_report");
  in.category = body.RequiredString("category", 40);
  const std::string severity = body.OptString("severity", 20).value_or("");
  in.title = body.OptString("title", store::kMaxCaseTitle).value_or("");
  in.facts = body.RequiredString("facts", store::kMaxCaseFacts);
  in.wish = body.OptString("wish", store::kMaxCaseWish).value_or("");
  in.safe_contact = body.OptString("safe_contact", store::kMaxCaseSafeContact).value_or("");
  in.disclose_identity = body.OptBool("disclose_identity").value_or(false);
  in.contact = cases::ReadContactWishes(body).Over({});
  const std::string home_code = body.RequiredString("home_code", 20);
  in.external_ref = body.OptString("external_ref", store::kMaxExternalRef).value_or("");
  if (in.channel == domain::CaseChannel::kOdrPlatform && in.external_ref.empty())
    throw Invalid("external_ref",
                  "请填写省平台的解纷码 / the provincial platform's case code is required");
  in.consultation_id = body.OptInt("consultation_id", 1, INT64_MAX);
  in.parties = ReadParties(body.object());
  if (!severity.empty()) {
    const auto parsed = domain::ParseCaseSeverity(severity);
    if (!parsed) throw Invalid("severity", "应为 normal、serious 或 critical / unknown severity");
    in.severity = *parsed;
  }
  // Staff taking a call from someone who is not safe now: critical, and alerted as the portal's
  // urgent requests are (api/urgent_request.hpp).
  in.urgent = body.OptBool("urgent").value_or(false);
  if (in.urgent) in.severity = domain::CaseSeverity::kCritical;
  in.created_by = caller.user_id;
  const bool confirm = body.OptBool("confirm_duplicate").value_or(false);

  std::vector<std::string> phones, ids;
  for (const auto& p : in.parties) {
    if (!p.party.phone.empty()) phones.push_back(store::PartyPhoneIndex(s.cipher, p.party.phone));
    if (!p.party.id_number.empty())
      ids.push_back(store::IdNumberIndex(s.cipher, p.party.id_number));
  }
  const ScopeFilter scope = ScopeOf(caller);
  const int64_t now = s.clock.NowMillis();
  store::CreatedCase created;
  UrgentAlert urgent;
  bool elsewhere = false;
  std::exception_ptr failure;
  auto job = [&](store::Connection& c) -> json::object {
    auto home = store::FindRegion(c, std::string_view(home_code));
    if (!home || !scope.Contains(home->path))
      throw people::NotFoundField("home_code", "区划不存在 / no such region");
    in.home_code = home->code;
    for (size_t i = 0; i < in.parties.size(); ++i)
      if (in.parties[i].person_id)
        RequirePersonInScope(c, scope, *in.parties[i].person_id,
                             "parties[" + std::to_string(i) + "].person_id");
    if (in.consultation_id) {
      auto row =
          c.QueryOne("SELECT region_path FROM consultations WHERE id = ?", {*in.consultation_id});
      if (!row || !scope.Contains(row->Text(0)))
        throw people::NotFoundField("consultation_id", "咨询不存在 / no such consultation");
    }
    const auto matches = store::FindDuplicateCases(c, phones, ids);
    if (!matches.empty() && !confirm)
      throw PossibleDuplicateCases(matches, scope, domain::RoleHas(caller.role, "case.read"));
    created = store::CreateCase(c, s.cipher, store::LoadCaseSettings(c), in, now);
    std::string detail = "channel=" + std::string(domain::ToString(in.channel)) +
                         ";parties=" + std::to_string(in.parties.size());
    if (!matches.empty()) detail += ";duplicate_confirmed";
    if (created.night_clinic) detail += ";night_clinic";
    if (created.assignee_id) detail += ";assigned=" + std::to_string(*created.assignee_id);
    if (in.urgent) detail += ";urgent";
    s.Audit(c, ActorOf(req), "case", std::to_string(created.id), "create", "ok", detail);
    if (in.urgent) urgent = RaiseUrgent(c, s, created, in.category, now);
    auto rec = store::LoadCaseAnywhere(c, created.id);
    json::object out = cases::Detail(c, s, *rec);
    out["possible_duplicates"] = domain::RoleHas(caller.role, "case.read")
                                     ? DuplicatesJson(c, created.possible_duplicates, scope)
                                     : json::array{};
    // Shown once, so staff can hand it to the applicant for the portal.
    out["tracking_code"] = created.tracking_code;
    return out;
  };
  json::object result;
  std::optional<std::string> duplicate_answer;
  try {
    result = co_await s.db.Write([&](store::Connection& c) -> json::object { return job(c); });
  } catch (const ApiError& e) {
    if (e.code() == "possible_duplicate" && e.details().is_object()) {
      const auto& d = e.details().as_object();
      const auto* f = d.if_contains("elsewhere");
      elsewhere = f && f->is_bool() && f->as_bool();
      const auto* shown = d.if_contains("matches");
      duplicate_answer = "possible_duplicate;shown=" +
                         std::to_string(shown && shown->is_array() ? shown->as_array().size() : 0) +
                         (elsewhere ? ";elsewhere" : "");
    }
    failure = std::current_exception();
  }
  if (failure) {
    // Whether a phone or ID number has an open case is itself an answer about people: on record.
    if (duplicate_answer)
      co_await s.db.Write([&](store::Connection& c) {
        s.Audit(c, ActorOf(req), "case", "", "create", "denied", *duplicate_answer);
      });
    std::rethrow_exception(failure);
  }
  if (in.urgent)
    PublishUrgent(s, urgent);
  else
    PublishIntakeAssignment(s.case_stream.get(), created.id, created.case_no, in.category,
                            created.night_clinic, created.assignee_id, now);
  co_return http::JsonResponse(201, result);
}

// ---- list and detail ----

asio::awaitable<http::Response> ListCasesRoute(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"created_at", "updated_at"}, "created_at", true);
  const store::CaseSort sort =
      page.sort == "updated_at" ? store::CaseSort::kUpdatedAt : store::CaseSort::kCreatedAt;
  const cases::ListQuery query = cases::ParseListQuery(req);
  const store::CaseFilter& f = query.filter;
  const auto& region = query.region;
  const store::PageSpec spec{page.page_size, page.Offset(), page.descending};
  const int64_t now = s.clock.NowMillis();
  auto text = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = region || query.own
                                  ? people::ListScope(c, req.Caller(), region, query.own)
                                  : CaseSightOf(req.Caller());
    const auto result = store::ListCases(c, scope, f, sort, spec, now);
    json::array items;
    for (const auto& row : result.items) items.push_back(cases::CaseItemJson(row, now));
    return json::serialize(http::PageBody(std::move(items), page, result.total));
  });
  co_return people::JsonText(std::move(text));
}

asio::awaitable<http::Response> GetCaseRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  const ScopeFilter scope = CaseSightOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  struct Found {
    bool exists = false;
    std::optional<json::object> detail;
  };
  // Reading a case shows what the applicant wrote: the read is audited, and the texts leave the
  // server only with their committed audit row.
  auto found = co_await s.db.Write([&](store::Connection& c) {
    Found out;
    auto rec = store::LoadCase(c, scope, id);
    if (!rec) return out;
    out.exists = true;
    // The night clinic's watch stops chasing once the assignee has opened her case.
    if (rec->assignee_id == req.Caller().user_id)
      store::MarkSeenByAssignee(c, id, req.Caller().user_id, now);
    if (auto detail = store::LoadCaseDetail(c, s.cipher, *rec)) {
      out.detail = cases::CaseDetailJson(*detail, now);
      // Outside my jurisdiction, a case I took in or hold is only followed: its progress, masked,
      // without the applicant's texts and without actions. (A mediator reads only the cases it
      // mediates, and handles each of them.)
      const auto& me = req.Caller();
      if (me.role != domain::Role::kMediator && !ScopeOf(me).Contains(rec->region_path)) {
        for (const char* text : {"facts", "wish", "safe_contact"}) (*out.detail)[text] = nullptr;
        (*out.detail)["title"] = rec->title;  // masked
        for (auto& party : (*out.detail)["parties"].as_array()) {
          auto& name = party.as_object()["name"];
          name = security::MaskName(name.as_string());
        }
        (*out.detail)["allowed_actions"] = json::array{};
        (*out.detail)["sight"] = "follow";
      } else {
        (*out.detail)["sight"] = "handle";
      }
    }
    const std::string entity_id = std::to_string(id);
    if (out.detail)
      s.Audit(c, ActorOf(req), "case", entity_id, "read", "ok");
    else
      s.Audit(c, ActorOf(req), "case", entity_id, "read", "failed", "integrity");
    return out;
  });
  if (!found.exists) throw NotFound("案件不存在 / no such case");
  if (!found.detail) throw cases::IntegrityFailed();
  co_return http::JsonResponse(200, *found.detail);
}

// ---- edits ----

// A new category or severity that the routing rules send to a higher level moves an open case up
// to that level's unit on the applicant's path (never down: a case escalated, or sent higher on
// purpose, stays). Adds the move to `update`; returns the timeline data of the move, if any.
std::optional<json::object> Reroute(store::Connection& c, const store::CaseRecord& rec,
                                    std::string_view category, domain::CaseSeverity severity,
                                    store::CaseUpdate& update) {
  if (domain::IsFinal(rec.status)) return std::nullopt;
  const domain::CaseLevel wanted =
      domain::RouteLevel(store::LoadCaseSettings(c), category, domain::ToString(severity));
  if (wanted <= rec.level) return std::nullopt;
  std::string path = rec.region_path;
  if (!rec.home_code.empty())
    if (auto home = store::FindRegion(c, std::string_view(rec.home_code))) path = home->path;
  auto region = store::MoveCaseToLevel(c, rec, wanted, path, update);
  if (!region) return std::nullopt;
  return json::object{{"from_level", domain::ToString(rec.level)},
                      {"to_level", domain::ToString(wanted)},
                      {"from_region", rec.region_code},
                      {"region_code", region->code}};
}

asio::awaitable<http::Response> PatchCaseRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"version", "title", "category", "severity", "facts", "wish", "safe_contact",
                       "contact_sms_only", "contact_call_from", "contact_call_to"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const auto title = body.OptString("title", store::kMaxCaseTitle);
  const auto category = body.OptString("category", 40);
  const auto severity_code = body.OptString("severity", 20);
  const auto facts = body.OptString("facts", store::kMaxCaseFacts);
  const auto wish = body.OptString("wish", store::kMaxCaseWish);
  const auto safe_contact = body.OptString("safe_contact", store::kMaxCaseSafeContact);
  const auto wishes_given = cases::ReadContactWishes(body);
  if (category && !domain::IsCategory(*category))
    throw Invalid("category", "未知的纠纷类型 / unknown category");
  std::optional<domain::CaseSeverity> severity;
  if (severity_code) {
    severity = domain::ParseCaseSeverity(*severity_code);
    if (!severity) throw Invalid("severity", "应为 normal、serious 或 critical / unknown severity");
  }
  if (facts && facts->empty()) throw Invalid("facts", "请填写事实经过 / facts are required");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  // Who is told live that the case moved up: the new unit's on-duty person, if any (as for an
  // escalation).
  std::optional<int64_t> notify;
  json::object alert;
  auto job = [&](store::Connection& c) -> json::object {
    notify.reset();
    auto rec = cases::LoadOr404(c, scope, id);
    if (rec.version != version) throw cases::Stale(cases::Detail(c, s, rec));
    auto texts = store::DecryptCaseTexts(s.cipher, rec);
    if (!texts) throw cases::IntegrityFailed();
    store::CaseUpdate update;
    json::array fields;
    auto text_field = [&](std::string_view name, const std::optional<std::string>& given,
                          const std::string& current, std::string_view column) {
      if (!given || *given == current) return;
      update.Set(column, store::EncryptCaseText(s.cipher, id, name, *given));
      fields.emplace_back(name);
    };
    if (title && *title != texts->title) {
      update.Set("title_enc", store::EncryptCaseText(s.cipher, id, "title", *title))
          .Set("title", store::MaskedCaseTitle(*title, store::PartyNames(c, id)));
      fields.emplace_back("title");
    }
    if (category && *category != rec.category) {
      update.Set("category", *category);
      fields.emplace_back("category");
    }
    if (severity && *severity != rec.severity) {
      update.Set("severity", std::string(domain::ToString(*severity)));
      fields.emplace_back("severity");
    }
    text_field("facts", facts, texts->facts, "facts_enc");
    text_field("wish", wish, texts->wish, "wish_enc");
    text_field("safe_contact", safe_contact, texts->safe_contact, "safe_contact_enc");
    // The wishes are values the console's call button follows, not secrets: stored in clear.
    const auto wishes = wishes_given.Over(cases::WishesOf(rec));
    if (wishes.sms_only != rec.contact_sms_only) {
      update.Set("contact_sms_only", wishes.sms_only);
      fields.emplace_back("contact_sms_only");
    }
    for (const auto& [name, now_value, was] :
         {std::tuple{"contact_call_from", &wishes.call_from, &rec.contact_call_from},
          std::tuple{"contact_call_to", &wishes.call_to, &rec.contact_call_to}})
      if (*now_value != *was) {
        update.Set(name, *now_value);
        fields.emplace_back(name);
      }
    if (update.empty()) return cases::Detail(c, s, rec);
    const auto rerouted =
        Reroute(c, rec, category.value_or(rec.category), severity.value_or(rec.severity), update);
    if (!store::UpdateCase(c, id, version, update, now))
      throw cases::Stale(cases::Detail(c, s, rec));
    std::string names;
    for (const auto& f : fields) names += (names.empty() ? "" : ",") + std::string(f.as_string());
    store::EventInput e;
    e.kind = "edit";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.data = json::object{{"fields", fields}};
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", std::to_string(id), "update", "ok", "fields=" + names);
    if (rerouted) {
      store::EventInput r;
      r.kind = "rerouted";
      r.actor_id = req.Caller().user_id;
      r.actor_name = req.Caller().display_name;
      r.data = *rerouted;
      store::InsertEvent(c, s.cipher, id, r, now);
      s.Audit(c, ActorOf(req), "case", std::to_string(id), "reroute", "ok",
              "to=" + std::string(rerouted->at("to_level").as_string()));
      const auto moved = store::LoadCaseAnywhere(c, id);
      notify = store::OnDutyUser(c, moved->region_path, now);
      alert = AssignmentEvent(id, moved->case_no, moved->category, moved->night_clinic, now);
      alert["level"] = domain::ToString(moved->level);
      alert["rerouted"] = true;
      return cases::Detail(c, s, *moved);
    }
    return cases::Detail(c, s, Reloaded(store::LoadCaseAnywhere(c, id)));
  };
  auto updated = co_await cases::WriteShowingCurrent(s, req, id, job, "conflict_current");
  if (notify && s.case_stream) s.case_stream->Publish(*notify, "escalation", alert);
  co_return http::JsonResponse(200, updated);
}

// ---- the live stream ----

asio::awaitable<http::Response> StreamRoute(Services& s, http::Request& req) {
  if (!s.case_stream)
    throw ApiError(ErrorKind::kUnavailable, "unavailable",
                   "实时通知不可用 / no live notifications");
  auto hub = s.case_stream;
  const int64_t user_id = req.Caller().user_id;
  const int64_t session_id = req.Caller().session_id;
  StillSignedIn signed_in = [&s, session_id] { return SessionStillActive(s, session_id); };
  req.stream = [hub, user_id, signed_in](http::StreamWriter& w) {
    return RunCaseStream(hub, user_id, signed_in, w);
  };
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, "text/event-stream; charset=utf-8");
  res.set(http::bhttp::field::cache_control, "no-store");
  res.set("X-Accel-Buffering", "no");  // a buffering proxy would hold the events back
  co_return res;
}

json::value PatchSchema() {
  json::value body = schema::Shape(
      "version:integer title:string category:string severity:string facts:string wish:string "
      "safe_contact:string",
      "version");
  cases::AddContactWishProperties(body);
  body = cases::WithEnum(std::move(body), "category", cases::CategoryCodes());
  return cases::WithEnum(std::move(body), "severity", domain::Codes(domain::AllCaseSeverities()));
}

}  // namespace

void AddCaseRoutes(http::Router& router, Services& s) {
  const json::value case_schema = cases::CaseSchema();
  AreaRoutes area(router, s, "/api/v1/cases", "cases");
  area.Add(verb::get, "", "case.read", "Cases handled in my area", ListCasesRoute,
           {.query = cases::ListQueryParams(), .response_schema = case_schema, .paged = true});
  area.Add(verb::post, "", "case.intake",
           "Take in a help request (409 possible_duplicate unless confirm_duplicate)",
           CreateCaseRoute,
           {.body_schema = cases::IntakeSchema(StaffChannels()),
            .response_schema = case_schema,
            .success_status = 201});
  area.Add(verb::get, "/stream", "case.read",
           "Server-sent events: cases assigned to me (text/event-stream)", StreamRoute);
  area.Add(verb::get, "/{id}", "case.read",
           "One case with its texts, parties (masked), protection and timers "
           "(audited)",
           GetCaseRoute, {.response_schema = case_schema});
  area.Add(verb::patch, "/{id}", "case.write",
           "Correct a case (optimistic: send the version you read)", PatchCaseRoute,
           {.body_schema = PatchSchema(), .response_schema = case_schema});
}

}  // namespace hejia::api
