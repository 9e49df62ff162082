// Mediators (调解员): social workers, psychological counsellors, police officers, judges,
// prosecutors, lawyers and peace sisters (和姐), with the dispute categories they know best and
// how many cases each is carrying now (case_load), so whoever assigns a case can spread the work.
// A mediator's phone is personal data: encrypted, shown masked.
#include <algorithm>
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/case_common.hpp"
#include "api/rooms_common.hpp"
#include "api/rooms_json.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/categories.hpp"
#include "domain/phone.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "http/sorted_page.hpp"
#include "store/rooms_repo.hpp"

namespace hejia::api {

namespace {

using people::FieldList;
using people::NotFoundField;
using people::PathId;
using rooms::CheckedText;

constexpr size_t kNameMax = 30;

std::string MediatorType(const std::string& type) {
  if (!domain::IsMediatorType(type))
    throw Invalid("type", "未知的调解员类型 / unknown mediator type");
  return type;
}

/// Category codes in the vocabulary's order, each once; 400 naming `specialities`.
std::vector<std::string> Specialities(const std::vector<std::string>& given) {
  for (const auto& code : given)
    if (!domain::IsCategory(code))
      throw Invalid("specialities", "未知的纠纷类型 / unknown dispute category: " + code);
  std::vector<std::string> out;
  for (const auto& category : domain::AllCategories())
    if (std::find(given.begin(), given.end(), category.code) != given.end())
      out.emplace_back(category.code);
  return out;
}

/// A mediator's phone, normalised; "" when empty. 400 naming `phone`.
std::string MediatorPhone(const std::optional<std::string>& raw) {
  if (!raw || raw->empty()) return {};
  auto normalized = domain::NormalizePhone(*raw);
  if (!normalized) throw Invalid("phone", "不是有效的电话号码 / not a valid phone number");
  return *normalized;
}

/// The account a mediator works under: in the caller's area (404 naming `user_id` otherwise),
/// not an administrator, and not already another mediator's (409).
void CheckLinkedUser(store::Connection& c, const ScopeFilter& scope, int64_t user_id,
                     int64_t mediator_id) {
  auto user = store::FindRosterUser(c, user_id);
  if (!user || !scope.Contains(user->region_path))
    throw NotFoundField("user_id", "账号不存在 / no such account");
  const auto* role = domain::FindRole(user->role);
  if (!role || role->requires_totp)
    throw Invalid("user_id", "管理员账号不能作为调解员 / an administrator account cannot mediate");
  if (auto other = store::MediatorOfUser(c, user_id); other && *other != mediator_id)
    throw Conflict("该账号已关联其他调解员 / this account belongs to another mediator", "user_id")
        .WithDetails(json::object{{"mediator_id", *other}});
}

void CheckLinkedPerson(store::Connection& c, const ScopeFilter& scope, int64_t person_id) {
  if (!store::FindPerson(c, scope, person_id))
    throw NotFoundField("person_id", "人员不存在 / no such person");
}

constexpr std::pair<store::MediatorSort, std::string_view> kMediatorSorts[] = {
    {store::MediatorSort::kName, "name"},
    {store::MediatorSort::kCreatedAt, "created_at"},
    {store::MediatorSort::kId, "id"}};

asio::awaitable<http::Response> ListMediators(Services& s, http::Request& req) {
  const auto listing = http::ParseSortedPage(req, kMediatorSorts);
  store::MediatorFilter filter;
  if (auto type = http::QueryText(req, "type", 40)) filter.type = MediatorType(*type);
  if (auto speciality = http::QueryText(req, "speciality", 40)) {
    if (!domain::IsCategory(*speciality))
      throw Invalid("speciality", "未知的纠纷类型 / unknown dispute category");
    filter.speciality = *speciality;
  }
  filter.name_contains = http::QueryText(req, "q", 30).value_or("");
  filter.active = rooms::QueryFlag(req, "active");
  const auto region = http::QueryText(req, "region", 20);
  const auto spec = people::ToPageSpec(listing.page);
  auto rows = co_await ReadInScope(s, req, region, [&](store::Connection& c, const auto& scope) {
    return store::ListMediators(c, scope, filter, listing.sort, spec);
  });
  co_return http::JsonResponse(200, rooms::PageJson(rows, listing.page, rooms::MediatorJson));
}

asio::awaitable<http::Response> GetMediator(Services& s, http::Request& req) {
  return ShowOne(
      s, req, store::LoadMediator,
      [](const auto& m) { return http::JsonResponse(200, rooms::MediatorJson(m)); },
      "调解员不存在 / no such mediator");
}

asio::awaitable<http::Response> CreateMediator(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(), {"name", "type", "region_code", "user_id",
                                                     "person_id", "specialities", "phone"});
  store::MediatorFields f;
  f.name = CheckedText(body.OptString("name", 100), "name", kNameMax, true);
  f.type = MediatorType(body.RequiredString("type", 40));
  f.region_code = body.RequiredString("region_code", 20);
  f.user_id = body.OptInt("user_id", 1, INT64_MAX);
  f.person_id = body.OptInt("person_id", 1, INT64_MAX);
  f.specialities = Specialities(
      body.OptStringArray("specialities", 20, 40).value_or(std::vector<std::string>{}));
  const std::string phone = MediatorPhone(body.OptString("phone", 32));
  std::vector<std::string_view> fields{"name", "type", "region_code"};
  if (f.user_id) fields.push_back("user_id");
  if (f.person_id) fields.push_back("person_id");
  if (!f.specialities.empty()) fields.push_back("specialities");
  if (!phone.empty()) fields.push_back("phone");

  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) {
    const auto region = rooms::PlaceRegion(c, scope, f.region_code, "region_code");
    f.region_path = region.path;
    if (f.user_id) CheckLinkedUser(c, scope, *f.user_id, 0);
    if (f.person_id) CheckLinkedPerson(c, scope, *f.person_id);
    const int64_t id = store::InsertMediator(c, s.cipher, f, phone, now);
    s.Audit(c, ActorOf(req), "mediator", std::to_string(id), "create", "ok", FieldList(fields));
    return rooms::MediatorJson(Reloaded(store::LoadMediator(c, scope, id)));
  });
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> UpdateMediator(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body =
      http::JsonBody::Parse(req.raw.body(), {"name", "type", "region_code", "user_id", "person_id",
                                             "specialities", "phone", "active", "version"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const auto& o = body.object();
  // Read every given field now, so a malformed one is refused before anything is loaded.
  const auto name = body.OptString("name", 100);
  const std::string new_name = name ? CheckedText(name, "name", kNameMax, true) : "";
  const auto type = body.OptString("type", 40);
  if (type) MediatorType(*type);
  const auto region_code = body.OptString("region_code", 20);
  const auto user_id = body.OptInt("user_id", 1, INT64_MAX);
  const auto person_id = body.OptInt("person_id", 1, INT64_MAX);
  const auto specialities = body.OptStringArray("specialities", 20, 40);
  const std::vector<std::string> new_specialities =
      specialities ? Specialities(*specialities) : std::vector<std::string>{};
  const std::string new_phone = MediatorPhone(body.OptString("phone", 32));
  const auto active = body.OptBool("active");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();

  auto updated = co_await s.db.Write([&](store::Connection& c) -> json::object {
    const auto cur = store::LoadMediator(c, scope, id);
    if (!cur) throw NotFound("调解员不存在 / no such mediator");
    const auto current = [&] { return rooms::MediatorJson(*cur); };
    CheckVersion(cur->version, version, current);
    store::MediatorFields f = cur->fields;
    std::optional<std::string> phone_change;
    people::Changes changes;
    changes.Set(name.has_value(), f.name, new_name, "name");
    changes.Set(type.has_value(), f.type, type.value_or(""), "type");
    if (region_code && *region_code != f.region_code) {
      const auto region = rooms::PlaceRegion(c, scope, *region_code, "region_code");
      f.region_code = region.code;
      f.region_path = region.path;
      changes.Add("region_code");
    }
    // user_id / person_id sent as null unlink.
    if (o.contains("user_id") && user_id != f.user_id && user_id)
      CheckLinkedUser(c, scope, *user_id, id);
    changes.Set(o.contains("user_id"), f.user_id, user_id, "user_id");
    if (o.contains("person_id") && person_id != f.person_id && person_id)
      CheckLinkedPerson(c, scope, *person_id);
    changes.Set(o.contains("person_id"), f.person_id, person_id, "person_id");
    changes.Set(specialities.has_value(), f.specialities, new_specialities, "specialities");
    // The stored phone is not decrypted to compare: a phone sent is a phone replaced ("" or
    // null clears it; clearing an empty one changes nothing).
    if (o.contains("phone") && !(new_phone.empty() && !cur->has_phone)) {
      phone_change = new_phone;
      changes.Add("phone");
    }
    changes.Set(active.has_value(), f.active, active.value_or(false), "active");
    if (changes.empty()) return current();
    if (!store::UpdateMediator(c, s.cipher, id, version, f, phone_change, now))
      throw StaleVersion(current());
    s.Audit(c, ActorOf(req), "mediator", std::to_string(id), "update", "ok", changes.Detail());
    return rooms::MediatorJson(Reloaded(store::LoadMediator(c, scope, id)));
  });
  co_return http::JsonResponse(200, updated);
}

json::value MediatorSchema() {
  return schema::Shape(
      "id:integer name:string type:string region_code:string region_name:string region_path:string "
      "user_id:integer? user_display_name:string? person_id:integer? specialities:string[] "
      "phone:string? active:boolean case_load:integer created_at:string updated_at:string "
      "version:integer");
}

std::vector<std::string> MediatorTypeCodes() {
  std::vector<std::string> codes;
  for (const auto& t : domain::AllMediatorTypes()) codes.emplace_back(t.code);
  return codes;
}

schema::Bodies MediatorBodies() {
  json::object fields = schema::Fields(
      "name type region_code user_id:integer? person_id:integer? specialities phone:string?",
      {{"name", kNameMax}});
  fields["type"] = schema::OneOf(MediatorTypeCodes());
  fields["specialities"] = schema::ListOf(cases::CategoryCodes());
  return schema::CreateAndPatch(std::move(fields), {}, {"name", "type", "region_code"},
                                schema::Fields("active:boolean"));
}

}  // namespace

void AddMediatorRoutes(http::Router& router, Services& s) {
  AreaRoutes(router, s, "/api/v1/mediators", "mediators")
      .Crud({.noun = "mediator",
             .permissions = {"mediator.read", "mediator.write"},
             .list = {ListMediators,
                      "Mediators of my area with their current case load, phones masked",
                      {OneOf("type", MediatorTypeCodes(), "mediator type"), kRegionQuery,
                       OneOf("speciality", cases::CategoryCodes(), "a dispute category"),
                       Contains("name"), Flag("active", "active (1) or inactive (0) only")}},
             .create = {CreateMediator, "Register a mediator in my area"},
             .get = {GetMediator, "One mediator with the current case load, phone masked"},
             .patch = {UpdateMediator},
             .schema = MediatorSchema(),
             .bodies = MediatorBodies()});
}

}  // namespace hejia::api
