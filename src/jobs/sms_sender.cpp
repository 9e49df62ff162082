#include "jobs/sms_sender.hpp"

#include <boost/json.hpp>
#include <cstdlib>
#include <ostream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "store/audit.hpp"

namespace hejia::jobs {

namespace json = boost::json;

namespace {

constexpr int64_t kClaimLeaseMs = 5LL * 60 * 1000;

std::string Ad(std::string_view column, int64_t id) {
  return "sms_outbox/" + std::string(column) + "/" + std::to_string(id);
}

}  // namespace

// ---- the HTTP gateway ----

HttpSmsGateway::HttpSmsGateway(std::string url, std::string token,
                               std::chrono::milliseconds timeout)
    : to_(HttpEndpoint::Parse(url, "SMS gateway")), token_(std::move(token)), timeout_(timeout) {}

std::string HttpSmsGateway::Describe() const {
  return "SMS gateway " + to_.Describe();
}

SmsResult HttpSmsGateway::Send(const SmsMessage& m) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!token_.empty()) headers.emplace_back("Authorization", "Bearer " + token_);
  const auto result =
      PostJson(to_, headers,
               json::serialize(json::object{
                   {"id", m.id}, {"to", m.phone}, {"text", m.body}, {"purpose", m.purpose}}),
               timeout_, "hejia-sms/1");
  if (result.status == 0) return {SmsResult::Outcome::kRetry, result.error};
  const unsigned status = result.status;
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
    : sender_(std::move(sender)),
      loop_("sms outbox", clock, period, kBatch, [&db, &cipher, this](int64_t now) {
        return DrainSmsOutbox(db, cipher, *sender_, now, kBatch);
      }) {}

void SmsDispatcher::Start() {
  spdlog::info("text messages: {}", sender_->Describe());
  loop_.Start();
}

void SmsDispatcher::Stop() {
  loop_.Stop();
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
