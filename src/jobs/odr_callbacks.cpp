#include "jobs/odr_callbacks.hpp"

#include "jobs/partner_callbacks.hpp"
#include "store/odr_repo.hpp"
#include "store/partner_repo.hpp"

namespace hejia::jobs {

namespace {

constexpr int64_t kLeaseMs = 5LL * 60 * 1000;

}  // namespace

int DrainOdrCallbacks(store::Database& db, const security::FieldCipher& cipher, int64_t now_ms,
                      int batch, std::chrono::milliseconds timeout) {
  auto claimed = db.WriteSync([&](store::Connection& c) {
    std::vector<SignedCallback> out;
    for (auto& due : store::ClaimDueOdrCallbacks(c, now_ms, kLeaseMs, batch)) {
      auto partner = store::FindPartnerById(c, due.partner_id);
      auto key = partner ? store::PartnerKey(c, cipher, due.partner_id) : std::nullopt;
      if (!partner || !key || partner->retired) {
        store::MarkOdrCallbackFailed(c, due.id, due.attempts + 1, now_ms,
                                     "the partner or its key is gone", true);
        continue;
      }
      out.push_back({due.id, due.attempts, due.callback_url, partner->code, *key, due.body});
    }
    return out;
  });
  SendAndRecord(db, claimed, {store::MarkOdrCallbackSent, store::MarkOdrCallbackFailed},
                "dispute platform callback", now_ms, timeout);
  return static_cast<int>(claimed.size());
}

}  // namespace hejia::jobs
