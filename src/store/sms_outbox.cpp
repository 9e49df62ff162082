#include "store/sms_outbox.hpp"

#include "security/mask.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

int64_t EnqueueSms(Connection& conn, const security::FieldCipher& cipher, const std::string& phone,
                   const std::string& body, const std::string& purpose, int64_t now_ms) {
  const int64_t id =
      conn.QueryOne(
              "INSERT INTO sms_outbox (phone_enc, body_enc, purpose, next_attempt_at, created_at) "
              "VALUES ('', '', ?, ?, ?) RETURNING id",
              {purpose, now_ms, now_ms})
          ->Int(0);
  conn.Execute("UPDATE sms_outbox SET phone_enc = ?, body_enc = ? WHERE id = ?",
               {cipher.Encrypt(phone, AssociatedData("sms_outbox", "phone", id)),
                cipher.Encrypt(body, AssociatedData("sms_outbox", "body", id)), id});
  return id;
}

RecordPage<QueuedSms> ListSmsOutbox(Connection& conn, const security::FieldCipher& cipher,
                                    const PageSpec& page) {
  RecordPage<QueuedSms> out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM sms_outbox")->Int(0);
  for (const auto& r :
       conn.Query("SELECT id, phone_enc, purpose, status, attempts, next_attempt_at, sent_at, "
                  "last_error, created_at FROM sms_outbox ORDER BY id DESC LIMIT ? OFFSET ?",
                  {page.limit, page.offset})) {
    QueuedSms m;
    m.id = r.Int(0);
    if (auto phone = cipher.Decrypt(r.Text(1), AssociatedData("sms_outbox", "phone", m.id)))
      m.phone_mask = security::MaskPhone(*phone);
    m.purpose = r.Text(2);
    m.status = r.Text(3);
    m.attempts = r.Int(4);
    m.next_attempt_at = r.Int(5);
    m.sent_at = OptInt(r, 6);
    m.last_error = r.Text(7);
    m.created_at = r.Int(8);
    out.items.push_back(std::move(m));
  }
  return out;
}

}  // namespace hejia::store
