// What a handler sees of a request, and what it answers.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/params_view.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "domain/roles.hpp"

namespace hejia::http {

namespace bhttp = boost::beast::http;
using Response = bhttp::response<bhttp::string_body>;
using RawRequest = bhttp::request<bhttp::string_body>;

/// The signed-in caller, as every scope check and audit entry needs it.
struct Principal : domain::AccountIdentity {
  int64_t user_id = 0;
  int64_t session_id = 0;
  std::string csrf_token;
  bool must_change_password = false;
  bool totp_enabled = false;
  bool totp_required = false;
  bool demo = false;
  int64_t last_sign_in_at = 0;
};

/// Where a streaming answer (server-sent events) writes once the server has sent its headers.
/// The server provides it; every call happens on the connection's strand.
class StreamWriter {
 public:
  enum class Wake { kTimeout, kWoken, kStopped };
  virtual ~StreamWriter() = default;
  /// Writes `data` (kept alive by the caller until done); false once the client has gone or the
  /// server is stopping: the stream should then return.
  virtual boost::asio::awaitable<bool> Write(std::string_view data) = 0;
  /// Waits at most `most`; ends early when the waker is called (kWoken) or the server stops.
  virtual boost::asio::awaitable<Wake> Wait(std::chrono::milliseconds most) = 0;
  /// A function any thread may call to end the current (or the next) Wait early.
  virtual std::function<void()> Waker() = 0;
};

/// The rest of an answer written over time; it returns when it is done.
using StreamBody = std::function<boost::asio::awaitable<void>(StreamWriter&)>;

/// One request in flight.
struct Request {
  const RawRequest& raw;
  std::string_view path;
  std::string client_ip;
  std::map<std::string, std::string, std::less<>> path_params;
  std::vector<std::pair<std::string, std::string>> query;
  std::optional<Principal> principal;
  /// Set by a handler whose 200 answer continues as a stream: the server sends the answer's
  /// headers (no Content-Length; the connection closes at the end), then runs this.
  StreamBody stream;

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
