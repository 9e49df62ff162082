// Help requests and mediation cases (docs/design/cases.md): staff intake, the list, the detail,
// edits, transitions of the state machine, the handling staff member, supervision marks, the
// settings and the live assignment stream. Events, parties, protection and sessions live in
// case_work_api.cpp; both are registered from AddCaseRoutes.
#include <algorithm>
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/case_common.hpp"
#include "api/case_stream.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "domain/categories.hpp"
#include "domain/recusal.hpp"
#include "domain/region.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace asio = boost::asio;
namespace json = boost::json;
using http::bhttp::verb;

// ---- shared with case_work_api.cpp ----
namespace cases {

int64_t PathId(const http::Request& req, std::string_view name) {
  const std::string& text = req.Param(name);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound();
  return std::stoll(text);
}

store::CaseRecord LoadOr404(store::Connection& c, const ScopeFilter& scope, int64_t id) {
  auto rec = store::LoadCase(c, scope, id);
  if (!rec) throw NotFound("案件不存在 / no such case");
  return std::move(*rec);
}

ApiError Stale(json::object current) {
  return ApiError(ErrorKind::kConflict, "conflict",
                  "记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry",
                  "version")
      .WithDetails(json::object{{"current", std::move(current)}});
}

ApiError IntegrityFailed() {
  return ApiError(ErrorKind::kUnprocessable, "integrity_failed",
                  "加密数据校验失败，已记录，请联系安全管理员 / stored data failed its integrity "
                  "check; this was recorded, contact the security administrator");
}

json::object Detail(store::Connection& c, const Services& s, const store::CaseRecord& rec) {
  auto detail = store::CaseDetailJson(c, s.cipher, rec, s.clock.NowMillis());
  if (!detail) throw IntegrityFailed();
  return std::move(*detail);
}

bool InScopeOrAbove(const http::Principal& caller, std::string_view path) {
  if (caller.region_path.empty() || path.empty()) return false;
  return ScopeOf(caller).Contains(path) || domain::PathWithin(caller.region_path, path);
}

std::optional<int64_t> OptTime(const json::object& body, std::string_view field) {
  const auto* v = body.if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string())
    throw Invalid(std::string(field), "应为时间文本 / must be an ISO 8601 time string");
  auto ms = ParseIsoTime(std::string_view(v->as_string()));
  if (!ms)
    throw Invalid(std::string(field),
                  "时间格式应为 2026-11-28T21:30:00+08:00 / must be an ISO 8601 time with offset");
  return ms;
}

namespace {
std::vector<std::string> SplitStatuses(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string code = http::TrimSpaces(std::string_view(text).substr(start, comma - start));
    if (!code.empty()) {
      if (!domain::ParseCaseStatus(code)) throw Invalid("status", "未知的状态 / unknown status");
      out.push_back(code);
    }
    start = comma + 1;
  }
  return out;
}
}  // namespace

ListQuery ParseListQuery(const http::Request& req) {
  ListQuery out;
  store::CaseFilter& f = out.filter;
  if (auto st = http::QueryText(req, "status", 300)) f.statuses = SplitStatuses(*st);
  if (auto cat = http::QueryText(req, "category", 40)) {
    if (!domain::IsCategory(*cat)) throw Invalid("category", "未知的纠纷类型 / unknown category");
    f.category = *cat;
  }
  if (auto level = http::QueryText(req, "level", 20)) {
    if (!domain::ParseCaseLevel(*level))
      throw Invalid("level", "应为 village、town 或 city / must be village, town or city");
    f.level = *level;
  }
  f.overdue = http::QueryInt(req, "overdue", 0, 1).value_or(0) == 1;
  if (auto sup = http::QueryText(req, "supervision", 10)) {
    if (*sup != "yellow" && *sup != "red" && *sup != "any")
      throw Invalid("supervision", "应为 yellow、red 或 any / must be yellow, red or any");
    f.supervision = *sup;
  }
  f.night_clinic = http::QueryInt(req, "night_clinic", 0, 1).value_or(0) == 1;
  if (http::QueryInt(req, "assigned_to_me", 0, 1).value_or(0) == 1)
    f.assigned_to = req.Caller().user_id;
  f.text = http::QueryText(req, "q", 50).value_or("");
  out.region = http::QueryText(req, "region", 20);
  return out;
}

std::vector<http::QueryParam> ListQueryParams() {
  return {{"status", "string", "comma-separated statuses"},
          {"category", "string", "dispute category"},
          {"level", "string", "village | town | city"},
          {"region", "string", "a region code inside my area"},
          {"overdue", "integer", "1: a time limit has passed"},
          {"supervision", "string", "yellow | red | any"},
          {"night_clinic", "integer", "1: taken in by the night clinic"},
          {"assigned_to_me", "integer", "1: I handle it or mediate it"},
          {"q", "string", "case number or title contains"}};
}

namespace {
json::object Prop(std::string_view type, bool nullable = false) {
  json::object o{{"type", type}};
  if (nullable) o["nullable"] = true;
  return o;
}
}  // namespace

json::value PartySchema() {
  return json::object{{"type", "object"},
                      {"properties", json::object{{"id", Prop("integer")},
                                                  {"role", Prop("string")},
                                                  {"name", Prop("string")},
                                                  {"gender", Prop("string", true)},
                                                  {"phone", Prop("string", true)},
                                                  {"id_number", Prop("string", true)},
                                                  {"address", Prop("string", true)},
                                                  {"relation", Prop("string")},
                                                  {"person_id", Prop("integer", true)},
                                                  {"household_id", Prop("integer", true)}}}};
}

json::value SessionSchema() {
  return json::object{{"type", "object"},
                      {"properties", json::object{{"id", Prop("integer")},
                                                  {"case_id", Prop("integer")},
                                                  {"room", Prop("object", true)},
                                                  {"online", Prop("boolean")},
                                                  {"starts_at", Prop("string")},
                                                  {"ends_at", Prop("string")},
                                                  {"mediator", Prop("object", true)},
                                                  {"status", Prop("string")},
                                                  {"has_summary", Prop("boolean")},
                                                  {"summary", Prop("string", true)},
                                                  {"version", Prop("integer")}}}};
}

json::value ProtectionSchema() {
  return json::object{{"type", "object"},
                      {"nullable", true},  // no protection track
                      {"properties", json::object{{"police_reported_at", Prop("string", true)},
                                                  {"police_ref", Prop("string")},
                                                  {"warning_letter_no", Prop("string")},
                                                  {"order_applied_at", Prop("string", true)},
                                                  {"order_urgent", Prop("boolean")},
                                                  {"order_due_at", Prop("string", true)},
                                                  {"order_court", Prop("string")},
                                                  {"order_decided_at", Prop("string", true)},
                                                  {"order_result", Prop("string", true)},
                                                  {"order_valid_until", Prop("string", true)},
                                                  {"updated_at", Prop("string")}}}};
}

json::value EventSchema() {
  return json::object{{"type", "object"},
                      {"properties", json::object{{"id", Prop("integer")},
                                                  {"at", Prop("string")},
                                                  {"actor", Prop("object", true)},
                                                  {"kind", Prop("string")},
                                                  {"from_status", Prop("string", true)},
                                                  {"to_status", Prop("string", true)},
                                                  {"text", Prop("string", true)},
                                                  {"shared", Prop("boolean")},
                                                  {"data", Prop("object", true)}}}};
}

json::value CaseSchema() {
  json::object props{
      {"id", Prop("integer")},
      {"case_no", Prop("string")},
      {"channel", Prop("string")},
      {"category", Prop("string")},
      {"severity", Prop("string")},
      {"status", Prop("string")},
      {"level", Prop("string")},
      {"region_code", Prop("string")},
      {"region_name", Prop("string")},
      {"night_clinic", Prop("boolean")},
      {"supervision", Prop("string", true)},
      {"assignee", Prop("object", true)},
      {"mediator", Prop("object", true)},
      {"title", Prop("string")},
      {"applicant_name", Prop("string", true)},
      {"due_first_contact_at", Prop("string", true)},
      {"overdue", Prop("boolean")},
      {"created_at", Prop("string")},
      {"updated_at", Prop("string")},
      {"version", Prop("integer")},
      {"facts", Prop("string")},
      {"wish", Prop("string")},
      {"safe_contact", Prop("string")},
      {"parties", json::object{{"type", "array"}, {"items", PartySchema()}}},
      {"protection", ProtectionSchema()},
      {"allowed_actions", json::object{{"type", "array"}, {"items", Prop("string")}}},
      {"timers", Prop("object")},
      {"sessions", json::object{{"type", "array"}, {"items", SessionSchema()}}}};
  return json::object{{"type", "object"}, {"properties", std::move(props)}};
}

}  // namespace cases

namespace {

using cases::IntegrityFailed;
using cases::LoadOr404;
using cases::PathId;
using cases::Stale;

// Channels staff record an intake under; the portal and the police push have their own doors.
constexpr std::string_view kStaffChannels[] = {"hotline", "walk_in", "consultation", "odr_platform",
                                               "grid_report"};

bool IsStaffChannel(std::string_view c) {
  for (auto x : kStaffChannels)
    if (x == c) return true;
  return false;
}

// A party object of the intake body, strictly: its own unknown fields and types are refused
// naming "parties[i].<field>".
store::PartyInput ReadParty(const json::value& item, const std::string& at) {
  if (!item.is_object()) throw Invalid(at, "应为对象 / must be an object");
  try {
    auto pb = http::JsonBody::Parse(
        json::serialize(item),
        {"role", "name", "gender", "phone", "id_number", "address", "relation", "person_id"});
    store::PartyInput p;
    p.role = pb.OptString("role", 20).value_or("");
    p.name = pb.OptString("name", 64).value_or("");
    p.gender = pb.OptString("gender", 10).value_or("");
    p.phone = pb.OptString("phone", 32).value_or("");
    p.id_number = pb.OptString("id_number", 32).value_or("");
    p.address = pb.OptString("address", 400).value_or("");
    p.relation = pb.OptString("relation", 40).value_or("");
    p.person_id = pb.OptInt("person_id", 1, INT64_MAX);
    store::NormaliseParty(p, at + ".");
    return p;
  } catch (const ApiError& e) {
    if (e.field().rfind(at, 0) == 0) throw;
    throw ApiError(e.kind(), e.code(), e.message(), e.field().empty() ? at : at + "." + e.field());
  }
}

std::vector<store::PartyInput> ReadParties(const json::object& body) {
  const auto* v = body.if_contains("parties");
  if (!v || !v->is_array() || v->as_array().empty())
    throw Invalid("parties", "请填写当事人 / give the parties");
  if (v->as_array().size() > 20) throw Invalid("parties", "当事人最多 20 人 / at most 20 parties");
  std::vector<store::PartyInput> out;
  for (size_t i = 0; i < v->as_array().size(); ++i)
    out.push_back(ReadParty(v->as_array()[i], "parties[" + std::to_string(i) + "]"));
  return out;
}

void RequirePersonInScope(store::Connection& c, const ScopeFilter& scope, int64_t person_id,
                          const std::string& field) {
  auto row = c.QueryOne("SELECT region_path FROM people WHERE id = ?", {person_id});
  if (!row || !scope.Contains(row->Text(0)))
    throw people::NotFoundField(field, "人员不存在 / no such person");
}

ApiError PossibleDuplicateCases(const std::vector<store::DuplicateCase>& matches,
                                const ScopeFilter& scope) {
  json::array shown;
  for (const auto& m : matches)
    if (scope.Contains(m.region_path))
      shown.push_back(json::object{{"id", m.id}, {"case_no", m.case_no}, {"status", m.status}});
  const bool elsewhere = shown.size() < matches.size();
  return ApiError(ErrorKind::kConflict, "possible_duplicate",
                  "当事人可能已有未结案件，请核对；确认后可加 confirm_duplicate: true 重新提交 / "
                  "a party may already have an open case: check the matches, or resubmit with "
                  "confirm_duplicate: true")
      .WithDetails(json::object{{"matches", std::move(shown)}, {"elsewhere", elsewhere}});
}

json::array DuplicatesJson(store::Connection& c, const std::vector<int64_t>& ids,
                           const ScopeFilter& scope) {
  json::array out;
  for (int64_t id : ids)
    if (auto d = store::LoadCase(c, scope, id))
      out.push_back(json::object{{"id", d->id}, {"case_no", d->case_no}, {"status", d->status}});
  return out;
}

// ---- intake ----

asio::awaitable<http::Response> CreateCaseRoute(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"channel", "category", "severity", "title", "facts", "wish", "safe_contact",
                       "disclose_identity", "home_code", "external_ref", "consultation_id",
                       "parties", "confirm_duplicate"});
  const auto& caller = req.Caller();
  store::CaseIntake in;
  in.channel = body.RequiredString("channel", 20);
  if (!IsStaffChannel(in.channel))
    throw Invalid("channel",
                  "应为 hotline、walk_in、consultation、odr_platform 或 grid_report / must be "
                  "hotline, walk_in, consultation, odr_platform or grid_report");
  if (caller.role == domain::Role::kGridSister && in.channel != "grid_report")
    throw Invalid("channel",
                  "格姐以走访上报（grid_report）登记 / grid sisters report with "
                  "channel grid_report");
  in.category = body.RequiredString("category", 40);
  in.severity = body.OptString("severity", 20).value_or("normal");
  in.title = body.OptString("title", store::kMaxCaseTitle).value_or("");
  in.facts = body.RequiredString("facts", store::kMaxCaseFacts);
  in.wish = body.OptString("wish", store::kMaxCaseWish).value_or("");
  in.safe_contact = body.OptString("safe_contact", store::kMaxCaseSafeContact).value_or("");
  in.disclose_identity = body.OptBool("disclose_identity").value_or(false);
  const std::string home_code = body.RequiredString("home_code", 20);
  in.external_ref = body.OptString("external_ref", 64).value_or("");
  if (in.channel == "odr_platform" && in.external_ref.empty())
    throw Invalid("external_ref",
                  "请填写省平台的解纷码 / the provincial platform's case code is required");
  in.consultation_id = body.OptInt("consultation_id", 1, INT64_MAX);
  in.parties = ReadParties(body.object());
  in.created_by = caller.user_id;
  const bool confirm = body.OptBool("confirm_duplicate").value_or(false);

  std::vector<std::string> phones, ids;
  for (const auto& p : in.parties) {
    if (!p.phone.empty()) phones.push_back(store::PhoneIndex(s.cipher, p.phone));
    if (!p.id_number.empty()) ids.push_back(store::IdNumberIndex(s.cipher, p.id_number));
  }
  const ScopeFilter scope = ScopeOf(caller);
  const int64_t now = s.clock.NowMillis();
  store::CreatedCase created;
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
    if (!matches.empty() && !confirm) throw PossibleDuplicateCases(matches, scope);
    created = store::CreateCase(c, s.cipher, store::LoadCaseSettings(c), in, now);
    std::string detail = "channel=" + in.channel + ";parties=" + std::to_string(in.parties.size());
    if (!matches.empty()) detail += ";duplicate_confirmed";
    if (created.night_clinic) detail += ";night_clinic";
    if (created.assignee_id) detail += ";assigned=" + std::to_string(*created.assignee_id);
    s.Audit(c, ActorOf(req), "case", std::to_string(created.id), "create", "ok", detail);
    auto rec = store::LoadCaseAnywhere(c, created.id);
    json::object out = cases::Detail(c, s, *rec);
    out["possible_duplicates"] = DuplicatesJson(c, created.possible_duplicates, scope);
    // Shown once, so staff can hand it to the applicant for the portal.
    out["tracking_code"] = created.tracking_code;
    return out;
  };
  json::object result;
  try {
    result = co_await s.db.Write([&](store::Connection& c) -> json::object { return job(c); });
  } catch (const ApiError& e) {
    if (e.code() == "possible_duplicate" && e.details().is_object())
      if (const auto* f = e.details().as_object().if_contains("elsewhere"))
        elsewhere = f->is_bool() && f->as_bool();
    failure = std::current_exception();
  }
  if (failure) {
    // Telling that a party has a case in another area is itself an answer about that area.
    if (elsewhere)
      co_await s.db.Write([&](store::Connection& c) {
        s.Audit(c, ActorOf(req), "case", "", "create", "denied", "possible_duplicate_elsewhere");
      });
    std::rethrow_exception(failure);
  }
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
    const ScopeFilter scope = people::RequestScope(c, req.Caller(), region);
    auto result = store::ListCases(c, scope, f, sort, spec, now);
    return json::serialize(http::PageBody(std::move(result.items), page, result.total));
  });
  co_return people::JsonText(std::move(text));
}

asio::awaitable<http::Response> GetCaseRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
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
    out.detail = store::CaseDetailJson(c, s.cipher, *rec, now);
    const std::string entity_id = std::to_string(id);
    if (out.detail)
      s.Audit(c, ActorOf(req), "case", entity_id, "read", "ok");
    else
      s.Audit(c, ActorOf(req), "case", entity_id, "read", "failed", "integrity");
    return out;
  });
  if (!found.exists) throw NotFound("案件不存在 / no such case");
  if (!found.detail) throw IntegrityFailed();
  co_return http::JsonResponse(200, *found.detail);
}

// ---- edits ----

// A new category or severity that the routing rules send to a higher level moves an open case up
// to that level's unit on the applicant's path (never down: a case escalated, or sent higher on
// purpose, stays). Adds the move to `update`; returns the timeline data of the move, if any.
std::optional<json::object> Reroute(store::Connection& c, const store::CaseRecord& rec,
                                    std::string_view category, std::string_view severity,
                                    store::CaseUpdate& update) {
  const auto status = domain::ParseCaseStatus(rec.status);
  const auto current = domain::ParseCaseLevel(rec.level);
  if (!status || domain::IsFinal(*status) || !current) return std::nullopt;
  const domain::CaseLevel wanted =
      domain::RouteLevel(store::LoadCaseSettings(c), category, severity);
  if (wanted <= *current) return std::nullopt;
  std::string path = rec.region_path;
  if (!rec.home_code.empty())
    if (auto home = store::FindRegion(c, std::string_view(rec.home_code))) path = home->path;
  auto region = store::MoveCaseToLevel(c, rec, wanted, path, update);
  if (!region) return std::nullopt;
  return json::object{{"from_level", rec.level},
                      {"to_level", domain::ToString(wanted)},
                      {"from_region", rec.region_code},
                      {"region_code", region->code}};
}

asio::awaitable<http::Response> PatchCaseRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), {"version", "title", "category", "severity",
                                                     "facts", "wish", "safe_contact"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const auto title = body.OptString("title", store::kMaxCaseTitle);
  const auto category = body.OptString("category", 40);
  const auto severity = body.OptString("severity", 20);
  const auto facts = body.OptString("facts", store::kMaxCaseFacts);
  const auto wish = body.OptString("wish", store::kMaxCaseWish);
  const auto safe_contact = body.OptString("safe_contact", store::kMaxCaseSafeContact);
  if (category && !domain::IsCategory(*category))
    throw Invalid("category", "未知的纠纷类型 / unknown category");
  if (severity && !domain::IsSeverity(*severity))
    throw Invalid("severity", "应为 normal、serious 或 critical / unknown severity");
  if (facts && facts->empty()) throw Invalid("facts", "请填写事实经过 / facts are required");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  // Who is told live that the case moved up: the new unit's on-duty person, if any (as for an
  // escalation).
  std::optional<int64_t> notify;
  json::object alert;
  auto job = [&](store::Connection& c) -> json::object {
    notify.reset();
    auto rec = LoadOr404(c, scope, id);
    if (rec.version != version) throw Stale(cases::Detail(c, s, rec));
    auto texts = store::DecryptCaseTexts(s.cipher, rec);
    if (!texts) throw IntegrityFailed();
    store::CaseUpdate update;
    json::array fields;
    auto text_field = [&](std::string_view name, const std::optional<std::string>& given,
                          const std::string& current, std::string_view column) {
      if (!given || *given == current) return;
      update.Set(column, store::EncryptCaseText(s.cipher, id, name, *given));
      fields.emplace_back(name);
    };
    if (title && *title != rec.title) {
      update.Set("title", *title);
      fields.emplace_back("title");
    }
    if (category && *category != rec.category) {
      update.Set("category", *category);
      fields.emplace_back("category");
    }
    if (severity && *severity != rec.severity) {
      update.Set("severity", *severity);
      fields.emplace_back("severity");
    }
    text_field("facts", facts, texts->facts, "facts_enc");
    text_field("wish", wish, texts->wish, "wish_enc");
    text_field("safe_contact", safe_contact, texts->safe_contact, "safe_contact_enc");
    if (update.empty()) return cases::Detail(c, s, rec);
    const auto rerouted =
        Reroute(c, rec, category.value_or(rec.category), severity.value_or(rec.severity), update);
    if (!store::UpdateCase(c, id, version, update, now)) throw Stale(cases::Detail(c, s, rec));
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
      alert["level"] = moved->level;
      alert["rerouted"] = true;
      return cases::Detail(c, s, *moved);
    }
    return cases::Detail(c, s, *store::LoadCaseAnywhere(c, id));
  };
  auto updated = co_await cases::WriteShowingCurrent(s, req, id, job, "conflict_current");
  if (notify && s.case_stream) s.case_stream->Publish(*notify, "escalation", alert);
  co_return http::JsonResponse(200, updated);
}

// ---- transitions ----

constexpr std::string_view kAdvisedRoutes[] = {"arbitration", "administrative", "court"};

std::vector<std::string> ReadAdvisedRoutes(const http::JsonBody& body) {
  auto routes = body.OptStringArray("advised_routes", 3, 20).value_or(std::vector<std::string>{});
  for (const auto& r : routes)
    if (std::find(std::begin(kAdvisedRoutes), std::end(kAdvisedRoutes), r) ==
        std::end(kAdvisedRoutes))
      throw Invalid("advised_routes",
                    "应为 arbitration、administrative 或 court / must be arbitration, "
                    "administrative or court");
  return routes;
}

asio::awaitable<http::Response> TransitionRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"action", "version", "reason", "risk_level", "mediator_id", "outcome",
                       "satisfaction", "consent_recorded", "advised_routes"});
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
  const auto advised = ReadAdvisedRoutes(body);
  if (!input.risk_level.empty() && !domain::IsRiskLevel(input.risk_level))
    throw Invalid("risk_level", "应为 none、low、medium 或 high / unknown risk level");
  if (*action == domain::CaseAction::kAssign && !mediator_id)
    throw Invalid("mediator_id", "请选择调解员 / choose a mediator");
  if (*action == domain::CaseAction::kTerminate && advised.empty())
    throw Invalid("advised_routes",
                  "请记录已告知的其他途径（仲裁、行政、诉讼）/ record the routes the parties "
                  "were told of");

  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  std::optional<int64_t> notify_user;
  std::string case_no, category;
  bool night = false;
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    if (rec.version != version) throw Stale(cases::Detail(c, s, rec));
    const auto from = rec.Status();
    domain::CheckTransition(from, *action);
    domain::ValidateTransitionInput(*action, input, from);
    const auto to = *domain::NextStatus(from, *action);
    const auto settings = store::LoadCaseSettings(c);

    store::CaseUpdate update;
    update.Set("status", std::string(domain::ToString(to)));
    json::object data{{"action", action_code}};
    switch (*action) {
      case domain::CaseAction::kAccept:
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
    if (!store::UpdateCase(c, id, version, update, now)) throw Stale(cases::Detail(c, s, rec));

    store::EventInput e;
    e.kind = "status";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.from_status = rec.status;
    e.to_status = std::string(domain::ToString(to));
    e.text = *action == domain::CaseAction::kClose ? input.outcome : input.reason;
    e.data = std::move(data);
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", std::to_string(id), "transition", "ok",
            "action=" + action_code + ";from=" + rec.status + ";to=" + e.to_status);
    case_no = rec.case_no;
    category = rec.category;
    night = rec.night_clinic;
    return cases::Detail(c, s, *store::LoadCaseAnywhere(c, id));
  };
  auto updated = co_await cases::WriteShowingCurrent(s, req, id, job, "conflict_current");
  if (notify_user)
    PublishIntakeAssignment(s.case_stream.get(), id, case_no, category, night, notify_user, now);
  co_return http::JsonResponse(200, updated);
}

// ---- the handling staff member ----

asio::awaitable<http::Response> AssigneeRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), {"user_id", "version"});
  const int64_t user_id = body.RequiredInt("user_id", 1, INT64_MAX);
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  std::string case_no, category;
  bool night = false;
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    if (rec.version != version) throw Stale(cases::Detail(c, s, rec));
    if (domain::IsFinal(rec.Status()))
      throw Conflict("案件已结束 / the case is finished", "status");
    auto staff = store::FindStaff(c, user_id);
    if (!staff || !cases::InScopeOrAbove(req.Caller(), staff->region_path))
      throw people::NotFoundField("user_id", "用户不存在 / no such user");
    if (staff->locked) throw Invalid("user_id", "该账号已停用 / the account is locked");
    // The handler must be able to open the case: a role that works on cases, whose area holds it.
    if (!domain::RoleHas(domain::ParseRole(staff->role).value_or(domain::Role::kNone),
                         "case.write") ||
        !domain::PathWithin(rec.region_path, staff->region_path))
      throw Invalid("user_id",
                    "该用户不能办理此案件（角色或辖区不符）/ this user cannot handle the case "
                    "(role or area)");
    if (!store::UpdateCase(c, id, version, store::CaseUpdate().Set("assignee_id", user_id), now))
      throw Stale(cases::Detail(c, s, rec));
    store::EventInput e;
    e.kind = "assigned";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.data = json::object{{"user_id", user_id}, {"by", "staff"}};
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", std::to_string(id), "assign", "ok",
            "assignee=" + std::to_string(user_id));
    case_no = rec.case_no;
    category = rec.category;
    night = rec.night_clinic;
    return cases::Detail(c, s, *store::LoadCaseAnywhere(c, id));
  };
  auto updated = co_await cases::WriteShowingCurrent(s, req, id, job, "conflict_current");
  PublishIntakeAssignment(s.case_stream.get(), id, case_no, category, night, user_id, now);
  co_return http::JsonResponse(200, updated);
}

// ---- supervision ----

asio::awaitable<http::Response> ClearSupervisionRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), {"reason"});
  const std::string reason = body.RequiredString("reason", domain::kMaxTransitionReason);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    if (rec.supervision.empty())
      throw Conflict("案件没有督办标记 / the case has no supervision mark", "supervision");
    if (!store::UpdateCase(c, id, rec.version, store::CaseUpdate().Set("supervision", ""), now))
      throw Conflict("案件正被修改，请重试 / the case is being changed: retry");
    store::EventInput e;
    e.kind = "supervision_cleared";
    e.actor_id = req.Caller().user_id;
    e.actor_name = req.Caller().display_name;
    e.text = reason;
    e.data = json::object{{"previous", rec.supervision}};
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", std::to_string(id), "clear_supervision", "ok",
            "previous=" + rec.supervision);
    return cases::Detail(c, s, *store::LoadCaseAnywhere(c, id));
  };
  auto updated = co_await s.db.Write(job);
  co_return http::JsonResponse(200, updated);
}

// ---- settings ----

json::object SettingsJson(const store::StoredCaseSettings& stored) {
  json::object o = domain::ToJson(stored.settings);
  o["version"] = stored.version;
  o["updated_at"] = stored.updated_at ? json::value(FormatBeijing(stored.updated_at)) : nullptr;
  return o;
}

asio::awaitable<http::Response> GetSettingsRoute(Services& s, http::Request& req) {
  auto stored =
      co_await s.db.Read([&](store::Connection& c) { return store::LoadStoredCaseSettings(c); });
  co_return http::JsonResponse(200, SettingsJson(stored));
}

asio::awaitable<http::Response> PutSettingsRoute(Services& s, http::Request& req) {
  boost::system::error_code ec;
  json::value parsed = json::parse(req.raw.body(), ec);
  if (ec) throw BadRequest("请求体不是有效的 JSON / malformed JSON body");
  if (!parsed.is_object()) throw BadRequest("请求体必须是 JSON 对象 / body must be a JSON object");
  json::object body = parsed.as_object();
  const auto* v = body.if_contains("version");
  if (!v || !v->is_int64() || v->as_int64() < 0)
    throw Invalid("version", "请提供读取时的版本号 / send the version you read");
  const int64_t version = v->as_int64();
  body.erase("version");
  body.erase("updated_at");
  std::string fields;
  for (const auto& kv : body) fields += (fields.empty() ? "" : ",") + std::string(kv.key());
  const json::value rest = body;
  const int64_t now = s.clock.NowMillis();
  auto saved = co_await s.db.Write([&](store::Connection& c) {
    auto stored = store::LoadStoredCaseSettings(c);
    if (stored.version != version) throw Stale(SettingsJson(stored));
    const auto settings = domain::CaseSettingsFromJson(rest, stored.settings);
    if (!store::SaveCaseSettings(c, settings, version, now)) throw Stale(SettingsJson(stored));
    s.Audit(c, ActorOf(req), "case_settings", "1", "update", "ok", "fields=" + fields);
    return store::LoadStoredCaseSettings(c);
  });
  co_return http::JsonResponse(200, SettingsJson(saved));
}

// ---- the live stream ----

asio::awaitable<http::Response> StreamRoute(Services& s, http::Request& req) {
  if (!s.case_stream)
    throw ApiError(ErrorKind::kUnavailable, "unavailable",
                   "实时通知不可用 / no live notifications");
  auto hub = s.case_stream;
  const int64_t user_id = req.Caller().user_id;
  req.stream = [hub, user_id](http::StreamWriter& w) { return RunCaseStream(hub, user_id, w); };
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, "text/event-stream; charset=utf-8");
  res.set(http::bhttp::field::cache_control, "no-store");
  res.set("X-Accel-Buffering", "no");  // a buffering proxy would hold the events back
  co_return res;
}

// ---- schemas ----

json::value IntakeSchema() {
  json::object party{
      {"type", "object"},
      {"properties",
       json::object{
           {"role", json::object{{"type", "string"},
                                 {"enum", json::array{"applicant", "respondent", "other"}}}},
           {"name", json::object{{"type", "string"}, {"maxLength", 30}}},
           {"gender", json::object{{"type", "string"}, {"enum", json::array{"female", "male"}}}},
           {"phone", json::object{{"type", "string"}}},
           {"id_number", json::object{{"type", "string"}}},
           {"address", json::object{{"type", "string"}, {"maxLength", 200}}},
           {"relation", json::object{{"type", "string"}, {"maxLength", 20}}},
           {"person_id", json::object{{"type", "integer"}}}}},
      {"required", json::array{"role", "name"}},
      {"additionalProperties", false}};
  json::array channels;
  for (auto c : kStaffChannels) channels.emplace_back(c);
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{{"channel", json::object{{"type", "string"}, {"enum", std::move(channels)}}},
                    {"category", json::object{{"type", "string"}}},
                    {"severity", json::object{{"type", "string"}}},
                    {"title", json::object{{"type", "string"}, {"maxLength", 100}}},
                    {"facts", json::object{{"type", "string"}, {"maxLength", 5000}}},
                    {"wish", json::object{{"type", "string"}, {"maxLength", 2000}}},
                    {"safe_contact", json::object{{"type", "string"}, {"maxLength", 200}}},
                    {"disclose_identity", json::object{{"type", "boolean"}}},
                    {"home_code", json::object{{"type", "string"}}},
                    {"external_ref", json::object{{"type", "string"}, {"maxLength", 64}}},
                    {"consultation_id", json::object{{"type", "integer"}}},
                    {"parties", json::object{{"type", "array"}, {"items", std::move(party)}}},
                    {"confirm_duplicate", json::object{{"type", "boolean"}}}}},
      {"required", json::array{"channel", "category", "facts", "home_code", "parties"}},
      {"additionalProperties", false}};
}

}  // namespace

void AddCaseRoutes(http::Router& router, Services& s) {
  const json::value case_schema = cases::CaseSchema();
  router.Add({.method = verb::get,
              .pattern = "/api/v1/cases",
              .permission = "case.read",
              .summary = "Cases handled in my area",
              .tag = "cases",
              .query = cases::ListQueryParams(),
              .response_schema = case_schema,
              .paged = true,
              .handler = [&s](http::Request& r) { return ListCasesRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases",
              .permission = "case.intake",
              .summary = "Take in a help request (409 possible_duplicate unless confirm_duplicate)",
              .tag = "cases",
              .body_schema = IntakeSchema(),
              .response_schema = case_schema,
              .success_status = 201,
              .handler = [&s](http::Request& r) { return CreateCaseRoute(s, r); }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/cases/stream",
              .permission = "case.read",
              .summary = "Server-sent events: cases assigned to me (text/event-stream)",
              .tag = "cases",
              .handler = [&s](http::Request& r) { return StreamRoute(s, r); }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/cases/{id}",
              .permission = "case.read",
              .summary = "One case with its texts, parties (masked), protection and timers "
                         "(audited)",
              .tag = "cases",
              .response_schema = case_schema,
              .handler = [&s](http::Request& r) { return GetCaseRoute(s, r); }});
  router.Add({.method = verb::patch,
              .pattern = "/api/v1/cases/{id}",
              .permission = "case.write",
              .summary = "Correct a case (optimistic: send the version you read)",
              .tag = "cases",
              .body_schema = schema::Object({{"version", "integer"},
                                             {"title", "string"},
                                             {"category", "string"},
                                             {"severity", "string"},
                                             {"facts", "string"},
                                             {"wish", "string"},
                                             {"safe_contact", "string"}},
                                            {"version"}),
              .response_schema = case_schema,
              .handler = [&s](http::Request& r) { return PatchCaseRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases/{id}/transitions",
              .permission = "case.write",
              .summary = "Apply an action of the case workflow (409 illegal_transition, recusal)",
              .tag = "cases",
              .body_schema = schema::Object({{"action", "string"},
                                             {"version", "integer"},
                                             {"reason", "string"},
                                             {"risk_level", "string"},
                                             {"mediator_id", "integer"},
                                             {"outcome", "string"},
                                             {"satisfaction", "integer"},
                                             {"consent_recorded", "boolean"},
                                             {"advised_routes", "string[]"}},
                                            {"action", "version"}),
              .response_schema = case_schema,
              .handler = [&s](http::Request& r) { return TransitionRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases/{id}/assignee",
              .permission = "case.write",
              .summary = "Give the case to a staff member to handle",
              .tag = "cases",
              .body_schema = schema::Object({{"user_id", "integer"}, {"version", "integer"}},
                                            {"user_id", "version"}),
              .response_schema = case_schema,
              .handler = [&s](http::Request& r) { return AssigneeRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases/{id}/supervision/clear",
              .permission = "case.supervise",
              .summary = "Clear a case's supervision mark (recorded with the reason)",
              .tag = "cases",
              .body_schema = schema::Object({{"reason", "string"}}, {"reason"}),
              .response_schema = case_schema,
              .handler = [&s](http::Request& r) { return ClearSupervisionRoute(s, r); }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/case-settings",
              .permission = "case.read",
              .summary = "Routing, night-clinic hours and time limits of cases",
              .tag = "cases",
              .response_schema = schema::AnyObject(),
              .handler = [&s](http::Request& r) { return GetSettingsRoute(s, r); }});
  router.Add({.method = verb::put,
              .pattern = "/api/v1/case-settings",
              .permission = "case.settings",
              .summary = "Change the case settings (send the version you read)",
              .tag = "cases",
              .body_schema = schema::AnyObject(),
              .response_schema = schema::AnyObject(),
              .handler = [&s](http::Request& r) { return PutSettingsRoute(s, r); }});
  AddCaseWorkRoutes(router, s);
}

}  // namespace hejia::api
