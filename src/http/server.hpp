// The HTTP server: Beast + Asio coroutines, one coroutine per connection, limits on every read,
// graceful shutdown. It knows routes, not business rules.
#pragma once
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace hejia::http {

/// Who the caller is and what a role may do; supplied by the application.
class Gatekeeper {
 public:
  virtual ~Gatekeeper() = default;
  /// The signed-in caller for this request, or nullopt.
  virtual boost::asio::awaitable<std::optional<Principal>> Authenticate(const RawRequest& req,
                                                                        const std::string& ip) = 0;
  virtual bool RoleHas(domain::Role role, std::string_view permission) const = 0;
  /// Records a refused request of a signed-in caller (403) in the audit trail.
  virtual boost::asio::awaitable<void> RecordDenied(const Request& req, const Route& route,
                                                    std::string_view reason) = 0;
};

/// Server settings.
struct ServerOptions {
  std::string static_root;  // the built web UI; empty = none
  size_t body_limit = 1 << 20;
  bool trust_proxy = false;  // take X-Real-IP from a proxy on loopback
  /// Proxies on other hosts whose X-Real-IP is taken too (addresses). From anyone else the header
  /// is ignored; a value that is not an address is ignored from anyone.
  std::vector<std::string> trusted_proxies;
  int read_timeout_seconds = 30;
  size_t max_connections = 10000;
};

/// Maps the failure of a request to the one JSON error shape.
Response ErrorResponse(unsigned status, std::string_view code, std::string_view message,
                       std::string_view field = {});
/// Headers every response carries (CSP, nosniff, frame denial, referrer policy).
void ApplySecurityHeaders(Response& res);

/// The request pipeline without the network: route, authenticate, CSRF, permission, handler,
/// error mapping. Used by the server and by the fuzz target.
class Dispatcher {
 public:
  Dispatcher(const Router& router, Gatekeeper& gate, ServerOptions options)
      : router_(router), gate_(gate), options_(std::move(options)) {}
  /// `stream`, when given, receives the handler's Request::stream of a 200 answer (the server
  /// runs it after the headers); without it a streaming answer ends after its headers.
  boost::asio::awaitable<Response> Dispatch(const RawRequest& raw, std::string client_ip,
                                            StreamBody* stream = nullptr);
  /// The largest body a request for `target` may send: its route's body_limit when larger than
  /// the server's default, else the default. Decided from the request line, before the body.
  uint64_t BodyLimit(bhttp::verb method, std::string_view target) const;
  /// Whether a large body may be read for this request header: its route is public (or unknown:
  /// it will be answered 404), or the request carries a valid session. Asked before reading a
  /// body larger than kAnonymousBodyLimit, so no one can make the server hold megabytes without
  /// signing in.
  boost::asio::awaitable<bool> MayReadBody(const RawRequest& header, const std::string& client_ip);

 private:
  boost::asio::awaitable<Response> DispatchApi(const RawRequest& raw, std::string client_ip,
                                               std::string_view path,
                                               std::vector<std::pair<std::string, std::string>> q,
                                               StreamBody* stream);
  Response ServeStatic(const RawRequest& raw, std::string_view path) const;
  const Router& router_;
  Gatekeeper& gate_;
  ServerOptions options_;
};

/// The most a request without a valid session may send before the server reads it.
inline constexpr uint64_t kAnonymousBodyLimit = 64 * 1024;

/// Connections the server holds at most: the configured cap, kept below the process's
/// descriptor limit with a reserve for the database, logs and files.
size_t ConnectionCap(size_t configured, uint64_t descriptor_limit);

/// Accepts connections and runs the dispatcher for each request.
class HttpServer {
 public:
  HttpServer(boost::asio::io_context& ioc, Dispatcher& dispatcher, ServerOptions options);
  /// Binds and starts accepting; throws on failure to bind.
  void Listen(const std::string& host, unsigned short port);
  unsigned short port() const { return port_; }
  /// Stops accepting, closes idle connections, lets in-flight requests finish.
  void Shutdown();

 private:
  struct Conn;
  boost::asio::awaitable<void> AcceptLoop();
  boost::asio::awaitable<void> Serve(std::shared_ptr<Conn> conn);
  /// Closes the connection that has waited longest for its next request; false when every
  /// connection is busy. Called with conns_mu_ held.
  bool ShedOldestIdleLocked();

  boost::asio::io_context& ioc_;
  Dispatcher& dispatcher_;
  ServerOptions options_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex conns_mu_;
  std::set<std::shared_ptr<Conn>> conns_;
  size_t connection_cap_ = 0;
};

}  // namespace hejia::http
