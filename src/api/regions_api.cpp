// The region tree: browse, read with ancestors, create, rename, move, retire and import from CSV.
// Every read and write stays inside the caller's subtree; a region outside it answers 404 exactly
// like a missing one. Regions are never deleted: what is referenced is only ever retired.
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <set>

#include "api/auth.hpp"
#include "api/import_errors.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/phone.hpp"
#include "domain/region.hpp"
#include "domain/region_import.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "store/list_cache.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

using store::RegionRow;

namespace {

constexpr std::string_view kReadPermission = "region.read";
constexpr std::string_view kWritePermission = "region.write";
/// Generous on purpose: a code of the wrong length is refused by the level rule, which says what
/// length is expected.
constexpr size_t kCodeMaxChars = 32;
/// An office phone as typed ("0579-8712 3456"), before it is normalised.
constexpr size_t kPhoneMaxChars = 32;

json::object RegionJson(const RegionRow& r, int64_t children_count) {
  return json::object{
      {"code", r.code},
      {"name", r.name},
      {"level", domain::ToString(r.level)},
      {"parent_code", r.parent_code.empty() ? json::value(nullptr) : json::value(r.parent_code)},
      {"path", r.path},
      {"retired", r.retired},
      {"phone", r.phone},
      {"children_count", children_count}};
}

/// The unit's office phone from a body, normalised; "" clears it. 400 naming `phone`.
std::optional<std::string> OfficePhone(const http::JsonBody& body) {
  auto raw = body.OptString("phone", kPhoneMaxChars);
  if (!raw) return std::nullopt;
  const std::string text = http::TrimSpaces(*raw);
  if (text.empty()) return std::string();
  auto normalized = domain::NormalizePhone(text);
  if (!normalized) throw Invalid("phone", "不是有效的电话号码 / not a valid phone number");
  return *normalized;
}

/// The region if the caller may see it; 404 otherwise, with no hint whether it exists.
RegionRow VisibleRegion(store::Connection& c, const ScopeFilter& scope, std::string_view code) {
  auto r = store::FindRegion(c, code);
  if (!r || !scope.Contains(r->path)) throw NotFound("区划不存在 / no such region");
  return *r;
}

/// A region named in a request body as the parent of a new or moved region: it must be visible,
/// active and able to have children. Failures name the field, as for any invalid input.
std::pair<RegionRow, domain::RegionLevel> UsableParent(store::Connection& c,
                                                       const ScopeFilter& scope,
                                                       std::string_view code) {
  auto p = store::FindRegion(c, code);
  if (!p || !scope.Contains(p->path))
    throw Invalid("parent_code", "上级区划不存在 / no such parent region");
  if (p->retired) throw Invalid("parent_code", "上级区划已撤销 / the parent region is retired");
  const domain::RegionLevel level = p->level;
  if (!domain::ChildLevel(level))
    throw Invalid("parent_code", "网格下不能再设区划 / a grid has no sub-regions");
  return {std::move(*p), level};
}

/// `?` query flags: absent, "0" or "false" is false; "1" or "true" is true.
bool QueryFlag(const http::Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v || v->empty() || *v == "0" || *v == "false") return false;
  if (*v == "1" || *v == "true") return true;
  throw Invalid(std::string(name), "应为 1 或 0 / must be 1 or 0");
}

// ---- reads ----

asio::awaitable<http::Response> ListRegions(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"code", "name"}, "code");
  const auto parent = http::QueryText(req, "parent", kCodeMaxChars);
  const bool root = QueryFlag(req, "root");
  const auto q = http::QueryText(req, "q", domain::kRegionNameMaxChars);
  std::optional<domain::RegionLevel> level;
  if (auto l = http::QueryText(req, "level", 10)) {
    level = domain::ParseRegionLevel(*l);
    if (!level) throw Invalid("level", "应为 city、town、village 或 grid / unknown level");
  }
  const bool include_retired = QueryFlag(req, "include_retired");
  if (root && parent)
    throw Invalid("root", "root 与 parent 只能给一个 / give root or parent, not both");
  const auto& me = req.Caller();
  const ScopeFilter scope = ScopeOf(me);

  store::RegionQuery query;
  query.name_contains = q.value_or("");
  query.level = level;
  query.include_retired = include_retired;
  const auto sort = page.sort == "name" ? store::RegionSort::kName : store::RegionSort::kCode;
  const store::PageSpec spec{page.page_size, page.Offset(), page.descending};

  auto [items, total] = co_await s.db.Read([&](store::Connection& c) {
    if (root) {
      query.base = store::RegionQuery::Base::kItself;
      query.base_path = me.region_path;
    } else {
      query.base_code = me.region_code;
      query.base_path = me.region_path;
      if (parent) {
        auto p = VisibleRegion(c, scope, *parent);
        query.base_code = p.code;
        query.base_path = p.path;
      }
      // A search looks through the whole subtree below the base, not only its children.
      query.base =
          q || level ? store::RegionQuery::Base::kBelow : store::RegionQuery::Base::kChildren;
    }
    auto result = store::ListRegions(c, scope, query, sort, spec);
    json::array out;
    for (const auto& r : result.items) out.push_back(RegionJson(r.region, r.children_count));
    return std::pair{std::move(out), result.total};
  });
  co_return http::JsonResponse(200, http::PageBody(std::move(items), page, total));
}

asio::awaitable<http::Response> GetRegion(Services& s, http::Request& req) {
  const std::string code = req.Param("code");
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto body = co_await s.db.Read([&](store::Connection& c) {
    auto r = VisibleRegion(c, scope, code);
    auto out = RegionJson(r, store::ChildrenCount(c, r.code, false));
    // The names above one's own region are public administrative names; showing them gives the
    // breadcrumb its context.
    json::array ancestors;
    for (const auto& a : domain::CodesOnPath(r.path)) {
      if (a == r.code) break;
      if (auto row = store::FindRegion(c, a))
        ancestors.push_back(json::object{
            {"code", row->code}, {"name", row->name}, {"level", domain::ToString(row->level)}});
    }
    out["ancestors"] = std::move(ancestors);
    return out;
  });
  co_return http::JsonResponse(200, body);
}

// ---- writes ----

asio::awaitable<http::Response> CreateRegion(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(), {"code", "name", "parent_code", "phone"});
  const std::string code = body.RequiredString("code", kCodeMaxChars);
  const std::string name = body.RequiredString("name", domain::kRegionNameMaxChars);
  if (auto problem = domain::RegionNameProblem(name)) throw Invalid("name", *problem);
  const std::string parent_code = body.RequiredString("parent_code", kCodeMaxChars);
  const std::string phone = OfficePhone(body).value_or("");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();

  auto created = co_await s.db.Write([&](store::Connection& c) {
    auto [parent, parent_level] = UsableParent(c, scope, parent_code);
    if (auto problem = domain::ChildCodeProblem(code, parent.code, parent_level))
      throw Invalid("code", *problem);
    if (store::FindRegion(c, code))
      throw Conflict("区划代码已存在 / this code is already in use", "code");
    RegionRow r{code,
                name,
                *domain::ChildLevel(parent_level),
                parent.code,
                domain::ChildPath(parent.path, code),
                false,
                phone};
    store::InsertRegion(c, r, now);
    s.Audit(c, ActorOf(req), "region", r.code, "create", "ok",
            "parent_code=" + r.parent_code + (phone.empty() ? "" : ";phone"));
    return r;
  });
  store::ListTotalsChanged();  // after the commit: no list or coverage shows the old
  co_return http::JsonResponse(201, RegionJson(created, 0));
}

struct PatchOutcome {
  RegionRow region;
  int64_t children_count = 0;
  std::vector<int64_t> moved_users;
};

asio::awaitable<http::Response> PatchRegion(Services& s, http::Request& req) {
  const std::string code = req.Param("code");
  auto body = http::JsonBody::Parse(req.raw.body(), {"name", "parent_code", "phone"});
  auto name = body.OptString("name", domain::kRegionNameMaxChars);
  if (name)
    if (auto problem = domain::RegionNameProblem(*name)) throw Invalid("name", *problem);
  auto parent_code = body.OptString("parent_code", kCodeMaxChars);
  if (parent_code && parent_code->empty()) throw Invalid("parent_code", "必填 / required");
  const auto phone = OfficePhone(body);
  if (!name && !parent_code && !phone) throw BadRequest("没有要修改的内容 / nothing to change");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();

  auto outcome = co_await s.db.Write([&](store::Connection& c) {
    PatchOutcome out;
    RegionRow r = VisibleRegion(c, scope, code);
    std::string detail;
    if (name && *name != r.name) {
      store::RenameRegion(c, code, *name, now);
      r.name = *name;
      detail = "renamed";
    }
    if (phone && *phone != r.phone) {
      store::SetRegionPhone(c, code, *phone, now);
      r.phone = *phone;
      if (!detail.empty()) detail += ";";
      detail += "phone";
    }
    if (parent_code && *parent_code != r.parent_code) {
      if (r.parent_code.empty())
        throw Invalid("parent_code", "最高一级区划不能移动 / the top region cannot move");
      auto [parent, parent_level] = UsableParent(c, scope, *parent_code);
      const auto child_level = domain::ChildLevel(parent_level);
      if (!child_level || *child_level != r.level)
        throw Invalid(
            "parent_code",
            "新的上级须与原上级同级 / the new parent must be of the same level as the old one");
      const auto moved = store::MoveRegion(c, r, parent, now);
      if (!detail.empty()) detail += ";";
      detail += "moved from " + r.parent_code + " to " + parent.code +
                ";regions=" + std::to_string(moved.regions);
      for (const auto& [table, n] : moved.tables) detail += ";" + table + "=" + std::to_string(n);
      // Signed-in users homed in the subtree get their new path at their next request.
      out.moved_users = moved.users;
      r.parent_code = parent.code;
      r.path = moved.new_path;
    }
    if (!detail.empty()) s.Audit(c, ActorOf(req), "region", r.code, "update", "ok", detail);
    out.children_count = store::ChildrenCount(c, r.code, false);
    out.region = std::move(r);
    return out;
  });
  for (int64_t uid : outcome.moved_users) s.sessions->EraseUser(uid);
  // A move rewrites households' and people's paths: cached list pages must not outlive it.
  store::ListTotalsChanged();
  co_return http::JsonResponse(200, RegionJson(outcome.region, outcome.children_count));
}

asio::awaitable<http::Response> RetireRegion(Services& s, http::Request& req) {
  const std::string code = req.Param("code");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto retired = co_await s.db.Write([&](store::Connection& c) {
    RegionRow r = VisibleRegion(c, scope, code);
    if (r.retired) return r;  // already retired: nothing changes, nothing to audit
    json::object refs;
    std::string what;
    auto note = [&](std::string_view key, int64_t n, std::string_view label) {
      if (n <= 0) return;
      refs[key] = n;
      if (!what.empty()) what += "、";
      what += std::string(label);
    };
    const auto found = store::CountReferences(c, r);
    note("children", found.children, "下级区划");
    for (const auto& [table, n] : found.tables) note(table, n, table);
    note("users", found.users, "用户");
    if (!refs.empty())
      throw Conflict("区划仍在使用（" + what +
                     "），不能撤销 / the region is still in use and cannot be retired")
          .WithDetails(json::object{{"references", std::move(refs)}});
    store::RetireRegion(c, r.code, now);
    s.Audit(c, ActorOf(req), "region", r.code, "retire");
    r.retired = true;
    return r;
  });
  store::ListTotalsChanged();  // after the commit: no list or coverage shows the old
  co_return http::JsonResponse(200, RegionJson(retired, 0));
}

// ---- import ----

asio::awaitable<http::Response> ImportRegions(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(req.raw.body(), {"csv"});
  // Read the text as sent: a CSV keeps its line ends (CRLF included) and quoted line breaks.
  const auto& obj = body.object();
  auto it = obj.find("csv");
  if (it == obj.end() || it->value().is_null()) throw Invalid("csv", "必填 / required");
  if (!it->value().is_string()) throw Invalid("csv", "应为文本 / must be a string");
  const std::string text(it->value().as_string());

  domain::ImportErrors errors;
  const auto rows = domain::ReadImportRows(text, errors);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();

  const size_t imported = co_await s.db.Write([&](store::Connection& c) {
    std::set<std::string> codes;
    for (const auto& r : rows) {
      if (!r.code.empty()) codes.insert(r.code);
      if (!r.parent_code.empty()) codes.insert(r.parent_code);
    }
    std::map<std::string, domain::KnownRegion, std::less<>> known;
    for (const auto& [code, row] : store::FindRegions(c, codes))
      known.emplace(code, domain::KnownRegion{row.level, row.path, row.retired});
    const auto planned = domain::PlanImport(
        rows, known, [&](std::string_view path) { return scope.Contains(path); }, errors);
    if (!errors.empty()) ThrowImportErrors(errors, "csv");
    for (const auto& r : planned)
      store::InsertRegion(c, RegionRow{r.code, r.name, r.level, r.parent_code, r.path, false}, now);
    s.Audit(c, ActorOf(req), "region", "", "import", "ok",
            "imported=" + std::to_string(planned.size()));
    return planned.size();
  });
  store::ListTotalsChanged();  // after the commit: no list or coverage shows the old
  co_return http::JsonResponse(200, json::object{{"imported", imported}});
}

std::vector<std::string> LevelCodes() {
  std::vector<std::string> codes;
  for (auto level : {domain::RegionLevel::kCity, domain::RegionLevel::kTown,
                     domain::RegionLevel::kVillage, domain::RegionLevel::kGrid})
    codes.emplace_back(domain::ToString(level));
  return codes;
}

}  // namespace

void AddRegionRoutes(http::Router& router, Services& s) {
  const std::string write(kWritePermission);
  auto region_schema = schema::Shape(
      "code:string name:string level:string parent_code:string path:string retired:boolean "
      "phone:string children_count:integer");
  AreaRoutes area(router, s, "/api/v1/regions", "regions", "/{code}");
  area.Crud({.permissions = {std::string(kReadPermission), write},
             .list = {ListRegions,
                      "Sub-regions of `parent` (default: of my home region), my home region "
                      "itself with root=1, or with q/level a search of the whole subtree",
                      {{"parent", "string", "code of the region whose children to list"},
                       Flag("root", "1: my home region itself"),
                       {"q", "string", "name contains (with q or level, the whole subtree)"},
                       OneOf("level", LevelCodes(), "the regions' level"),
                       Flag("include_retired", "1: retired regions too")}},
             .create = {CreateRegion,
                        "Create a region under an active parent; the level follows the parent"},
             .get = {GetRegion, "One region with its ancestors"},
             .patch = {PatchRegion,
                       "Rename, set the unit's office phone (\"\" clears it), or move under "
                       "another parent of the same level (the subtree and every scoped row in it "
                       "follow)"},
             .schema = region_schema,
             .list_schema = schema::AnyObject(),
             .get_schema = schema::AnyObject(),
             .bodies = {schema::Shape("code:string name:string parent_code:string phone:string",
                                      "code name parent_code"),
                        schema::Shape("name:string parent_code:string phone:string")}});
  area.Add(verb::post, "/{code}/retire", write,
           "Retire a region nothing active references (409 otherwise)", RetireRegion,
           {.response_schema = region_schema});
  area.Add(verb::post, "/import", write,
           "Import regions from CSV (code,name,parent_code); all rows or none", ImportRegions,
           {.body_schema = schema::Shape("csv:string", "csv"),
            .response_schema = schema::Shape("imported:integer")});
}

}  // namespace hejia::api
