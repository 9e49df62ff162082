#include "jobs/sms_sender.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <mutex>
#include <thread>

#include "security/keys.hpp"
#include "security/sodium_init.hpp"
#include "store/migrations.hpp"
#include "store/sms_outbox.hpp"

namespace hejia::jobs {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;
using asio::ip::tcp;

/// A stand-in SMS gateway on a loopback port: it answers `failing_status` to the first
/// `failures` requests, 200 afterwards, and keeps what it received.
class Gateway {
 public:
  struct Received {
    std::string target, authorization, body;
  };
  Gateway(int failures, unsigned failing_status)
      : failures_(failures),
        failing_status_(failing_status),
        acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~Gateway() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket poke(ioc_);
    poke.connect({asio::ip::make_address("127.0.0.1"), port()}, ec);  // ends the blocking accept
    thread_.join();
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port()) + path;
  }
  std::vector<Received> received() {
    std::lock_guard lock(mu_);
    return received_;
  }

 private:
  void Serve() {
    for (int n = 1;; ++n) {
      tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stop_ || ec) return;
      beast::flat_buffer buffer;
      bhttp::request<bhttp::string_body> req;
      bhttp::read(socket, buffer, req, ec);
      if (ec) continue;
      {
        std::lock_guard lock(mu_);
        received_.push_back(
            {std::string(req.target()), std::string(req[bhttp::field::authorization]), req.body()});
      }
      bhttp::response<bhttp::string_body> res{
          static_cast<bhttp::status>(n <= failures_ ? failing_status_ : 200), 11};
      res.body() = "{}";
      res.prepare_payload();
      bhttp::write(socket, res, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  }

  int failures_;
  unsigned failing_status_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<Received> received_;
  std::thread thread_;
};

struct Outbox {
  std::unique_ptr<store::Database> db;
  std::shared_ptr<const security::KeyRing> keys;
  std::unique_ptr<security::FieldCipher> cipher;

  /// One pass of the dispatcher over this outbox at `now`.
  int Drain(SmsSender& sender, int64_t now) { return DrainSmsOutbox(*db, *cipher, sender, now); }

  explicit Outbox(const std::string& name) {
    security::EnsureSodium();
    const auto dir =
        std::filesystem::temp_directory_path() / ("hejia-sms-test-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / name;
    std::filesystem::remove(file);
    db = store::OpenDatabase("sqlite:" + file.string());
    db->WriteSync([](store::Connection& c) { store::Migrate(c); });
    auto parsed = security::ParseKeyFile(security::GenerateKeyFileText());
    keys = std::make_shared<const security::KeyRing>(std::get<security::KeyRing>(parsed));
    cipher = std::make_unique<security::FieldCipher>(keys);
  }
  ~Outbox() { db->Stop(); }
  int64_t Enqueue(const std::string& phone, const std::string& body, int64_t now) {
    return db->WriteSync([&](store::Connection& c) {
      return store::EnqueueSms(c, *cipher, phone, body, "agreement_otp", now);
    });
  }
  struct Row {
    std::string status, last_error;
    int64_t attempts = 0, next_attempt_at = 0;
    bool sent = false;
  };
  Row Get(int64_t id) {
    return db->ReadSync([&](store::Connection& c) {
      auto r = c.QueryOne(
          "SELECT status, last_error, attempts, next_attempt_at, sent_at FROM sms_outbox WHERE "
          "id = ?",
          {id});
      return Row{r->Text(0), r->Text(1), r->Int(2), r->Int(3), !r->IsNull(4)};
    });
  }
};

constexpr int64_t kT0 = 1'780'000'000'000;

TEST(SmsOutbox, TheGatewayIsRetriedWithBackoffUntilItAccepts) {
  Outbox outbox("retry.db");
  Gateway gateway(2, 503);
  HttpSmsGateway sender(gateway.Url("/sms/send?channel=hejia"), "secret-token");
  const int64_t id = outbox.Enqueue("13812345678", "【和家】您的调解协议确认码为 123456", kT0);

  EXPECT_EQ(outbox.Drain(sender, kT0), 1);
  auto row = outbox.Get(id);
  EXPECT_EQ(row.status, "pending");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.last_error, "HTTP 503");
  EXPECT_EQ(row.next_attempt_at, kT0 + 30'000);
  // Not before its time.
  EXPECT_EQ(outbox.Drain(sender, kT0 + 29'000), 0);
  EXPECT_EQ(outbox.Drain(sender, kT0 + 30'000), 1);
  row = outbox.Get(id);
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.next_attempt_at, kT0 + 30'000 + 60'000);  // twice as long
  EXPECT_EQ(outbox.Drain(sender, kT0 + 90'000), 1);
  row = outbox.Get(id);
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_TRUE(row.sent);
  EXPECT_EQ(row.last_error, "");
  EXPECT_EQ(outbox.Drain(sender, kT0 + 200'000), 0);

  const auto received = gateway.received();
  ASSERT_EQ(received.size(), 3u);
  for (const auto& r : received) {
    EXPECT_EQ(r.target, "/sms/send?channel=hejia");
    EXPECT_EQ(r.authorization, "Bearer secret-token");
    auto body = json::parse(r.body).as_object();
    EXPECT_EQ(body.at("to"), "13812345678");
    EXPECT_EQ(body.at("text"), "【和家】您的调解协议确认码为 123456");
    EXPECT_EQ(body.at("id").as_int64(), id);
    EXPECT_EQ(body.at("purpose"), "agreement_otp");
  }
  // The description never shows the query (a provider's key may travel there).
  EXPECT_EQ(sender.Describe().find("channel"), std::string::npos);
}

TEST(SmsOutbox, AGatewayRefusalIsFinalAndAnUnreachableOneIsRetried) {
  Outbox outbox("refused.db");
  {
    Gateway gateway(100, 400);
    HttpSmsGateway sender(gateway.Url("/send"), "");
    const int64_t id = outbox.Enqueue("13812345678", "text", kT0);
    EXPECT_EQ(outbox.Drain(sender, kT0), 1);
    EXPECT_EQ(outbox.Get(id).status, "failed");
    EXPECT_EQ(outbox.Get(id).last_error, "HTTP 400");
    EXPECT_EQ(gateway.received().at(0).authorization, "");
  }
  // Nothing listens on this port any more.
  unsigned short closed = 0;
  {
    asio::io_context ioc;
    tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    closed = a.local_endpoint().port();
  }
  HttpSmsGateway down("http://127.0.0.1:" + std::to_string(closed) + "/", "",
                      std::chrono::milliseconds(500));
  const int64_t id = outbox.Enqueue("13812345678", "text", kT0);
  EXPECT_EQ(outbox.Drain(down, kT0), 1);
  auto row = outbox.Get(id);
  EXPECT_EQ(row.status, "pending");
  EXPECT_EQ(row.last_error.rfind("transport:", 0), 0u);
  // After the last allowed attempt it is given up.
  int64_t at = kT0;
  for (int i = 1; i < kMaxSmsAttempts; ++i) {
    at = outbox.Get(id).next_attempt_at;
    outbox.Drain(down, at);
  }
  EXPECT_EQ(outbox.Get(id).status, "failed");
  EXPECT_EQ(outbox.Get(id).attempts, kMaxSmsAttempts);
}

TEST(SmsOutbox, WithoutAGatewayMessagesAreOnlyRecorded) {
  Outbox outbox("recorded.db");
  OutboxSmsSender sender;
  const int64_t id = outbox.Enqueue("13812345678", "text", kT0);
  EXPECT_EQ(outbox.Drain(sender, kT0), 1);
  EXPECT_EQ(outbox.Get(id).status, "recorded");
  // Stored encrypted.
  outbox.db->ReadSync([&](store::Connection& c) {
    auto r = c.QueryOne("SELECT phone_enc, body_enc FROM sms_outbox WHERE id = ?", {id});
    EXPECT_EQ(r->Text(0).find("13812345678"), std::string::npos);
    EXPECT_NE(r->Text(1), "text");
  });
}

TEST(SmsOutbox, BackoffDoublesUpToAnHour) {
  EXPECT_EQ(SmsBackoffMs(1), 30'000);
  EXPECT_EQ(SmsBackoffMs(2), 60'000);
  EXPECT_EQ(SmsBackoffMs(3), 120'000);
  EXPECT_EQ(SmsBackoffMs(20), 3'600'000);
  EXPECT_THROW(HttpSmsGateway("ftp://example.org/", ""), std::invalid_argument);
  EXPECT_THROW(HttpSmsGateway("not a url", ""), std::invalid_argument);
}

}  // namespace
}  // namespace hejia::jobs
