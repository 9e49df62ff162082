// The status callbacks to the provincial dispute platform (issue 13, point 4): each queued row
// (store/odr_repo.hpp) is POSTed to the platform partner's callback address with the body it was
// queued with, signed with the partner's key as the police callbacks are (jobs/partner_callbacks:
// X-HeJia-Partner, -Timestamp, -Nonce, -Signature over the path). 2xx is sent; anything else is
// retried with the same backoff, and after kMaxCallbackAttempts the row is failed, listed for an
// operator (GET /partners/odr-callbacks) who can send it again. A case's events go in order.
#pragma once
#include <chrono>
#include <cstdint>

#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::jobs {

/// One pass: claims the due rows (at most `batch`), sends each outside any transaction and
/// records the outcome. Returns the rows handled. Blocking.
int DrainOdrCallbacks(store::Database& db, const security::FieldCipher& cipher, int64_t now_ms,
                      int batch = 20, std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace hejia::jobs
