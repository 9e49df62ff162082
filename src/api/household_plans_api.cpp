// Household plans (一户一策, docs/design/key_families.md), issue point 4: the versions of a
// family's plan — a draft written (missing parts copied from the active version, the risks from
// the last assessment), submitted (active at once, or awaiting the level above's countersign for a
// red family), countersigned or returned with a reason, reviewed, and its measures' progress
// recorded by their people. The safety plan is never in a plan's JSON: GET …/safety reveals it to
// staff on the family's path, audited as a sensitive read. Every change is audited.
#include <boost/asio/awaitable.hpp>

#include "api/case_stream.hpp"
#include "api/key_family_routes.hpp"
#include "api/people_common.hpp"
#include "api/plan_json.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/family_sight.hpp"
#include "domain/household_plan.hpp"
#include "domain/text.hpp"
#include "store/family_supervision.hpp"
#include "store/key_family_repo.hpp"
#include "store/list_cache.hpp"
#include "store/plan_repo.hpp"

namespace hejia::api {

namespace families {

void PlanAfterColourChange(Services& s, store::Connection& c, domain::KeyFamily& family,
                           int64_t now) {
  auto active = store::ActivePlan(c, s.cipher, family.meta.id);
  if (!active) return;
  family.plan_due_at = 0;
  if (active->plan.colour == family.colour) return;
  active->review_reason = std::string(domain::ToString(domain::ReviewReason::kColourChanged));
  active->review_due = domain::PlanDue(family.colour, now).value_or(now + 7 * 24LL * 3600 * 1000);
  if (!store::SavePlan(c, s.cipher, *active, std::nullopt, now))
    throw Conflict("方案正被修改，请重试 / the plan is being changed: retry");
}

void PlansAfterDelisting(store::Connection& c, int64_t family_id, int64_t now) {
  store::ClosePlans(c, family_id, now);
}

}  // namespace families

namespace {

using domain::PlanStatus;

constexpr std::string_view kBodyFields[] = {"focus", "risks", "goals", "measures", "safety"};
constexpr std::string_view kPatchFields[] = {"focus",    "risks",  "goals",
                                             "measures", "safety", "row_version"};

int64_t PlanId(const http::Request& req) {
  const std::string& text = req.Param("plan_id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound("方案不存在 / no such plan");
  return std::stoll(text);
}

/// What a write did: the plan's JSON and whom to tell of a new to-do item once committed.
struct Written {
  json::object plan;
  int64_t family_id = 0;
  std::vector<int64_t> tell;
};

void TellTodo(Services& s, const Written& w) {
  if (!s.case_stream) return;
  for (int64_t user : w.tell)
    s.case_stream->Publish(user, "family_todo", json::object{{"family_id", w.family_id}});
}

domain::KeyFamily Listed(store::Connection& c, const http::Request& req, int64_t id) {
  auto family = families::LoadOr404(c, req.Caller(), id);
  if (family.meta.retired) throw Conflict("该户已销号 / the family has been delisted", "id");
  return family;
}

store::PlanRow PlanOr404(Services& s, store::Connection& c, int64_t family_id, int64_t plan_id) {
  auto plan = store::LoadPlan(c, s.cipher, family_id, plan_id);
  if (!plan) throw NotFound("方案不存在 / no such plan");
  return std::move(*plan);
}

void RequireStatus(const store::PlanRow& row, PlanStatus status, std::string code,
                   std::string message) {
  if (row.plan.status != status)
    throw ApiError(ErrorKind::kConflict, std::move(code), std::move(message), "status");
}

void CheckRowVersion(const store::PlanRow& row, int64_t read) {
  if (row.row_version != read)
    throw ApiError(ErrorKind::kConflict, "version_conflict",
                   "方案已被他人修改，请刷新后重试 / changed by someone else: reload and retry",
                   "row_version");
}

/// Every problem of the plan for `check`, the measures' people's accounts included (422).
void CheckWhole(store::Connection& c, const store::PlanRow& row, const domain::SafetyPlan& safety,
                domain::PlanCheck check) {
  domain::HouseholdPlan plan = row.plan;
  plan.safety = safety;
  auto problems = domain::CheckPlan(plan, check);
  for (std::size_t i = 0; i < row.measure_users.size(); ++i)
    if (row.measure_users[i] &&
        !c.QueryOne("SELECT 1 FROM users WHERE id = ?", {*row.measure_users[i]}))
      problems.push_back(
          {"measures[" + std::to_string(i) + "].person_user_id", "账号不存在 / no such account"});
  if (!problems.empty())
    plans::ThrowProblems(check == domain::PlanCheck::kSubmit ? "plan_incomplete" : "plan_invalid",
                         problems);
}

void SaveOr409(Services& s, store::Connection& c, const store::PlanRow& row,
               const std::optional<domain::SafetyPlan>& safety, int64_t now) {
  if (!store::SavePlan(c, s.cipher, row, safety, now))
    throw ApiError(ErrorKind::kConflict, "version_conflict",
                   "方案已被他人修改，请刷新后重试 / changed by someone else: reload and retry",
                   "row_version");
}

/// `row` becomes the active version: the previous active one is superseded, the review starts
/// from now and the family's plan is no longer due.
void Activate(Services& s, store::Connection& c, domain::KeyFamily& family, store::PlanRow& row,
              int64_t now) {
  if (auto previous = store::ActivePlan(c, s.cipher, family.meta.id)) {
    previous->plan.status =
        domain::NextPlanStatus(PlanStatus::kActive, domain::PlanAction::kSupersede, family.colour)
            .value_or(PlanStatus::kSuperseded);
    SaveOr409(s, c, *previous, std::nullopt, now);
  }
  row.plan.status = PlanStatus::kActive;
  row.activated_at = now;
  row.last_review_at = now;
  row.review_due = domain::NextReviewDue(row.plan.colour, now).value_or(0);
  row.review_reason.clear();
  if (family.plan_due_at) {
    family.plan_due_at = 0;
    families::Save(s, c, family, now);
  }
}

void AuditPlan(Services& s, store::Connection& c, const http::Request& req, int64_t plan_id,
               int64_t family_id, std::string_view action, const std::string& detail = "") {
  s.Audit(c, ActorOf(req), "household_plan", std::to_string(plan_id), action, "ok",
          "family=" + std::to_string(family_id) + (detail.empty() ? "" : ";" + detail));
}

json::object Reread(Services& s, store::Connection& c, int64_t family_id, int64_t plan_id,
                    int64_t now) {
  store::RefreshSupervision(c, family_id, now);
  return plans::PlanJson(Reloaded(store::LoadPlan(c, s.cipher, family_id, plan_id)), now);
}

std::string ReadText(const http::JsonBody& body, std::string_view field, bool required) {
  auto checked =
      domain::CheckLines(body.OptString(field, 500 * 4 + 16).value_or(""), 500, required);
  if (checked.problem)
    throw Invalid(std::string(field), domain::TextProblemMessage(*checked.problem, 500));
  return std::move(checked.text);
}

asio::awaitable<http::Response> ListPlans(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto family = families::LoadOr404(c, req.Caller(), id);
    json::array items;
    for (const auto& row : store::ListPlans(c, s.cipher, id))
      items.push_back(plans::PlanJson(row, now));
    return json::object{
        {"items", std::move(items)},
        {"plan_due_at",
         family.plan_due_at ? json::value(FormatBeijing(family.plan_due_at)) : nullptr}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> CreatePlan(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), kBodyFields);
  const auto given = plans::ReadPlanBody(body);
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    auto family = Listed(c, req, id);
    if (store::OpenVersion(c, id))
      throw ApiError(ErrorKind::kConflict, "plan_draft_exists",
                     "已有未完成的方案版本 / a draft or a version awaiting countersign exists");
    store::PlanRow row;
    domain::SafetyPlan safety;
    if (auto active = store::ActivePlan(c, s.cipher, id)) {
      row.plan = active->plan;
      row.measure_users = active->measure_users;
      if (active->has_safety) safety = Reloaded(store::LoadSafety(c, s.cipher, active->id));
    } else if (auto risk = store::FamilyRiskOfHousehold(c, family.household_id)) {
      row.plan.risks = risk->risks;
    }
    row.family_id = id;
    row.plan.version = store::LastVersion(c, id) + 1;
    row.plan.status = PlanStatus::kDraft;
    row.plan.colour = family.colour;
    row.author_id = req.Caller().user_id;
    row.author_level = families::CallerLevel(c, req.Caller());
    plans::Apply(given, row);
    if (given.safety) safety = *given.safety;
    CheckWhole(c, row, safety, domain::PlanCheck::kDraft);
    store::InsertPlan(c, s.cipher, row, safety, now);
    AuditPlan(s, c, req, row.id, id, "create", people::FieldList(given.fields));
    return Reread(s, c, id, row.id, now);
  });
  co_return http::JsonResponse(201, done);
}

asio::awaitable<http::Response> PatchPlan(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const int64_t plan_id = PlanId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), kPatchFields);
  const int64_t read = body.RequiredInt("row_version", 1, INT64_MAX);
  const auto given = plans::ReadPlanBody(body);
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    Listed(c, req, id);
    auto row = PlanOr404(s, c, id, plan_id);
    RequireStatus(row, PlanStatus::kDraft, "plan_not_draft",
                  "只能修改草稿 / only a draft can be changed");
    CheckRowVersion(row, read);
    plans::Apply(given, row);
    domain::SafetyPlan safety = given.safety ? *given.safety : domain::SafetyPlan{};
    if (!given.safety && row.has_safety) safety = Reloaded(store::LoadSafety(c, s.cipher, row.id));
    CheckWhole(c, row, safety, domain::PlanCheck::kDraft);
    SaveOr409(s, c, row, given.safety, now);
    AuditPlan(s, c, req, plan_id, id, "update", people::FieldList(given.fields));
    return Reread(s, c, id, plan_id, now);
  });
  co_return http::JsonResponse(200, done);
}

asio::awaitable<http::Response> Submit(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const int64_t plan_id = PlanId(req);
  http::JsonBody::Parse(req.raw.body(), {"note"});
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    auto family = Listed(c, req, id);
    auto row = PlanOr404(s, c, id, plan_id);
    RequireStatus(row, PlanStatus::kDraft, "plan_not_draft",
                  "只能提交草稿 / only a draft can be submitted");
    const domain::SafetyPlan safety =
        row.has_safety ? Reloaded(store::LoadSafety(c, s.cipher, row.id)) : domain::SafetyPlan{};
    CheckWhole(c, row, safety, domain::PlanCheck::kSubmit);
    row.plan.colour = family.colour;
    row.submitted_at = now;
    row.returned_reason.clear();
    const auto next =
        domain::NextPlanStatus(PlanStatus::kDraft, domain::PlanAction::kSubmit, family.colour)
            .value_or(PlanStatus::kActive);
    Written w{{}, id, {}};
    if (next == PlanStatus::kActive) {
      Activate(s, c, family, row, now);
    } else {
      row.plan.status = next;
      // The level above the author countersigns: its staff find it on their to-do lists.
      const auto above = domain::ParentLevel(row.author_level).value_or(domain::RegionLevel::kCity);
      w.tell = store::StaffToTell(c, family.region.path, {above});
    }
    SaveOr409(s, c, row, std::nullopt, now);
    AuditPlan(s, c, req, plan_id, id, "submit", "status=" + std::string(domain::ToString(next)));
    w.plan = Reread(s, c, id, plan_id, now);
    return w;
  });
  store::ListTotalsChanged();
  TellTodo(s, done);
  co_return http::JsonResponse(200, done.plan);
}

/// Countersigns (`sign`) or returns the version awaiting countersign, as someone of the level
/// above its author who is not its author (domain::CheckCountersigner; 403 naming
/// `countersigner`).
asio::awaitable<http::Response> Decide(Services& s, http::Request& req, bool sign) {
  const int64_t id = people::PathId(req);
  const int64_t plan_id = PlanId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {sign ? "note" : "reason"});
  const std::string text = ReadText(body, sign ? "note" : "reason", !sign);
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    auto family = Listed(c, req, id);
    auto row = PlanOr404(s, c, id, plan_id);
    RequireStatus(row, PlanStatus::kAwaitingCountersign, "plan_not_awaiting",
                  "方案不在待会签状态 / the plan is not awaiting a countersign");
    const int64_t me = req.Caller().user_id;
    if (auto problem = domain::CheckCountersigner(row.author_level, row.author_id,
                                                  families::CallerLevel(c, req.Caller()), me))
      throw ApiError(ErrorKind::kForbidden, "cannot_countersign", problem->message,
                     "countersigner");
    Written w{{}, id, {}};
    if (sign) {
      row.countersigned_by = me;
      row.countersigned_at = now;
      Activate(s, c, family, row, now);
    } else {
      row.plan.status = domain::NextPlanStatus(PlanStatus::kAwaitingCountersign,
                                               domain::PlanAction::kReturn, family.colour)
                            .value_or(PlanStatus::kDraft);
      row.returned_reason = text;
      row.submitted_at = 0;
      w.tell.push_back(row.author_id);
    }
    SaveOr409(s, c, row, std::nullopt, now);
    AuditPlan(s, c, req, plan_id, id, sign ? "countersign" : "return",
              text.empty() ? ""
              : sign       ? "fields=note"
                           : "fields=reason");
    w.plan = Reread(s, c, id, plan_id, now);
    return w;
  });
  store::ListTotalsChanged();
  TellTodo(s, done);
  co_return http::JsonResponse(200, done.plan);
}

asio::awaitable<http::Response> Countersign(Services& s, http::Request& req) {
  return Decide(s, req, true);
}

asio::awaitable<http::Response> Return(Services& s, http::Request& req) {
  return Decide(s, req, false);
}

asio::awaitable<http::Response> Review(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const int64_t plan_id = PlanId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"note"});
  const std::string note = ReadText(body, "note", false);
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    auto family = Listed(c, req, id);
    auto row = PlanOr404(s, c, id, plan_id);
    RequireStatus(row, PlanStatus::kActive, "plan_not_active",
                  "只能复核生效中的方案 / only the active plan is reviewed");
    if (domain::NeedsCountersign(family.colour) && !domain::NeedsCountersign(row.plan.colour))
      throw ApiError(ErrorKind::kConflict, "plan_needs_new_version",
                     "家庭已升为红色，须制定新版本并会签 / the family turned red: write a new "
                     "version for the countersign",
                     "colour");
    row.plan.colour = family.colour;
    row.last_review_at = now;
    row.review_due = domain::NextReviewDue(family.colour, now).value_or(0);
    row.review_reason.clear();
    SaveOr409(s, c, row, std::nullopt, now);
    AuditPlan(s, c, req, plan_id, id, "review", note.empty() ? "" : "fields=note");
    return Reread(s, c, id, plan_id, now);
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(200, done);
}

/// A measure's progress, by staff who may write plans or by the measure's own person.
asio::awaitable<http::Response> UpdateMeasure(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const int64_t plan_id = PlanId(req);
  const std::string& index_text = req.Param("index");
  if (index_text.empty() || index_text.size() > 3 ||
      index_text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound("措施不存在 / no such measure");
  const std::size_t index = std::stoul(index_text);
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    const auto family = families::LoadOr404(c, req.Caller(), id);
    auto row = PlanOr404(s, c, id, plan_id);
    if (index >= row.plan.measures.size()) throw NotFound("措施不存在 / no such measure");
    const int64_t me = req.Caller().user_id;
    const bool own = row.measure_users[index] && *row.measure_users[index] == me;
    if (!own && !domain::RoleHas(req.Caller().role, "family.plan"))
      throw Forbidden(
          "只有措施责任人或方案制定人员可以更新 / only the measure's person or plan staff");
    const auto body = http::JsonBody::Parse(req.raw.body(), {"row_version", "status", "result"});
    const int64_t read = body.RequiredInt("row_version", 1, INT64_MAX);
    const auto status = domain::ParseMeasureStatus(body.RequiredString("status", 20));
    if (!status) throw Invalid("status", "应为 planned | in_progress | done | cancelled");
    RequireStatus(row, PlanStatus::kActive, "plan_not_active",
                  "只能更新生效中方案的措施 / only the active plan's measures are updated");
    CheckRowVersion(row, read);
    auto& m = row.plan.measures[index];
    m.status = *status;
    if (auto result = body.OptString("result", domain::kMeasureResultMax * 4 + 16))
      m.result = *result;
    const auto problems = domain::CheckMeasure(m, "measures[" + std::to_string(index) + "].",
                                               domain::PlanCheck::kSubmit);
    if (!problems.empty()) plans::ThrowProblems("plan_invalid", problems);
    SaveOr409(s, c, row, std::nullopt, now);
    AuditPlan(
        s, c, req, plan_id, id, "update_measure",
        "measure=" + std::to_string(index) + ";status=" + std::string(domain::ToString(*status)));
    auto answer = Reread(s, c, id, plan_id, now);
    // A measure's person who may not see the plan (a grid sister) gets her measure only.
    const auto& who = req.Caller();
    if (!domain::SightOf(who.role, who.region_path, family.region.path).plan)
      plans::RedactForPerson(answer, index);
    return answer;
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(200, done);
}

/// The safety plan: staff on the family's path (domain::SightOf), audited as a read of sensitive
/// data, also when refused.
asio::awaitable<http::Response> Safety(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const int64_t plan_id = PlanId(req);
  auto out = co_await s.db.Write([&](store::Connection& c) -> std::optional<json::object> {
    const auto& caller = req.Caller();
    auto family = store::LoadFamily(c, ScopeOf(caller), id);
    auto plan = family ? store::LoadPlan(c, s.cipher, id, plan_id) : std::nullopt;
    if (!family || !plan) {
      s.Audit(c, ActorOf(req), "household_plan", std::to_string(plan_id), "read_sensitive",
              "denied", "not_found");
      return std::nullopt;
    }
    if (!domain::SightOf(caller.role, caller.region_path, family->region.path).safety_plan) {
      s.Audit(c, ActorOf(req), "household_plan", std::to_string(plan_id), "read_sensitive",
              "denied", "family=" + std::to_string(id));
      throw Forbidden();
    }
    const auto safety = store::LoadSafety(c, s.cipher, plan_id);
    if (!safety)
      throw ApiError(ErrorKind::kUnprocessable, "integrity_failed",
                     "数据校验失败 / a sealed text did not decrypt");
    AuditPlan(s, c, req, plan_id, id, "read_sensitive", "fields=safety");
    return plans::SafetyJson(*safety);
  });
  if (!out) throw NotFound("方案不存在 / no such plan");
  co_return http::JsonResponse(200, *out);
}

}  // namespace

void AddHouseholdPlanRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, families::kFamiliesPath, "key_family");
  const auto plan = plans::PlanSchema();
  area.Add(verb::get, "/{id}/plans", "family.read",
           "The versions of a key family's household plan, newest first (never the safety plan)",
           ListPlans, {.response_schema = plans::PlansSchema()});
  area.Add(
      verb::post, "/{id}/plans", "family.plan",
      "Write a new version as a draft: what is left out is copied from the active version",
      CreatePlan,
      {.body_schema = plans::PlanCreateSchema(), .response_schema = plan, .success_status = 201});
  area.Add(verb::patch, "/{id}/plans/{plan_id}", "family.plan", "Change a draft", PatchPlan,
           {.body_schema = plans::PlanPatchSchema(), .response_schema = plan});
  area.Add(verb::post, "/{id}/plans/{plan_id}/submit", "family.plan",
           "Submit a draft: active, or awaiting the level above's countersign for a red family",
           Submit, {.body_schema = plans::NoteBodySchema("note", false), .response_schema = plan});
  area.Add(verb::post, "/{id}/plans/{plan_id}/countersign", "family.approve",
           "Countersign a red family's plan (the level above its author, not the author)",
           Countersign,
           {.body_schema = plans::NoteBodySchema("note", false), .response_schema = plan});
  area.Add(verb::post, "/{id}/plans/{plan_id}/return", "family.approve",
           "Return a plan awaiting countersign to its author as a draft, with the reason", Return,
           {.body_schema = plans::NoteBodySchema("reason", true), .response_schema = plan});
  area.Add(verb::post, "/{id}/plans/{plan_id}/review", "family.plan",
           "Review the active plan unchanged (it takes the family's colour)", Review,
           {.body_schema = plans::NoteBodySchema("note", false), .response_schema = plan});
  area.Add(verb::patch, "/{id}/plans/{plan_id}/measures/{index}", "todo.read",
           "Record a measure's progress (its person, or staff who write plans)", UpdateMeasure,
           {.body_schema = plans::MeasurePatchSchema(), .response_schema = plan});
  area.Add(verb::get, "/{id}/plans/{plan_id}/safety", "family.read",
           "The safety plan of a version (staff on the family's path; audited)", Safety,
           {.response_schema = plans::SafetySchema()});
}

}  // namespace hejia::api
