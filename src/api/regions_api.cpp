// PLACEHOLDER: being written.
#include "api/routes.hpp"
namespace hejia::api {
void AddRegionRoutes(http::Router&, Services&) {}
}  // namespace hejia::api
