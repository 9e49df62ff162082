// One HTTP(S) POST from a job to a server outside (the SMS gateway, a partner's feedback
// callback): the address parsed once, the request sent with a timeout, the status read back.
// https:// verifies the server's certificate against the system's roots and its host name.
// Blocking: call it off the I/O threads. Bodies are never logged here.
#pragma once
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace hejia::jobs {

/// Where a POST goes.
struct HttpEndpoint {
  bool tls = false;
  std::string host, port, target;  ///< target: the path and query
  /// Parses an http:// or https:// URL with a host; throws std::invalid_argument otherwise
  /// (`what` names it in the message).
  static HttpEndpoint Parse(const std::string& url, const std::string& what);
  /// "https://host:port/path" without the query (a key sometimes travels there).
  std::string Describe() const;
  /// The path without the query (what a signature covers).
  std::string Path() const { return target.substr(0, target.find('?')); }
};

struct HttpPostResult {
  unsigned status = 0;  ///< 0: no answer (the error says why)
  std::string error;
};

/// POSTs `body` as JSON with `headers`; at most 64 KiB of answer is read.
HttpPostResult PostJson(const HttpEndpoint& to,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string body, std::chrono::milliseconds timeout,
                        const std::string& user_agent);

}  // namespace hejia::jobs
