// Visits (走访, issue 12): the record kit's routes for reading, correcting and retiring a visit;
// the recording of one (api/visit_recording.hpp) and of a phone's batch, each visit alone — a
// visit the batch cannot take is answered with its error and the others are kept; a referral's
// answer; and the five must-visits' due list, where a grid sister sees the house numbers of her
// own grid (that read audited).
#include <boost/asio/awaitable.hpp>

#include "api/people_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "api/visit_recording.hpp"
#include "domain/volunteer.hpp"
#include "store/care_repo.hpp"
#include "store/region_names.hpp"
#include "store/region_repo.hpp"
#include "store/savepoint.hpp"
#include "store/settings_repo.hpp"
#include "store/visit_due.hpp"
#include "store/visits_table.hpp"

namespace hejia::api {

namespace {

namespace sk = store::kit;
using domain::Visit;

constexpr const char* kNoSuchVisit = "走访记录不存在 / no such visit";
constexpr std::size_t kBatchMax = 200, kVolunteersMax = 20;
// 200 visits with findings, a problem and their people written out in full.
constexpr std::size_t kBatchBytes = 4 << 20;

const kit::RecordRoutes kVisitRoutes{.path = "/api/v1/visits",
                                     .tag = "visit",
                                     .read_permission = "visit.read",
                                     .write_permission = "visit.write",
                                     .reveal_permission = "visit.reveal",
                                     .noun = "visit",
                                     .not_found = kNoSuchVisit,
                                     .create = false,
                                     .show_more = AddVisitSides,
                                     .show_more_schema = VisitSidesSchema()};

struct Recorded {
  json::object visit;
  bool replayed = false;
};

/// POST /visits: records a visit to a household of my area.
asio::awaitable<http::Response> CreateVisit(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), VisitBodyFields());
  auto out = co_await s.db.Write([&](store::Connection& c) -> Recorded {
    const auto recorder = VisitRecorder::For(s, req, c);
    const auto done = RecordVisit(recorder, c, body);
    if (!done.replayed)
      s.Audit(c, ActorOf(req), "visit", std::to_string(done.id), "create", "ok", done.audit_detail);
    const auto scope = done.replayed ? store::ScopeFilter::Within("/") : recorder.scope;
    return {VisitJson(c, Reloaded(sk::Load<Visit>(c, scope, done.id))), done.replayed};
  });
  if (!out.replayed) store::ListTotalsChanged();  // after the commit: no list shows old totals
  out.visit["replayed"] = out.replayed;
  co_return http::JsonResponse(out.replayed ? 200 : 201, out.visit);
}

/// POST /visits/batch: a phone's outbox in one request. Each visit is recorded alone (a savepoint
/// each): one the server refuses is answered with its error, and the others are kept. A retried
/// batch finds the visits it already made by their client ids. One audit entry names them all.
asio::awaitable<http::Response> CreateBatch(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"visits"});
  const auto it = body.object().find("visits");
  if (it == body.object().end() || !it->value().is_array() || it->value().as_array().empty() ||
      it->value().as_array().size() > kBatchMax)
    throw Invalid("visits", "应为 1 至 200 次走访 / 1 to 200 visits");
  const auto& items = it->value().as_array();
  for (const auto& item : items)
    if (!item.is_object() || !item.as_object().contains("client_id"))
      throw Invalid("visits",
                    "每次走访须有对象和 client_id / each visit is an object with a client_id");
  auto out = co_await s.db.Write([&](store::Connection& c) {
    const auto recorder = VisitRecorder::For(s, req, c);
    json::array results;
    int64_t created = 0, replayed = 0, failed = 0;
    std::string made;  // the visits made, for the batch's one audit entry
    for (const auto& item : items) {
      const auto& o = item.as_object();
      json::object result{{"client_id", o.at("client_id")}};
      try {
        const auto done = store::InSavepoint(c, [&] {
          return RecordVisit(recorder, c, http::JsonBody::FromObject(o, VisitBodyFields()));
        });
        result["status"] = done.replayed ? "replayed" : "created";
        result["id"] = done.id;
        if (!done.replayed) made += (made.empty() ? "" : ",") + std::to_string(done.id);
        ++(done.replayed ? replayed : created);
      } catch (const ApiError& e) {
        result["status"] = "error";
        result["error"] =
            json::object{{"code", e.code()}, {"message", e.message()}, {"field", e.field()}};
        ++failed;
      }
      results.push_back(std::move(result));
    }
    // One entry for the batch names every visit it made (the cases opened have their own).
    s.Audit(c, ActorOf(req), "visit", "batch", "batch", "ok",
            "created=" + std::to_string(created) + ";replayed=" + std::to_string(replayed) +
                ";failed=" + std::to_string(failed) + ";ids=" + made);
    return json::object{{"results", std::move(results)},
                        {"created", created},
                        {"replayed", replayed},
                        {"failed", failed}};
  });
  if (out.at("created").as_int64() > 0) store::ListTotalsChanged();
  co_return http::JsonResponse(200, out);
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

// ---- the five must-visits' situations (a setting) ----

json::object SituationsJson(const std::vector<domain::MustVisitSituation>& list) {
  json::array items;
  for (const auto& x : list)
    items.push_back(
        json::object{{"code", x.code}, {"label_zh", x.label_zh}, {"label_en", x.label_en}});
  return json::object{{"situations", std::move(items)}};
}

asio::awaitable<http::Response> GetVisitSettings(Services& s, http::Request&) {
  auto body = co_await s.db.Read(
      [](store::Connection& c) { return SituationsJson(store::LoadMustVisitSituations(c)); });
  co_return http::JsonResponse(200, body);
}

/// PUT /visit-settings {situations: [{code, label_zh, label_en}]}: the situations a household
/// must be visited in. A code taken out no longer puts a household on the due list; the visits
/// that named it keep it.
asio::awaitable<http::Response> PutVisitSettings(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"situations"});
  const auto it = body.object().find("situations");
  const auto bad = [] {
    return Invalid("situations",
                   "应为情形列表 [{code, label_zh, label_en}] / must be a list of "
                   "{code, label_zh, label_en}");
  };
  if (it == body.object().end() || !it->value().is_array()) throw bad();
  std::vector<domain::MustVisitSituation> next;
  for (const auto& x : it->value().as_array()) {
    if (!x.is_object()) throw bad();
    static constexpr std::array<std::string_view, 3> kFields{"code", "label_zh", "label_en"};
    const auto item = http::JsonBody::FromObject(x.as_object(), kFields);
    next.push_back(
        {http::TrimSpaces(item.OptString("code", domain::kSituationCodeMax).value_or("")),
         item.OptString("label_zh", domain::kSituationLabelMax).value_or(""),
         item.OptString("label_en", domain::kSituationLabelMax).value_or("")});
  }
  if (auto p = domain::CheckSituations(next)) throw Invalid(p->field, p->message);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    store::SaveMustVisitSituations(c, next, now, req.Caller().user_id);
    std::string codes;
    for (const auto& x : next) codes += (codes.empty() ? "" : ",") + x.code;
    s.Audit(c, ActorOf(req), "visit_settings", "1", "update", "ok", "situations=" + codes);
    return SituationsJson(store::LoadMustVisitSituations(c));
  });
  co_return http::JsonResponse(200, answer);
}

/// The grid a grid sister walks: her own region, when it is a grid; empty for anyone else.
std::string OwnGridPath(store::Connection& c, const http::Principal& caller) {
  if (caller.role != domain::Role::kGridSister) return {};
  auto region = store::FindRegion(c, std::string_view(caller.region_code));
  return region && region->level == domain::RegionLevel::kGrid ? region->path : std::string();
}

/// GET /visits/due: the five must-visits' due list of my area (a grid sister's: her grid), the
/// most overdue first.
asio::awaitable<http::Response> DueList(Services& s, http::Request& req) {
  const http::PageRequest page = http::ParsePage(req, {"due_at"}, "due_at");
  const auto region = http::QueryText(req, "region", 20);
  const bool overdue_only = http::QueryText(req, "overdue", 5).value_or("0") == "1";
  const int64_t now = s.clock.NowMillis();
  std::vector<int64_t> revealed;
  auto body =
      co_await ReadInScope(s, req, region, [&](store::Connection& c, const ScopeFilter& scope) {
        auto due = store::MustVisitsDue(c, scope, now);
        if (overdue_only) std::erase_if(due, [&](const auto& d) { return d.due_at >= now; });
        // Only the situations the federation set put a household on the list.
        const auto set = store::LoadMustVisitSituations(c);
        for (auto& d : due)
          std::erase_if(d.situations, [&](const std::string& code) {
            return std::ranges::none_of(set, [&](const auto& x) { return x.code == code; });
          });
        std::erase_if(due, [](const auto& d) { return d.situations.empty(); });
        const auto names = s.region_names->Names(c);
        const auto first = std::min<size_t>(due.size(), page.Offset());
        const auto last = std::min<size_t>(due.size(), first + page.page_size);
        // A grid sister walks to the households of her own grid: she sees their house numbers.
        std::map<int64_t, std::string> addresses;
        if (const auto grid = OwnGridPath(c, req.Caller()); !grid.empty()) {
          std::vector<int64_t> ids;
          for (size_t i = first; i < last; ++i) ids.push_back(due[i].household_id);
          addresses = store::GridHouseAddresses(c, s.cipher, grid, ids);
        }
        json::array items;
        for (size_t i = first; i < last; ++i) {
          const auto& d = due[i];
          json::array situations;
          for (const auto& code : d.situations) situations.emplace_back(code);
          const auto address = addresses.find(d.household_id);
          if (address != addresses.end()) revealed.push_back(d.household_id);
          items.push_back(json::object{
              {"household_id", d.household_id},
              {"region_path", d.grid_path},
              {"household",
               json::object{{"id", d.household_id},
                            {"head_name", d.head_name},
                            {"address", d.address_mask},
                            {"grid", json::object{{"code", d.grid_code},
                                                  {"name", names.NameOf(c, d.grid_code)}}}}},
              {"address",
               address != addresses.end() ? json::value(address->second) : json::value(nullptr)},
              {"situations", std::move(situations)},
              {"last_visit_at", d.last_visit_at ? json::value(FormatBeijing(d.last_visit_at))
                                                : json::value(nullptr)},
              {"due_at", FormatBeijing(d.due_at)},
              {"overdue", d.due_at < now}});
        }
        return http::PageBody(std::move(items), page, static_cast<int64_t>(due.size()));
      });
  if (!revealed.empty()) {
    // The house numbers leave only once their read is in the audit trail.
    std::string ids;
    for (int64_t id : revealed) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    co_await s.db.Write([&](store::Connection& c) {
      s.Audit(c, ActorOf(req), "household", ids, "reveal_address", "ok", "visits_due");
    });
  }
  co_return http::JsonResponse(200, body);
}

json::value DueSchema() {
  return schema::Shape(
      "household_id:integer region_path household:object address:string? situations:string[] "
      "last_visit_at:string? due_at:string overdue:boolean",
      "household_id region_path household address situations last_visit_at due_at overdue");
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
  json::array gifts;
  for (auto g : domain::kCareGifts) gifts.emplace_back(g);
  props["people"] = json::object{
      {"type", "array"},
      {"maxItems", domain::kCarePeopleMax},
      {"description", "the household's people met (required for a care visit) and what was given"},
      {"items",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{{"person_id", json::object{{"type", "integer"}, {"minimum", 1}}},
                         {"given", json::object{{"type", "array"},
                                                {"items", json::object{{"type", "string"},
                                                                       {"enum", gifts}}}}}}},
           {"required", json::array{"person_id"}},
           {"additionalProperties", false}}}};
  props["team_id"] =
      json::object{{"type", "integer"},
                   {"minimum", 1},
                   {"description", "the team the visit was made for (of my area, or my own team)"}};
  props["whole_team"] = json::object{
      {"type", "boolean"},
      {"description", "every active member of the team went and is credited the minutes"}};
  auto& required = body.as_object()["required"].as_array();
  required.emplace_back("household_id");
  return body;
}

json::value RecordedSchema() {
  json::value shape = kit::ResponseSchema<Visit>();
  auto& props = shape.as_object()["properties"].as_object();
  for (const auto& [name, schema] : VisitSidesSchema()) props[name] = schema;
  props["replayed"] = json::object{{"type", "boolean"}};
  auto& required = shape.as_object()["required"].as_array();
  for (const char* k : {"visitor_user_ids", "volunteers", "people", "replayed"})
    required.emplace_back(k);
  return shape;
}

json::value BatchBody() {
  json::value item = CreateBody();
  item.as_object()["required"].as_array().emplace_back("client_id");
  return json::object{{"type", "object"},
                      {"properties", json::object{{"visits", json::object{{"type", "array"},
                                                                          {"minItems", 1},
                                                                          {"maxItems", kBatchMax},
                                                                          {"items", item}}}}},
                      {"required", json::array{"visits"}},
                      {"additionalProperties", false}};
}

json::value BatchSchema() {
  json::value result =
      schema::Shape("client_id:string status:string id:integer error:object", "client_id status");
  return json::object{
      {"type", "object"},
      {"properties", json::object{{"results", json::object{{"type", "array"}, {"items", result}}},
                                  {"created", json::object{{"type", "integer"}}},
                                  {"replayed", json::object{{"type", "integer"}}},
                                  {"failed", json::object{{"type", "integer"}}}}},
      {"required", json::array{"results", "created", "replayed", "failed"}},
      {"additionalProperties", false}};
}

json::value VisitSettingsSchema() {
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{
           {"situations", json::object{{"type", "array"},
                                       {"minItems", 1},
                                       {"maxItems", domain::kSituationsCountMax},
                                       {"items", schema::Shape("code label_zh label_en",
                                                               "code label_zh label_en")}}}}},
      {"required", json::array{"situations"}},
      {"additionalProperties", false}};
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
  area.Add(
      verb::post, "/batch", kVisitRoutes.write_permission,
      "Record a phone's visits in one request: each alone, idempotent by client_id", CreateBatch,
      {.body_schema = BatchBody(), .response_schema = BatchSchema(), .body_limit = kBatchBytes});
  area.Add(verb::get, "/due", kVisitRoutes.read_permission,
           "The five must-visits due in my area (a grid sister's: her grid, with its house "
           "numbers, audited), most overdue first",
           DueList,
           {.query = {kRegionQuery, Flag("overdue", "only the overdue")},
            .response_schema = DueSchema(),
            .paged = true});
  AreaRoutes settings(router, s, "/api/v1/visit-settings", "visit");
  settings.Add(verb::get, "", kVisitRoutes.read_permission,
               "The five must-visits' situations (a setting; the article's five by default)",
               GetVisitSettings, {.response_schema = VisitSettingsSchema()});
  settings.Add(verb::put, "", "volunteer.settings",
               "Set the five must-visits' situations: codes and labels, 1 to 12 (audited)",
               PutVisitSettings,
               {.body_schema = VisitSettingsSchema(), .response_schema = VisitSettingsSchema()});
  area.Add(verb::post, "/{id}/referral-answer", kVisitRoutes.write_permission,
           "The receiver of a visit's referral answered: it is closed", AnswerReferral,
           {.response_schema = kit::ResponseSchema<Visit>()});
}

}  // namespace hejia::api
