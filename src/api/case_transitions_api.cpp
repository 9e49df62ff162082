// The moves of a case (docs/design/cases.md, "Case statuses"): transitions of the workflow
// (POST /cases/{id}/transitions), the handling staff member and clearing a supervision mark.
// Registered from AddCaseRoutes (cases_api.cpp), in the order of the OpenAPI document.
#include <algorithm>
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/case_common.hpp"
#include "api/case_flow_schema.hpp"
#include "api/case_stream.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "domain/recusal.hpp"
#include "domain/region.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"

namespace hejia::api {

namespace {

// ---- the handling staff member ----

/// Refuses (naming `field`) a staff member who may not handle the case: unknown or out of the
/// caller's sight, locked, or whose role or area does not fit (domain::CanHandleCase).
void CheckHandler(store::Connection& c, const http::Principal& caller, const store::CaseRecord& rec,
                  int64_t user_id, std::string_view field) {
  auto staff = store::FindStaff(c, user_id);
  if (!staff || !cases::InScopeOrAbove(caller, staff->region_path))
    throw people::NotFoundField(std::string(field), "用户不存在 / no such user");
  if (staff->locked) throw Invalid(std::string(field), "该账号已停用 / the account is locked");
  if (!domain::CanHandleCase(staff->role, staff->region_path, rec.region_path))
    throw Invalid(std::string(field),
                  "该用户不能办理此案件（角色或辖区不符）/ this user cannot handle the case "
                  "(role or area)");
}

/// The "assigned" timeline event and its audit entry; `by` says how (staff, accept, claim).
void RecordAssignment(Services& s, store::Connection& c, const http::Request& req, int64_t case_id,
                      int64_t user_id, std::string_view by, int64_t now) {
  store::InsertEvent(c, s.cipher, case_id,
                     cases::CallerEvent(req, "assigned", {{"user_id", user_id}, {"by", by}}), now);
  s.Audit(c, ActorOf(req), "case", std::to_string(case_id), "assign", "ok",
          "assignee=" + std::to_string(user_id) + ";by=" + std::string(by));
}

// ---- transitions ----

std::vector<std::string> ReadAdvisedRoutes(const http::JsonBody& body) {
  auto routes = body.OptStringArray("advised_routes", 3, 20).value_or(std::vector<std::string>{});
  for (const auto& r : routes)
    if (std::find(std::begin(domain::kAdvisedRoutes), std::end(domain::kAdvisedRoutes), r) ==
        std::end(domain::kAdvisedRoutes))
      throw Invalid("advised_routes",
                    "应为 arbitration、administrative 或 court / must be arbitration, "
                    "administrative or court");
  return routes;
}

asio::awaitable<http::Response> TransitionRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"action", "version", "reason", "risk_level", "mediator_id", "outcome",
                       "satisfaction", "consent_recorded", "advised_routes", "assignee_id"});
  const std::string action_code = body.RequiredString("action", 20);
  const auto action = domain::ParseCaseAction(action_code);
  if (!action) throw Invalid("action", "未知的操作 / unknown action");
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  domain::TransitionInput input;
  input.reason = body.OptString("reason", 2 * domain::kMaxTransitionReason).value_or("");
  input.risk_level = body.OptString("risk_level", 20).value_or("");
  input.outcome = body.OptString("outcome", 2 * domain::kMaxTransitionOutcome).value_or("");
  if (auto sat = body.OptInt("satisfaction", INT_MIN, INT_MAX))
    input.satisfaction = static_cast<int>(*sat);
  input.consent_recorded = body.OptBool("consent_recorded").value_or(false);
  const auto mediator_id = body.OptInt("mediator_id", 1, INT64_MAX);
  const auto assignee_id = body.OptInt("assignee_id", 1, INT64_MAX);
  if (assignee_id && *action != domain::CaseAction::kAccept)
    throw Invalid("assignee_id",
                  "只有受理时可以同时指定办理人 / a handler is chosen on accepting only");
  const auto advised = ReadAdvisedRoutes(body);
  if (!input.risk_level.empty() && !domain::ParseRiskLevel(input.risk_level))
    throw Invalid("risk_level", "应为 none、low、medium 或 high / unknown risk level");
  const domain::ActionNeeds needs = domain::NeedsOf(*action);
  if (needs.mediator && !mediator_id)
    throw Invalid("mediator_id", "请选择调解员 / choose a mediator");
  if (needs.advised_routes && advised.empty())
    throw Invalid("advised_routes",
                  "请记录已告知的其他途径（仲裁、行政、诉讼）/ record the routes the parties "
                  "were told of");

  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  std::optional<int64_t> notify_user;
  std::string case_no, category;
  bool night = false;
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = cases::LoadOr404(c, scope, id);
    if (rec.version != version) throw cases::Stale(cases::Detail(c, s, rec));
    const auto from = rec.Status();
    domain::CheckTransition(from, *action);
    domain::ValidateTransitionInput(*action, input, from);
    const auto to = *domain::NextStatus(from, *action);
    const auto settings = store::LoadCaseSettings(c);

    store::CaseUpdate update;
    update.Set("status", std::string(domain::ToString(to)));
    json::object data{{"action", action_code}};
    std::optional<int64_t> handler;  // who accepting makes the handler
    switch (*action) {
      case domain::CaseAction::kAccept:
        // Accepting gives the case a handler: the one chosen, else whoever accepts it when
        // nobody holds it yet and she may handle it (the night clinic's person keeps hers).
        if (assignee_id) {
          CheckHandler(c, req.Caller(), rec, *assignee_id, "assignee_id");
          handler = assignee_id;
        } else if (!rec.assignee_id &&
                   domain::CanHandleCase(req.Caller().role, req.Caller().region_path,
                                         rec.region_path)) {
          handler = req.Caller().user_id;
        }
        if (handler && handler != rec.assignee_id) {
          update.Set("assignee_id", *handler);
          data["assignee_id"] = *handler;
          if (*handler != req.Caller().user_id) notify_user = handler;
        } else {
          handler.reset();
        }
        update.Set("decided_at", now);
        break;
      case domain::CaseAction::kReject:
        update.Set("decided_at", now);
        break;
      case domain::CaseAction::kScreen:
        update.Set("risk_level", input.risk_level);
        data["risk_level"] = input.risk_level;
        break;
      case domain::CaseAction::kAssign: {
        auto m = store::FindMediator(c, *mediator_id);
        if (!m || !cases::InScopeOrAbove(req.Caller(), m->region_path))
          throw people::NotFoundField("mediator_id", "调解员不存在 / no such mediator");
        if (!m->active) throw Invalid("mediator_id", "调解员已停用 / the mediator is inactive");
        const auto parties = store::RecusalParties(c, id);
        if (auto why = domain::RecusalReason(store::RecusalMediatorOf(c, *m), parties))
          throw ApiError(ErrorKind::kConflict, "recusal", *why, "mediator_id");
        update.Set("mediator_id", m->id);
        data["mediator_id"] = m->id;
        if (m->user_id) notify_user = m->user_id;
        break;
      }
      case domain::CaseAction::kStart:
        update.Set("mediation_started_at", now)
            .Set("due_mediation_at", domain::MediationDue(settings, now, rec.extensions));
        break;
      case domain::CaseAction::kExtend: {
        const int extensions = rec.extensions + 1;
        const int64_t started = rec.mediation_started_at.value_or(now);
        update.Set("extensions", extensions)
            .Set("due_mediation_at", domain::MediationDue(settings, started, extensions));
        data["consent_recorded"] = true;
        data["extensions"] = extensions;
        break;
      }
      case domain::CaseAction::kAgree:
        // An agreement is a document the parties accept, not a button: the case becomes
        // `agreed` by itself when its agreement takes effect (every party confirmed, the
        // mediator signed; an oral agreement recorded likewise), see agreements_api.cpp.
        throw ApiError(ErrorKind::kConflict, "agreement_required",
                       "请在“协议”中起草调解协议，各方确认、调解员签署后案件自动转为已达成协议 / "
                       "draw up the agreement: the case becomes agreed when every party has "
                       "confirmed it and the mediator has signed",
                       "action");
      case domain::CaseAction::kTerminate: {
        json::array routes;
        for (const auto& r : advised) routes.emplace_back(r);
        data["advised_routes"] = std::move(routes);
        break;
      }
      case domain::CaseAction::kClose:
        update.Set("closed_at", now).Set("outcome", input.outcome);
        if (input.satisfaction) {
          update.Set("satisfaction", *input.satisfaction);
          data["satisfaction"] = *input.satisfaction;
        }
        break;
      default:
        break;
    }
    if (!input.reason.empty()) update.Set("reason", input.reason);
    if (*action == domain::CaseAction::kRefer && !input.risk_level.empty()) {
      update.Set("risk_level", input.risk_level);
      data["risk_level"] = input.risk_level;
    }
    if (!store::UpdateCase(c, id, version, update, now))
      throw cases::Stale(cases::Detail(c, s, rec));

    auto e = cases::CallerEvent(req, "status");
    e.from_status = from;
    e.to_status = to;
    e.text = *action == domain::CaseAction::kClose ? input.outcome : input.reason;
    e.data = std::move(data);
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", std::to_string(id), "transition", "ok",
            "action=" + action_code + ";from=" + std::string(domain::ToString(from)) +
                ";to=" + std::string(domain::ToString(to)));
    if (handler) RecordAssignment(s, c, req, id, *handler, "accept", now);
    case_no = rec.case_no;
    category = rec.category;
    night = rec.night_clinic;
    return cases::Detail(c, s, Reloaded(store::LoadCaseAnywhere(c, id)));
  };
  auto updated = co_await cases::WriteShowingCurrent(s, req, id, job, "conflict_current");
  if (notify_user)
    PublishIntakeAssignment(s.case_stream.get(), id, case_no, category, night, notify_user, now);
  co_return http::JsonResponse(200, updated);
}

// ---- the handling staff member ----

asio::awaitable<http::Response> AssigneeRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), {"user_id", "version"});
  const int64_t user_id = body.RequiredInt("user_id", 1, INT64_MAX);
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  std::string case_no, category;
  bool night = false;
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = cases::LoadOr404(c, scope, id);
    if (rec.version != version) throw cases::Stale(cases::Detail(c, s, rec));
    if (domain::IsFinal(rec.Status()))
      throw Conflict("案件已结束 / the case is finished", "status");
    CheckHandler(c, req.Caller(), rec, user_id, "user_id");
    if (!store::UpdateCase(c, id, version, store::CaseUpdate().Set("assignee_id", user_id), now))
      throw cases::Stale(cases::Detail(c, s, rec));
    RecordAssignment(s, c, req, id, user_id, "staff", now);
    case_no = rec.case_no;
    category = rec.category;
    night = rec.night_clinic;
    return cases::Detail(c, s, Reloaded(store::LoadCaseAnywhere(c, id)));
  };
  auto updated = co_await cases::WriteShowingCurrent(s, req, id, job, "conflict_current");
  PublishIntakeAssignment(s.case_stream.get(), id, case_no, category, night, user_id, now);
  co_return http::JsonResponse(200, updated);
}

// One click on a case nobody handles yet: the caller becomes its handler. Claiming a case one
// already holds changes nothing; a case someone else took meanwhile answers 409
// already_assigned (the console then reloads it); a caller whose role or area cannot handle it,
// 403 cannot_handle.
asio::awaitable<http::Response> ClaimRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  if (req.raw.body().find_first_not_of(" \t\r\n") != std::string::npos)
    http::JsonBody::Parse(req.raw.body(), {});
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t me = req.Caller().user_id;
  const int64_t now = s.clock.NowMillis();
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = cases::LoadOr404(c, scope, id);
    if (rec.assignee_id == me) return cases::Detail(c, s, rec);
    if (domain::IsFinal(rec.Status()))
      throw Conflict("案件已结束 / the case is finished", "status");
    if (rec.assignee_id)
      throw ApiError(ErrorKind::kConflict, "already_assigned",
                     "案件已由他人办理 / someone else already handles the case", "assignee");
    if (!domain::CanHandleCase(req.Caller().role, req.Caller().region_path, rec.region_path))
      throw ApiError(
          ErrorKind::kForbidden, "cannot_handle",
          "您不能办理此案件（角色或辖区不符）/ you cannot handle this case (role or area)");
    if (!store::UpdateCase(c, id, rec.version, store::CaseUpdate().Set("assignee_id", me), now))
      throw Conflict("案件正被修改，请重试 / the case is being changed: retry");
    RecordAssignment(s, c, req, id, me, "claim", now);
    return cases::Detail(c, s, Reloaded(store::LoadCaseAnywhere(c, id)));
  };
  co_return http::JsonResponse(
      200, co_await cases::WriteShowingCurrent(s, req, id, job, "conflict_current"));
}

// ---- supervision ----

asio::awaitable<http::Response> ClearSupervisionRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), {"reason"});
  const std::string reason = body.RequiredString("reason", domain::kMaxTransitionReason);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = cases::LoadOr404(c, scope, id);
    if (!rec.supervision)
      throw Conflict("案件没有督办标记 / the case has no supervision mark", "supervision");
    if (!store::UpdateCase(c, id, rec.version, store::CaseUpdate().Set("supervision", ""), now))
      throw Conflict("案件正被修改，请重试 / the case is being changed: retry");
    const std::string previous(domain::ToString(*rec.supervision));
    auto e = cases::CallerEvent(req, "supervision_cleared", {{"previous", previous}});
    e.text = reason;
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", std::to_string(id), "clear_supervision", "ok",
            "previous=" + previous);
    return cases::Detail(c, s, Reloaded(store::LoadCaseAnywhere(c, id)));
  };
  auto updated = co_await s.db.Write(job);
  co_return http::JsonResponse(200, updated);
}

json::value TransitionSchema() {
  json::value body = schema::Shape(
      "action:string version:integer reason:string risk_level:string mediator_id:integer "
      "outcome:string satisfaction:integer consent_recorded:boolean advised_routes:string[] "
      "assignee_id:integer",
      "action version");
  auto& props = body.as_object()["properties"].as_object();
  props["action"] = cases::CaseActionSchema();
  json::array routes;
  for (auto r : domain::kAdvisedRoutes) routes.emplace_back(r);
  props["advised_routes"] = json::object{
      {"type", "array"}, {"items", json::object{{"type", "string"}, {"enum", std::move(routes)}}}};
  return cases::WithEnum(std::move(body), "risk_level",
                         domain::Codes(domain::AllRiskLevelValues()));
}

}  // namespace

void AddCaseTransitionRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/cases/{id}", "cases");
  area.Add(verb::post, "/transitions", "case.write",
           "Apply an action of the case workflow (409 illegal_transition, recusal)",
           TransitionRoute,
           {.body_schema = TransitionSchema(), .response_schema = cases::CaseSchema()});
  area.Add(verb::post, "/assignee", "case.write", "Give the case to a staff member to handle",
           AssigneeRoute,
           {.body_schema = schema::Shape("user_id:integer version:integer", "user_id version"),
            .response_schema = cases::CaseSchema()});
  area.Add(verb::post, "/claim", "case.write",
           "Take a case nobody handles yet as its handler (409 already_assigned)", ClaimRoute,
           {.response_schema = cases::CaseSchema()});
  area.Add(verb::post, "/supervision/clear", "case.supervise",
           "Clear a case's supervision mark (recorded with the reason)", ClearSupervisionRoute,
           {.body_schema = schema::Shape("reason:string", "reason"),
            .response_schema = cases::CaseSchema()});
}

}  // namespace hejia::api
