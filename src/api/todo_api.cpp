// Each user's to-do list (issue 11, point 6) and a key family's page extras. GET /todo combines,
// within the caller's area: the follow-ups of the key families her level owns (contact, city
// visit, missing plan, review, reassessment), the steps down waiting for her level's approval, the
// plans awaiting her countersign, the measures whose person she is, and the police incidents'
// pushes she or her unit holds. A grid sister's list has her grid's due contacts (names and dates,
// never the colour), her measures and her pushes. Staff who read volunteers see the open
// replacement tasks of their area's grids (a grid whose last sister left). GET
// /key-families/{id}/overview: members (masked phones), incidents and cases of the family's
// household.
#include <algorithm>
#include <boost/asio/awaitable.hpp>

#include "api/key_family_routes.hpp"
#include "api/people_common.hpp"
#include "api/plan_json.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/household_plan.hpp"
#include "domain/incident.hpp"
#include "domain/key_family.hpp"
#include "store/coverage_repo.hpp"
#include "store/family_overview.hpp"
#include "store/incident_push_repo.hpp"
#include "store/key_family_repo.hpp"
#include "store/plan_repo.hpp"

namespace hejia::api {

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr int64_t kHorizonMs = 7 * kDayMs;  // what falls due within a week is listed
constexpr std::size_t kItemsMax = 200;

struct Item {
  std::string kind;
  std::optional<int64_t> due_at;
  bool overdue = false;
  json::value family = nullptr;
  json::value colour = nullptr;
  json::value plan_id = nullptr;
  json::value measure_index = nullptr;
  std::string detail;
  json::value incident = nullptr;
  json::value grid = nullptr;
};

json::object FamilyRef(int64_t id, const std::string& name, const domain::Placement& region) {
  return json::object{{"id", id},
                      {"name", name},
                      {"region", json::object{{"code", region.code}, {"name", region.name}}}};
}

std::string_view KindLabel(domain::FollowUpKind kind) {
  switch (kind) {
    case domain::FollowUpKind::kContact:
      return "联系 / contact";
    case domain::FollowUpKind::kCityVisit:
      return "市级走访 / city visit";
    case domain::FollowUpKind::kPlan:
      return "制定一户一策 / write the plan";
    case domain::FollowUpKind::kReview:
      return "复核方案 / review the plan";
    case domain::FollowUpKind::kMeasure:
      return "措施 / measure";
  }
  return "";
}

/// The follow-ups of families owned at `level`, the steps down it approves.
void FamilyItems(store::Connection& c, const ScopeFilter& scope, domain::RegionLevel level,
                 int64_t now, std::vector<Item>& out) {
  for (const auto& f : store::FamiliesDue(c, scope, now + kHorizonMs, false, false, 500)) {
    const json::object ref = FamilyRef(f.id, f.name, f.region);
    const json::value colour = json::value(domain::ToString(f.colour));
    if (domain::OwnerLevel(f.colour) == level) {
      domain::FollowUpState state;
      state.colour = f.colour;
      state.contact_due = f.next_contact_due;
      if (f.next_city_visit_due) state.city_visit_due = f.next_city_visit_due;
      if (f.plan_due_at && !f.plan_id) state.plan_due = f.plan_due_at;
      if (f.plan_id && f.review_due) state.review_due = f.review_due;
      for (const auto& i : domain::FollowUpItems(state, now, kHorizonMs)) {
        Item item{std::string(domain::ToString(i.kind)), i.due_at, i.overdue, ref, colour};
        if (i.kind == domain::FollowUpKind::kReview) {
          item.plan_id = f.plan_id;
          item.detail = f.review_reason == "colour_changed" ? "颜色已变，复核方案 / colour changed"
                                                            : std::string(KindLabel(i.kind));
        } else {
          item.detail = KindLabel(i.kind);
        }
        out.push_back(std::move(item));
      }
      if (f.reassess)
        out.push_back({"reassess", std::nullopt, false, ref, colour, nullptr, nullptr,
                       f.reassess_reason == "new_incident" ? "新警情后重新评估 / new incident"
                                                           : "走访发现，重新评估 / visit finding"});
    }
    if (!f.pending_change.empty()) {
      const std::optional<domain::RiskColour> to =
          f.pending_colour.empty() ? std::nullopt : domain::ParseRiskColour(f.pending_colour);
      if (domain::ApprovingLevel({f.colour, to}) == level)
        out.push_back({"approval", std::nullopt, false, ref, colour, nullptr, nullptr,
                       f.pending_change == "delisting" ? "销号待审批 / delisting to approve"
                                                       : "降级待审批 / step down to approve"});
    }
  }
}

/// The open measures whose person is `me` (never the family's colour).
void MeasureItems(store::Connection& c, const ScopeFilter& scope, int64_t me, int64_t now,
                  std::vector<Item>& out) {
  for (const auto& m : store::MeasuresDue(c, scope, me, now + kHorizonMs, 200))
    out.push_back({"measure", m.due_at, domain::IsOverdue(m.due_at, now),
                   FamilyRef(m.family_id, m.family_name, m.region), nullptr, m.plan_id, m.index,
                   plans::MeasureLine(m.type, m.status)});
}

/// The plans awaiting a countersign `me` may give (domain::CheckCountersigner).
void CountersignItems(store::Connection& c, const ScopeFilter& scope, domain::RegionLevel level,
                      int64_t me, int64_t now, std::vector<Item>& out) {
  for (const auto& a : store::AwaitingCountersign(c, scope, 200)) {
    if (domain::CheckCountersigner(a.author_level, a.author_id, level, me)) continue;
    std::optional<int64_t> due;
    if (a.plan_due_at) due = a.plan_due_at;
    out.push_back({"countersign", due, due && domain::IsOverdue(*due, now),
                   FamilyRef(a.family_id, a.family_name, a.region), json::value("red"), a.plan_id,
                   nullptr, "红色家庭方案待会签 / a red family's plan to countersign"});
  }
}

void PushItems(store::Connection& c, const http::Principal& caller, int64_t now,
               std::vector<Item>& out) {
  for (const auto& p : store::PushesToDo(c, caller.user_id, ScopeOf(caller), 200)) {
    const auto head = store::IncidentHead(c, p.incident_id);
    const auto due = domain::NextDue(p.progress);
    const auto reached = domain::StageOf(p.progress);
    std::string_view step = domain::ToString(reached);
    for (std::size_t i = 0; i + 1 < domain::kPushStages.size(); ++i)
      if (domain::kPushStages[i] == reached) step = domain::ToString(domain::kPushStages[i + 1]);
    Item item{"push", due, due && domain::IsOverdue(*due, now)};
    item.detail = "警情 " + head.incident_no;
    item.incident = json::object{{"id", p.incident_id},
                                 {"incident_no", head.incident_no},
                                 {"kind", head.kind},
                                 {"step", step},
                                 {"push_id", p.id}};
    out.push_back(std::move(item));
  }
}

/// The open replacement tasks of my area's grids: a grid whose last sister left needs a new one.
void CoverageItems(store::Connection& c, const ScopeFilter& scope, int64_t now,
                   std::vector<Item>& out) {
  std::vector<store::CoverageTask> tasks;
  store::ListTasks(c, scope, true, {.limit = 200, .offset = 0, .descending = false}, tasks);
  for (const auto& t : tasks) {
    Item item{"coverage", t.due_at, domain::IsOverdue(t.due_at, now)};
    item.detail = "补充格姐：" + t.grid_name + " / find a grid sister: " + t.grid_name;
    item.grid = json::object{{"code", t.grid_code}, {"name", t.grid_name}, {"task_id", t.id}};
    out.push_back(std::move(item));
  }
}

asio::awaitable<http::Response> Todo(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto& caller = req.Caller();
    const ScopeFilter scope = ScopeOf(caller);
    std::vector<Item> items;
    if (caller.role == domain::Role::kGridSister) {
      // Her grid's due contacts: names and dates, never the colour.
      std::vector<store::DueRow> rows;
      store::ListDue(c, scope, now + kHorizonMs,
                     {.limit = static_cast<int64_t>(kItemsMax), .offset = 0}, rows);
      for (const auto& r : rows)
        items.push_back({"contact", r.next_contact_due, domain::IsOverdue(r.next_contact_due, now),
                         FamilyRef(r.id, r.name, r.region), nullptr, nullptr, nullptr,
                         "联系 / contact"});
    } else {
      const auto level = families::CallerLevel(c, caller);
      FamilyItems(c, scope, level, now, items);
      CountersignItems(c, scope, level, caller.user_id, now, items);
    }
    MeasureItems(c, scope, caller.user_id, now, items);
    if (domain::RoleHas(caller.role, "incident.act")) PushItems(c, caller, now, items);
    if (domain::RoleHas(caller.role, "volunteer.read")) CoverageItems(c, scope, now, items);
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      if (a.overdue != b.overdue) return a.overdue;
      if (a.due_at.has_value() != b.due_at.has_value()) return a.due_at.has_value();
      return a.due_at.value_or(0) < b.due_at.value_or(0);
    });
    int64_t overdue = 0;
    for (const auto& i : items) overdue += i.overdue ? 1 : 0;
    const auto total = static_cast<int64_t>(items.size());
    json::array list;
    for (std::size_t i = 0; i < items.size() && i < kItemsMax; ++i) {
      auto& it = items[i];
      list.push_back(
          json::object{{"kind", it.kind},
                       {"due_at", it.due_at ? json::value(FormatBeijing(*it.due_at)) : nullptr},
                       {"overdue", it.overdue},
                       {"family", it.family},
                       {"colour", it.colour},
                       {"plan_id", it.plan_id},
                       {"measure_index", it.measure_index},
                       {"detail", it.detail},
                       {"incident", it.incident},
                       {"grid", it.grid}});
    }
    return json::object{{"items", std::move(list)},
                        {"counts", json::object{{"overdue", overdue}, {"total", total}}}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> Overview(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto family = families::LoadOr404(c, req.Caller(), id);
    json::array members, incidents, cases;
    for (const auto& m : store::HouseholdMembers(c, family.household_id)) {
      json::array tags;
      for (const auto& t : m.tags) tags.emplace_back(t);
      members.push_back(json::object{{"id", m.id},
                                     {"name", m.name},
                                     {"gender", m.gender},
                                     {"relation", m.relation},
                                     {"phone_masked", m.phone_mask},
                                     {"tags", std::move(tags)}});
    }
    for (const auto& i : store::HouseholdIncidents(c, family.household_id, 50))
      incidents.push_back(json::object{{"id", i.id},
                                       {"incident_no", i.incident_no},
                                       {"kind", i.kind},
                                       {"reported_at", FormatBeijing(i.reported_at)},
                                       {"mark", i.mark},
                                       {"stage", i.stage},
                                       {"repeat", i.repeated}});
    for (const auto& k : store::HouseholdCases(c, ScopeOf(req.Caller()), family.household_id, 50))
      cases.push_back(json::object{{"id", k.id},
                                   {"number", k.number},
                                   {"status", k.status},
                                   {"category", k.category},
                                   {"created_at", FormatBeijing(k.created_at)},
                                   {"risk_level", k.risk_level}});
    return json::object{{"members", std::move(members)},
                        {"incidents", std::move(incidents)},
                        {"cases", std::move(cases)}};
  });
  co_return http::JsonResponse(200, body);
}

json::value TodoSchema() {
  json::object item = schema::Fields(
      "due_at:string? overdue:boolean plan_id:integer? measure_index:integer? detail");
  item["kind"] = schema::OneOf({"contact", "city_visit", "plan", "review", "measure", "countersign",
                                "approval", "reassess", "push", "coverage"});
  item["family"] = json::object{{"type", "object"}, {"nullable", true}};
  item["colour"] =
      json::object{{"type", "string"}, {"nullable", true}, {"enum", {"blue", "yellow", "red"}}};
  item["incident"] = json::object{{"type", "object"}, {"nullable", true}};
  json::value grid = schema::Shape("code name task_id:integer", "code name task_id");
  grid.as_object()["nullable"] = true;
  item["grid"] = grid;
  json::object o{
      {"type", "object"},
      {"properties",
       json::object{
           {"items", json::object{{"type", "array"},
                                  {"items", json::object{{"type", "object"},
                                                         {"properties", item},
                                                         {"additionalProperties", false}}}}},
           {"counts", schema::Shape("overdue:integer total:integer", "overdue total")}}},
      {"required", {"items", "counts"}},
      {"additionalProperties", false}};
  return o;
}

json::value OverviewSchema() {
  auto list = [](json::value item) { return json::object{{"type", "array"}, {"items", item}}; };
  json::object member =
      schema::Fields("id:integer name gender relation phone_masked tags:string[]");
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{{"members", list(json::object{{"type", "object"}, {"properties", member}})},
                    {"incidents", list(schema::Shape("id:integer incident_no kind reported_at "
                                                     "mark stage repeat:boolean"))},
                    {"cases", list(schema::Shape("id:integer number status category "
                                                 "created_at risk_level"))}}},
      {"required", {"members", "incidents", "cases"}},
      {"additionalProperties", false}};
}

}  // namespace

void AddTodoRoutes(http::Router& router, Services& s) {
  AreaRoutes family(router, s, families::kFamiliesPath, "key_family");
  family.Add(verb::get, "/{id}/overview", "family.read",
             "A key family's household: members (masked phones), incidents and cases", Overview,
             {.response_schema = OverviewSchema()});
  AreaRoutes todo(router, s, "/api/v1/todo", "todo");
  todo.Add(verb::get, "", "todo.read",
           "My to-do list: follow-ups, measures, countersigns, approvals, pushes and grids to "
           "find a sister for, overdue first",
           Todo, {.response_schema = TodoSchema()});
}

}  // namespace hejia::api
