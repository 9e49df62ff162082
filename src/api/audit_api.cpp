// PLACEHOLDER: being written.
#include "api/routes.hpp"
namespace hejia::api {
void AddAuditRoutes(http::Router&, Services&) {}
}  // namespace hejia::api
