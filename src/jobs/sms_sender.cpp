#include "jobs/sms_sender.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cstdlib>
#include <ostream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "store/audit.hpp"

namespace hejia::jobs {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
namespace json = boost::json;

namespace {

constexpr int64_t kClaimLeaseMs = 5LL * 60 * 1000;

std::string Ad(std::string_view column, int64_t id) {
  return "sms_outbox/" + std::string(column) + "/" + std::to_string(id);
}

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

// ---- the HTTP gateway ----

HttpSmsGateway::HttpSmsGateway(std::string url, std::string token,
                               std::chrono::milliseconds timeout)
    : url_(std::move(url)), token_(std::move(token)), timeout_(timeout) {
  auto parsed = boost::urls::parse_uri(url_);
  if (!parsed) throw std::invalid_argument("SMS gateway URL: not a URL");
  const std::string scheme(parsed->scheme());
  if (scheme != "http" && scheme != "https")
    throw std::invalid_argument("SMS gateway URL: must start with http:// or https://");
  tls_ = scheme == "https";
  host_ = std::string(parsed->host());
  if (host_.empty()) throw std::invalid_argument("SMS gateway URL: no host");
  if (host_.size() > 2 && host_.front() == '[' && host_.back() == ']')
    host_ = host_.substr(1, host_.size() - 2);
  port_ = parsed->has_port() ? std::string(parsed->port()) : (tls_ ? "443" : "80");
  target_ = std::string(parsed->encoded_path());
  if (target_.empty()) target_ = "/";
  if (parsed->has_query()) target_ += "?" + std::string(parsed->encoded_query());
}

std::string HttpSmsGateway::Describe() const {
  // The URL without its query: a provider's key sometimes travels there.
  return "SMS gateway " + std::string(tls_ ? "https://" : "http://") + host_ + ":" + port_ +
         target_.substr(0, target_.find('?'));
}

SmsResult HttpSmsGateway::Send(const SmsMessage& m) {
  Request req{bhttp::verb::post, target_, 11};
  const bool default_port = port_ == (tls_ ? "443" : "80");
  req.set(bhttp::field::host, default_port ? host_ : host_ + ":" + port_);
  req.set(bhttp::field::user_agent, "hejia-sms/1");
  req.set(bhttp::field::content_type, "application/json; charset=utf-8");
  if (!token_.empty()) req.set(bhttp::field::authorization, "Bearer " + token_);
  req.body() = json::serialize(
      json::object{{"id", m.id}, {"to", m.phone}, {"text", m.body}, {"purpose", m.purpose}});
  req.prepare_payload();
  Parser parser;
  parser.body_limit(64 * 1024);

  asio::io_context ioc;
  std::exception_ptr failure;
  auto done = [&failure](std::exception_ptr e) { failure = e; };
  std::optional<ssl::context> ctx;
  if (tls_) {
    ctx.emplace(ssl::context::tls_client);
    ctx->set_default_verify_paths();
    asio::co_spawn(ioc, TlsPost(*ctx, host_, port_, req, parser, timeout_), done);
  } else {
    asio::co_spawn(ioc, PlainPost(host_, port_, req, parser, timeout_), done);
  }
  ioc.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const boost::system::system_error& e) {
      return {SmsResult::Outcome::kRetry, "transport: " + e.code().message()};
    } catch (const std::exception& e) {
      return {SmsResult::Outcome::kRetry, std::string("transport: ") + e.what()};
    }
  }
  const unsigned status = parser.get().result_int();
  if (status >= 200 && status < 300) return {SmsResult::Outcome::kSent, {}};
  const std::string error = "HTTP " + std::to_string(status);
  if (status == 408 || status == 429 || status >= 500) return {SmsResult::Outcome::kRetry, error};
  return {SmsResult::Outcome::kPermanent, error};
}

std::unique_ptr<SmsSender> MakeSmsSender(const std::string& url) {
  std::string u = url;
  if (u.empty())
    if (const char* env = std::getenv("HEJIA_SMS_GATEWAY_URL"); env && *env) u = env;
  if (u.empty()) return std::make_unique<OutboxSmsSender>();
  std::string token;
  if (const char* env = std::getenv("HEJIA_SMS_GATEWAY_TOKEN"); env && *env) token = env;
  return std::make_unique<HttpSmsGateway>(u, token);
}

// ---- the outbox ----

int64_t SmsBackoffMs(int attempts) {
  constexpr int64_t kBase = 30LL * 1000, kMax = 3600LL * 1000;
  int64_t delay = kBase;
  for (int i = 1; i < attempts && delay < kMax; ++i) delay *= 2;
  return std::min(delay, kMax);
}

int DrainSmsOutbox(store::Database& db, const security::FieldCipher& cipher, SmsSender& sender,
                   int64_t now_ms, int batch) {
  struct Claimed {
    SmsMessage message;
    int attempts = 0;
  };
  auto claimed = db.WriteSync([&](store::Connection& c) {
    std::vector<Claimed> out;
    for (const auto& r :
         c.Query("SELECT id, phone_enc, body_enc, purpose, attempts, next_attempt_at FROM "
                 "sms_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY "
                 "next_attempt_at, id LIMIT ?",
                 {now_ms, batch})) {
      const int64_t id = r.Int(0);
      if (c.Execute("UPDATE sms_outbox SET next_attempt_at = ? WHERE id = ? AND status = "
                    "'pending' AND next_attempt_at = ?",
                    {now_ms + kClaimLeaseMs, id, r.Int(5)}) != 1)
        continue;  // another dispatcher has it
      auto phone = cipher.Decrypt(r.Text(1), Ad("phone", id));
      auto body = cipher.Decrypt(r.Text(2), Ad("body", id));
      if (!phone || !body || phone->empty()) {
        c.Execute(
            "UPDATE sms_outbox SET status = 'failed', last_error = ?, attempts = attempts + 1 "
            "WHERE id = ?",
            {std::string(phone && body ? "no phone number" : "integrity check failed"), id});
        spdlog::warn("sms #{}: not sendable (stored values failed their check or no number)", id);
        continue;
      }
      out.push_back(Claimed{SmsMessage{id, std::move(*phone), std::move(*body), r.Text(3)},
                            static_cast<int>(r.Int(4))});
    }
    return out;
  });
  if (claimed.empty()) return 0;

  struct Outcome {
    int64_t id;
    int attempts;
    SmsResult result;
  };
  std::vector<Outcome> outcomes;
  for (const auto& c : claimed) {
    SmsResult result;
    try {
      result = sender.Send(c.message);
    } catch (const std::exception& e) {
      result = {SmsResult::Outcome::kRetry, e.what()};
    }
    if (result.error.size() > 200) result.error.resize(200);
    outcomes.push_back({c.message.id, c.attempts + 1, std::move(result)});
  }

  db.WriteSync([&](store::Connection& c) {
    for (const auto& o : outcomes) {
      using Kind = SmsResult::Outcome;
      switch (o.result.outcome) {
        case Kind::kSent:
        case Kind::kRecorded:
          c.Execute(
              "UPDATE sms_outbox SET status = ?, attempts = ?, sent_at = ?, last_error = '' "
              "WHERE id = ?",
              {std::string(o.result.outcome == Kind::kSent ? "sent" : "recorded"), o.attempts,
               now_ms, o.id});
          break;
        case Kind::kRetry:
        case Kind::kPermanent: {
          const bool final_failure =
              o.result.outcome == Kind::kPermanent || o.attempts >= kMaxSmsAttempts;
          c.Execute(
              "UPDATE sms_outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = "
              "? WHERE id = ?",
              {std::string(final_failure ? "failed" : "pending"), o.attempts, o.result.error,
               now_ms + SmsBackoffMs(o.attempts), o.id});
          spdlog::warn("sms #{} attempt {} failed{}: {}", o.id, o.attempts,
                       final_failure ? " for good" : "", o.result.error);
          break;
        }
      }
    }
  });
  return static_cast<int>(outcomes.size());
}

// ---- the dispatcher ----

SmsDispatcher::SmsDispatcher(store::Database& db, const security::FieldCipher& cipher,
                             const Clock& clock, std::unique_ptr<SmsSender> sender,
                             std::chrono::milliseconds period)
    : db_(db), cipher_(cipher), clock_(clock), sender_(std::move(sender)), period_(period) {}

SmsDispatcher::~SmsDispatcher() {
  Stop();
}

void SmsDispatcher::Start() {
  spdlog::info("text messages: {}", sender_->Describe());
  thread_ = std::thread([this] { Run(); });
}

void SmsDispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SmsDispatcher::Run() {
  constexpr int kBatch = 20;
  for (;;) {
    int handled = 0;
    try {
      handled = DrainSmsOutbox(db_, cipher_, *sender_, clock_.NowMillis(), kBatch);
    } catch (const std::exception& e) {
      spdlog::warn("sms outbox: {}", e.what());
    }
    std::unique_lock lock(mu_);
    if (stopped_) return;
    if (handled == kBatch) continue;  // more may be due
    cv_.wait_for(lock, period_, [this] { return stopped_; });
    if (stopped_) return;
  }
}

// ---- the operator's view ----

void PrintSmsOutbox(store::Database& db, const security::KeyRing& keys, int last,
                    std::ostream& out) {
  const security::FieldCipher cipher(std::make_shared<const security::KeyRing>(keys));
  auto rows = db.ReadSync([&](store::Connection& c) {
    return c.Query(
        "SELECT id, created_at, purpose, status, attempts, phone_enc, body_enc, last_error FROM "
        "sms_outbox ORDER BY id DESC LIMIT ?",
        {last});
  });
  db.WriteSync([&](store::Connection& c) {
    store::Audit(c, keys, SystemClock().NowMillis(), store::Actor::CommandLine(), "sms_outbox", "",
                 "read_sensitive", "ok",
                 "last=" + std::to_string(last) + ";shown=" + std::to_string(rows.size()));
  });
  for (const auto& r : rows) {
    const int64_t id = r.Int(0);
    auto phone = cipher.Decrypt(r.Text(5), Ad("phone", id));
    auto body = cipher.Decrypt(r.Text(6), Ad("body", id));
    out << "#" << id << "  " << FormatBeijing(r.Int(1)) << "  " << r.Text(2) << "  " << r.Text(3)
        << "  attempts=" << r.Int(4);
    if (!r.Text(7).empty()) out << "  last_error=" << r.Text(7);
    out << "\nto: " << (phone ? *phone : std::string("(integrity check failed)")) << "\n"
        << (body ? *body : std::string("(integrity check failed)")) << "\n\n";
  }
}

}  // namespace hejia::jobs
