// The SMS outbox: text messages queued for the gateway, phone and body encrypted with FieldCipher
// (associated data "sms_outbox/<column>/<id>"). The body never leaves the database except to the
// SMS gateway and the operator's CLI (jobs/sms_sender.cpp sends and retries).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

/// Queues a text message: phone and body encrypted, due at once. Returns the row id.
int64_t EnqueueSms(Connection& conn, const security::FieldCipher& cipher, const std::string& phone,
                   const std::string& body, const std::string& purpose, int64_t now_ms);

/// A queued message as operators see it: the phone masked, never the body.
struct QueuedSms {
  int64_t id = 0, attempts = 0, next_attempt_at = 0, created_at = 0;
  std::optional<std::string> phone_mask;  ///< nullopt: the phone failed its check
  std::string purpose, status, last_error;
  std::optional<int64_t> sent_at;
};
/// Newest first.
RecordPage<QueuedSms> ListSmsOutbox(Connection& conn, const security::FieldCipher& cipher,
                                    const PageSpec& page);

}  // namespace hejia::store
