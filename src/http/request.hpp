// What a handler sees of a request, and what it answers.
#pragma once
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/params_view.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hejia::http {

namespace bhttp = boost::beast::http;
using Response = bhttp::response<bhttp::string_body>;
using RawRequest = bhttp::request<bhttp::string_body>;

/// The signed-in caller, as every scope check and audit entry needs it.
struct Principal {
  int64_t user_id = 0;
  int64_t session_id = 0;
  std::string login;
  std::string display_name;
  std::string role;
  std::string region_code;
  std::string region_name;
  /// Materialised path of the home region ("/330784/330784001/"); empty = sees nothing.
  std::string region_path;
  std::string csrf_token;
  bool must_change_password = false;
  bool totp_enabled = false;
  bool totp_required = false;
  bool demo = false;
  int64_t last_sign_in_at = 0;
};

/// One request in flight.
struct Request {
  const RawRequest& raw;
  std::string_view path;
  std::string client_ip;
  std::map<std::string, std::string, std::less<>> path_params;
  std::vector<std::pair<std::string, std::string>> query;
  std::optional<Principal> principal;

  /// The path parameter by name (always present when the route matched).
  const std::string& Param(std::string_view name) const;
  /// A query parameter, if given.
  std::optional<std::string> Query(std::string_view name) const;
  std::string UserAgent() const;
  const Principal& Caller() const { return *principal; }
};

/// A JSON response with the standard headers.
Response JsonResponse(unsigned status, const boost::json::value& body);
Response EmptyResponse(unsigned status);

}  // namespace hejia::http
