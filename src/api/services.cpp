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
  ScopeFilter scope = ScopeFilter::Within(p.region_path);
  // A mediator works on the cases it mediates, not on its town's.
  if (p.role == domain::Role::kMediator && !scope.lower.empty()) scope.mediating_user = p.user_id;
  return scope;
}

ScopeFilter CaseSightOf(const http::Principal& p) {
  std::vector<std::string> paths{p.region_path};
  // A grid has no handling unit: a grid sister's reports are handled by her village.
  const auto above = domain::PathsAbove(p.region_path);
  if (domain::CodesOnPath(p.region_path).size() == 4 && !above.empty())
    paths.push_back(above.back());
  return ScopeOf(p).Following(p.user_id, std::move(paths));
}

ScopeFilter NarrowScope(const http::Principal& p, std::string_view region_path) {
  if (!domain::PathWithin(region_path, p.region_path))
    throw NotFound("区划不存在 / no such region");
  return ScopeFilter::Within(region_path);
}

}  // namespace hejia::api
