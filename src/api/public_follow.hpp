// Following a help request on the portal (no account): the status, the conversation with the
// staff, the handling unit's phone, and her own short replies, which land on the case's timeline.
// The tracking code and the phone's last four digits travel in the body, never in a URL.
#pragma once
#include <string>
#include <string_view>

#include "api/routes_kit.hpp"
#include "http/json_body.hpp"

namespace hejia::api {

/// Registers POST <area>/help-requests/lookup and <area>/help-requests/reply on the portal's
/// area (api/public_api.cpp).
void AddHelpRequestFollowRoutes(AreaRoutes& area);

/// A lookup's tracking code (and a help request's last four phone digits): a field of the wrong
/// type is a 400; a missing or malformed value reads as a miss, like a wrong one.
std::string LookupText(const http::JsonBody& body, std::string_view field);

}  // namespace hejia::api
