// The route table. Every route declares its permission and its documentation; a route without a
// permission cannot be registered, and a path that matches no route is answered 404.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <vector>

#include "http/request.hpp"

namespace hejia::http {

/// Who may call a route. kPublic routes need no sign-in; every other route names a permission
/// from domain/roles.hpp.
inline constexpr std::string_view kPublic = "public";
/// Routes a partner's server calls (the police 110 system): no session; the handler checks the
/// request's signature with the partner's key (security/partner_signature.hpp) before anything.
inline constexpr std::string_view kPartner = "partner";

/// Routes the dispatcher lets through without a session (their handlers authenticate, if at all).
inline bool IsSessionless(std::string_view permission) {
  return permission == kPublic || permission == kPartner;
}

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

/// One documented query parameter.
struct QueryParam {
  std::string name;
  std::string type = "string";  // string | integer | boolean
  std::string description;
  std::vector<std::string> values = {};  ///< the codes it accepts, published as its `enum`
};

/// One route: method, pattern with {params}, permission, documentation and handler.
struct Route {
  bhttp::verb method = bhttp::verb::get;
  std::string pattern;  // "/api/v1/people/{id}"
  std::string permission;
  std::string summary;
  std::string tag;
  std::vector<QueryParam> query;
  /// JSON schema of the request body (null when none).
  boost::json::value body_schema;
  /// JSON schema of the 2xx response body (null = empty).
  boost::json::value response_schema;
  unsigned success_status = 200;
  /// A second success status answered with the same shape (0: none): an idempotent create
  /// answers 201 the first time and 200 for the same thing again.
  unsigned also_status = 0;
  bool paged = false;
  /// Allowed while the caller still has to change the password or enrol TOTP.
  bool allow_pending = false;
  /// Largest request body in bytes when above the server's default (ServerOptions::body_limit),
  /// e.g. an attachment upload; 0 = the default.
  size_t body_limit = 0;
  Handler handler;
};

/// Matches requests to routes.
class Router {
 public:
  /// Adds a route; throws std::logic_error when it declares no permission or repeats one.
  void Add(Route route);
  /// The route for method+path; fills path params. nullptr when none. `path_known` tells 405 from
  /// 404.
  const Route* Match(bhttp::verb method, std::string_view path,
                     std::map<std::string, std::string, std::less<>>& params,
                     bool& path_known) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" for parameters
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

/// The OpenAPI 3 document generated from the route table.
boost::json::value BuildOpenApi(const Router& router);

}  // namespace hejia::http
