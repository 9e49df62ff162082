// A partner's server receiving our signed callbacks (the police's feedback, the provincial
// dispute platform's status), on a loopback port, for the API tests.
#pragma once
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hejia::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;

/// A partner's callback receiver on a loopback port: answers `status` and keeps each request.
class Receiver {
 public:
  struct Received {
    std::string target, body;
    std::map<std::string, std::string> headers;
  };
  explicit Receiver(unsigned status, std::string path = "/police/feedback?from=hejia")
      : path_(std::move(path)),
        status_(status),
        acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~Receiver() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket poke(ioc_);
    poke.connect({asio::ip::make_address("127.0.0.1"), acceptor_.local_endpoint().port()}, ec);
    thread_.join();
  }
  std::string Url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + path_;
  }
  void set_status(unsigned s) { status_ = s; }
  std::vector<Received> received() {
    std::lock_guard lock(mu_);
    return received_;
  }

 private:
  void Serve() {
    for (;;) {
      tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stop_ || ec) return;
      beast::flat_buffer buffer;
      bhttp::request<bhttp::string_body> req;
      bhttp::read(socket, buffer, req, ec);
      if (ec) continue;
      Received r{std::string(req.target()), req.body(), {}};
      for (const auto& h : req) r.headers[std::string(h.name_string())] = std::string(h.value());
      {
        std::lock_guard lock(mu_);
        received_.push_back(std::move(r));
      }
      bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status_.load()), 11};
      res.body() = "{}";
      res.prepare_payload();
      bhttp::write(socket, res, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  }
  std::string path_;
  std::atomic<unsigned> status_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<Received> received_;
  std::thread thread_;
};

}  // namespace hejia::testing
