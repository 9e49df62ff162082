// Households (户): list, register in a grid, read with members, correct.
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/people_common.hpp"
#include "api/people_json.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "http/json_body.hpp"

namespace hejia::api {

namespace {

asio::awaitable<http::Response> ListHouseholds(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"created_at", "head_name"}, "id", true);
  store::HouseholdSort sort = store::HouseholdSort::kId;
  if (page.sort == "created_at") sort = store::HouseholdSort::kCreatedAt;
  if (page.sort == "head_name") sort = store::HouseholdSort::kHeadName;
  store::HouseholdFilter filter;
  filter.head_name_contains = http::QueryText(req, "q", 30).value_or("");
  if (auto tag = http::QueryText(req, "tag", 40)) {
    if (!domain::IsDifficultyTag(*tag)) throw Invalid("tag", "未知的困境类别 / unknown tag");
    filter.tag = *tag;
  }
  const auto region = http::QueryText(req, "region", 20);
  const auto spec = people::ToPageSpec(page);
  co_return co_await people::RowsPage(
      s, req, region, page,
      [&](store::Connection& c, const ScopeFilter& scope) {
        return store::ListHouseholds(c, scope, filter, sort, spec);
      },
      [](http::JsonWriter& w, const store::HouseholdRow& h) { people::WriteHousehold(w, h); });
}

asio::awaitable<http::Response> GetHousehold(Services& s, http::Request& req) {
  return ShowOne(s, req, store::FindHousehold, people::TextAnswer(people::HouseholdText),
                 "户不存在 / no such household");
}

asio::awaitable<http::Response> CreateHousehold(Services& s, http::Request& req) {
  auto body =
      http::JsonBody::Parse(req.raw.body(), {"grid_code", "address_detail", "head_name", "tags"});
  const std::string grid_code = body.RequiredString("grid_code", 20);
  domain::HouseholdFields h;
  h.address_detail = body.OptString("address_detail", domain::kMaxAddressDetail).value_or("");
  h.head_name = body.OptString("head_name", 64).value_or("");
  h.tags = body.OptStringArray("tags", 20, 40).value_or(std::vector<std::string>{});
  if (auto problem = domain::NormalizeHousehold(h)) people::ThrowProblem(*problem);
  std::vector<std::string_view> fields{"grid_code", "address_detail"};
  if (!h.head_name.empty()) fields.push_back("head_name");
  if (!h.tags.empty()) fields.push_back("tags");

  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) {
    auto grid = store::FindRegion(c, grid_code);
    // A grid outside the caller's area is answered exactly like one that does not exist.
    if (!grid || !scope.Contains(grid->path))
      throw people::NotFoundField("grid_code", "网格不存在 / no such grid");
    if (grid->level != domain::ToString(domain::RegionLevel::kGrid))
      throw Invalid("grid_code", "户只能登记在网格下 / a household belongs to a grid");
    if (grid->retired) throw Invalid("grid_code", "该网格已撤销 / this grid is retired");
    const int64_t id = store::InsertHousehold(c, s.cipher, grid_code, grid->path, h, now);
    s.Audit(c, ActorOf(req), "household", std::to_string(id), "create", "ok",
            people::FieldList(fields));
    return Reloaded(store::FindHousehold(c, scope, id));
  });
  store::ListTotalsChanged();
  co_return people::JsonText(people::HouseholdText(created), 201);
}

asio::awaitable<http::Response> UpdateHousehold(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto body =
      http::JsonBody::Parse(req.raw.body(), {"address_detail", "head_name", "tags", "version"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const bool address_given = body.object().contains("address_detail");
  const bool head_given = body.object().contains("head_name");
  const bool tags_given = body.object().contains("tags");
  const auto address = body.OptString("address_detail", domain::kMaxAddressDetail).value_or("");
  const auto head_name = body.OptString("head_name", 64).value_or("");
  const auto tags = body.OptStringArray("tags", 20, 40).value_or(std::vector<std::string>{});
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();

  auto updated = co_await s.db.Write([&](store::Connection& c) {
    auto loaded = store::LoadHousehold(c, scope, id);
    if (!loaded) throw NotFound("户不存在 / no such household");
    const store::HouseholdRow* cur = &loaded->row;
    const auto current = [&] { return people::HouseholdJson(*cur); };
    CheckVersion(cur->version, version, current);
    domain::HouseholdFields h;
    h.head_name = head_given ? head_name : cur->head_name;
    h.tags = tags_given ? tags : cur->tags;
    // The stored address is not decrypted: it only has to be valid when it is replaced.
    h.address_detail = address_given ? address : "-";
    if (auto problem = domain::NormalizeHousehold(h)) people::ThrowProblem(*problem);

    store::HouseholdChange change{h.head_name, h.tags, std::nullopt};
    std::vector<std::string_view> fields;
    if (address_given) {
      change.address_detail = h.address_detail;
      fields.push_back("address_detail");
    }
    if (h.head_name != cur->head_name) fields.push_back("head_name");
    if (h.tags != cur->tags) fields.push_back("tags");
    if (fields.empty()) return Reloaded(store::FindHousehold(c, scope, id));
    if (!store::UpdateHousehold(c, s.cipher, id, version, change, now))
      throw StaleVersion(current());
    s.Audit(c, ActorOf(req), "household", std::to_string(id), "update", "ok",
            people::FieldList(fields));
    return Reloaded(store::FindHousehold(c, scope, id));
  });
  store::ListTotalsChanged();
  co_return people::JsonText(people::HouseholdText(updated));
}

schema::Bodies HouseholdBodies() {
  json::object fields = schema::Fields(
      "address_detail head_name tags",
      {{"address_detail", domain::kMaxAddressDetail}, {"head_name", domain::kMaxHeadName}});
  fields["tags"] = people::TagsSchema();
  return schema::CreateAndPatch(std::move(fields), schema::Fields("grid_code"),
                                {"grid_code", "address_detail"});
}

}  // namespace

void AddHouseholdRoutes(http::Router& router, Services& s) {
  AreaRoutes(router, s, "/api/v1/households", "households")
      .Crud({.noun = "household",
             .permissions = {"household.read", "household.write"},
             .list = {ListHouseholds,
                      "Households in my area, masked",
                      {kRegionQuery, Contains("head of household's name"),
                       OneOf("tag", people::TagCodes(), "difficulty category")}},
             .create = {CreateHousehold, "Register a household in a grid of my area"},
             .get = {GetHousehold, "One household with its members, masked"},
             .patch = {UpdateHousehold},
             .schema = people::HouseholdSchema(),
             .bodies = HouseholdBodies()});
}

}  // namespace hejia::api
