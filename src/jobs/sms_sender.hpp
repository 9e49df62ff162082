// Text messages (one-time codes of agreement confirmations, payment reminders) leave through the
// sms_outbox table: the request that needs a message writes a row (phone and body encrypted) in
// its own transaction, and a dispatcher thread drains due rows through an SmsSender, with
// retries and exponential backoff. Bodies and phone numbers are never logged.
#pragma once
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "jobs/drain_loop.hpp"
#include "jobs/http_post.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::jobs {

/// One message to send.
struct SmsMessage {
  int64_t id = 0;  // the outbox row: also the gateway's idempotency key
  std::string phone, body, purpose;
};

/// What a send attempt came to.
struct SmsResult {
  enum class Outcome {
    kSent,       ///< the gateway took it
    kRecorded,   ///< kept in the outbox only (no gateway configured)
    kRetry,      ///< a transient failure: try again later
    kPermanent,  ///< the gateway refused it for good (a 4xx other than 408/429)
  };
  Outcome outcome = Outcome::kRetry;
  std::string error;  // short, never the body or the phone
};

/// Where messages go.
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual SmsResult Send(const SmsMessage& message) = 0;
  virtual std::string Describe() const = 0;
};

/// Sends nothing: the message stays in the outbox, marked `recorded` (tests, the demo, and a
/// deployment without a gateway; operators read it with `hejia sms outbox`).
class OutboxSmsSender final : public SmsSender {
 public:
  SmsResult Send(const SmsMessage&) override { return {SmsResult::Outcome::kRecorded, {}}; }
  std::string Describe() const override { return "outbox only (no SMS gateway configured)"; }
};

/// POSTs `{"id", "to", "text", "purpose"}` as JSON to an HTTP(S) gateway (the operator's SMS
/// provider, or a small relay in front of it), with `Authorization: Bearer <token>` when a token
/// is set. 2xx is sent; 408, 429, 5xx and transport errors are retried; other 4xx are final.
/// https:// verifies the server's certificate against the system's roots and its host name.
class HttpSmsGateway final : public SmsSender {
 public:
  /// Throws std::invalid_argument for a URL that is not http:// or https:// with a host.
  HttpSmsGateway(std::string url, std::string token,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
  SmsResult Send(const SmsMessage& message) override;
  std::string Describe() const override;

 private:
  HttpEndpoint to_;
  std::string token_;
  std::chrono::milliseconds timeout_;
};

/// The sender the configuration asks for: HttpSmsGateway when `url` (else the environment's
/// HEJIA_SMS_GATEWAY_URL) is set, with HEJIA_SMS_GATEWAY_TOKEN; OutboxSmsSender otherwise.
std::unique_ptr<SmsSender> MakeSmsSender(const std::string& url);

/// Retry policy: after failed attempt n (1-based) wait 30 s × 2^(n−1), at most an hour; a
/// message that failed kMaxSmsAttempts times is marked `failed`.
inline constexpr int kMaxSmsAttempts = 8;
int64_t SmsBackoffMs(int attempts);

/// One pass: claims the due `pending` rows (at most `batch`), sends each through `sender`
/// outside any transaction, and records the outcome (`sent` / `recorded` with sent_at; or
/// attempts + 1, last_error and the next attempt; `failed` at the end). A claim pushes the row's
/// next attempt five minutes ahead, so two dispatchers never send the same row and a crash in
/// between only delays it. Returns the number of rows handled. Blocking: call it off the I/O
/// threads.
int DrainSmsOutbox(store::Database& db, const security::FieldCipher& cipher, SmsSender& sender,
                   int64_t now_ms, int batch = 20);

/// A thread that drains the outbox every `period` until Stop() (jobs/drain_loop.hpp).
class SmsDispatcher {
 public:
  SmsDispatcher(store::Database& db, const security::FieldCipher& cipher, const Clock& clock,
                std::unique_ptr<SmsSender> sender,
                std::chrono::milliseconds period = std::chrono::seconds(3));
  void Start();
  void Stop();

 private:
  static constexpr int kBatch = 20;
  std::unique_ptr<SmsSender> sender_;
  DrainLoop loop_;
};

/// `hejia sms outbox`: the latest `last` messages, decrypted, one block each, for operators (the
/// demo and browser tests read one-time codes this way). The read is audited (actor `cli`).
void PrintSmsOutbox(store::Database& db, const security::KeyRing& keys, int last,
                    std::ostream& out);

}  // namespace hejia::jobs
