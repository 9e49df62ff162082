// The feedback callbacks to the police (issue 11): each queued row (store/partner_callbacks.hpp)
// is POSTed to the partner's callback address with the incident's feedback as the police read it
// by GET, signed with the partner's key exactly as the partner signs its own requests
// (X-HeJia-Partner, -Timestamp, -Nonce, -Signature over the callback's path). 2xx is sent;
// anything else is retried after 1 minute, doubling up to 6 hours; after kMaxCallbackAttempts the
// row is failed, listed for an operator (GET /partners/callbacks) who can send it again.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobs/http_post.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::jobs {

inline constexpr int kMaxCallbackAttempts = 10;
int64_t CallbackBackoffMs(int attempts);

/// The body of an incident's feedback, built by the API (the same JSON as its GET), or nullopt
/// when the incident is gone.
using FeedbackBody = std::function<std::optional<std::string>(store::Connection&, int64_t)>;

/// POSTs `body` to `url` signed with the partner's key exactly as the partner signs its own
/// requests (X-HeJia-Partner, -Timestamp, -Nonce, -Signature over the path). Blocking; a URL that
/// does not parse is an answer of status 0 with the reason.
HttpPostResult SendSignedCallback(const std::string& url, const std::string& partner_code,
                                  const std::string& key, const std::string& body, int64_t now_ms,
                                  std::chrono::milliseconds timeout);

/// One claimed callback on its way: where it goes, signed by whom, what it says.
struct SignedCallback {
  int64_t id = 0;
  int attempts = 0;  ///< made before this one
  std::string url, partner_code, key, body;
};
/// How a callback's table records an outcome (store::MarkCallbackSent and ...Failed, or the
/// dispute platform's).
struct CallbackMarks {
  std::function<void(store::Connection&, int64_t id, int64_t now_ms)> sent;
  std::function<void(store::Connection&, int64_t id, int attempts, int64_t next_attempt_ms,
                     const std::string& error, bool final)>
      failed;
};
/// Sends each callback (outside any transaction) and records its outcome: sent on 2xx, else
/// retried after CallbackBackoffMs, failed for good after kMaxCallbackAttempts; a failure is
/// logged as `what` with the partner's code (never the body).
void SendAndRecord(store::Database& db, const std::vector<SignedCallback>& claimed,
                   const CallbackMarks& marks, std::string_view what, int64_t now_ms,
                   std::chrono::milliseconds timeout);

/// One pass: claims the due rows (at most `batch`), sends each outside any transaction and
/// records the outcome. Returns the rows handled. Blocking.
int DrainPartnerCallbacks(store::Database& db, const security::FieldCipher& cipher,
                          const FeedbackBody& body_of, int64_t now_ms, int batch = 20,
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace hejia::jobs
