#include "jobs/partner_callbacks.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "jobs/http_post.hpp"
#include "security/partner_signature.hpp"
#include "security/tokens.hpp"
#include "store/partner_callbacks.hpp"
#include "store/partner_repo.hpp"

namespace hejia::jobs {

namespace {

constexpr int64_t kLeaseMs = 5LL * 60 * 1000;

}  // namespace

int64_t CallbackBackoffMs(int attempts) {
  constexpr int64_t kBase = 60LL * 1000, kMax = 6LL * 3600 * 1000;
  int64_t delay = kBase;
  for (int i = 1; i < attempts && delay < kMax; ++i) delay *= 2;
  return std::min(delay, kMax);
}

HttpPostResult SendSignedCallback(const std::string& url, const std::string& partner_code,
                                  const std::string& key, const std::string& body, int64_t now_ms,
                                  std::chrono::milliseconds timeout) {
  try {
    const auto to = HttpEndpoint::Parse(url, "callback");
    const std::string ts = std::to_string(now_ms / 1000);
    const std::string nonce = security::RandomToken(16);
    const std::string path = to.Path();  // the request below holds views: keep it alive
    const security::SignedRequest signed_request{"POST", path, ts, nonce, body, ""};
    return PostJson(to,
                    {{"X-HeJia-Partner", partner_code},
                     {"X-HeJia-Timestamp", ts},
                     {"X-HeJia-Nonce", nonce},
                     {"X-HeJia-Signature", security::SignRequest(key, signed_request)}},
                    body, timeout, "hejia-callback/1");
  } catch (const std::invalid_argument& e) {
    return {0, e.what()};
  }
}

void SendAndRecord(store::Database& db, const std::vector<SignedCallback>& claimed,
                   const CallbackMarks& marks, std::string_view what, int64_t now_ms,
                   std::chrono::milliseconds timeout) {
  for (const auto& o : claimed) {
    const auto result = SendSignedCallback(o.url, o.partner_code, o.key, o.body, now_ms, timeout);
    const int attempts = o.attempts + 1;
    const bool sent = result.status >= 200 && result.status < 300;
    const std::string error =
        result.status ? "HTTP " + std::to_string(result.status) : result.error;
    db.WriteSync([&](store::Connection& c) {
      if (sent)
        marks.sent(c, o.id, now_ms);
      else
        marks.failed(c, o.id, attempts, now_ms + CallbackBackoffMs(attempts), error,
                     attempts >= kMaxCallbackAttempts);
      return 0;
    });
    if (!sent)
      spdlog::warn("{} to partner {} failed (attempt {}): {}", what, o.partner_code, attempts,
                   error);
  }
}

int DrainPartnerCallbacks(store::Database& db, const security::FieldCipher& cipher,
                          const FeedbackBody& body_of, int64_t now_ms, int batch,
                          std::chrono::milliseconds timeout) {
  auto claimed = db.WriteSync([&](store::Connection& c) {
    std::vector<SignedCallback> out;
    for (auto& due : store::ClaimDueCallbacks(c, now_ms, kLeaseMs, batch)) {
      auto partner = store::FindPartnerById(c, due.partner_id);
      auto key = partner ? store::PartnerKey(c, cipher, due.partner_id) : std::nullopt;
      auto body = body_of(c, due.incident_id);
      if (!partner || !key || !body || partner->retired) {
        store::MarkCallbackFailed(c, due.id, due.attempts + 1, now_ms,
                                  "the partner, its key or the incident is gone", true);
        continue;
      }
      out.push_back({due.id, due.attempts, due.callback_url, partner->code, *key, *body});
    }
    return out;
  });
  SendAndRecord(db, claimed, {store::MarkCallbackSent, store::MarkCallbackFailed},
                "feedback callback", now_ms, timeout);
  return static_cast<int>(claimed.size());
}

}  // namespace hejia::jobs
