// People (人员): list, register, read, correct, and the audited read of the full sensitive values.
// Households live in households_api.cpp; both are registered from AddPeopleRoutes.
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/id_card.hpp"
#include "domain/phone.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"

namespace hejia::api {

namespace asio = boost::asio;
namespace json = boost::json;
using http::bhttp::verb;

// ---- shared with households_api.cpp ----
namespace people {

int64_t PathId(const http::Request& req) {
  const std::string& text = req.Param("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw NotFound();
  return std::stoll(text);
}

std::string TodayBeijing(const Clock& clock) {
  return FormatBeijing(clock.NowMillis()).substr(0, 10);
}

void ThrowProblem(const domain::FieldProblem& problem) {
  throw Invalid(problem.field, problem.message);
}

ApiError NotFoundField(std::string field, std::string message) {
  return ApiError(ErrorKind::kNotFound, "not_found", std::move(message), std::move(field));
}

ScopeFilter RequestScope(store::Connection& c, const http::Principal& caller,
                         const std::optional<std::string>& region_code) {
  if (!region_code) return ScopeOf(caller);
  auto region = store::FindRegion(c, *region_code);
  if (!region) throw NotFound("区划不存在 / no such region");
  return NarrowScope(caller, region->path);
}

std::string FieldList(const std::vector<std::string_view>& names) {
  std::string out = "fields=";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += names[i];
  }
  return out;
}

store::PageSpec ToPageSpec(const http::PageRequest& page) {
  return store::PageSpec{page.page_size, page.Offset(), page.descending};
}

std::string PageText(json::array items, const http::PageRequest& page, int64_t total,
                     const json::storage_ptr& sp) {
  json::object body(http::PageBody(json::array(), page, total), sp);
  body["items"] = std::move(items);
  return json::serialize(body);
}

http::Response JsonText(std::string text) {
  http::Response res = http::JsonResponse(200, nullptr);
  res.body() = std::move(text);
  res.prepare_payload();
  return res;
}

namespace {
json::object Prop(std::string_view type, bool nullable = false) {
  json::object o{{"type", type}};
  if (nullable) o["nullable"] = true;
  return o;
}
json::object StringArray() {
  return json::object{{"type", "array"}, {"items", json::object{{"type", "string"}}}};
}
}  // namespace

json::value PersonSchema() {
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{
           {"id", Prop("integer")},
           {"household_id", Prop("integer")},
           {"name", Prop("string")},
           {"gender", json::object{{"type", "string"}, {"enum", json::array{"female", "male"}}}},
           {"birth_date", json::object{{"type", "string"}, {"format", "date"}}},
           {"id_number", Prop("string", true)},
           {"phone", Prop("string", true)},
           {"address_detail", Prop("string", true)},
           {"tags", StringArray()},
           {"relation", Prop("string")},
           {"region_code", Prop("string")},
           {"region_path", Prop("string")},
           {"created_at", Prop("string")},
           {"updated_at", Prop("string")},
           {"version", Prop("integer")}}}};
}

json::value HouseholdSchema() {
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{{"id", Prop("integer")},
                    {"grid_code", Prop("string")},
                    {"grid_name", Prop("string")},
                    {"region_path", Prop("string")},
                    {"address_detail", Prop("string", true)},
                    {"head_name", Prop("string")},
                    {"members_count", Prop("integer")},
                    {"tags", StringArray()},
                    {"created_at", Prop("string")},
                    {"updated_at", Prop("string")},
                    {"version", Prop("integer")},
                    {"members", json::object{{"type", "array"}, {"items", PersonSchema()}}}}}};
}

}  // namespace people

namespace {

using people::FieldList;
using people::NotFoundField;
using people::PathId;
using people::RequestScope;
using people::ThrowProblem;

// Generous transport limits; the domain rule gives the exact ones with its own message.
std::string Text(const http::JsonBody& body, std::string_view field, size_t max_chars) {
  return body.OptString(field, max_chars).value_or("");
}

std::vector<std::string> Tags(const http::JsonBody& body) {
  return body.OptStringArray("tags", 20, 40).value_or(std::vector<std::string>{});
}

bool Present(const http::JsonBody& body, std::string_view field) {
  return body.object().contains(field);
}

ApiError PossibleDuplicateError(const std::vector<store::DuplicateMatch>& matches,
                                const ScopeFilter& scope) {
  json::array shown;
  for (const auto& m : matches)
    if (scope.Contains(m.region_path)) shown.push_back(m.masked);
  // A match outside the caller's scope still blocks, but only its existence is told, so staff
  // can ask the city federation without seeing another area's people.
  const bool elsewhere = shown.size() < matches.size();
  std::string message =
      shown.empty()
          ? "其他辖区已有相同人员的记录，请联系市妇联核实；确认不是同一人后可加 "
            "confirm_duplicate: true 重新提交 / a matching record exists outside your area: "
            "contact the city federation, or resubmit with confirm_duplicate: true"
          : "可能与已有人员重复，请核对；确认不是同一人后可加 confirm_duplicate: true 重新提交 / "
            "possible duplicate: check the matches, or resubmit with confirm_duplicate: true";
  return ApiError(ErrorKind::kConflict, "possible_duplicate", std::move(message))
      .WithDetails(json::object{{"matches", std::move(shown)}, {"elsewhere", elsewhere}});
}

ApiError StaleVersion(const json::object& current) {
  return ApiError(ErrorKind::kConflict, "conflict",
                  "记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry",
                  "version")
      .WithDetails(json::object{{"current", current}});
}

ApiError IntegrityFailed() {
  return ApiError(ErrorKind::kUnprocessable, "integrity_failed",
                  "加密数据校验失败，已记录，请联系安全管理员 / stored data failed its integrity "
                  "check; this was recorded, contact the security administrator");
}

bool MatchedElsewhere(const ApiError& e) {
  if (e.code() != "possible_duplicate" || !e.details().is_object()) return false;
  const auto* flag = e.details().as_object().if_contains("elsewhere");
  return flag && flag->is_bool() && flag->as_bool();
}

/// Runs a person write; a duplicate warning that reveals a record outside the caller's area is
/// itself audited (an existence answer about another jurisdiction), then rethrown.
template <class F>
asio::awaitable<json::object> WriteTellingElsewhere(Services& s, http::Request& req,
                                                    std::string_view action, F& job) {
  std::exception_ptr failure;
  bool elsewhere = false;
  json::object result;
  try {
    result = co_await s.db.Write([&](store::Connection& c) -> json::object { return job(c); });
  } catch (const ApiError& e) {
    elsewhere = MatchedElsewhere(e);
    failure = std::current_exception();
  }
  if (failure) {
    if (elsewhere) {
      const std::string what(action);
      co_await s.db.Write([&](store::Connection& c) {
        s.Audit(c, ActorOf(req), "person", "", what, "denied", "possible_duplicate_elsewhere");
      });
    }
    std::rethrow_exception(failure);
  }
  co_return result;
}

asio::awaitable<http::Response> ListPeople(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"name", "birth_date", "created_at"}, "id", true);
  store::PersonSort sort = store::PersonSort::kId;
  if (page.sort == "name") sort = store::PersonSort::kName;
  if (page.sort == "birth_date") sort = store::PersonSort::kBirthDate;
  if (page.sort == "created_at") sort = store::PersonSort::kCreatedAt;

  store::PersonFilter filter;
  filter.name_contains = http::QueryText(req, "q", 30).value_or("");
  if (auto phone = http::QueryText(req, "phone", 32)) {
    auto normalized = domain::NormalizePhone(*phone);
    if (!normalized) throw Invalid("phone", "不是有效的电话号码 / not a valid phone number");
    filter.phone_bidx = store::PhoneIndex(s.cipher, *normalized);
  }
  if (auto id_number = http::QueryText(req, "id_number", 32)) {
    auto info = domain::ParseIdCard(*id_number);
    if (!info) throw Invalid("id_number", "身份证号码格式或校验位错误 / invalid ID number");
    filter.id_bidx = store::IdNumberIndex(s.cipher, info->normalized);
  }
  if (auto tag = http::QueryText(req, "tag", 40)) {
    if (!domain::IsDifficultyTag(*tag)) throw Invalid("tag", "未知的困境类别 / unknown tag");
    filter.tag = *tag;
  }
  if (auto gender = http::QueryText(req, "gender", 10)) {
    if (*gender != "female" && *gender != "male")
      throw Invalid("gender", "应为 female 或 male / must be female or male");
    filter.gender = *gender;
  }
  const auto region = http::QueryText(req, "region", 20);
  const auto spec = people::ToPageSpec(page);
  // An exact phone or ID-number search confirms a full value: with the masked value and the
  // birth date it could rebuild an ID number by trying a few candidates. So it needs the right to
  // see full values, and each such search is audited (the kind, never the value).
  if (!filter.phone_bidx.empty() || !filter.id_bidx.empty()) {
    const bool by_phone = !filter.phone_bidx.empty();
    const std::string by = by_phone ? "by=phone" : "by=id_number";
    const bool allowed = domain::RoleHas(req.Caller().role, "person.reveal");
    co_await s.db.Write([&](store::Connection& c) {
      s.Audit(c, ActorOf(req), "person", "", "search_sensitive", allowed ? "ok" : "denied", by);
    });
    if (!allowed)
      throw ApiError(ErrorKind::kForbidden, "forbidden",
                     "按电话或身份证号精确查询需要查看完整信息的权限 / exact search by phone or ID "
                     "number needs the person.reveal permission",
                     by_phone ? "phone" : "id_number");
  }
  auto text = co_await s.db.Read([&](store::Connection& c) {
    unsigned char buffer[65536];
    json::monotonic_resource arena(buffer, sizeof buffer);
    const ScopeFilter scope = RequestScope(c, req.Caller(), region);
    auto result = store::ListPeople(c, scope, filter, sort, spec, &arena);
    return people::PageText(std::move(result.items), page, result.total, &arena);
  });
  co_return people::JsonText(std::move(text));
}

asio::awaitable<http::Response> GetPerson(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto person =
      co_await s.db.Read([&](store::Connection& c) { return store::FindPersonJson(c, scope, id); });
  if (!person) throw NotFound("人员不存在 / no such person");
  co_return http::JsonResponse(200, *person);
}

asio::awaitable<http::Response> CreatePerson(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"household_id", "name", "gender", "birth_date", "id_number", "phone",
                       "address_detail", "tags", "relation", "confirm_duplicate"});
  const int64_t household_id = body.RequiredInt("household_id", 1, INT64_MAX);
  domain::PersonFields p;
  p.name = Text(body, "name", 64);
  p.gender = Text(body, "gender", 16);
  p.birth_date = Text(body, "birth_date", 16);
  p.id_number = Text(body, "id_number", 32);
  p.phone = Text(body, "phone", 32);
  p.address_detail = Text(body, "address_detail", domain::kMaxAddressDetail);
  p.tags = Tags(body);
  p.relation = Text(body, "relation", 64);
  const bool confirm = body.OptBool("confirm_duplicate").value_or(false);
  if (auto problem = domain::NormalizePerson(p, people::TodayBeijing(s.clock)))
    ThrowProblem(*problem);

  const domain::IdentityKey key{store::IdNumberIndex(s.cipher, p.id_number), p.name, p.birth_date,
                                store::PhoneIndex(s.cipher, p.phone)};
  std::vector<std::string_view> fields{"household_id", "name", "gender", "birth_date"};
  if (!p.id_number.empty()) fields.push_back("id_number");
  if (!p.phone.empty()) fields.push_back("phone");
  if (!p.address_detail.empty()) fields.push_back("address_detail");
  if (!p.tags.empty()) fields.push_back("tags");
  if (!p.relation.empty()) fields.push_back("relation");

  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto create_job = [&](store::Connection& c) -> json::object {
    auto household = store::LoadHousehold(c, scope, household_id);
    if (!household) throw NotFoundField("household_id", "户不存在 / no such household");
    auto matches = store::FindPossibleDuplicates(c, key, 0);
    if (!matches.empty() && !confirm) throw PossibleDuplicateError(matches, scope);
    const int64_t id =
        store::InsertPerson(c, s.cipher, household_id, household->region_path, p, now);
    store::AdjustMembers(c, household_id, +1);
    std::string detail = FieldList(fields);
    if (!matches.empty()) detail += ";duplicate_confirmed";
    s.Audit(c, ActorOf(req), "person", std::to_string(id), "create", "ok", detail);
    return *store::FindPersonJson(c, scope, id);
  };
  auto created = co_await WriteTellingElsewhere(s, req, "create", create_job);
  store::ListTotalsChanged();
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> UpdatePerson(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"household_id", "name", "gender", "birth_date", "id_number", "phone",
                       "address_detail", "tags", "relation", "confirm_duplicate", "version"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const auto new_household = body.OptInt("household_id", 1, INT64_MAX);
  const bool confirm = body.OptBool("confirm_duplicate").value_or(false);
  // Read every given field now, so a malformed one is refused before anything is loaded.
  const std::string name = Text(body, "name", 64), gender = Text(body, "gender", 16),
                    birth_date = Text(body, "birth_date", 16),
                    id_number = Text(body, "id_number", 32), phone = Text(body, "phone", 32),
                    address = Text(body, "address_detail", domain::kMaxAddressDetail),
                    relation = Text(body, "relation", 64);
  const auto tags = Tags(body);
  const std::string today = people::TodayBeijing(s.clock);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();

  auto update_job = [&](store::Connection& c) -> json::object {
    auto cur = store::LoadPerson(c, scope, id);
    if (!cur) throw NotFound("人员不存在 / no such person");
    if (cur->version != version) throw StaleVersion(cur->masked);

    domain::PersonFields p = cur->plain;
    if (Present(body, "name")) p.name = name;
    if (Present(body, "gender")) p.gender = gender;
    if (Present(body, "birth_date")) p.birth_date = birth_date;
    if (Present(body, "tags")) p.tags = tags;
    if (Present(body, "relation")) p.relation = relation;
    const bool id_given = Present(body, "id_number"), phone_given = Present(body, "phone"),
               address_given = Present(body, "address_detail");
    if (id_given) {
      p.id_number = id_number;
    } else if ((p.birth_date != cur->plain.birth_date || p.gender != cur->plain.gender) &&
               !cur->id_enc.empty()) {
      // The stored ID number must still agree with a corrected birth date or gender.
      auto stored = store::DecryptIdNumber(s.cipher, id, cur->id_enc);
      if (!stored) throw IntegrityFailed();
      p.id_number = *stored;
    }
    if (phone_given) p.phone = phone;
    if (address_given) p.address_detail = address;
    if (auto problem = domain::NormalizePerson(p, today)) ThrowProblem(*problem);

    store::PersonChange change;
    change.household_id = cur->household_id;
    change.region_path = cur->region_path;
    change.plain = p;
    std::vector<std::string_view> fields;
    if (new_household && *new_household != cur->household_id) {
      auto target = store::LoadHousehold(c, scope, *new_household);
      if (!target) throw NotFoundField("household_id", "户不存在 / no such household");
      change.household_id = target->id;
      change.region_path = target->region_path;
      fields.push_back("household_id");
    }
    if (p.name != cur->plain.name) fields.push_back("name");
    if (p.gender != cur->plain.gender) fields.push_back("gender");
    if (p.birth_date != cur->plain.birth_date) fields.push_back("birth_date");
    std::string id_bidx = cur->id_bidx, phone_bidx = cur->phone_bidx;
    if (id_given && store::IdNumberIndex(s.cipher, p.id_number) != cur->id_bidx) {
      change.id_number = p.id_number;
      id_bidx = store::IdNumberIndex(s.cipher, p.id_number);
      fields.push_back("id_number");
    }
    if (phone_given && store::PhoneIndex(s.cipher, p.phone) != cur->phone_bidx) {
      change.phone = p.phone;
      phone_bidx = store::PhoneIndex(s.cipher, p.phone);
      fields.push_back("phone");
    }
    if (address_given && !(p.address_detail.empty() && cur->address_enc.empty())) {
      change.address_detail = p.address_detail;
      fields.push_back("address_detail");
    }
    if (p.tags != cur->plain.tags) fields.push_back("tags");
    if (p.relation != cur->plain.relation) fields.push_back("relation");
    if (fields.empty()) return cur->masked;

    const bool identity_changed = p.name != cur->plain.name ||
                                  p.birth_date != cur->plain.birth_date ||
                                  id_bidx != cur->id_bidx || phone_bidx != cur->phone_bidx;
    bool duplicate_confirmed = false;
    if (identity_changed) {
      auto matches = store::FindPossibleDuplicates(
          c, domain::IdentityKey{id_bidx, p.name, p.birth_date, phone_bidx}, id);
      if (!matches.empty() && !confirm) throw PossibleDuplicateError(matches, scope);
      duplicate_confirmed = !matches.empty();
    }
    if (!store::UpdatePerson(c, s.cipher, id, version, change, now))
      throw StaleVersion(cur->masked);
    if (change.household_id != cur->household_id) {
      store::AdjustMembers(c, cur->household_id, -1);
      store::AdjustMembers(c, change.household_id, +1);
    }
    std::string detail = FieldList(fields);
    if (duplicate_confirmed) detail += ";duplicate_confirmed";
    s.Audit(c, ActorOf(req), "person", std::to_string(id), "update", "ok", detail);
    return *store::FindPersonJson(c, scope, id);
  };
  auto updated = co_await WriteTellingElsewhere(s, req, "update", update_job);
  store::ListTotalsChanged();
  co_return http::JsonResponse(200, updated);
}

asio::awaitable<http::Response> RevealPerson(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  // A read, but it runs as a write job so that the full values leave the server only together
  // with their committed audit row.
  auto lookup = co_await s.db.Write([&](store::Connection& c) {
    auto found = store::RevealPerson(c, s.cipher, scope, id);
    const std::string entity_id = std::to_string(id);
    if (!found.found)
      s.Audit(c, ActorOf(req), "person", entity_id, "read_sensitive", "denied", "not_found");
    else if (!found.secrets)
      s.Audit(c, ActorOf(req), "person", entity_id, "read_sensitive", "failed", "integrity");
    else
      s.Audit(c, ActorOf(req), "person", entity_id, "read_sensitive", "ok",
              FieldList({"id_number", "phone", "address_detail"}));
    return found;
  });
  if (!lookup.found) throw NotFound("人员不存在 / no such person");
  if (!lookup.secrets) throw IntegrityFailed();
  auto or_null = [](const std::string& v) -> json::value {
    if (v.empty()) return nullptr;
    return json::value(v);
  };
  co_return http::JsonResponse(
      200, json::object{{"id", id},
                        {"id_number", or_null(lookup.secrets->id_number)},
                        {"phone", or_null(lookup.secrets->phone)},
                        {"address_detail", or_null(lookup.secrets->address_detail)}});
}

json::value PersonBodySchema(bool patch) {
  json::object props{
      {"household_id", json::object{{"type", "integer"}}},
      {"name", json::object{{"type", "string"}, {"maxLength", 30}}},
      {"gender", json::object{{"type", "string"}, {"enum", json::array{"female", "male"}}}},
      {"birth_date", json::object{{"type", "string"}, {"format", "date"}}},
      {"id_number", json::object{{"type", "string"}}},
      {"phone", json::object{{"type", "string"}}},
      {"address_detail", json::object{{"type", "string"}, {"maxLength", 200}}},
      {"tags", json::object{{"type", "array"}, {"items", json::object{{"type", "string"}}}}},
      {"relation", json::object{{"type", "string"}, {"maxLength", 20}}},
      {"confirm_duplicate", json::object{{"type", "boolean"}}}};
  json::array required;
  if (patch) {
    props["version"] = json::object{{"type", "integer"}};
    required.emplace_back("version");
  } else {
    for (auto f : {"household_id", "name", "gender", "birth_date"}) required.emplace_back(f);
  }
  return json::object{{"type", "object"},
                      {"properties", std::move(props)},
                      {"required", std::move(required)},
                      {"additionalProperties", false}};
}

}  // namespace

void AddPeopleRoutes(http::Router& router, Services& s) {
  AddHouseholdRoutes(router, s);
  const json::value person = people::PersonSchema();
  router.Add({.method = verb::get,
              .pattern = "/api/v1/people",
              .permission = "person.read",
              .summary = "People in my area, masked",
              .tag = "people",
              .query = {{"region", "string", "a region code inside my area"},
                        {"q", "string", "name contains"},
                        {"phone", "string", "exact phone number (blind index)"},
                        {"id_number", "string", "exact ID number (blind index)"},
                        {"tag", "string", "difficulty category"},
                        {"gender", "string", "female | male"}},
              .response_schema = person,
              .paged = true,
              .handler = [&s](http::Request& r) { return ListPeople(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/people",
              .permission = "person.write",
              .summary = "Register a person in a household (409 possible_duplicate unless "
                         "confirm_duplicate)",
              .tag = "people",
              .body_schema = PersonBodySchema(false),
              .response_schema = person,
              .success_status = 201,
              .handler = [&s](http::Request& r) { return CreatePerson(s, r); }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/people/{id}",
              .permission = "person.read",
              .summary = "One person, masked",
              .tag = "people",
              .response_schema = person,
              .handler = [&s](http::Request& r) { return GetPerson(s, r); }});
  router.Add({.method = verb::patch,
              .pattern = "/api/v1/people/{id}",
              .permission = "person.write",
              .summary = "Correct a person (optimistic: send the version you read)",
              .tag = "people",
              .body_schema = PersonBodySchema(true),
              .response_schema = person,
              .handler = [&s](http::Request& r) { return UpdatePerson(s, r); }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/people/{id}/sensitive",
              .permission = "person.reveal",
              .summary = "The full ID number, phone and address of a person (audited)",
              .tag = "people",
              .response_schema = schema::Object({{"id", "integer"},
                                                 {"id_number", "string?"},
                                                 {"phone", "string?"},
                                                 {"address_detail", "string?"}}),
              .handler = [&s](http::Request& r) { return RevealPerson(s, r); }});
}

}  // namespace hejia::api
