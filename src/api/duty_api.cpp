// The duty roster (值班表) of the legal night clinic (法律夜门诊): who is on duty for a region and
// when. A request that arrives at night goes to the person on duty for its handling region, or
// for the nearest region above it that has someone on duty (domain::OnDuty).
#include <algorithm>
#include <boost/asio/use_awaitable.hpp>

#include "api/rooms_common.hpp"
#include "api/rooms_json.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/case_routing.hpp"
#include "domain/region.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "store/rooms_repo.hpp"

namespace hejia::api {

namespace {

using people::FieldList;
using people::NotFoundField;
using people::PathId;

constexpr int64_t kHourMillis = 3600LL * 1000;
constexpr int64_t kMaxShiftMillis = 7 * 24 * kHourMillis;
constexpr size_t kNoteMax = 200;

/// The roles that may be on duty: those that work on cases (the person on duty takes the
/// night's requests). Administrators never are.
const std::vector<domain::Role>& DutyRoles() {
  static const std::vector<domain::Role> roles = [] {
    std::vector<domain::Role> out;
    for (const auto& r : domain::AllRoles())
      if (!r.requires_totp && domain::RoleHas(r.role, "case.write")) out.emplace_back(r.role);
    return out;
  }();
  return roles;
}

bool IsDutyRole(domain::Role role) {
  for (const auto& r : DutyRoles())
    if (r == role) return true;
  return false;
}

/// The region a roster request is about: `region` when given (in scope, else 404), else the
/// caller's home region.
store::RegionRow RosterRegion(store::Connection& c, const http::Principal& caller,
                              const std::optional<std::string>& code) {
  const std::string wanted = code.value_or(caller.region_code);
  auto region = store::FindRegion(c, std::string_view(wanted));
  if (!region || !ScopeOf(caller).Contains(region->path))
    throw NotFound("区划不存在 / no such region");
  return *region;
}

int64_t IsoTime(const http::JsonBody& body, std::string_view field) {
  const std::string text = body.RequiredString(field, 40);
  auto millis = ParseIsoTime(text);
  if (!millis)
    throw Invalid(std::string(field),
                  "时间应为 ISO 8601 格式并带时区，如 2026-11-28T17:30:00+08:00 "
                  "/ time must be ISO 8601 with offset, e.g. "
                  "2026-11-28T17:30:00+08:00");
  return *millis;
}

json::object UserJson(const store::RosterUser& u) {
  return json::object{{"id", u.id},
                      {"display_name", u.display_name},
                      {"role", domain::ToString(u.role)},
                      {"region_code", u.region_code},
                      {"region_name", u.region_name}};
}

asio::awaitable<http::Response> ListShifts(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"starts_at"}, "starts_at", false);
  const auto region = http::QueryText(req, "region", 20);
  const bool exact = rooms::QueryFlag(req, "exact").value_or(false);
  if (exact && !region) throw Invalid("region", "exact=1 需要 region / exact=1 needs a region");
  const auto range = rooms::DateRange(req, s.clock, 92);
  const int64_t from = range.first, to = range.second;
  const auto spec = people::ToPageSpec(page);
  auto rows = co_await ReadInScope(s, req, region, [&](store::Connection& c, const auto& scope) {
    return store::ListShifts(c, scope, exact ? region : std::optional<std::string>(), from, to,
                             spec);
  });
  co_return http::JsonResponse(200, rooms::PageJson(rows, page, rooms::ShiftJson));
}

asio::awaitable<http::Response> CreateShift(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(),
                                    {"region_code", "user_id", "starts_at", "ends_at", "note"});
  const std::string region_code = body.RequiredString("region_code", 20);
  const int64_t user_id = body.RequiredInt("user_id", 1, INT64_MAX);
  const int64_t starts_at = IsoTime(body, "starts_at");
  const int64_t ends_at = IsoTime(body, "ends_at");
  const std::string note = rooms::CheckedText(body.OptString("note", 400), "note", kNoteMax, false);
  if (ends_at <= starts_at)
    throw Invalid("ends_at", "结束时间应晚于开始时间 / must be after starts_at");
  if (ends_at - starts_at > kMaxShiftMillis)
    throw Invalid("ends_at", "一个班次最长 7 天 / a shift lasts at most 7 days");
  const int64_t now = s.clock.NowMillis();
  if (ends_at <= now) throw Invalid("ends_at", "该时段已经过去 / this time is already past");
  const ScopeFilter scope = ScopeOf(req.Caller());
  std::vector<std::string_view> fields{"region_code", "user_id", "starts_at", "ends_at"};
  if (!note.empty()) fields.push_back("note");

  auto created = co_await s.db.Write([&](store::Connection& c) {
    const auto region = rooms::PlaceRegion(c, scope, region_code, "region_code");
    auto user = store::FindRosterUser(c, user_id);
    if (!user) throw NotFoundField("user_id", "账号不存在 / no such account");
    // On duty for a region: someone of that region, of a region above it, or of one below it.
    const bool related = domain::PathWithin(user->region_path, region.path) ||
                         domain::PathWithin(region.path, user->region_path);
    if (!related)
      throw Invalid("user_id",
                    "值班人员应属于该区划或其上级、下级区划 / the person on duty must belong to "
                    "this region, a region above it or one below it");
    if (!IsDutyRole(user->role))
      throw Invalid("user_id",
                    "该账号的角色不办理案件，不能值班 / this account's role does not "
                    "handle cases, so it cannot be on duty");
    if (user->admin_locked) throw Invalid("user_id", "该账号已锁定 / this account is locked");
    if (auto other = store::UserShiftOverlapping(c, user_id, starts_at, ends_at)) {
      // Another region's roster is that region's business: outside my area only its existence
      // is told.
      if (!scope.Contains(other->region_path))
        throw Conflict(
            "该人员在这段时间已在辖区外值班 / this person is already on duty outside your area "
            "in this time",
            "user_id")
            .WithDetails(json::object{{"overlapping", json::object{{"elsewhere", true}}}});
      throw Conflict("该人员在这段时间已有值班 / this person is already on duty in this time",
                     "user_id")
          .WithDetails(json::object{
              {"overlapping", json::object{{"id", other->id},
                                           {"region_code", other->region_code},
                                           {"region_name", other->region_name},
                                           {"starts_at", FormatBeijing(other->starts_at)},
                                           {"ends_at", FormatBeijing(other->ends_at)}}}});
    }
    const int64_t id = store::InsertShift(c, region.code, region.path, user_id, starts_at, ends_at,
                                          note, req.Caller().user_id, now);
    s.Audit(c, ActorOf(req), "duty_shift", std::to_string(id), "create", "ok",
            FieldList(fields) + ";region=" + region.code + ";user=" + std::to_string(user_id));
    return rooms::ShiftJson(Reloaded(store::LoadShift(c, scope, id)));
  });
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> DeleteShift(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  co_await s.db.Write([&](store::Connection& c) {
    auto shift = store::LoadShift(c, scope, id);
    if (!shift) throw NotFound("值班不存在 / no such shift");
    // Who was on duty when is a record (a night request went to them): a past shift stays, and
    // a running one is cut short instead of erased.
    if (shift->ends_at <= now)
      throw Conflict("已结束的值班作为记录保留，不能删除 / a past shift is kept as a record");
    const std::string detail =
        "region=" + shift->region_code + ";user=" + std::to_string(shift->user_id);
    if (shift->starts_at <= now) {
      store::EndShiftAt(c, id, now);
      s.Audit(c, ActorOf(req), "duty_shift", std::to_string(id), "end", "ok", detail);
      return;
    }
    store::DeleteShift(c, id);
    s.Audit(c, ActorOf(req), "duty_shift", std::to_string(id), "delete", "ok", detail);
  });
  co_return http::EmptyResponse(204);
}

asio::awaitable<http::Response> CurrentShift(Services& s, http::Request& req) {
  const auto region_code = http::QueryText(req, "region", 20);
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto region = RosterRegion(c, req.Caller(), region_code);
    // The region first, then each region above it up to the city.
    auto chain = domain::CodesOnPath(region.path);
    std::reverse(chain.begin(), chain.end());
    const auto rows = store::ShiftsCovering(c, chain, now);
    std::vector<domain::Shift> shifts;
    for (const auto& r : rows)
      shifts.push_back(domain::Shift{r.id, r.user_id, r.region_code, r.starts_at, r.ends_at});
    const auto on_duty = domain::OnDuty(shifts, chain, now);
    json::value found = nullptr;
    if (on_duty)
      for (const auto& r : rows)
        if (r.id == on_duty->id) found = rooms::ShiftJson(r);
    return json::object{
        {"region_code", region.code}, {"at", FormatBeijing(now)}, {"on_duty", std::move(found)}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> ShiftCandidates(Services& s, http::Request& req) {
  const auto region_code = http::QueryText(req, "region", 20);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto region = RosterRegion(c, req.Caller(), region_code);
    json::array out;
    for (const auto& u : store::RosterCandidates(c, region.path, DutyRoles()))
      out.push_back(UserJson(u));
    return out;
  });
  co_return http::JsonResponse(200, body);
}

json::value ShiftSchema() {
  return schema::Shape(
      "id:integer region_code:string region_name:string region_path:string user_id:integer "
      "user_display_name:string starts_at:string ends_at:string note:string created_at:string");
}

}  // namespace

void AddDutyRoutes(http::Router& router, Services& s) {
  const auto region_query =
      http::QueryParam{"region", "string", "a region code inside my area (default: my home)"};
  AreaRoutes area(router, s, "/api/v1/duty-shifts", "duty");
  area.Crud(
      {.permissions = {"case.read", "roster.write"},
       .list = {ListShifts,
                "Duty shifts of my area overlapping the dates, by start",
                {{"region", "string", "a region code inside my area (its subtree)"},
                 Flag("exact", "only that region's own shifts"),
                 FirstDay("today"),
                 LastDay("from + 6 days")}},
       .create = {CreateShift,
                  "Put someone on duty for a region (409 when they are already on duty then)"},
       .schema = ShiftSchema(),
       .bodies = {.create = schema::Shape(
                      "region_code:string user_id:integer starts_at:string ends_at:string "
                      "note:string",
                      "region_code user_id starts_at ends_at")}});
  area.Add(verb::delete_, "/{id}", "roster.write",
           "Remove a future shift, or end a running one now (past shifts stay)", DeleteShift,
           {.success_status = 204});
  area.Add(verb::get, "/current", "case.read",
           "Who is on duty now for a region (or the nearest region above it)", CurrentShift,
           {.query = {region_query},
            .response_schema = schema::Object(
                {{"region_code", "string"}, {"at", "string"}, {"on_duty", "object?"}})});
  area.Add(verb::get, "/candidates", "roster.write",
           "Accounts that may be put on duty for a region", ShiftCandidates,
           {.query = {region_query},
            .response_schema =
                json::object{{"type", "array"},
                             {"items", schema::Shape("id:integer display_name:string role:string "
                                                     "region_code:string region_name:string")}}});
}

}  // namespace hejia::api
