#include "jobs/http_post.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <optional>
#include <stdexcept>

namespace hejia::jobs {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;

namespace {

using Parser = bhttp::response_parser<bhttp::string_body>;
using Request = bhttp::request<bhttp::string_body>;

template <class Stream>
asio::awaitable<void> Exchange(Stream& stream, beast::tcp_stream& lowest, Request& req,
                               Parser& parser, std::chrono::milliseconds timeout) {
  beast::flat_buffer buffer;
  lowest.expires_after(timeout);
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  lowest.expires_after(timeout);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
}

asio::awaitable<void> PlainPost(const std::string& host, const std::string& port, Request& req,
                                Parser& parser, std::chrono::milliseconds timeout) {
  auto ex = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(ex);
  auto endpoints = co_await resolver.async_resolve(host, port, asio::use_awaitable);
  beast::tcp_stream stream(ex);
  stream.expires_after(timeout);
  co_await stream.async_connect(endpoints, asio::use_awaitable);
  co_await Exchange(stream, stream, req, parser, timeout);
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> TlsPost(ssl::context& ctx, const std::string& host, const std::string& port,
                              Request& req, Parser& parser, std::chrono::milliseconds timeout) {
  auto ex = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(ex);
  auto endpoints = co_await resolver.async_resolve(host, port, asio::use_awaitable);
  beast::ssl_stream<beast::tcp_stream> stream(ex, ctx);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
    throw beast::system_error(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback(ssl::host_name_verification(host));
  auto& lowest = beast::get_lowest_layer(stream);
  lowest.expires_after(timeout);
  co_await lowest.async_connect(endpoints, asio::use_awaitable);
  lowest.expires_after(timeout);
  co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
  co_await Exchange(stream, lowest, req, parser, timeout);
}

}  // namespace

HttpEndpoint HttpEndpoint::Parse(const std::string& url, const std::string& what) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw std::invalid_argument(what + " URL: not a URL");
  const std::string scheme(parsed->scheme());
  if (scheme != "http" && scheme != "https")
    throw std::invalid_argument(what + " URL: must start with http:// or https://");
  HttpEndpoint e;
  e.tls = scheme == "https";
  e.host = std::string(parsed->host());
  if (e.host.empty()) throw std::invalid_argument(what + " URL: no host");
  if (e.host.size() > 2 && e.host.front() == '[' && e.host.back() == ']')
    e.host = e.host.substr(1, e.host.size() - 2);
  e.port = parsed->has_port() ? std::string(parsed->port()) : (e.tls ? "443" : "80");
  e.target = std::string(parsed->encoded_path());
  if (e.target.empty()) e.target = "/";
  if (parsed->has_query()) e.target += "?" + std::string(parsed->encoded_query());
  return e;
}

std::string HttpEndpoint::Describe() const {
  return std::string(tls ? "https://" : "http://") + host + ":" + port + Path();
}

HttpPostResult PostJson(const HttpEndpoint& to,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string body, std::chrono::milliseconds timeout,
                        const std::string& user_agent) {
  Request req{bhttp::verb::post, to.target, 11};
  const bool default_port = to.port == (to.tls ? "443" : "80");
  req.set(bhttp::field::host, default_port ? to.host : to.host + ":" + to.port);
  req.set(bhttp::field::user_agent, user_agent);
  req.set(bhttp::field::content_type, "application/json; charset=utf-8");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = std::move(body);
  req.prepare_payload();
  Parser parser;
  parser.body_limit(64 * 1024);
  asio::io_context ioc;
  std::exception_ptr failure;
  auto done = [&failure](std::exception_ptr e) { failure = e; };
  std::optional<ssl::context> ctx;
  if (to.tls) {
    ctx.emplace(ssl::context::tls_client);
    ctx->set_default_verify_paths();
    asio::co_spawn(ioc, TlsPost(*ctx, to.host, to.port, req, parser, timeout), done);
  } else {
    asio::co_spawn(ioc, PlainPost(to.host, to.port, req, parser, timeout), done);
  }
  ioc.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const boost::system::system_error& e) {
      return {0, "transport: " + e.code().message()};
    } catch (const std::exception& e) {
      return {0, std::string("transport: ") + e.what()};
    }
  }
  return {parser.get().result_int(), {}};
}

}  // namespace hejia::jobs
