#include "jobs/odr_callbacks.hpp"

#include <spdlog/spdlog.h>

#include "jobs/partner_callbacks.hpp"
#include "store/odr_repo.hpp"
#include "store/partner_repo.hpp"

namespace hejia::jobs {

namespace {

constexpr int64_t kLeaseMs = 5LL * 60 * 1000;

struct Outgoing {
  store::DueOdrCallback due;
  std::string partner_code, key;
};

}  // namespace

int DrainOdrCallbacks(store::Database& db, const security::FieldCipher& cipher, int64_t now_ms,
                      int batch, std::chrono::milliseconds timeout) {
  auto claimed = db.WriteSync([&](store::Connection& c) {
    std::vector<Outgoing> out;
    for (auto& due : store::ClaimDueOdrCallbacks(c, now_ms, kLeaseMs, batch)) {
      auto partner = store::FindPartnerById(c, due.partner_id);
      auto key = partner ? store::PartnerKey(c, cipher, due.partner_id) : std::nullopt;
      if (!partner || !key || partner->retired) {
        store::MarkOdrCallbackFailed(c, due.id, due.attempts + 1, now_ms,
                                     "the partner or its key is gone", true);
        continue;
      }
      out.push_back({std::move(due), partner->code, *key});
    }
    return out;
  });
  for (const auto& o : claimed) {
    const auto result =
        SendSignedCallback(o.due.callback_url, o.partner_code, o.key, o.due.body, now_ms, timeout);
    const int attempts = o.due.attempts + 1;
    const bool sent = result.status >= 200 && result.status < 300;
    const std::string error =
        result.status ? "HTTP " + std::to_string(result.status) : result.error;
    db.WriteSync([&](store::Connection& c) {
      if (sent)
        store::MarkOdrCallbackSent(c, o.due.id, now_ms);
      else
        store::MarkOdrCallbackFailed(c, o.due.id, attempts, now_ms + CallbackBackoffMs(attempts),
                                     error, attempts >= kMaxCallbackAttempts);
      return 0;
    });
    if (!sent)
      spdlog::warn("dispute platform callback to partner {} failed (attempt {}): {}",
                   o.partner_code, attempts, error);
  }
  return static_cast<int>(claimed.size());
}

}  // namespace hejia::jobs
