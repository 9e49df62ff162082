// PLACEHOLDER: being written.
#include "api/routes.hpp"
namespace hejia::api {
void AddPeopleRoutes(http::Router&, Services&) {}
}  // namespace hejia::api
