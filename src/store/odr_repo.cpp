#include "store/odr_repo.hpp"

#include <boost/json.hpp>

#include "common/clock.hpp"
#include "domain/odr.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

namespace {

std::optional<OdrLink> LinkFrom(const std::optional<Row>& r) {
  if (!r) return std::nullopt;
  return OdrLink{r->Text(0), r->Int(1), r->Int(2)};
}

}  // namespace

std::optional<OdrLink> FindOdrByCode(Connection& c, std::string_view code) {
  return LinkFrom(c.QueryOne("SELECT code, partner_id, case_id FROM odr_cases WHERE code = ?",
                             {std::string(code)}));
}

std::optional<OdrLink> FindOdrByCase(Connection& c, int64_t case_id) {
  return LinkFrom(
      c.QueryOne("SELECT code, partner_id, case_id FROM odr_cases WHERE case_id = ?", {case_id}));
}

void LinkOdrCase(Connection& c, const OdrLink& link, int64_t now_ms) {
  c.Execute("INSERT INTO odr_cases (code, partner_id, case_id, created_at) VALUES (?, ?, ?, ?)",
            {link.code, link.partner_id, link.case_id, now_ms});
}

bool QueueOdrEvent(Connection& c, int64_t case_id, domain::CaseStatus to, int64_t now_ms) {
  const auto event = domain::OdrEventFor(to);
  if (!event) return false;
  auto row = c.QueryOne(
      "SELECT o.code, o.partner_id, k.case_no, COALESCE(g.name, '') FROM odr_cases o JOIN partners "
      "p ON p.id = o.partner_id JOIN cases k ON k.id = o.case_id LEFT JOIN regions g ON g.code = "
      "k.region_code WHERE o.case_id = ? AND p.callback_url <> '' AND p.retired = 0",
      {case_id});
  if (!row) return false;
  // What the platform reads: no name, phone or fact of the parties, only where the case stands.
  const std::string body =
      boost::json::serialize(boost::json::object{{"code", row->Text(0)},
                                                 {"case_no", row->Text(2)},
                                                 {"event", domain::ToString(*event)},
                                                 {"status", domain::ToString(to)},
                                                 {"unit", row->Text(3)},
                                                 {"at", FormatBeijing(now_ms)}});
  c.Execute(
      "INSERT INTO odr_callbacks (partner_id, case_id, code, event, body, status, attempts, "
      "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
      {row->Int(1), case_id, row->Text(0), std::string(domain::ToString(*event)), body, now_ms,
       now_ms});
  return true;
}

std::vector<DueOdrCallback> ClaimDueOdrCallbacks(Connection& c, int64_t now_ms, int64_t lease_ms,
                                                 int batch) {
  std::vector<DueOdrCallback> out;
  for (const auto& r : c.Query(
           "SELECT b.id, b.partner_id, b.case_id, b.attempts, p.callback_url, b.body FROM "
           "odr_callbacks b JOIN partners p ON p.id = b.partner_id WHERE b.status = 'pending' AND "
           "b.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM odr_callbacks e WHERE e.case_id "
           "= b.case_id AND e.id < b.id AND e.status <> 'sent') ORDER BY b.id LIMIT ?",
           Params{now_ms, int64_t{batch}})) {
    if (c.Execute(
            "UPDATE odr_callbacks SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND "
            "next_attempt_at <= ?",
            Params{now_ms + lease_ms, r.Int(0), now_ms}) != 1)
      continue;
    out.push_back({r.Int(0), r.Int(1), r.Int(2), static_cast<int>(r.Int(3)), r.Text(4), r.Text(5)});
  }
  return out;
}

void MarkOdrCallbackSent(Connection& c, int64_t id, int64_t now_ms) {
  c.Execute(
      "UPDATE odr_callbacks SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
      "last_error = '' WHERE id = ?",
      Params{now_ms, id});
}

void MarkOdrCallbackFailed(Connection& c, int64_t id, int attempts, int64_t next_attempt_ms,
                           const std::string& error, bool final) {
  c.Execute(
      "UPDATE odr_callbacks SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? "
      "WHERE id = ?",
      Params{final ? "failed" : "pending", attempts, next_attempt_ms, error.substr(0, 200), id});
}

std::vector<OdrCallbackRow> ListOdrCallbacks(Connection& c, const std::string& status, int limit) {
  std::vector<OdrCallbackRow> out;
  for (const auto& r : c.Query(
           "SELECT b.id, b.case_id, b.created_at, b.next_attempt_at, p.code, b.code, k.case_no, "
           "b.event, b.status, b.last_error, b.attempts, b.sent_at FROM odr_callbacks b JOIN "
           "partners p ON p.id = b.partner_id JOIN cases k ON k.id = b.case_id WHERE (? = '' OR "
           "b.status = ?) ORDER BY b.id DESC LIMIT ?",
           Params{status, status, int64_t{limit}}))
    out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Text(7), r.Text(8), r.Text(9), static_cast<int>(r.Int(10)), OptInt(r, 11)});
  return out;
}

bool RetryOdrCallback(Connection& c, int64_t id, int64_t now_ms) {
  return c.Execute(
             "UPDATE odr_callbacks SET status = 'pending', attempts = 0, next_attempt_at = ? "
             "WHERE id = ? AND status = 'failed'",
             Params{now_ms, id}) == 1;
}

}  // namespace hejia::store
