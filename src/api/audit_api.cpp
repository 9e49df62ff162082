// The audit trail for the audit administrator: search it and check its hash chain. Reading the
// trail is itself recorded, so the auditor is audited too.
#include <boost/asio/use_awaitable.hpp>

#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "http/paging.hpp"
#include "store/audit_anchor.hpp"

namespace hejia::api {

namespace {

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;

/// A YYYY-MM-DD query parameter: its text and the Unix millis of that Beijing midnight.
std::optional<std::pair<std::string, int64_t>> QueryDate(const http::Request& req,
                                                         std::string_view name) {
  auto text = http::QueryText(req, name, 10);
  if (!text) return std::nullopt;
  const int64_t millis = BeijingDateStartMillis(*text);
  if (millis < 0) throw Invalid(std::string(name), "日期应为 YYYY-MM-DD / date must be YYYY-MM-DD");
  return std::pair{*text, millis};
}

asio::awaitable<http::Response> SearchAudit(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"at"}, "at", true);
  const auto actor = http::QueryText(req, "actor", 64);
  const auto entity = http::QueryText(req, "entity", 32);
  const auto action = http::QueryText(req, "action", 32);
  const auto result = http::QueryText(req, "result", 16);
  // A case's state change is recorded as action `transition` with "action=<code>;…" in its detail:
  // `case_action` narrows to one code of the state machine (a known code, so no LIKE wildcard).
  const auto case_action = http::QueryText(req, "case_action", 32);
  if (case_action && !domain::ParseCaseAction(*case_action))
    throw Invalid("case_action", "未知的案件操作 / unknown case action");
  const auto from = QueryDate(req, "from");
  auto to = QueryDate(req, "to");
  if (to) to->second += kDayMillis;  // `to` is inclusive: up to the end of that day
  if (from && to && to->second <= from->second)
    throw Invalid("to", "结束日期早于开始日期 / `to` is before `from`");

  std::string where;
  std::vector<store::Value> params;
  std::string detail;
  auto filter = [&](std::string_view column, const std::optional<std::string>& v,
                    std::string_view label) {
    if (!v) return;
    where += " AND ";
    where += column;
    where += " = ?";
    params.emplace_back(*v);
    detail += std::string(detail.empty() ? "" : ";") + std::string(label) + "=" + *v;
  };
  filter("actor_login", actor, "actor");
  filter("entity", entity, "entity");
  filter("action", action, "action");
  filter("result", result, "result");
  if (case_action) {
    where += " AND action = 'transition' AND (detail = ? OR detail LIKE ?)";
    params.emplace_back("action=" + *case_action);
    params.emplace_back("action=" + *case_action + ";%");
    detail += std::string(detail.empty() ? "" : ";") + "case_action=" + *case_action;
  }
  if (from) {
    where += " AND at >= ?";
    params.emplace_back(from->second);
    detail += std::string(detail.empty() ? "" : ";") + "from=" + from->first;
  }
  if (to) {
    where += " AND at < ?";
    params.emplace_back(to->second);
    detail += std::string(detail.empty() ? "" : ";") + "to=" + to->first;
  }
  detail += std::string(detail.empty() ? "" : ";") + "page=" + std::to_string(page.page);

  // Recorded before the read, so no search of the trail goes unrecorded.
  co_await s.db.Write(
      [&](store::Connection& c) { s.Audit(c, ActorOf(req), "audit", "", "search", "ok", detail); });
  auto [items, total] = co_await s.db.Read([&](store::Connection& c) {
    auto count = c.QueryOne("SELECT COUNT(*) FROM audit_log WHERE 1 = 1" + where, params);
    std::vector<store::Value> page_params = params;
    page_params.emplace_back(page.page_size);
    page_params.emplace_back(page.Offset());
    const std::string dir = page.descending ? " DESC" : " ASC";
    auto rows = c.Query(
        "SELECT id, seq, at, actor_login, actor_role, ip, entity, entity_id, action, result, "
        "detail FROM audit_log WHERE 1 = 1" +
            where + " ORDER BY at" + dir + ", seq" + dir + " LIMIT ? OFFSET ?",
        page_params);
    json::array out;
    for (const auto& r : rows)
      out.push_back(json::object{{"id", r.Int(0)},
                                 {"seq", r.Int(1)},
                                 {"at", FormatBeijing(r.Int(2))},
                                 {"actor_login", r.Text(3)},
                                 {"actor_role", r.Text(4)},
                                 {"ip", r.Text(5)},
                                 {"entity", r.Text(6)},
                                 {"entity_id", r.Text(7)},
                                 {"action", r.Text(8)},
                                 {"result", r.Text(9)},
                                 {"detail", r.Text(10)}});
    return std::pair{std::move(out), count->Int(0)};
  });
  co_return http::JsonResponse(200, http::PageBody(std::move(items), page, total));
}

asio::awaitable<http::Response> VerifyAuditChain(Services& s, http::Request& req) {
  auto keys = s.keys;
  const std::string anchor_path = s.settings.audit_anchor;
  auto v = co_await s.db.Read([&keys, &anchor_path](store::Connection& c) {
    // The anchors before the snapshot: each was written after its entries committed.
    store::AnchorFile anchors;
    if (!anchor_path.empty()) anchors = store::ReadAnchorFile(anchor_path, *keys);
    if (!anchors.problem.empty())
      return store::AuditVerification{.ok = false, .problem = anchors.problem};
    return store::VerifyAuditSnapshot(c, *keys, anchors.anchors);
  });
  std::string detail = "checked=" + std::to_string(v.checked);
  if (v.first_bad_seq) detail += ";first_bad_seq=" + std::to_string(*v.first_bad_seq);
  co_await s.db.Write([&](store::Connection& c) {
    s.Audit(c, ActorOf(req), "audit", "", "verify", v.ok ? "ok" : "failed", detail);
  });
  json::object body{{"ok", v.ok}, {"checked", v.checked}};
  if (v.first_bad_seq) body["first_bad_seq"] = *v.first_bad_seq;
  if (!v.problem.empty()) body["problem"] = v.problem;
  co_return http::JsonResponse(200, body);
}

}  // namespace

void AddAuditRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/audit", "audit");
  area.Add(verb::get, "", "audit.read",
           "Search the audit trail, newest first (the search is itself audited)", SearchAudit,
           {.query = {{"actor", "string", "actor login (exact)"},
                      {"entity", "string", "entity kind, e.g. user, person, session"},
                      {"action", "string", "action, e.g. create, sign_in"},
                      OneOf("result", {"ok", "failed", "denied"}, "what came of it"),
                      OneOf("case_action", domain::Codes(domain::AllCaseActions()),
                            "a case's state change of this action (action `transition`)"),
                      FirstDay(""),
                      LastDay("")},
            .response_schema = schema::AnyObject(),
            .paged = true});
  area.Add(verb::get, "/verify", "audit.read",
           "Walk the hash chain, check the signed checkpoint and that the chain reaches every "
           "head anchored outside the database",
           VerifyAuditChain,
           {.response_schema =
                schema::Shape("ok:boolean checked:integer first_bad_seq:integer problem:string")});
}

}  // namespace hejia::api
