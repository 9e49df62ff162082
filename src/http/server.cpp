#include "http/server.hpp"

#include "http/client_address.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <spdlog/spdlog.h>

#include "common/error.hpp"
#include "http/error_status.hpp"

namespace hejia::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

// Beast's serializer hands every header field to the socket as its own buffer through layers of
// buffer views; for our small responses that is about 25,000 instructions per request, 40% of
// a whole GET /healthz and 20% of GET /people/{id} (callgrind; `make bench` showed +20-25%
// requests per second without it). The same bytes in one buffer cost a fraction of that. Only
// the plain case is done here: a body with its Content-Length (prepare_payload; HEAD keeps the
// length and drops the body) or none; anything else (chunked) goes through Beast. The head only:
// the body is handed to the socket beside it, not copied behind it (a page of a list is 20 KB).
std::optional<std::string> SerializeHead(const Response& res) {
  if (res.chunked() || (!res.has_content_length() && !res.body().empty())) return std::nullopt;
  std::string out;
  out.reserve(512);
  out += res.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(res.result_int());
  out += ' ';
  out += res.reason();
  out += "\r\n";
  for (const auto& field : res) {
    out += field.name_string();
    out += ": ";
    out += field.value();
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

}  // namespace

int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct HttpServer::Conn {
  explicit Conn(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  std::atomic<bool> busy{false};
  // When it began waiting for its next request (steady milliseconds): the oldest idle one is shed
  // first when the server is full.
  std::atomic<int64_t> idle_since{SteadyMillis()};
  // While a streaming answer runs: the timer its waits use, cancelled by Shutdown.
  std::shared_ptr<asio::steady_timer> stream_timer;
};

namespace {

// The StreamWriter of one connection. Wait sleeps on a timer of the connection's strand; the
// waker sets a flag first, so a wake that arrives while the stream is writing is not lost.
class ConnStreamWriter final : public StreamWriter {
 public:
  ConnStreamWriter(beast::tcp_stream& stream, std::shared_ptr<asio::steady_timer> timer,
                   const std::atomic<bool>& stopping, int write_timeout_seconds)
      : stream_(stream),
        timer_(std::move(timer)),
        stopping_(stopping),
        write_timeout_seconds_(write_timeout_seconds) {}

  asio::awaitable<bool> Write(std::string_view data) override {
    if (stopping_) co_return false;
    stream_.expires_after(std::chrono::seconds(write_timeout_seconds_));
    auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(data.data(), data.size()),
                                              asio::as_tuple(asio::use_awaitable));
    co_return !ec && !stopping_;
  }

  asio::awaitable<Wake> Wait(std::chrono::milliseconds most) override {
    if (stopping_) co_return Wake::kStopped;
    if (woken_->exchange(false)) co_return Wake::kWoken;
    timer_->expires_after(most);
    auto [ec] = co_await timer_->async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopping_) co_return Wake::kStopped;
    if (woken_->exchange(false) || ec) co_return Wake::kWoken;
    co_return Wake::kTimeout;
  }

  std::function<void()> Waker() override {
    return [timer = std::weak_ptr<asio::steady_timer>(timer_), woken = woken_] {
      woken->store(true);
      if (auto t = timer.lock()) asio::post(t->get_executor(), [t] { t->cancel(); });
    };
  }

 private:
  beast::tcp_stream& stream_;
  std::shared_ptr<asio::steady_timer> timer_;
  std::shared_ptr<std::atomic<bool>> woken_ = std::make_shared<std::atomic<bool>>(false);
  const std::atomic<bool>& stopping_;
  int write_timeout_seconds_;
};

}  // namespace

size_t ConnectionCap(size_t configured, uint64_t descriptor_limit) {
  const uint64_t reserve = std::max<uint64_t>(64, descriptor_limit / 10);
  const uint64_t room = descriptor_limit > reserve + 16 ? descriptor_limit - reserve : 16;
  return static_cast<size_t>(std::min<uint64_t>(configured, room));
}

HttpServer::HttpServer(asio::io_context& ioc, Dispatcher& dispatcher, ServerOptions options)
    : ioc_(ioc), dispatcher_(dispatcher), options_(std::move(options)), acceptor_(ioc) {
  rlimit limit{};
  const uint64_t descriptors =
      ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY ? limit.rlim_cur
                                                                                 : 1u << 20;
  connection_cap_ = ConnectionCap(options_.max_connections, descriptors);
  // --trust-proxy is the loopback proxy: one list of trusted peers decides.
  if (options_.trust_proxy) {
    options_.trusted_proxies.emplace_back("127.0.0.1");
    options_.trusted_proxies.emplace_back("::1");
  }
}

bool HttpServer::ShedOldestIdleLocked() {
  std::shared_ptr<Conn> oldest;
  for (const auto& c : conns_)
    if (!c->busy && (!oldest || c->idle_since < oldest->idle_since)) oldest = c;
  if (!oldest) return false;
  asio::post(oldest->stream.get_executor(), [oldest] {
    if (!oldest->busy) oldest->stream.socket().close();
  });
  return true;
}

void HttpServer::Listen(const std::string& host, unsigned short port) {
  spdlog::info("serving at most {} connections at once", connection_cap_);
  tcp::endpoint ep{asio::ip::make_address(host), port};
  acceptor_.open(ep.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(ep);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(ioc_, AcceptLoop(), asio::detached);
}

asio::awaitable<void> HttpServer::AcceptLoop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(ioc_),
                                                        asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) co_return;
      // Out of descriptors: free one by shedding the longest-idle connection, and wait a moment
      // rather than spin on a backlog that cannot be accepted yet.
      if (ec == asio::error::no_descriptors || ec.value() == ENFILE) {
        {
          std::lock_guard lock(conns_mu_);
          ShedOldestIdleLocked();
        }
        asio::steady_timer pause(ioc_, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      }
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    auto conn = std::make_shared<Conn>(std::move(socket));
    {
      std::lock_guard lock(conns_mu_);
      // At the cap the longest-idle connection makes room; when every one is busy the new one
      // is closed at once rather than exhausting file descriptors.
      if (conns_.size() >= connection_cap_ && !ShedOldestIdleLocked()) {
        boost::system::error_code ignored;
        conn->stream.socket().close(ignored);
        continue;
      }
      conns_.insert(conn);
    }
    asio::co_spawn(conn->stream.get_executor(), Serve(conn), asio::detached);
  }
}

asio::awaitable<void> HttpServer::Serve(std::shared_ptr<Conn> conn) {
  beast::flat_buffer buffer;
  std::string ip;
  {
    boost::system::error_code ec;
    auto ep = conn->stream.socket().remote_endpoint(ec);
    if (!ec) ip = ep.address().to_string();
  }
  const bool peer_is_proxy = IsTrustedProxy(ip, options_.trusted_proxies);
  for (;;) {
    if (stopping_) break;
    conn->idle_since = SteadyMillis();
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    // The body limit depends on the route (an attachment upload may send more than the default),
    // so the header comes first; a declared length above the limit is refused before any of the
    // body is read.
    parser.body_limit(boost::none);
    conn->stream.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    auto [hec, hn] = co_await bhttp::async_read_header(conn->stream, buffer, parser,
                                                       asio::as_tuple(asio::use_awaitable));
    boost::system::error_code ec = hec;
    std::string client_ip = ip;
    if (!ec && peer_is_proxy) {
      auto it = parser.get().find("X-Real-IP");
      if (it != parser.get().end())
        if (auto real = CanonicalAddress(it->value())) client_ip = std::move(*real);
    }
    if (!ec) {
      const auto length = parser.content_length();
      // A large body is read only for a public route or a signed-in caller: anyone else is
      // answered before the server holds any of it.
      if (((length && *length > kAnonymousBodyLimit) || parser.chunked()) &&
          !co_await dispatcher_.MayReadBody(parser.get(), client_ip)) {
        Response denied = ErrorResponse(401, "unauthenticated", "请先登录 / sign in first");
        ApplySecurityHeaders(denied);
        denied.keep_alive(false);
        conn->stream.expires_after(std::chrono::seconds(5));
        co_await bhttp::async_write(conn->stream, denied, asio::as_tuple(asio::use_awaitable));
        break;
      }
      // A route may only raise the default; it is looked up only for a body that may exceed it.
      uint64_t limit = options_.body_limit;
      if ((length && *length > limit) || parser.chunked())
        limit = dispatcher_.BodyLimit(parser.get().method(), parser.get().target());
      if (length && *length > limit) {
        ec = bhttp::error::body_limit;
      } else {
        parser.body_limit(limit);
        if (!parser.is_done()) {
          // A client that waits for leave to send a large body (curl does above 1 MB) gets it.
          if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            auto [cec, cn] = co_await asio::async_write(
                conn->stream, asio::buffer(kContinue.data(), kContinue.size()),
                asio::as_tuple(asio::use_awaitable));
            ec = cec;
          }
          if (!ec) {
            auto [bec, bn] = co_await bhttp::async_read(conn->stream, buffer, parser,
                                                        asio::as_tuple(asio::use_awaitable));
            ec = bec;
          }
        }
      }
    }
    if (ec) {
      Response err;
      bool reply = false;
      if (ec == bhttp::error::body_limit) {
        err = ErrorResponse(413, "payload_too_large", "请求体过大 / request body too large");
        reply = true;
      } else if (ec == bhttp::error::header_limit) {
        err = ErrorResponse(431, "headers_too_large", "请求头过大 / request headers too large");
        reply = true;
      } else if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        err = ErrorResponse(400, "bad_request", "请求格式错误 / malformed request");
        reply = true;
      }
      if (reply) {
        ApplySecurityHeaders(err);
        err.keep_alive(false);
        conn->stream.expires_after(std::chrono::seconds(5));
        co_await bhttp::async_write(conn->stream, err, asio::as_tuple(asio::use_awaitable));
        // Lingering close: drain what the client is still sending for a moment, so closing with
        // unread data does not reset the connection and destroy the answer before it is read.
        boost::system::error_code sec;
        conn->stream.socket().shutdown(tcp::socket::shutdown_send, sec);
        conn->stream.expires_after(std::chrono::seconds(2));
        std::array<char, 16384> scratch;
        for (size_t drained = 0; drained < (8u << 20);) {
          auto [rec, rn] = co_await conn->stream.async_read_some(
              asio::buffer(scratch), asio::as_tuple(asio::use_awaitable));
          if (rec) break;
          drained += rn;
        }
      }
      break;
    }
    conn->busy = true;
    auto req = parser.release();
    StreamBody stream;
    Response res = co_await dispatcher_.Dispatch(req, std::move(client_ip), &stream);
    res.version(req.version());
    res.keep_alive(req.keep_alive() && !stopping_);
    if (stream && req.method() != bhttp::verb::head) {
      // A streaming answer: the headers without a length, then the stream until it ends; the
      // connection closes after it.
      res.keep_alive(false);
      auto head = SerializeHead(res);
      if (!head) break;  // a body with no length: not a stream's head
      conn->stream.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
      auto [hec, hn] = co_await asio::async_write(conn->stream, asio::buffer(*head),
                                                  asio::as_tuple(asio::use_awaitable));
      if (!hec) {
        conn->stream_timer = std::make_shared<asio::steady_timer>(conn->stream.get_executor());
        ConnStreamWriter writer(conn->stream, conn->stream_timer, stopping_,
                                options_.read_timeout_seconds);
        try {
          co_await stream(writer);
        } catch (const std::exception& e) {
          spdlog::warn("stream ended by an error: {}", e.what());
        }
        conn->stream_timer.reset();
      }
      conn->busy = false;
      break;
    }
    conn->stream.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    boost::system::error_code wec;
    if (auto head = SerializeHead(res)) {
      const std::array<asio::const_buffer, 2> wire{asio::buffer(*head), asio::buffer(res.body())};
      auto [ec2, wn] =
          co_await asio::async_write(conn->stream, wire, asio::as_tuple(asio::use_awaitable));
      wec = ec2;
    } else {
      auto [ec2, wn] =
          co_await bhttp::async_write(conn->stream, res, asio::as_tuple(asio::use_awaitable));
      wec = ec2;
    }
    conn->busy = false;
    if (wec || !res.keep_alive()) break;
  }
  boost::system::error_code ignored;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  conn->stream.close();
  std::lock_guard lock(conns_mu_);
  conns_.erase(conn);
}

void HttpServer::Shutdown() {
  stopping_ = true;
  asio::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
  });
  std::lock_guard lock(conns_mu_);
  for (const auto& c : conns_) {
    asio::post(c->stream.get_executor(), [c] {
      if (!c->busy) c->stream.cancel();
      if (c->stream_timer) c->stream_timer->cancel();
    });
  }
}

}  // namespace hejia::http
