// What the fuzz targets that drive the request pipeline share: failing loudly, running one
// request through http::Dispatcher to its end, and recognising the one JSON error shape.
#pragma once
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.hpp"

namespace hejia::fuzz {

/// A finding: says which invariant broke and aborts, so libFuzzer keeps the input.
[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
  std::abort();
}

/// Runs `req` through `dispatcher` on `ioc` to its end; an escaping exception is a finding.
inline http::Response RunToEnd(http::Dispatcher& dispatcher, boost::asio::io_context& ioc,
                               const http::RawRequest& req, const std::string& client_ip) {
  std::exception_ptr failure;
  std::optional<http::Response> answer;
  boost::asio::co_spawn(ioc, dispatcher.Dispatch(req, client_ip),
                        [&](std::exception_ptr e, http::Response r) {
                          failure = e;
                          if (!e) answer = std::move(r);
                        });
  ioc.restart();
  ioc.run();
  if (failure) Fail("an exception escaped Dispatcher::Dispatch");
  if (!answer) Fail("Dispatch did not complete");
  return std::move(*answer);
}

/// Whether `body` is the one error shape: {"error": {"code": ..., ...}}.
inline bool IsErrorShape(std::string_view body) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(body, ec);
  return !ec && v.is_object() && v.as_object().contains("error") && v.at("error").is_object() &&
         v.at("error").as_object().contains("code");
}

}  // namespace hejia::fuzz
