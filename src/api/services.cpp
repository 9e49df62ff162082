#include "api/services.hpp"

#include "common/error.hpp"
#include "domain/region.hpp"

namespace hejia::api {

void Services::Audit(store::Connection& conn, const store::Actor& actor, std::string_view entity,
                     std::string_view entity_id, std::string_view action, std::string_view result,
                     std::string_view detail) const {
  store::Audit(conn, *keys, clock.NowMillis(), actor, entity, entity_id, action, result, detail);
}

store::Actor ActorOf(const http::Request& req) {
  if (!req.principal) return store::Actor::Portal(req.client_ip);
  const auto& p = *req.principal;
  return store::Actor{p.user_id, p.login, std::string(domain::ToString(p.role)), req.client_ip};
}

ScopeFilter ScopeOf(const http::Principal& p) {
  return ScopeFilter::Within(p.region_path, p.user_id);
}

ScopeFilter NarrowScope(const http::Principal& p, std::string_view region_path) {
  if (!domain::PathWithin(region_path, p.region_path))
    throw NotFound("区划不存在 / no such region");
  return ScopeFilter::Within(region_path);
}

}  // namespace hejia::api
