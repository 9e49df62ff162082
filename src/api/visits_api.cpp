// Visits (走访, issue 12, point 2): the record kit's routes for reading, correcting and retiring
// a visit, and the recording of one here — placed on the household's grid, the recorder and the
// volunteers who went credited with the time, a phone's retried upload answered with the visit it
// already made (same client id: 200, nothing written twice), the problem-needs-an-action rule,
// the late mark, a referral's limit, and the action taken: a case opened (prefilled from the
// household, linked by the visit's case_id), a key family's reassessment asked for. A referral
// stays open until its receiver's answer is recorded.
#include <boost/asio/awaitable.hpp>

#include "api/people_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "domain/categories.hpp"
#include "domain/party.hpp"
#include "domain/volunteer.hpp"
#include "store/case_repo.hpp"
#include "store/people_repo.hpp"
#include "store/region_names.hpp"
#include "store/region_repo.hpp"
#include "store/visit_due.hpp"
#include "store/visit_repo.hpp"
#include "store/visits_table.hpp"

namespace hejia::api {

namespace kit {
template <>
struct Rules<domain::Visit> {
  static void Check(store::Connection&, const domain::Visit& v, int64_t now, bool creating) {
    if (auto p = domain::CheckVisit(v, domain::DefaultMustVisitSituations(), now))
      throw Invalid(p->field, p->message);
    if (!creating && v.action == domain::VisitAction::kCaseOpened && v.case_id == 0)
      throw Invalid("action",
                    "立案须在记录走访时选择 / a case is opened when the visit is recorded");
  }
};
}  // namespace kit

namespace {

namespace sk = store::kit;
using domain::Visit;

constexpr const char* kNoSuchVisit = "走访记录不存在 / no such visit";
constexpr std::size_t kVolunteersMax = 20;

const kit::RecordRoutes kVisitRoutes{.path = "/api/v1/visits",
                                     .tag = "visit",
                                     .read_permission = "visit.read",
                                     .write_permission = "visit.write",
                                     .reveal_permission = "visit.reveal",
                                     .noun = "visit",
                                     .not_found = kNoSuchVisit,
                                     .create = false};

json::object VisitJson(store::Connection& c, const Visit& v) {
  json::object o = kit::ToJson(v);
  const auto visitors = store::LoadVisitors(c, v.meta.id);
  json::array users, volunteers;
  for (int64_t u : visitors.users) users.emplace_back(u);
  for (const auto& x : visitors.volunteers)
    volunteers.push_back(json::object{{"id", x.id}, {"name", x.name}});
  o["visitor_user_ids"] = std::move(users);
  o["volunteers"] = std::move(volunteers);
  return o;
}

std::vector<int64_t> VolunteerIds(const http::JsonBody& body) {
  std::vector<int64_t> ids;
  const auto& o = body.object();
  const auto it = o.find("volunteer_ids");
  if (it == o.end() || it->value().is_null()) return ids;
  if (!it->value().is_array() || it->value().as_array().size() > kVolunteersMax)
    throw Invalid("volunteer_ids", "应为至多 20 个志愿者编号 / at most 20 volunteer ids");
  for (const auto& x : it->value().as_array()) {
    if (!x.is_int64() || x.as_int64() < 1)
      throw Invalid("volunteer_ids", "应为志愿者编号 / must be volunteer ids");
    if (std::ranges::find(ids, x.as_int64()) == ids.end()) ids.push_back(x.as_int64());
  }
  return ids;
}

/// A help request made of the problem a visit found: channel grid report, the household's head
/// the applicant, handled where the household lies.
store::CreatedCase OpenCase(Services& s, store::Connection& c, const http::Request& req,
                            const Visit& v, const store::HouseholdRecord& household,
                            const std::string& category, int64_t now) {
  store::CaseIntake in;
  in.channel = domain::CaseChannel::kGridReport;
  in.category = category;
  in.home_code = household.row.grid_code;
  in.created_by = req.Caller().user_id;
  in.title = "走访发现问题";
  in.facts = v.problem.plain;
  domain::PartyFields head;
  head.role = "applicant";
  head.name = household.row.head_name.empty() ? "户主" : household.row.head_name;
  auto checked = domain::CheckParty(head);
  if (checked.problem) {
    head.name = "户主";
    checked = domain::CheckParty(head);
  }
  in.parties.push_back(store::PartyInput{std::move(checked.party), {}, household.row.id});
  auto created = store::CreateCase(c, s.cipher, store::LoadCaseSettings(c), in, now);
  s.Audit(c, ActorOf(req), "case", std::to_string(created.id), "create", "ok",
          "channel=grid_report;visit");
  return created;
}

struct Recorded {
  json::object visit;
  bool replayed = false;
};

/// POST /visits: records a visit to a household of my area.
asio::awaitable<http::Response> CreateVisit(Services& s, http::Request& req) {
  static const auto allowed = [] {
    auto names = kit::BodyFields<Visit>(false);
    names.insert(names.end(),
                 {"household_id", "client_id", "minutes", "volunteer_ids", "case_category"});
    return names;
  }();
  const auto body = http::JsonBody::Parse(req.raw.body(), allowed);
  const int64_t now = s.clock.NowMillis();
  const auto& caller = req.Caller();
  auto out = co_await s.db.Write([&](store::Connection& c) -> Recorded {
    const ScopeFilter scope = ScopeOf(caller);
    const std::string client_id =
        http::TrimSpaces(body.OptString("client_id", domain::kClientIdMax).value_or(""));
    if (!client_id.empty())
      if (auto id = store::VisitByClientId(c, caller.user_id, client_id))
        return {VisitJson(c, Reloaded(sk::Load<Visit>(c, store::ScopeFilter::Within("/"), *id))),
                true};
    const int64_t household_id = body.RequiredInt("household_id", 1, INT64_MAX);
    auto household = store::LoadHousehold(c, scope, household_id);
    if (!household) throw people::NotFoundField("household_id", "住户不存在 / no such household");
    const auto grid = Reloaded(store::FindRegion(c, std::string_view(household->row.grid_code)));
    for (const char* required : {"kind", "mode", "visited_at"})
      if (!body.Has(required)) throw Invalid(required, "必填 / required");
    Visit v;
    v.household_id = household_id;
    v.region = {grid.code, grid.path, domain::RegionLevel::kGrid, grid.name};
    std::vector<std::string_view> changed{"household_id"};
    const kit::ParseContext ctx{c, scope, false};
    sk::ForEachField<Visit>([&](const auto& f) { kit::Take(f, body, v, ctx, changed); });
    v.situations =
        domain::JoinCodes(domain::SplitCodes(v.situations), domain::DefaultMustVisitSituations());
    v.recorded_by = caller.user_id;
    v.client_id = client_id;
    kit::Rules<Visit>::Check(c, v, now, true);
    domain::CompleteVisit(v, now);
    const std::string category = body.OptString("case_category", 40).value_or("other");
    if (v.action == domain::VisitAction::kCaseOpened && !domain::IsCategory(category))
      throw Invalid("case_category", "未知的纠纷类型 / unknown dispute category");
    const int64_t minutes = body.OptInt("minutes", 1, domain::kServiceMinutesMax).value_or(60);
    std::vector<int64_t> volunteers;
    if (auto mine = store::VolunteerOfUser(c, caller.user_id, now)) volunteers.push_back(*mine);
    for (int64_t id : VolunteerIds(body)) {
      if (!store::VolunteerServing(c, id, household->row.region_path, now))
        throw people::NotFoundField(
            "volunteer_ids", "志愿者不存在或不在本辖区服务 / no such volunteer serving here");
      if (std::ranges::find(volunteers, id) == volunteers.end()) volunteers.push_back(id);
    }
    std::string detail;
    if (v.action == domain::VisitAction::kCaseOpened) {
      const auto created = OpenCase(s, c, req, v, *household, category, now);
      v.case_id = created.id;
      detail = ";case=" + std::to_string(created.id);
    }
    const int64_t id = sk::Insert(c, s.cipher, v, now);
    store::AddVisitors(c, v, {caller.user_id}, volunteers, minutes, now);
    if (v.action == domain::VisitAction::kAssessmentRequested)
      c.Execute(
          "UPDATE key_families SET reassess = 1, reassess_reason = 'visit', version = version + 1, "
          "updated_at = ? WHERE household_id = ? AND retired = 0",
          {now, household_id});
    s.Audit(c, ActorOf(req), kVisitRoutes.tag, std::to_string(id), "create", "ok",
            people::FieldList(changed) + detail);
    return {VisitJson(c, Reloaded(sk::Load<Visit>(c, scope, id))), false};
  });
  store::ListTotalsChanged();  // after the commit: no list shows the old totals
  out.visit["replayed"] = out.replayed;
  co_return http::JsonResponse(out.replayed ? 200 : 201, out.visit);
}

/// POST /visits/{id}/referral-answer: the receiver of a referral answered; it is closed.
asio::awaitable<http::Response> AnswerReferral(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"version"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  co_return co_await kit::Change<Visit>(
      s, kVisitRoutes, req, "referral_answer",
      [&](store::Connection&, const ScopeFilter&, Visit& v) -> std::optional<std::string> {
        if (v.meta.version != version) throw StaleVersion(kit::ToJson(v));
        if (v.action != domain::VisitAction::kReferral)
          throw Invalid("action", "这次走访没有转介 / this visit made no referral");
        if (v.referral_answered_at) return std::nullopt;
        v.referral_answered_at = s.clock.NowMillis();
        return std::string();
      });
}

/// GET /visits/due: the five must-visits' due list of my area (a grid sister's: her grid), the
/// most overdue first.
asio::awaitable<http::Response> DueList(Services& s, http::Request& req) {
  const http::PageRequest page = http::ParsePage(req, {"due_at"}, "due_at");
  const auto region = http::QueryText(req, "region", 20);
  const bool overdue_only = http::QueryText(req, "overdue", 5).value_or("0") == "1";
  const int64_t now = s.clock.NowMillis();
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        auto due = store::MustVisitsDue(c, scope, now);
        if (overdue_only) std::erase_if(due, [&](const auto& d) { return d.due_at >= now; });
        const auto names = s.region_names->Names(c);
        json::array items;
        const auto first = std::min<size_t>(due.size(), page.Offset());
        const auto last = std::min<size_t>(due.size(), first + page.page_size);
        for (size_t i = first; i < last; ++i) {
          const auto& d = due[i];
          json::array situations;
          for (const auto& code : d.situations) situations.emplace_back(code);
          items.push_back(json::object{
              {"household_id", d.household_id},
              {"region_path", d.grid_path},
              {"household",
               json::object{{"id", d.household_id},
                            {"head_name", d.head_name},
                            {"address", d.address_mask},
                            {"grid", json::object{{"code", d.grid_code},
                                                  {"name", names.NameOf(c, d.grid_code)}}}}},
              {"situations", std::move(situations)},
              {"last_visit_at", d.last_visit_at ? json::value(FormatBeijing(d.last_visit_at))
                                                : json::value(nullptr)},
              {"due_at", FormatBeijing(d.due_at)},
              {"overdue", d.due_at < now}});
        }
        return http::PageBody(std::move(items), page, static_cast<int64_t>(due.size()));
      });
  co_return http::JsonResponse(200, body);
}

json::value DueSchema() {
  return schema::Shape(
      "household_id:integer region_path household:object situations:string[] "
      "last_visit_at:string? due_at:string overdue:boolean",
      "household_id region_path household situations last_visit_at due_at overdue");
}

json::value CreateBody() {
  json::value body = kit::BodySchema<Visit>(false);
  auto& props = body.as_object()["properties"].as_object();
  props["household_id"] = json::object{{"type", "integer"}, {"minimum", 1}};
  props["client_id"] = json::object{
      {"type", "string"},
      {"maxLength", domain::kClientIdMax},
      {"description", "the phone's id of the visit: a retried upload answers the same visit"}};
  props["minutes"] = json::object{{"type", "integer"},
                                  {"minimum", 1},
                                  {"maximum", domain::kServiceMinutesMax},
                                  {"description", "how long it took (service hours); default 60"}};
  props["volunteer_ids"] = json::object{{"type", "array"},
                                        {"maxItems", kVolunteersMax},
                                        {"items", json::object{{"type", "integer"}}}};
  props["case_category"] = json::object{{"type", "string"}, {"maxLength", 40}};
  auto& required = body.as_object()["required"].as_array();
  required.emplace_back("household_id");
  return body;
}

json::value RecordedSchema() {
  json::value shape = kit::ResponseSchema<Visit>();
  auto& props = shape.as_object()["properties"].as_object();
  props["visitor_user_ids"] =
      json::object{{"type", "array"}, {"items", json::object{{"type", "integer"}}}};
  props["volunteers"] = json::object{
      {"type", "array"},
      {"items",
       json::object{{"type", "object"},
                    {"properties", json::object{{"id", json::object{{"type", "integer"}}},
                                                {"name", json::object{{"type", "string"}}}}},
                    {"required", json::array{"id", "name"}},
                    {"additionalProperties", false}}}};
  props["replayed"] = json::object{{"type", "boolean"}};
  auto& required = shape.as_object()["required"].as_array();
  for (const char* k : {"visitor_user_ids", "volunteers", "replayed"}) required.emplace_back(k);
  return shape;
}

}  // namespace

void AddVisitRoutes(http::Router& router, Services& s) {
  kit::AddRecordRoutes<Visit>(router, s, kVisitRoutes);
  AreaRoutes area(router, s, kVisitRoutes.path, kVisitRoutes.tag);
  area.Add(verb::post, "", kVisitRoutes.write_permission,
           "Record a visit to a household of my area (idempotent by client_id)", CreateVisit,
           {.body_schema = CreateBody(),
            .response_schema = RecordedSchema(),
            .success_status = 201,
            .also_status = 200});
  area.Add(verb::get, "/due", kVisitRoutes.read_permission,
           "The five must-visits due in my area (a grid sister's: her grid), most overdue first",
           DueList,
           {.query = {kRegionQuery, Flag("overdue", "only the overdue")},
            .response_schema = DueSchema(),
            .paged = true});
  area.Add(verb::post, "/{id}/referral-answer", kVisitRoutes.write_permission,
           "The receiver of a visit's referral answered: it is closed", AnswerReferral,
           {.response_schema = kit::ResponseSchema<Visit>()});
}

}  // namespace hejia::api
