// What the case handlers share (declared in case_common.hpp): path ids, the case in the caller's
// scope, the conflict answers, the detail, the list's query and the party rule at the API edge.
#include <climits>

#include "api/case_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "domain/categories.hpp"
#include "domain/region.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"

namespace hejia::api::cases {

namespace json = boost::json;

int64_t PathId(const http::Request& req, std::string_view name) {
  const std::string& text = req.Param(name);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound();
  return std::stoll(text);
}

store::EventInput CallerEvent(const http::Request& req, std::string_view kind, json::object data) {
  store::EventInput e;
  e.kind = std::string(kind);
  e.actor_id = req.Caller().user_id;
  e.actor_name = req.Caller().display_name;
  e.data = std::move(data);
  return e;
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
  auto detail = store::LoadCaseDetail(c, s.cipher, rec);
  if (!detail) throw IntegrityFailed();
  return CaseDetailJson(*detail, s.clock.NowMillis());
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
std::vector<domain::CaseStatus> SplitStatuses(const std::string& text) {
  std::vector<domain::CaseStatus> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string code = http::TrimSpaces(std::string_view(text).substr(start, comma - start));
    if (!code.empty()) {
      auto status = domain::ParseCaseStatus(code);
      if (!status) throw Invalid("status", "未知的状态 / unknown status");
      out.push_back(*status);
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
    f.level = domain::ParseCaseLevel(*level);
    if (!f.level)
      throw Invalid("level", "应为 village、town 或 city / must be village, town or city");
  }
  f.overdue = http::QueryInt(req, "overdue", 0, 1).value_or(0) == 1;
  if (auto sup = http::QueryText(req, "supervision", 10)) {
    f.any_supervision = *sup == kAnySupervision;
    f.supervision = domain::ParseSupervision(*sup);
    if (!f.any_supervision && !f.supervision)
      throw Invalid("supervision", "应为 yellow、red 或 any / must be yellow, red or any");
  }
  f.night_clinic = http::QueryInt(req, "night_clinic", 0, 1).value_or(0) == 1;
  f.urgent = http::QueryInt(req, "urgent", 0, 1).value_or(0) == 1;
  f.attention = http::QueryInt(req, "attention", 0, 1).value_or(0) == 1;
  if (http::QueryInt(req, "assigned_to_me", 0, 1).value_or(0) == 1)
    f.assigned_to = req.Caller().user_id;
  f.text = http::QueryText(req, "q", 50).value_or("");
  out.region = http::QueryText(req, "region", 20);
  out.own = people::OwnQuery(req);
  const auto period = ParseOptionalPeriod(req);
  f.created_from = period.from;
  f.created_to = period.to;
  if (auto counted = http::QueryText(req, "counted", 10)) {
    if (*counted == "accepted")
      f.counted = store::CaseFilter::Counted::kAccepted;
    else if (*counted == "resolved")
      f.counted = store::CaseFilter::Counted::kResolved;
    else
      throw Invalid("counted", "应为 accepted 或 resolved / must be accepted or resolved");
  }
  return out;
}

std::vector<http::QueryParam> ListQueryParams() {
  return {
      {"status", "string", "comma-separated statuses"},
      OneOf("category", CategoryCodes(), "dispute category"),
      OneOf("level", UnitLevelCodes(), "the handling unit's level"),
      kRegionQuery,
      {"overdue", "integer", "1: a time limit has passed"},
      OneOf("supervision", {"yellow", "red", "any"}, "a supervision mark of this colour, or any"),
      {"night_clinic", "integer", "1: taken in by the night clinic"},
      {"urgent", "integer", "1: the applicant said she is not safe now"},
      {"attention", "integer", "1: past a time limit or under a supervision mark"},
      {"assigned_to_me", "integer", "1: I handle it or mediate it"},
      Contains("case number or title"),
      kOwnQuery,
      {"from", "string", "YYYY-MM-DD: created on or after this day"},
      {"to", "string", "YYYY-MM-DD: created on or before this day"},
      OneOf("counted", {"accepted", "resolved"},
            "only the cases the statistics count as accepted, or as resolved")};
}

// ---- the party rule at the API edge ----

const std::vector<std::string_view>& PartyBodyFields() {
  static const std::vector<std::string_view> kFields = {
      "role", "name", "gender", "phone", "id_number", "address", "relation", "person_id"};
  return kFields;
}

store::PartyInput PartyOfBody(const http::JsonBody& body, const std::string& prefix) {
  // The lengths here are coarse (a request is read at all); the rule holds the real limits.
  domain::PartyFields entered;
  entered.role = body.OptString("role", 20).value_or("");
  entered.name = body.OptString("name", 64).value_or("");
  entered.gender = body.OptString("gender", 10).value_or("");
  entered.phone = body.OptString("phone", 32).value_or("");
  entered.id_number = body.OptString("id_number", 32).value_or("");
  entered.address = body.OptString("address", 400).value_or("");
  entered.relation = body.OptString("relation", 40).value_or("");
  store::PartyInput p;
  p.person_id = body.OptInt("person_id", 1, INT64_MAX);
  auto check = domain::CheckParty(entered);
  if (check.problem) throw Invalid(prefix + check.problem->field, check.problem->message);
  p.party = std::move(check.party);
  return p;
}

store::PartyInput ReadParty(const json::value& item, const std::string& at) {
  if (!item.is_object()) throw Invalid(at, "应为对象 / must be an object");
  try {
    auto body = http::JsonBody::Parse(json::serialize(item), PartyBodyFields());
    return PartyOfBody(body, at + ".");
  } catch (const ApiError& e) {
    if (e.field().rfind(at, 0) == 0) throw;
    throw ApiError(e.kind(), e.code(), e.message(), e.field().empty() ? at : at + "." + e.field());
  }
}

domain::ContactWishes ContactWishesGiven::Over(domain::ContactWishes current) const {
  if (sms_only) current.sms_only = *sms_only;
  if (call_from) current.call_from = *call_from;
  if (call_to) current.call_to = *call_to;
  if (auto problem = domain::CheckContactWishes(current))
    throw Invalid(problem->field, problem->message);
  return current;
}

ContactWishesGiven ReadContactWishes(const http::JsonBody& body) {
  // "HH:MM" is five characters; a longer value is read and refused by the rule, which says why.
  constexpr size_t kTimeMaxChars = 16;
  auto time = [&](std::string_view field) -> std::optional<std::string> {
    auto v = body.OptString(field, kTimeMaxChars);
    if (v) *v = http::TrimSpaces(*v);
    return v;
  };
  return ContactWishesGiven{body.OptBool("contact_sms_only"), time("contact_call_from"),
                            time("contact_call_to")};
}

domain::ContactWishes WishesOf(const store::CaseRecord& rec) {
  return domain::ContactWishes{rec.contact_sms_only, rec.contact_call_from, rec.contact_call_to};
}

void AddContactWishProperties(json::value& body_schema) {
  auto& props = body_schema.as_object()["properties"].as_object();
  props["contact_sms_only"] = json::object{
      {"type", "boolean"}, {"description", "the applicant asked for text messages only"}};
  for (const char* field : {"contact_call_from", "contact_call_to"})
    props[field] = json::object{
        {"type", "string"},
        {"pattern", "^(([01][0-9]|2[0-3]):[0-5][0-9])?$"},
        {"description",
         "calls welcome from/until HH:MM Beijing time (both or neither; may pass midnight; "
         "\"\" for none)"}};
}

}  // namespace hejia::api::cases
