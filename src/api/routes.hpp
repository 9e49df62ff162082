// Each API area adds its routes here; app/ wires them into one router.
#pragma once
#include "api/services.hpp"
#include "http/router.hpp"

namespace hejia::api {

void AddHealthRoutes(http::Router& router, Services& s);
void AddSessionRoutes(http::Router& router, Services& s);
void AddRegionRoutes(http::Router& router, Services& s);
void AddPeopleRoutes(http::Router& router, Services& s);
void AddUserRoutes(http::Router& router, Services& s);
void AddAuditRoutes(http::Router& router, Services& s);

/// Every area, in one call.
void AddAllRoutes(http::Router& router, Services& s);

}  // namespace hejia::api
