#include "api/services.hpp"

#include "domain/errors.hpp"
#include "domain/region.hpp"

namespace hejia::api {

void Services::Audit(store::Connection& conn, const http::Request& req, std::string_view entity,
                     std::string_view entity_id, std::string_view action, std::string_view result,
                     std::string_view detail) const {
  store::AuditEntry e;
  e.at = clock.NowMillis();
  if (req.principal) {
    e.actor_id = req.principal->user_id;
    e.actor_login = req.principal->login;
    e.actor_role = req.principal->role;
  }
  e.ip = req.client_ip;
  e.entity = entity;
  e.entity_id = entity_id;
  e.action = action;
  e.result = result;
  e.detail = detail;
  store::AppendAudit(conn, *keys, e);
}

std::string ScopeFilter::Sql(std::string_view column) const {
  std::string s = " AND ";
  s += column;
  s += " >= ? AND ";
  s += column;
  s += " < ?";
  return s;
}

void ScopeFilter::Bind(std::vector<store::Value>& params) const {
  params.emplace_back(lower);
  params.emplace_back(upper);
}

std::string ScopeFilter::CaseSql() const {
  if (participant == 0) return Sql("c.region_path");
  return " AND ((c.region_path >= ? AND c.region_path < ?) OR c.created_by = ? OR "
         "c.assignee_id = ?)";
}

void ScopeFilter::BindCase(std::vector<store::Value>& params) const {
  Bind(params);
  if (participant == 0) return;
  params.emplace_back(participant);
  params.emplace_back(participant);
}

bool ScopeFilter::Contains(std::string_view path) const {
  return !lower.empty() && path >= lower && path < upper;
}

ScopeFilter ScopeOf(const http::Principal& p) {
  if (p.region_path.empty()) return ScopeFilter{"", ""};  // [,) is empty: sees nothing
  return ScopeFilter{p.region_path, domain::PathUpperBound(p.region_path), p.user_id};
}

ScopeFilter NarrowScope(const http::Principal& p, std::string_view region_path) {
  if (!domain::PathWithin(region_path, p.region_path))
    throw NotFound("区划不存在 / no such region");
  return ScopeFilter{std::string(region_path), domain::PathUpperBound(region_path)};
}

}  // namespace hejia::api
