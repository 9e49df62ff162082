// People (人员): list, register, read, correct, and the audited read of the full sensitive values.
// Households live in households_api.cpp; both are registered from AddPeopleRoutes.
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/json_values.hpp"
#include "api/people_common.hpp"
#include "api/people_json.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/id_card.hpp"
#include "domain/phone.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"

namespace hejia::api {

namespace {

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

ApiError PossibleDuplicateError(const std::vector<store::PersonRow>& matches,
                                const ScopeFilter& scope) {
  json::array shown;
  for (const auto& m : matches)
    if (scope.Contains(m.region_path)) shown.push_back(people::PersonJson(m));
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
asio::awaitable<store::PersonRow> WriteTellingElsewhere(Services& s, http::Request& req,
                                                        std::string_view action, F& job) {
  std::exception_ptr failure;
  bool elsewhere = false;
  store::PersonRow result;
  try {
    result = co_await s.db.Write([&](store::Connection& c) { return job(c); });
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
  co_return co_await people::RowsPage(
      s, req, region, page,
      [&](store::Connection& c, const ScopeFilter& scope) {
        return store::ListPeople(c, scope, filter, sort, spec);
      },
      people::WritePerson);
}

asio::awaitable<http::Response> GetPerson(Services& s, http::Request& req) {
  return ShowOne(s, req, store::FindPerson, people::TextAnswer(people::PersonText),
                 "人员不存在 / no such person");
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
    people::ThrowProblem(*problem);

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
  auto create_job = [&](store::Connection& c) {
    auto household = store::LoadHousehold(c, scope, household_id);
    if (!household) throw people::NotFoundField("household_id", "户不存在 / no such household");
    auto matches = store::FindPossibleDuplicates(c, key, 0);
    if (!matches.empty() && !confirm) throw PossibleDuplicateError(matches, scope);
    const int64_t id =
        store::InsertPerson(c, s.cipher, household_id, household->row.region_path, p, now);
    store::AdjustMembers(c, household_id, +1);
    std::string detail = people::FieldList(fields);
    if (!matches.empty()) detail += ";duplicate_confirmed";
    s.Audit(c, ActorOf(req), "person", std::to_string(id), "create", "ok", detail);
    return Reloaded(store::FindPerson(c, scope, id));
  };
  auto created = co_await WriteTellingElsewhere(s, req, "create", create_job);
  store::ListTotalsChanged();
  co_return people::JsonText(people::PersonText(created), 201);
}

asio::awaitable<http::Response> UpdatePerson(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
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

  auto update_job = [&](store::Connection& c) {
    auto cur = store::LoadPerson(c, scope, id);
    if (!cur) throw NotFound("人员不存在 / no such person");
    const auto current = [&] { return people::PersonJson(cur->row); };
    CheckVersion(cur->row.version, version, current);

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
    if (auto problem = domain::NormalizePerson(p, today)) people::ThrowProblem(*problem);

    store::PersonChange change;
    change.household_id = cur->row.household_id;
    change.region_path = cur->row.region_path;
    change.plain = p;
    std::vector<std::string_view> fields;
    if (new_household && *new_household != cur->row.household_id) {
      auto target = store::LoadHousehold(c, scope, *new_household);
      if (!target) throw people::NotFoundField("household_id", "户不存在 / no such household");
      change.household_id = target->row.id;
      change.region_path = target->row.region_path;
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
    if (fields.empty()) return cur->row;

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
    if (!store::UpdatePerson(c, s.cipher, id, version, change, now)) throw StaleVersion(current());
    if (change.household_id != cur->row.household_id) {
      store::AdjustMembers(c, cur->row.household_id, -1);
      store::AdjustMembers(c, change.household_id, +1);
    }
    std::string detail = people::FieldList(fields);
    if (duplicate_confirmed) detail += ";duplicate_confirmed";
    s.Audit(c, ActorOf(req), "person", std::to_string(id), "update", "ok", detail);
    return Reloaded(store::FindPerson(c, scope, id));
  };
  auto updated = co_await WriteTellingElsewhere(s, req, "update", update_job);
  store::ListTotalsChanged();
  co_return people::JsonText(people::PersonText(updated));
}

asio::awaitable<http::Response> RevealPerson(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
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
              people::FieldList({"id_number", "phone", "address_detail", "birth_date"}));
    return found;
  });
  if (!lookup.found) throw NotFound("人员不存在 / no such person");
  if (!lookup.secrets) throw IntegrityFailed();
  co_return http::JsonResponse(
      200, json::object{{"id", id},
                        {"id_number", OrNull(lookup.secrets->id_number)},
                        {"phone", OrNull(lookup.secrets->phone)},
                        {"address_detail", OrNull(lookup.secrets->address_detail)},
                        {"birth_date", lookup.secrets->birth_date}});
}

json::object PersonFields() {
  json::object fields = schema::Fields(
      "household_id:integer name gender birth_date id_number phone address_detail tags relation "
      "confirm_duplicate:boolean",
      {{"name", domain::kMaxPersonName},
       {"address_detail", domain::kMaxAddressDetail},
       {"relation", domain::kMaxRelation}});
  fields["gender"] = schema::OneOf({"female", "male"});
  fields["birth_date"].as_object()["format"] = "date";
  fields["tags"] = people::TagsSchema();
  return fields;
}

schema::Bodies PersonBodies() {
  return schema::CreateAndPatch(PersonFields(), {},
                                {"household_id", "name", "gender", "birth_date"});
}

}  // namespace

void AddPeopleRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/people", "people");
  area.Crud({.noun = "person",
             .permissions = {"person.read", "person.write"},
             .list = {ListPeople,
                      "People in my area, masked",
                      {kRegionQuery,
                       Contains("name"),
                       {"phone", "string", "exact phone number (blind index)"},
                       {"id_number", "string", "exact ID number (blind index)"},
                       OneOf("tag", people::TagCodes(), "difficulty category"),
                       OneOf("gender", {"female", "male"}, "gender")}},
             .create = {CreatePerson,
                        "Register a person in a household (409 possible_duplicate unless "
                        "confirm_duplicate)"},
             .get = {GetPerson, "One person, masked"},
             .patch = {UpdatePerson},
             .schema = people::PersonSchema(),
             .bodies = PersonBodies()});
  area.Add(verb::get, "/{id}/sensitive", "person.reveal",
           "The full ID number, phone, address and birth date of a person (audited)", RevealPerson,
           {.response_schema =
                schema::Shape("id:integer id_number:string? phone:string? address_detail:string? "
                              "birth_date:string")});
}

}  // namespace hejia::api
