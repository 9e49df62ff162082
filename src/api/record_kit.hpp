// The record-type kit, API side: one declaration (RecordRoutes) gives a record type declared with
// store::kit::Table<R> its routes — list, create, get, update, retire and, when it has sealed
// fields, reveal — each with its permission, the caller's scope, the optimistic version, an audit
// entry naming the changed fields, and its OpenAPI schemas with enums, lengths and nullability
// taken from the declaration. Parse, call, audit, serialise: the rules stay in the domain and the
// SQL in the store.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <charconv>
#include <climits>
#include <functional>
#include <string>
#include <vector>

#include "api/json_values.hpp"
#include "api/people_common.hpp"
#include "api/record_kit_schema.hpp"
#include "api/routes_kit.hpp"
#include "api/services.hpp"
#include "common/error.hpp"
#include "domain/id_card.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "http/router.hpp"
#include "store/list_cache.hpp"
#include "store/record_kit.hpp"
#include "store/region_repo.hpp"

namespace hejia::api::kit {

namespace json = boost::json;
namespace sk = store::kit;

/// What a record type's routes say about it.
struct RecordRoutes {
  std::string path;  // "/api/v1/teams"
  std::string tag;   // OpenAPI tag and audit entity: "team"
  std::string read_permission;
  std::string write_permission;
  std::string reveal_permission;  // empty when the type has no sealed field
  std::string noun;               // "volunteer team", for the summaries
  std::string not_found;          // "队伍不存在 / no such team"
  /// False when the type is created by a route of its own (at the same path): the kit then
  /// registers no POST.
  bool create = true;
  /// Called, when set, inside the write transaction after a record was created, changed or
  /// retired (and audited), with the record's id and the time of the write: what a type must
  /// keep in step with its records (a grid sister who leaves gives up her grids).
  std::function<void(Services&, store::Connection&, const http::Request&, int64_t id, int64_t now)>
      after_write;
  /// What GET /{id} shows of a record beside its fields (a visit's visitors and the people met),
  /// and the schemas of the properties it adds (optional in the record's shape). Unset: the
  /// fields only.
  std::function<void(store::Connection&, int64_t id, json::object& shown)> show_more;
  json::object show_more_schema;
};

/// A record type's rules beyond its fields' own (a problem found needs an action, say):
/// specialise it in the type's api file, before AddRecordRoutes; Check throws Invalid naming the
/// field. The kit calls it on every create and correction, before the write. A specialisation
/// may also declare `static void Stamp(R&, const http::Principal& caller, int64_t now)`: what a
/// new record takes from who created it and when (the hotline worker who logged a call), called
/// on create before Check.
template <class R>
struct Rules {
  static void Check(store::Connection&, const R&, int64_t /*now*/, bool /*creating*/) {}
};

// ---- JSON out: the masked record ----

template <class R>
void Put(const sk::TextField<R>& f, const R& r, json::object& o) {
  o[f.name] = OrNull(r.*f.member);
}
template <class R, class E>
void Put(const sk::EnumField<R, E>& f, const R& r, json::object& o) {
  o[f.name] = ToString(r.*f.member);
}
template <class R>
void Put(const sk::FlagField<R>& f, const R& r, json::object& o) {
  o[f.name] = r.*f.member;
}
template <class R>
void Put(const sk::TimeField<R>& f, const R& r, json::object& o) {
  o[f.name] = r.*f.member ? json::value(FormatBeijing(r.*f.member)) : json::value(nullptr);
}
template <class R>
void Put(const sk::IntField<R>& f, const R& r, json::object& o) {
  o[f.name] = r.*f.member;
}
template <class R>
void Put(const sk::RefField<R>& f, const R& r, json::object& o) {
  o[f.name] = r.*f.member ? json::value(r.*f.member) : json::value(nullptr);
}
template <class R>
void Put(const sk::SealedField<R>& f, const R& r, json::object& o) {
  o[f.name] = OrNull((r.*f.member).mask);  // only ever the mask here
}
template <class R>
void Put(const sk::RegionField<R>& f, const R& r, json::object& o) {
  const auto& p = r.*f.member;
  o["region_code"] = p.code;
  o["region_name"] = p.name;
  o["region_path"] = p.path;
  o["level"] = domain::ToString(p.level);
}

template <class R>
json::object ToJson(const R& r) {
  json::object o{{"id", r.meta.id}};
  sk::ForEachField<R>([&](const auto& f) { Put(f, r, o); });
  o["retired"] = r.meta.retired;
  o["created_at"] = FormatBeijing(r.meta.created_at);
  o["updated_at"] = FormatBeijing(r.meta.updated_at);
  o["version"] = r.meta.version;
  return o;
}

// ---- JSON in: one field at a time, into the record; the name goes to `changed` ----

/// What parsing a body needs besides the body: the caller's scope and the connection, for the
/// record's region.
struct ParseContext {
  store::Connection& c;
  const ScopeFilter& scope;
  bool creating;
};

template <class R>
void Take(const sk::TextField<R>& f, const http::JsonBody& b, R& r, const ParseContext& ctx,
          std::vector<std::string_view>& changed) {
  if (f.read_only || (!b.Has(f.name) && !ctx.creating)) return;
  const auto text = b.OptString(f.name, f.max_chars * 4 + 16).value_or("");
  auto checked = f.lines ? domain::CheckLines(text, f.max_chars, f.required)
                         : domain::CheckText(text, f.max_chars, f.required);
  if (checked.problem)
    throw Invalid(std::string(f.name), domain::TextProblemMessage(*checked.problem, f.max_chars));
  if (checked.text == r.*f.member) return;
  r.*f.member = std::move(checked.text);
  changed.push_back(f.name);
}
template <class R, class E>
void Take(const sk::EnumField<R, E>& f, const http::JsonBody& b, R& r, const ParseContext& ctx,
          std::vector<std::string_view>& changed) {
  if (f.read_only) return;
  if (!b.Has(f.name)) {
    if (ctx.creating) throw Invalid(std::string(f.name), "必填 / required");
    return;
  }
  const auto text = b.OptString(f.name, 40).value_or("");
  for (E v : f.values)
    if (ToString(v) == text) {
      if (ctx.creating || v != r.*f.member) changed.push_back(f.name);
      r.*f.member = v;
      return;
    }
  std::string choices;
  for (E v : f.values) choices += (choices.empty() ? "" : " | ") + std::string(ToString(v));
  throw Invalid(std::string(f.name), "应为 " + choices + " / must be " + choices);
}
template <class R>
void Take(const sk::FlagField<R>& f, const http::JsonBody& b, R& r, const ParseContext&,
          std::vector<std::string_view>& changed) {
  if (f.read_only) return;
  const auto v = b.OptBool(f.name);
  if (!v || *v == r.*f.member) return;
  r.*f.member = *v;
  changed.push_back(f.name);
}
template <class R>
void Take(const sk::TimeField<R>& f, const http::JsonBody& b, R& r, const ParseContext& ctx,
          std::vector<std::string_view>& changed) {
  if (f.read_only || (!b.Has(f.name) && !ctx.creating)) return;
  const auto text = b.OptString(f.name, 40);
  if (!text || text->empty()) {
    if (f.required) throw Invalid(std::string(f.name), "必填 / required");
    if (r.*f.member == 0) return;
    r.*f.member = 0;
    changed.push_back(f.name);
    return;
  }
  const auto ms = ParseIsoTime(*text);
  if (!ms)
    throw Invalid(std::string(f.name),
                  "时间格式应为 2026-11-03T22:10:00+08:00 / must be an ISO 8601 time with offset");
  if (*ms == r.*f.member) return;
  r.*f.member = *ms;
  changed.push_back(f.name);
}
template <class R>
void Take(const sk::IntField<R>& f, const http::JsonBody& b, R& r, const ParseContext& ctx,
          std::vector<std::string_view>& changed) {
  if (f.read_only) return;
  const auto v = b.Has(f.name) ? b.OptInt(f.name, f.min, f.max) : std::nullopt;
  if (!v) {
    if (ctx.creating && f.required) throw Invalid(std::string(f.name), "必填 / required");
    return;
  }
  if (!ctx.creating && *v == r.*f.member) return;
  r.*f.member = *v;
  changed.push_back(f.name);
}
template <class R>
void Take(const sk::RefField<R>& f, const http::JsonBody& b, R& r, const ParseContext& ctx,
          std::vector<std::string_view>& changed) {
  if (f.read_only || (!b.Has(f.name) && !ctx.creating)) return;
  const int64_t id = b.OptInt(f.name, 1, INT64_MAX).value_or(0);
  if (id == 0) {
    if (f.required) throw Invalid(std::string(f.name), "必填 / required");
    if (r.*f.member == 0) return;
    r.*f.member = 0;
    changed.push_back(f.name);
    return;
  }
  if (id == r.*f.member && !ctx.creating) return;
  const auto path = sk::RefPath(ctx.c, f, id);
  // A record outside the caller's area is answered exactly like one that does not exist.
  if (!path || !ctx.scope.Contains(*path))
    throw people::NotFoundField(std::string(f.name), "不存在 / no such record");
  r.*f.member = id;
  changed.push_back(f.name);
}
template <class R>
void Take(const sk::SealedField<R>& f, const http::JsonBody& b, R& r, const ParseContext&,
          std::vector<std::string_view>& changed) {
  if (!b.Has(f.name)) return;
  std::string text = b.OptString(f.name, f.max_chars * 4 + 16).value_or("");
  if (!text.empty() && f.kind == sk::SealKind::kPhone) {
    auto phone = domain::NormalizePhone(text);
    if (!phone) throw Invalid(std::string(f.name), "不是有效的电话号码 / not a valid phone number");
    text = *phone;
  } else if (!text.empty() && f.kind == sk::SealKind::kIdNumber) {
    auto card = domain::ParseIdCard(text);
    if (!card)
      throw Invalid(std::string(f.name), "不是有效的身份证号 / not a valid resident ID number");
    text = card->normalized;
  } else if (!text.empty()) {
    auto checked = domain::CheckText(text, f.max_chars, false);
    if (checked.problem)
      throw Invalid(std::string(f.name), domain::TextProblemMessage(*checked.problem, f.max_chars));
    text = std::move(checked.text);
  }
  auto& sealed = r.*f.member;
  if (text.empty() && sealed.enc.empty()) return;  // nothing before, nothing now
  sealed.plain = std::move(text);
  sealed.dirty = true;  // a sealed value is compared by nobody: a resent one is written again
  changed.push_back(f.name);
}
template <class R>
void Take(const sk::RegionField<R>& f, const http::JsonBody& b, R& r, const ParseContext& ctx,
          std::vector<std::string_view>& changed) {
  if (f.read_only || (!b.Has("region_code") && !ctx.creating)) return;
  const std::string code = b.RequiredString("region_code", 20);
  if (!ctx.creating && code == (r.*f.member).code) return;
  auto region = store::FindRegion(ctx.c, std::string_view(code));
  // A region outside the caller's area is answered exactly like one that does not exist.
  if (!region || !ctx.scope.Contains(region->path))
    throw people::NotFoundField("region_code", "区划不存在 / no such region");
  if (region->retired) throw Invalid("region_code", "该区划已停用 / this region is retired");
  const std::optional<domain::RegionLevel> level = region->level;
  bool allowed = false;
  for (auto l : f.levels) allowed = allowed || (level && *level == l);
  if (!allowed) {
    std::string names;
    for (auto l : f.levels) names += (names.empty() ? "" : " | ") + std::string(ToString(l));
    throw Invalid("region_code", "区划级别应为 " + names + " / the region must be a " + names);
  }
  r.*f.member = sk::Placement{region->code, region->path, *level, region->name};
  changed.push_back("region_code");
}

/// The names a body may carry.
template <class R>
std::vector<std::string_view> BodyFields(bool patch) {
  std::vector<std::string_view> names;
  sk::ForEachField<R>([&](const auto& f) {
    if constexpr (requires { f.read_only; })
      if (f.read_only) return;
    if constexpr (requires { f.levels; })
      names.push_back("region_code");
    else
      names.push_back(f.name);
  });
  if (patch) names.push_back("version");
  return names;
}

/// The numeric {id} of the path; 404 when it is not one.
int64_t PathId(const http::Request& req);

/// The list's filters from the query: one parameter per filterable field, named like it (equals,
/// or contains for text), validated against the declaration.
template <class R>
std::vector<sk::ListFilter> QueryFilters(const http::Request& req) {
  std::vector<sk::ListFilter> out;
  sk::ForEachField<R>([&](const auto& f) {
    if constexpr (requires { f.filter; }) {
      if (f.filter == sk::Filter::kNone) return;
      const auto text = http::QueryText(req, f.name, 50);
      if (!text || text->empty()) return;
      if constexpr (requires { f.values; }) {
        bool known = false;
        for (auto v : f.values) known = known || ToString(v) == *text;
        if (!known) throw Invalid(std::string(f.name), "取值无效 / not one of the choices");
      } else if constexpr (requires { f.max_chars; }) {
        if (f.filter == sk::Filter::kEquals && http::Utf8Length(*text) > f.max_chars)
          throw Invalid(std::string(f.name), "过长 / too long");
      }
      sk::ListFilter lf{std::string(f.name), f.filter, store::Value(*text)};
      if constexpr (std::is_same_v<std::decay_t<decltype(f)>, sk::IntField<R>> ||
                    std::is_same_v<std::decay_t<decltype(f)>, sk::RefField<R>>) {
        int64_t n = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
        if (ec != std::errc() || end != text->data() + text->size())
          throw Invalid(std::string(f.name), "应为整数 / must be a whole number");
        lf.value = store::Value(n);
      }
      if constexpr (requires { f.values; })
        lf.value = store::Value(*text);
      else if constexpr (std::is_same_v<std::decay_t<decltype(f)>, sk::FlagField<R>>)
        lf.value = store::Value(int64_t{*text == "1" || *text == "true" ? 1 : 0});
      out.push_back(std::move(lf));
    }
  });
  if constexpr (requires { sk::Table<R>::kPeriodField; }) {
    const auto period = ParseOptionalPeriod(req);
    const std::string col(sk::Table<R>::kPeriodField);
    if (period.from) out.push_back({col, sk::Filter::kFrom, store::Value(*period.from)});
    if (period.to) out.push_back({col, sk::Filter::kBefore, store::Value(*period.to)});
  }
  if constexpr (requires { sk::Table<R>::kConditions; }) {
    for (const auto& cond : sk::Table<R>::kConditions) {
      const auto text = http::QueryText(req, cond.name, 10);
      if (!text || text->empty() || *text == "0") continue;
      sk::ListFilter lf{.column = {}, .how = sk::Filter::kSql, .value = {}, .sql = cond.sql};
      if (cond.bind == sk::Condition::Bind::kDayEnd) {
        const int64_t end = DayEndMillis(req, cond.name);
        for (char ch : cond.sql)
          if (ch == '?') lf.values.emplace_back(end);
      } else if (*text != "1") {
        throw Invalid(std::string(cond.name), "应为 1 或 0 / must be 1 or 0");
      }
      out.push_back(std::move(lf));
    }
  }
  return out;
}

template <class R>
std::vector<std::string_view> SortableFields() {
  std::vector<std::string_view> names{"id", "created_at", "updated_at"};
  sk::ForEachField<R>([&](const auto& f) {
    if constexpr (requires {
                    f.max_chars;
                    f.required;
                  })
      names.push_back(f.name);
    else if constexpr (std::is_same_v<std::decay_t<decltype(f)>, sk::TimeField<R>> ||
                       std::is_same_v<std::decay_t<decltype(f)>, sk::IntField<R>>)
      names.push_back(f.name);
  });
  return names;
}

// ---- the handlers ----

template <class R>
boost::asio::awaitable<http::Response> List(Services& s, const RecordRoutes&, http::Request& req) {
  static const auto sortable = SortableFields<R>();
  // The sort is one of the declared names, never client text.
  const http::PageRequest page = http::ParsePage(req, sortable, "id", true);
  const auto filters = QueryFilters<R>(req);
  const bool include_retired = http::QueryText(req, "include_retired", 5).value_or("0") == "1";
  const auto region = http::QueryText(req, "region", 20);
  const bool own = people::OwnQuery(req);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = people::ListScope(c, req.Caller(), region, own);
    std::vector<R> rows;
    const int64_t total =
        sk::List<R>(c, scope, filters, include_retired, page.sort, people::ToPageSpec(page), rows);
    json::array items;
    for (const auto& r : rows) items.push_back(ToJson(r));
    return http::PageBody(std::move(items), page, total);
  });
  co_return http::JsonResponse(200, body);
}

template <class R>
boost::asio::awaitable<http::Response> Create(Services& s, const RecordRoutes& rr,
                                              http::Request& req) {
  static const auto allowed = BodyFields<R>(false);
  const auto body = http::JsonBody::Parse(req.raw.body(), allowed);
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    R rec;
    std::vector<std::string_view> changed;
    const ParseContext ctx{c, scope, true};
    sk::ForEachField<R>([&](const auto& f) { Take(f, body, rec, ctx, changed); });
    if constexpr (requires { Rules<R>::Stamp(rec, req.Caller(), now); })
      Rules<R>::Stamp(rec, req.Caller(), now);
    Rules<R>::Check(c, rec, now, true);
    const int64_t id = sk::Insert(c, s.cipher, rec, now);
    s.Audit(c, ActorOf(req), rr.tag, std::to_string(id), "create", "ok",
            people::FieldList(changed));
    if (rr.after_write) rr.after_write(s, c, req, id, now);
    return ToJson(*sk::Load<R>(c, scope, id));
  });
  store::ListTotalsChanged();  // after the commit: no list shows the old totals
  co_return http::JsonResponse(201, created);
}

template <class R>
boost::asio::awaitable<http::Response> Get(Services& s, const RecordRoutes& rr,
                                           http::Request& req) {
  return ShowOne(
      s, req,
      [&rr](store::Connection& c, const ScopeFilter& scope,
            int64_t id) -> std::optional<json::object> {
        auto rec = sk::Load<R>(c, scope, id);
        if (!rec) return std::nullopt;
        json::object shown = ToJson(*rec);
        if (rr.show_more) rr.show_more(c, id, shown);
        return shown;
      },
      [](const json::object& shown) { return http::JsonResponse(200, shown); }, rr.not_found);
}

/// An optimistic change of one record in the caller's scope: `apply` changes the loaded record
/// and returns the audit detail, or nullopt when nothing changed (the record is answered as it
/// is). A change is written (409 when the record moved on meanwhile), audited as `action` and
/// answered as reloaded.
template <class R, class Apply>
boost::asio::awaitable<http::Response> Change(Services& s, const RecordRoutes& rr,
                                              http::Request& req, std::string_view action,
                                              Apply apply) {
  const int64_t id = PathId(req);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    auto rec = sk::Load<R>(c, scope, id);
    if (!rec) throw NotFound(rr.not_found);
    const std::optional<std::string> detail = apply(c, scope, *rec);
    if (!detail) return ToJson(*rec);
    if (!sk::Update(c, s.cipher, *rec, now)) throw StaleVersion(ToJson(*rec));
    s.Audit(c, ActorOf(req), rr.tag, std::to_string(id), action, "ok", *detail);
    if (rr.after_write) rr.after_write(s, c, req, id, now);
    return ToJson(*sk::Load<R>(c, scope, id));
  });
  store::ListTotalsChanged();  // after the commit: no list shows the old totals
  co_return http::JsonResponse(200, answer);
}

template <class R>
boost::asio::awaitable<http::Response> Update(Services& s, const RecordRoutes& rr,
                                              http::Request& req) {
  static const auto allowed = BodyFields<R>(true);
  const auto body = http::JsonBody::Parse(req.raw.body(), allowed);
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  co_return co_await Change<R>(
      s, rr, req, "update",
      [&](store::Connection& c, const ScopeFilter& scope, R& rec) -> std::optional<std::string> {
        if (rec.meta.version != version) throw StaleVersion(ToJson(rec));
        std::vector<std::string_view> changed;
        const ParseContext ctx{c, scope, false};
        sk::ForEachField<R>([&](const auto& f) { Take(f, body, rec, ctx, changed); });
        if (changed.empty()) return std::nullopt;
        Rules<R>::Check(c, rec, now, false);
        return people::FieldList(changed);
      });
}

template <class R>
boost::asio::awaitable<http::Response> Retire(Services& s, const RecordRoutes& rr,
                                              http::Request& req) {
  co_return co_await Change<R>(
      s, rr, req, "retire",
      [](store::Connection&, const ScopeFilter&, R& rec) -> std::optional<std::string> {
        if (rec.meta.retired) return std::nullopt;
        rec.meta.retired = true;
        return std::string();
      });
}

/// The plain values of the sealed fields, audited as a read of sensitive data (also when it is
/// refused for a record outside the caller's scope).
template <class R>
boost::asio::awaitable<http::Response> Reveal(Services& s, const RecordRoutes& rr,
                                              http::Request& req) {
  const int64_t id = PathId(req);
  auto out = co_await s.db.Write([&](store::Connection& c) -> std::optional<json::object> {
    auto rec = sk::Load<R>(c, ScopeOf(req.Caller()), id);
    const std::string entity_id = std::to_string(id);
    if (!rec) {
      s.Audit(c, ActorOf(req), rr.tag, entity_id, "read_sensitive", "denied", "not_found");
      return std::nullopt;
    }
    json::object o{{"id", id}};
    std::vector<std::string_view> names;
    sk::ForEachField<R>([&](const auto& f) {
      if constexpr (std::is_same_v<std::decay_t<decltype(f)>, sk::SealedField<R>>) {
        auto plain = sk::Unseal(s.cipher, *rec, f);
        if (!plain) throw ApiError(ErrorKind::kConflict, "integrity", "数据校验失败 / integrity");
        o[f.name] = OrNull(*plain);
        names.push_back(f.name);
      }
    });
    s.Audit(c, ActorOf(req), rr.tag, entity_id, "read_sensitive", "ok", people::FieldList(names));
    return o;
  });
  if (!out) throw NotFound(rr.not_found);
  co_return http::JsonResponse(200, *out);
}

template <class R>
bool HasSealed() {
  bool any = false;
  sk::ForEachField<R>([&](const auto& f) {
    any = any || std::is_same_v<std::decay_t<decltype(f)>, sk::SealedField<R>>;
  });
  return any;
}

/// Registers the record type's routes.
template <class R>
void AddRecordRoutes(http::Router& router, Services& s, const RecordRoutes& routes) {
  auto shape = ResponseSchema<R>();
  for (const auto& [name, schema] : routes.show_more_schema)
    shape.as_object()["properties"].as_object()[name] = schema;
  std::vector<http::QueryParam> query{kRegionQuery,
                                      {"include_retired", "boolean", "also retired ones"}};
  sk::ForEachField<R>([&](const auto& f) {
    if constexpr (requires { f.filter; })
      if (f.filter != sk::Filter::kNone)
        query.push_back({std::string(f.name), "string",
                         f.filter == sk::Filter::kContains ? "contains" : "equals"});
  });
  query.push_back(kOwnQuery);
  if constexpr (requires { sk::Table<R>::kPeriodField; }) {
    const std::string col(sk::Table<R>::kPeriodField);
    query.push_back({"from", "string", "YYYY-MM-DD: " + col + " on or after this day"});
    query.push_back({"to", "string", "YYYY-MM-DD: " + col + " on or before this day"});
  }
  if constexpr (requires { sk::Table<R>::kConditions; })
    for (const auto& cond : sk::Table<R>::kConditions)
      query.push_back({std::string(cond.name), "string", std::string(cond.description)});
  const auto p = std::make_shared<const RecordRoutes>(routes);
  const RecordRoutes& rr = *p;
  auto bound = [p](auto handler) {
    return [p, handler](Services& s, http::Request& r) { return handler(s, *p, r); };
  };
  AreaRoutes area(router, s, rr.path, rr.tag);
  area.Crud({.noun = rr.noun,
             .permissions = {rr.read_permission, rr.write_permission},
             .list = {bound(List<R>), "The " + rr.noun + "s of my area", query},
             .create = rr.create
                           ? CrudRoutes::Route{bound(Create<R>), "Add a " + rr.noun + " in my area"}
                           : CrudRoutes::Route{},
             .get = {bound(Get<R>), "One " + rr.noun + ", masked"},
             .patch = {bound(Update<R>)},
             .schema = shape,
             .bodies = {BodySchema<R>(false), BodySchema<R>(true)}});
  area.Add(verb::post, "/{id}/retire", rr.write_permission, "Retire a " + rr.noun, bound(Retire<R>),
           {.response_schema = shape});
  if (!HasSealed<R>() || rr.reveal_permission.empty()) return;
  json::object sealed{{"id", json::object{{"type", "integer"}}}};
  sk::ForEachField<R>([&](const auto& f) {
    if constexpr (std::is_same_v<std::decay_t<decltype(f)>, sk::SealedField<R>>)
      sealed[f.name] = json::object{{"type", "string"}, {"nullable", true}};
  });
  area.Add(
      verb::get, "/{id}/sensitive", rr.reveal_permission,
      "The full sensitive fields of a " + rr.noun + " (audited)", bound(Reveal<R>),
      {.response_schema = json::object{{"type", "object"}, {"properties", std::move(sealed)}}});
}

}  // namespace hejia::api::kit
