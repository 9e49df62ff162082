// Police incidents for staff (issue 11): the record kit's list, page, correction, retirement and
// address reveal; entering one by hand; its parties and three pushes (GET …/work); revealing the
// parties (audited); placing one its address could not place; the city's incident settings.
// The steps of a push and the case made of an incident: api/incident_work_api.cpp. The police's
// own door: api/police_api.cpp.
#include "api/incident_common.hpp"
#include "api/people_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "store/case_repo.hpp"
#include "store/incident_push_repo.hpp"
#include "store/incidents_table.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace {

namespace json = boost::json;
namespace sk = store::kit;
using Incident = domain::PoliceIncident;

constexpr const char* kNoSuchIncident = "警情不存在 / no such incident";

Incident LoadOr404(store::Connection& c, const ScopeFilter& scope, int64_t id) {
  auto rec = sk::Load<Incident>(c, scope, id);
  if (!rec) throw NotFound(kNoSuchIncident);
  return *rec;
}

/// A region in the caller's scope (404 like a missing one otherwise), of one of `levels`.
domain::Placement RegionInScope(store::Connection& c, const ScopeFilter& scope,
                                const std::string& code, bool grid_only) {
  auto region = store::FindRegion(c, std::string_view(code));
  if (!region || !scope.Contains(region->path))
    throw people::NotFoundField("region_code", "区划不存在 / no such region");
  if (region->retired) throw Invalid("region_code", "该区划已停用 / this region is retired");
  if (grid_only && region->level != domain::RegionLevel::kGrid)
    throw Invalid("region_code", "请选择到网格 / choose a grid");
  return domain::Placement{region->code, region->path, region->level, region->name};
}

asio::awaitable<http::Response> EnterIncident(Services& s, http::Request& req) {
  static const auto allowed = incidents::IncidentBodyFields(true);
  const auto body = http::JsonBody::Parse(req.raw.body(), allowed);
  const int64_t now = s.clock.NowMillis();
  struct Made {
    json::object body;
    std::vector<store::PushAlert> alerts;
    Incident incident;
    bool night = false;
  };
  auto made = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    auto in = incidents::ReadIncident(body, c);
    in.incident.source = domain::IncidentSource::kManual;
    if (auto code = body.OptString("region_code", 20); code && !code->empty())
      in.placed = RegionInScope(c, scope, *code, false);
    if (auto known = store::FindIncidentByNo(c, in.incident.incident_no)) {
      json::object details;
      if (scope.Contains(known->region_path)) details["id"] = known->id;
      throw ApiError(ErrorKind::kConflict, "incident_exists",
                     "该警情已登记 / this incident number is already entered", "incident_no")
          .WithDetails(std::move(details));
    }
    auto taken = store::TakeInIncident(c, s.cipher, *s.region_names, in, now);
    // An address that places the incident outside the caller's area is for its own unit to
    // enter: the caller chooses a region of hers instead.
    if (!scope.Contains(taken.region_path))
      throw Invalid("region_code",
                    "地址不在您的辖区，请选择区划 / the address lies outside your area: choose the "
                    "region");
    s.Audit(c, ActorOf(req), "incident", std::to_string(taken.id), "create", "ok", "source=manual");
    Made m;
    m.incident = *sk::Load<Incident>(c, scope, taken.id);
    m.body = kit::ToJson(m.incident);
    m.alerts = std::move(taken.alerts);
    m.night = taken.night;
    return m;
  });
  store::ListTotalsChanged();
  incidents::PublishPushAlerts(s, made.alerts, made.incident, made.night, now);
  co_return http::JsonResponse(201, made.body);
}

json::value Link(store::Connection& c, const ScopeFilter& scope, std::optional<int64_t> id) {
  if (!id) return nullptr;
  auto row =
      c.QueryOne("SELECT incident_no, region_path FROM police_incidents WHERE id = ?", {*id});
  if (!row) return nullptr;
  // One outside the caller's area is named without its number.
  if (!scope.Contains(row->Text(1))) return json::object{{"id", nullptr}, {"incident_no", nullptr}};
  return json::object{{"id", *id}, {"incident_no", row->Text(0)}};
}

asio::awaitable<http::Response> IncidentWork(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    const auto rec = LoadOr404(c, scope, id);
    const auto links = store::LoadIncidentLinks(c, id).value_or(store::IncidentLinks{});
    json::array parties, pushes, repeats;
    for (const auto& p : store::IncidentParties(c, id)) parties.push_back(incidents::PartyJson(p));
    for (const auto& p : store::IncidentPushes(c, id)) {
      auto o = incidents::PushJson(p, now);
      o["mine"] = store::MayActOnPush(p, rec.region.path, req.Caller().user_id, scope);
      pushes.push_back(std::move(o));
    }
    for (int64_t r : store::RepeatsOf(c, id)) repeats.push_back(Link(c, scope, r));
    json::value made_case = nullptr;
    if (links.case_id)
      if (auto row = c.QueryOne("SELECT case_no FROM cases WHERE id = ?", {*links.case_id}))
        made_case = json::object{{"id", *links.case_id}, {"case_no", row->Text(0)}};
    json::value partner = nullptr;
    if (links.partner_id)
      if (auto row = c.QueryOne("SELECT name FROM partners WHERE id = ?", {*links.partner_id}))
        partner = row->Text(0);
    return json::object{
        {"parties", std::move(parties)},
        {"pushes", std::move(pushes)},
        {"repeat_of", Link(c, scope, links.repeat_of)},
        {"repeats", std::move(repeats)},
        {"case", std::move(made_case)},
        {"household_id", links.household_id ? json::value(*links.household_id) : json::value()},
        {"partner", std::move(partner)}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> RevealParties(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  auto out = co_await s.db.Write([&](store::Connection& c) -> std::optional<json::object> {
    const std::string entity_id = std::to_string(id);
    if (!sk::Load<Incident>(c, ScopeOf(req.Caller()), id)) {
      s.Audit(c, ActorOf(req), "incident", entity_id, "read_sensitive", "denied", "not_found");
      return std::nullopt;
    }
    json::array parties;
    for (const auto& row : store::IncidentParties(c, id)) {
      auto plain = store::UnsealParty(s.cipher, row);
      if (!plain) throw ApiError(ErrorKind::kConflict, "integrity", "数据校验失败 / integrity");
      parties.push_back(json::object{{"id", row.id},
                                     {"role", domain::ToString(row.role)},
                                     {"name", plain->name},
                                     {"phone", OrNull(plain->phone)}});
    }
    s.Audit(c, ActorOf(req), "incident", entity_id, "read_sensitive", "ok", "fields=parties");
    return json::object{{"id", id}, {"parties", std::move(parties)}};
  });
  if (!out) throw NotFound(kNoSuchIncident);
  co_return http::JsonResponse(200, *out);
}

asio::awaitable<http::Response> PlaceIncidentRoute(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"region_code", "version"});
  const std::string code = body.RequiredString("region_code", 20);
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  struct Placed {
    json::object body;
    std::vector<store::PushAlert> alerts;
    Incident incident;
  };
  auto placed = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    const auto rec = LoadOr404(c, scope, id);
    if (rec.meta.version != version) throw StaleVersion(kit::ToJson(rec));
    const auto grid = RegionInScope(c, scope, code, true);
    if (!rec.needs_placement)
      throw ApiError(ErrorKind::kConflict, "already_placed", "该警情已定位 / already placed");
    Placed p;
    p.alerts = store::PlaceIncident(c, id, grid, now);
    s.Audit(c, ActorOf(req), "incident", std::to_string(id), "place", "ok", "fields=region_code");
    p.incident = *sk::Load<Incident>(c, store::ScopeFilter::Within("/"), id);
    p.body = kit::ToJson(p.incident);
    return p;
  });
  store::ListTotalsChanged();
  incidents::PublishPushAlerts(s, placed.alerts, placed.incident, false, now);
  co_return http::JsonResponse(200, placed.body);
}

// ---- settings ----

json::object SettingsJson(const store::StoredIncidentSettings& st) {
  const auto& s = st.settings;
  json::array recipients;
  for (auto r : s.recipients) recipients.emplace_back(domain::ToString(r));
  return json::object{{"ack_hours", s.ack_hours},
                      {"ack_night_hours", s.ack_night_hours},
                      {"contact_hours", s.contact_hours},
                      {"contact_urgent_hours", s.contact_urgent_hours},
                      {"visit_hours", s.visit_hours},
                      {"feedback_days", s.feedback_days},
                      {"recipients", std::move(recipients)},
                      {"version", st.version}};
}

asio::awaitable<http::Response> GetSettings(Services& s, http::Request&) {
  auto body = co_await s.db.Read(
      [](store::Connection& c) { return SettingsJson(store::LoadStoredIncidentSettings(c)); });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> PutSettings(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(
      req.raw.body(), {"ack_hours", "ack_night_hours", "contact_hours", "contact_urgent_hours",
                       "visit_hours", "feedback_days", "recipients", "version"});
  domain::IncidentSettings next;
  const auto hours = [&](std::string_view f, int& v) {
    v = static_cast<int>(body.RequiredInt(f, 1, 720));
  };
  hours("ack_hours", next.ack_hours);
  hours("ack_night_hours", next.ack_night_hours);
  hours("contact_hours", next.contact_hours);
  hours("contact_urgent_hours", next.contact_urgent_hours);
  hours("visit_hours", next.visit_hours);
  hours("feedback_days", next.feedback_days);
  next.recipients.clear();
  for (const auto& code :
       body.OptStringArray("recipients", 3, 40).value_or(std::vector<std::string>{})) {
    auto r = domain::ParsePushRecipient(code);
    if (!r) throw Invalid("recipients", "未知的推送对象 / unknown recipient");
    next.recipients.push_back(*r);
  }
  if (auto problem = domain::CheckIncidentSettings(next))
    throw Invalid(problem->field, problem->message);
  const int64_t version = body.RequiredInt("version", 0, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const auto stored = store::LoadStoredIncidentSettings(c);
    if (stored.version != version) throw StaleVersion(SettingsJson(stored));
    if (!store::SaveIncidentSettings(c, next, version, now))
      throw StaleVersion(SettingsJson(store::LoadStoredIncidentSettings(c)));
    s.Audit(c, ActorOf(req), "incident_settings", "1", "update");
    return SettingsJson(store::LoadStoredIncidentSettings(c));
  });
  co_return http::JsonResponse(200, answer);
}

}  // namespace

void AddIncidentWorkRoutes(AreaRoutes& area, Services& s);
void AddIncidentImportRoutes(AreaRoutes& area);

void AddIncidentRoutes(http::Router& router, Services& s) {
  kit::AddRecordRoutes<Incident>(router, s,
                                 {.path = "/api/v1/incidents",
                                  .tag = "incident",
                                  .read_permission = "incident.read",
                                  .write_permission = "incident.write",
                                  .reveal_permission = "incident.reveal",
                                  .noun = "police incident",
                                  .not_found = kNoSuchIncident,
                                  .create = false});
  AreaRoutes area(router, s, "/api/v1/incidents", "incident");
  area.Add(verb::post, "", "incident.write",
           "Enter a police incident by hand (for stations without the interface); its three "
           "pushes go out at once",
           EnterIncident,
           {.body_schema = incidents::IncidentBodySchema(true),
            .response_schema = kit::ResponseSchema<Incident>(),
            .success_status = 201});
  area.Add(verb::get, "/{id}/work", "incident.read",
           "An incident's parties (masked), its three pushes and its links (repeats, case)",
           IncidentWork,
           {.response_schema = schema::Object({{"parties", "object[]"},
                                               {"pushes", "object[]"},
                                               {"repeat_of", "object?"},
                                               {"repeats", "object[]"},
                                               {"case", "object?"},
                                               {"household_id", "integer?"},
                                               {"partner", "string?"}},
                                              {"parties", "pushes", "repeats"})});
  area.Add(verb::get, "/{id}/parties/sensitive", "incident.reveal",
           "The parties' full names and phones (audited)", RevealParties,
           {.response_schema = schema::Shape("id:integer parties:object[]", "id parties")});
  area.Add(
      verb::post, "/{id}/place", "incident.write",
      "Place an incident its address could not place, in a grid of my area", PlaceIncidentRoute,
      {.body_schema = schema::Shape("region_code:string version:integer", "region_code version"),
       .response_schema = kit::ResponseSchema<Incident>()});
  AddIncidentWorkRoutes(area, s);
  AddIncidentImportRoutes(area);
  AreaRoutes settings(router, s, "/api/v1/incident-settings", "incident");
  const auto shape = schema::Shape(
      "ack_hours:integer ack_night_hours:integer contact_hours:integer "
      "contact_urgent_hours:integer visit_hours:integer feedback_days:integer recipients:string[] "
      "version:integer",
      "ack_hours ack_night_hours contact_hours contact_urgent_hours visit_hours feedback_days "
      "recipients version");
  settings.Add(verb::get, "", "incident.read", "The city's time limits and recipients of pushes",
               GetSettings, {.response_schema = shape});
  settings.Add(verb::put, "", "incident.settings",
               "Change the time limits and recipients of pushes (send the version you read)",
               PutSettings, {.body_schema = shape, .response_schema = shape});
}

}  // namespace hejia::api
