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

/// One pass: claims the due rows (at most `batch`), sends each outside any transaction and
/// records the outcome. Returns the rows handled. Blocking.
int DrainPartnerCallbacks(store::Database& db, const security::FieldCipher& cipher,
                          const FeedbackBody& body_of, int64_t now_ms, int batch = 20,
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace hejia::jobs
