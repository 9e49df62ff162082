// PLACEHOLDER: being written.
#include "api/routes.hpp"
namespace hejia::api {
void AddUserRoutes(http::Router&, Services&) {}
}  // namespace hejia::api
