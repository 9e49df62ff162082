#include "api/visit_recording.hpp"

#include "api/people_common.hpp"
#include "api/schema.hpp"
#include "domain/categories.hpp"
#include "domain/party.hpp"
#include "domain/volunteer.hpp"
#include "store/care_repo.hpp"
#include "store/case_repo.hpp"
#include "store/key_family_repo.hpp"
#include "store/people_repo.hpp"
#include "store/region_repo.hpp"
#include "store/visit_repo.hpp"

namespace hejia::api {

namespace {

namespace sk = store::kit;
using domain::Visit;

constexpr std::size_t kVolunteersMax = 20, kTeamMax = 200;
constexpr std::size_t kGiftsMax = domain::kCareGifts.size();

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

/// people: [{person_id, given: [code]}]
std::vector<domain::PersonMet> PeopleMet(const http::JsonBody& body) {
  std::vector<domain::PersonMet> people;
  const auto& o = body.object();
  const auto it = o.find("people");
  if (it == o.end() || it->value().is_null()) return people;
  const auto bad = [] {
    return Invalid("people",
                   "应为走访对象列表 [{person_id, given}] / must be [{person_id, given}]");
  };
  if (!it->value().is_array() || it->value().as_array().size() > domain::kCarePeopleMax)
    throw bad();
  for (const auto& x : it->value().as_array()) {
    if (!x.is_object()) throw bad();
    domain::PersonMet p;
    for (const auto& kv : x.as_object()) {
      if (kv.key() == "person_id" && kv.value().is_int64()) {
        p.person_id = kv.value().as_int64();
      } else if (kv.key() == "given" && kv.value().is_array() &&
                 kv.value().as_array().size() <= kGiftsMax) {
        for (const auto& g : kv.value().as_array()) {
          if (!g.is_string()) throw bad();
          p.given.emplace_back(g.as_string());
        }
      } else if (!(kv.key() == "given" && kv.value().is_null())) {
        throw bad();
      }
    }
    people.push_back(std::move(p));
  }
  return people;
}

/// A help request made of the problem a visit found: channel grid report, the household's head
/// the applicant, handled where the household lies.
store::CreatedCase OpenCase(const VisitRecorder& r, store::Connection& c, const Visit& v,
                            const store::HouseholdRecord& household, const std::string& category) {
  store::CaseIntake in;
  in.channel = domain::CaseChannel::kGridReport;
  in.category = category;
  in.home_code = household.row.grid_code;
  in.created_by = r.req.Caller().user_id;
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
  auto created = store::CreateCase(c, r.s.cipher, store::LoadCaseSettings(c), in, r.now);
  r.s.Audit(c, ActorOf(r.req), "case", std::to_string(created.id), "create", "ok",
            "channel=grid_report;visit");
  return created;
}

}  // namespace

VisitRecorder VisitRecorder::For(Services& s, const http::Request& req, store::Connection& c) {
  const auto& caller = req.Caller();
  VisitRecorder r{s,
                  req,
                  s.clock.NowMillis(),
                  ScopeOf(caller),
                  std::nullopt,
                  domain::RegionLevel::kVillage,
                  store::LoadMustVisitSituations(c)};
  r.my_volunteer = store::VolunteerOfUser(c, caller.user_id, r.now);
  std::optional<domain::RegionLevel> level;
  if (r.my_volunteer) level = store::VolunteerLevel(c, *r.my_volunteer);
  if (!level)
    if (auto region = store::FindRegion(c, std::string_view(caller.region_code)))
      level = region->level;
  r.my_level = domain::CountedLevel(level.value_or(domain::RegionLevel::kVillage));
  return r;
}

std::span<const std::string_view> VisitBodyFields() {
  static const auto names = [] {
    auto n = kit::BodyFields<Visit>(false);
    n.insert(n.end(), {"household_id", "client_id", "minutes", "volunteer_ids", "case_category",
                       "people", "team_id", "whole_team"});
    return n;
  }();
  return names;
}

RecordedVisit RecordVisit(const VisitRecorder& r, store::Connection& c,
                          const http::JsonBody& body) {
  const auto& caller = r.req.Caller();
  const std::string client_id =
      http::TrimSpaces(body.OptString("client_id", domain::kClientIdMax).value_or(""));
  if (!client_id.empty())
    if (auto id = store::VisitByClientId(c, caller.user_id, client_id)) return {*id, true};
  const int64_t household_id = body.RequiredInt("household_id", 1, INT64_MAX);
  auto household = store::LoadHousehold(c, r.scope, household_id);
  if (!household) throw people::NotFoundField("household_id", "住户不存在 / no such household");
  const auto grid = Reloaded(store::FindRegion(c, std::string_view(household->row.grid_code)));
  for (const char* required : {"kind", "mode", "visited_at"})
    if (!body.Has(required)) throw Invalid(required, "必填 / required");
  Visit v;
  v.household_id = household_id;
  v.region = {grid.code, grid.path, domain::RegionLevel::kGrid, grid.name};
  std::vector<std::string_view> changed{"household_id"};
  const kit::ParseContext ctx{c, r.scope, false};
  sk::ForEachField<Visit>([&](const auto& f) { kit::Take(f, body, v, ctx, changed); });
  v.situations = domain::JoinCodes(domain::SplitCodes(v.situations), r.situations);
  v.recorded_by = caller.user_id;
  v.client_id = client_id;
  if (auto p = domain::CheckVisit(v, r.situations, r.now)) throw Invalid(p->field, p->message);
  auto people = PeopleMet(body);
  if (auto p = domain::CheckPeopleMet(v.kind, people)) throw Invalid(p->field, p->message);
  if (!store::ResolvePeopleMet(c, household_id, people))
    throw people::NotFoundField("people", "走访对象不是该户成员 / not a member of the household");
  domain::CompleteVisit(v, r.now);
  const std::string category = body.OptString("case_category", 40).value_or("other");
  if (v.action == domain::VisitAction::kCaseOpened && !domain::IsCategory(category))
    throw Invalid("case_category", "未知的纠纷类型 / unknown dispute category");
  const int64_t minutes = body.OptInt("minutes", 1, domain::kServiceMinutesMax).value_or(60);
  std::vector<int64_t> volunteers;
  if (r.my_volunteer) volunteers.push_back(*r.my_volunteer);
  for (int64_t id : VolunteerIds(body)) {
    if (!store::VolunteerServing(c, id, household->row.region_path, r.now))
      throw people::NotFoundField("volunteer_ids",
                                  "志愿者不存在或不在本辖区服务 / no such volunteer serving here");
    if (std::ranges::find(volunteers, id) == volunteers.end()) volunteers.push_back(id);
  }
  v.visitor_level = r.my_level;
  if (auto team_id = body.OptInt("team_id", 1, INT64_MAX)) {
    // A team's visit: a team of my area, or my own team (a town team's leader living here).
    auto team = store::FindTeam(c, *team_id);
    const bool mine = r.my_volunteer && store::TeamOfVolunteer(c, *r.my_volunteer) == *team_id;
    if (!team || !(mine || r.scope.Contains(team->region_path)))
      throw people::NotFoundField("team_id", "队伍不存在 / no such team");
    v.team_id = team->id;
    v.visitor_level = domain::CountedLevel(team->level);
    if (body.OptBool("whole_team").value_or(false))
      for (int64_t id : store::ActiveTeamMembers(c, team->id, r.now, kTeamMax))
        if (std::ranges::find(volunteers, id) == volunteers.end()) volunteers.push_back(id);
  } else if (body.OptBool("whole_team").value_or(false)) {
    throw Invalid("team_id", "全队走访须指明队伍 / a whole team's visit names the team");
  }
  // A key family's contact and an incident's follow-up are visits too (point 2): the first is
  // made of a listed family's household, the second answers the household's latest incident.
  if (v.kind == domain::VisitKind::kKeyFamilyContact &&
      !store::ActiveFamilyOfHousehold(c, household_id))
    throw Invalid("kind", "该户不是在册重点家庭 / the household is not a listed key family");
  if (v.kind == domain::VisitKind::kIncidentFollowUp)
    v.incident_id = store::LatestIncidentOfHousehold(c, household_id).value_or(0);
  std::string detail;
  if (v.action == domain::VisitAction::kCaseOpened) {
    const auto created = OpenCase(r, c, v, *household, category);
    v.case_id = created.id;
    detail = ";case=" + std::to_string(created.id);
  }
  const int64_t id = sk::Insert(c, r.s.cipher, v, r.now);
  v.meta.id = id;
  store::AddVisitors(c, v, {caller.user_id}, volunteers, minutes, r.now);
  store::AddPeopleMet(c, id, people);
  if (v.kind == domain::VisitKind::kKeyFamilyContact) {
    const auto family = store::NoteContact(c, r.s.cipher, household_id,
                                           domain::ContactKindOf(v.mode, v.visitor_level),
                                           v.visited_at, v.problem_found, r.now);
    detail += ";key_family=" + std::to_string(family.value_or(0));
  } else if (v.action == domain::VisitAction::kAssessmentRequested) {
    store::NoteFinding(c, r.s.cipher, household_id, v.visited_at, r.now);
  }
  if (v.incident_id) detail += ";incident=" + std::to_string(v.incident_id);
  if (!people.empty()) detail += ";people=" + std::to_string(people.size());
  return {id, false, people::FieldList(changed) + detail};
}

void AddVisitSides(store::Connection& c, int64_t visit_id, json::object& o) {
  const auto visitors = store::LoadVisitors(c, visit_id);
  json::array users, accounts, volunteers, met;
  for (int64_t u : visitors.users) users.emplace_back(u);
  for (const auto& x : visitors.accounts)
    accounts.push_back(json::object{{"id", x.id}, {"name", x.name}});
  for (const auto& x : visitors.volunteers)
    volunteers.push_back(json::object{{"id", x.id}, {"name", x.name}});
  for (const auto& p : store::LoadPeopleMet(c, visit_id)) {
    json::array tags, given;
    for (const auto& t : p.tags) tags.emplace_back(t);
    for (const auto& g : p.given) given.emplace_back(g);
    met.push_back(json::object{{"person_id", p.person_id},
                               {"name", p.name},
                               {"tags", std::move(tags)},
                               {"given", std::move(given)}});
  }
  o["visitor_user_ids"] = std::move(users);
  o["visitor_users"] = std::move(accounts);
  o["volunteers"] = std::move(volunteers);
  o["people"] = std::move(met);
}

json::object VisitSidesSchema() {
  return json::object{
      {"visitor_user_ids",
       json::object{{"type", "array"}, {"items", json::object{{"type", "integer"}}}}},
      {"visitor_users",
       json::object{{"type", "array"}, {"items", schema::Shape("id:integer name", "id name")}}},
      {"volunteers",
       json::object{{"type", "array"}, {"items", schema::Shape("id:integer name", "id name")}}},
      {"people",
       json::object{{"type", "array"},
                    {"items", schema::Shape("person_id:integer name tags:string[] given:string[]",
                                            "person_id name tags given")}}}};
}

json::object VisitJson(store::Connection& c, const Visit& v) {
  json::object o = kit::ToJson(v);
  AddVisitSides(c, v.meta.id, o);
  return o;
}

}  // namespace hejia::api
