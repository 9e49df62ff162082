// What every API area file includes (the services and the router), and the one routes list
// (api/routes.cpp) that app/ wires into the router.
#pragma once
#include "api/services.hpp"
#include "http/router.hpp"

namespace hejia::api {

/// Every area, in one call: the list in api/routes.cpp.
void AddAllRoutes(http::Router& router, Services& s);

}  // namespace hejia::api
