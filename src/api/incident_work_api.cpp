// The work on a police incident's pushes (issue 11): each push's steps in order — 签收
// (acknowledged), the victim contacted, the home visit (a visit of the household's record too),
// the feedback to the police — by whoever holds the push or works at its unit; the mediation case
// one click makes of an incident (channel police, parties prefilled); and a person's to-do of
// pushes.
#include "api/case_common.hpp"
#include "api/case_stream.hpp"
#include "api/incident_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "store/case_repo.hpp"
#include "store/incident_push_repo.hpp"
#include "store/incidents_table.hpp"
#include "store/partner_callbacks.hpp"
#include "store/region_names.hpp"
#include "store/visit_repo.hpp"

namespace hejia::api {

namespace {

namespace json = boost::json;
namespace sk = store::kit;
using Incident = domain::PoliceIncident;

constexpr const char* kNoSuchIncident = "警情不存在 / no such incident";

asio::awaitable<http::Response> RecordStep(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const int64_t push_id = cases::PathId(req, "pid");
  const auto body = http::JsonBody::Parse(req.raw.body(), {"stage", "note", "version"});
  const auto stage = domain::ParsePushStage(body.RequiredString("stage", 20));
  if (!stage || *stage == domain::PushStage::kPushed)
    throw Invalid("stage", "应为 acknowledged、contacted、visited 或 fed_back / unknown step");
  auto note = domain::CheckText(body.OptString("note", domain::kPushNoteMax * 4).value_or(""),
                                domain::kPushNoteMax, *stage == domain::PushStage::kFedBack);
  if (note.problem)
    throw Invalid("note", *stage == domain::PushStage::kFedBack && note.text.empty()
                              ? "请写下反馈给公安的内容 / write the feedback for the police"
                              : domain::TextProblemMessage(*note.problem, domain::kPushNoteMax));
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  const auto& caller = req.Caller();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(caller);
    const auto incident = sk::Load<Incident>(c, scope, id);
    if (!incident) throw NotFound(kNoSuchIncident);
    auto push = store::LoadPush(c, push_id);
    if (!push || push->incident_id != id) throw NotFound("推送不存在 / no such push");
    if (!store::MayActOnPush(*push, incident->region.path, caller.user_id, scope))
      throw ApiError(ErrorKind::kForbidden, "not_your_push",
                     "该推送由其他单位办理 / another unit handles this push");
    const auto json_now = [&] { return incidents::PushJson(*store::LoadPush(c, push_id), now); };
    if (push->version != version) throw StaleVersion(json_now());
    const auto at = domain::StageOf(push->progress);
    if (!domain::IsNextStage(at, *stage))
      throw ApiError(ErrorKind::kConflict, "out_of_order",
                     "请按顺序办理：签收、联系受害人、上门走访、反馈 / steps go in order: "
                     "acknowledge, contact, visit, feedback")
          .WithDetails(json_now());
    const auto sealed = store::SealPushNote(s.cipher, push_id, *stage, note.text);
    if (!store::RecordPushStep(c, push_id, version, *stage, caller.user_id, sealed, now))
      throw StaleVersion(json_now());
    // Whoever acknowledges a push nobody held holds it from now on.
    if (*stage == domain::PushStage::kAcknowledged && !push->assignee_id)
      store::MovePush(c, push_id, push->region_code, push->region_path, caller.user_id);
    store::RefreshIncidentSummary(c, id, now);
    // The home visit is a visit of the household's record too (issue 12, point 2).
    std::string visit_detail;
    if (*stage == domain::PushStage::kVisited)
      if (auto visit =
              store::InsertIncidentVisit(c, s.cipher, id, caller.user_id, now, note.text, now))
        visit_detail = ";visit=" + std::to_string(*visit);
    // The police hear of each feedback by their callback too (jobs/partner_callbacks).
    if (*stage == domain::PushStage::kFedBack) store::QueueFeedbackCallback(c, id, now);
    s.Audit(c, ActorOf(req), "incident", std::to_string(id), "push_step", "ok",
            "recipient=" + std::string(domain::ToString(push->recipient)) +
                ";stage=" + std::string(domain::ToString(*stage)) +
                (note.text.empty() ? "" : ";fields=note") + visit_detail);
    return json_now();
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(200, answer);
}

asio::awaitable<http::Response> MakeCase(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"version"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    auto rec = sk::Load<Incident>(c, scope, id);
    if (!rec) throw NotFound(kNoSuchIncident);
    if (rec->meta.version != version) throw StaleVersion(kit::ToJson(*rec));
    auto links = store::LoadIncidentLinks(c, id).value_or(store::IncidentLinks{});
    if (links.case_id)
      throw ApiError(ErrorKind::kConflict, "case_exists", "已转为调解案件 / a case was made of it")
          .WithDetails(json::object{{"case_id", *links.case_id}});
    const auto defaults = domain::CaseDefaultsFor(*rec);
    store::CaseIntake in;
    in.channel = domain::CaseChannel::kPolice;
    in.category = defaults.category;
    in.severity = defaults.severity;
    in.external_ref = rec->incident_no;
    in.home_code = rec->region.code;
    in.created_by = req.Caller().user_id;
    in.title = "警情 " + rec->incident_no;
    in.facts = rec->station + (rec->officer.empty() ? "" : " " + rec->officer) + " 处警。" +
               rec->disposition;
    for (const auto& row : store::IncidentParties(c, id)) {
      auto plain = store::UnsealParty(s.cipher, row);
      if (!plain) throw ApiError(ErrorKind::kConflict, "integrity", "数据校验失败 / integrity");
      domain::PartyFields f;
      f.role = row.role == domain::IncidentPartyRole::kVictim  ? "applicant"
               : row.role == domain::IncidentPartyRole::kActor ? "respondent"
                                                               : "other";
      f.name = plain->name;
      f.gender = plain->gender;
      f.phone = plain->phone;
      if (row.role == domain::IncidentPartyRole::kMinor) f.relation = "未成年子女";
      auto checked = domain::CheckParty(f);
      if (checked.problem) continue;  // what the police sent and a case does not take
      in.parties.push_back(store::PartyInput{std::move(checked.party), {}, links.household_id});
    }
    const auto created = store::CreateCase(c, s.cipher, store::LoadCaseSettings(c), in, now);
    links.case_id = created.id;
    store::SetIncidentLinks(c, id, links);
    c.Execute("UPDATE police_incidents SET version = version + 1, updated_at = ? WHERE id = ?",
              {now, id});
    s.Audit(c, ActorOf(req), "case", std::to_string(created.id), "create", "ok",
            "channel=police;parties=" + std::to_string(in.parties.size()));
    s.Audit(c, ActorOf(req), "incident", std::to_string(id), "make_case", "ok",
            "case=" + std::to_string(created.id));
    return json::object{{"case_id", created.id}, {"case_no", created.case_no}};
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(201, answer);
}

asio::awaitable<http::Response> MyPushes(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto& caller = req.Caller();
    json::array items;
    for (const auto& p : store::PushesToDo(c, caller.user_id, ScopeOf(caller), 200)) {
      auto rec = sk::Load<Incident>(c, store::ScopeFilter::Within("/"), p.incident_id);
      if (!rec) continue;
      auto o = incidents::PushJson(p, now);
      o["incident"] = json::object{{"id", rec->meta.id},
                                   {"incident_no", rec->incident_no},
                                   {"kind", domain::ToString(rec->kind)},
                                   {"reported_at", FormatBeijing(rec->reported_at)},
                                   {"region_name", rec->region.name},
                                   {"address", OrNull(rec->address.mask)},
                                   {"urgent", domain::IsUrgentIncident(*rec)}};
      items.push_back(std::move(o));
    }
    return json::object{{"items", std::move(items)}};
  });
  co_return http::JsonResponse(200, body);
}

/// GET /incidents/pushes: the pushes of the incidents reported in a period, in the caller's area
/// (the incident's region) — the rows behind the cockpit's push timeliness: `judged=1`, those
/// whose every limit has passed; `on_time=1`, those whose four steps were each done in time.
/// Staff names and times only: no party, no address, no note.
asio::awaitable<http::Response> ListPushesPage(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  const auto period = ParsePeriod(req, now);
  const http::PageRequest page = http::ParsePage(req, {"reported_at"}, "reported_at", true);
  const auto region = http::QueryText(req, "region", 20);
  const store::PushListFilter filter{.from_ms = period.from,
                                     .to_ms = period.to,
                                     .now_ms = now,
                                     .judged = http::QueryText(req, "judged", 5) == "1",
                                     .on_time = http::QueryText(req, "on_time", 5) == "1"};
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        std::vector<store::ListedPush> rows;
        const int64_t total =
            store::ListPushes(c, scope, filter, page.page_size, page.Offset(), rows);
        const auto names = s.region_names->Names(c);
        json::array items;
        for (const auto& r : rows) {
          auto o = incidents::PushJson(r.push, now);
          o["on_time"] = r.on_time;
          o["judged"] = r.push.progress.due.feedback < now;
          o["incident"] = json::object{{"id", r.incident_id},
                                       {"incident_no", r.incident_no},
                                       {"kind", r.incident_kind},
                                       {"reported_at", FormatBeijing(r.reported_at)},
                                       {"region_code", r.incident_region_code},
                                       {"region_name", names.NameOf(c, r.incident_region_code)}};
          items.push_back(std::move(o));
        }
        return http::PageBody(std::move(items), page, total);
      });
  co_return http::JsonResponse(200, body);
}

}  // namespace

void AddIncidentWorkRoutes(AreaRoutes& area, Services& s) {
  (void)s;
  area.Add(
      verb::post, "/{id}/pushes/{pid}/steps", "incident.act",
      "Record the next step of a push: acknowledged, contacted, visited or fed_back (the "
      "feedback for the police in `note`); send the push's version",
      RecordStep,
      {.body_schema =
           json::object{
               {"type", "object"},
               {"properties",
                json::object{
                    {"stage", schema::OneOf({"acknowledged", "contacted", "visited", "fed_back"})},
                    {"note", json::object{{"type", "string"}, {"maxLength", domain::kPushNoteMax}}},
                    {"version", json::object{{"type", "integer"}}}}},
               {"required", json::array{"stage", "version"}},
               {"additionalProperties", false}},
       .response_schema = incidents::PushSchema()});
  area.Add(verb::post, "/{id}/case", "incident.write",
           "Make a mediation case of an incident (channel police, parties prefilled)", MakeCase,
           {.body_schema = schema::Shape("version:integer", "version"),
            .response_schema = schema::Shape("case_id:integer case_no:string", "case_id case_no"),
            .success_status = 201});
  area.Add(verb::get, "/pushes/mine", "incident.act",
           "My to-do of pushes: those I hold and those of my area not yet fed back, most urgent "
           "first",
           MyPushes, {.response_schema = schema::Shape("items:object[]", "items")});
  auto item = incidents::PushSchema();
  auto& props = item.as_object()["properties"].as_object();
  props["on_time"] = json::object{{"type", "boolean"}};
  props["judged"] = json::object{{"type", "boolean"}};
  props["incident"] =
      schema::Shape("id:integer incident_no kind reported_at region_code region_name",
                    "id incident_no kind reported_at region_name");
  area.Add(
      verb::get, "/pushes", "incident.read",
      "The pushes of the incidents reported in the period (the rows behind the cockpit's "
      "push timeliness): staff and times only, the latest reported first",
      ListPushesPage,
      {.query = {kRegionQuery, FirstDay("1 January"), LastDay("today"),
                 Flag("judged", "only pushes whose every time limit has passed"),
                 Flag("on_time", "only pushes whose four steps were each done in time"), kOwnQuery},
       .response_schema = std::move(item),
       .paged = true});
}

}  // namespace hejia::api
