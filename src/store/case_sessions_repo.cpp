#include "store/case_sessions_repo.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kSessionColumns =
    "s.id, s.case_id, s.room_id, COALESCE(r.name, ''), s.online, s.starts_at, s.ends_at, "
    "s.mediator_id, COALESCE(m.name, ''), s.status, s.summary_enc, s.version";
constexpr std::string_view kSessionFrom =
    " FROM mediation_sessions s LEFT JOIN mediation_rooms r ON r.id = s.room_id LEFT JOIN "
    "mediators m ON m.id = s.mediator_id";

domain::SessionStatus StatusOf(const std::string& code) {
  return domain::ParseSessionStatus(code).value_or(domain::SessionStatus::kScheduled);
}

SessionRow SessionOf(const Row& r, const security::FieldCipher* cipher) {
  SessionRow out;
  SessionRecord& s = out.session;
  s.id = r.Int(0);
  s.case_id = r.Int(1);
  s.room_id = OptInt(r, 2);
  out.room_name = r.Text(3);
  s.online = r.Int(4) != 0;
  s.starts_at = r.Int(5);
  s.ends_at = r.Int(6);
  s.mediator_id = OptInt(r, 7);
  out.mediator_name = r.Text(8);
  s.status = StatusOf(r.Text(9));
  out.has_summary = !r.Text(10).empty();
  s.version = r.Int(11);
  if (cipher) {
    out.summary =
        cipher->Decrypt(r.Text(10), AssociatedData("mediation_sessions", "summary", s.id));
    out.summary_failed = !out.summary;
  }
  return out;
}

}  // namespace

// ---- protection ----

void SaveProtection(Connection& conn, int64_t case_id, const Protection& p, int64_t now_ms) {
  Params values{p.police_reported_at,
                p.police_ref,
                p.warning_letter_no,
                p.order_applied_at,
                p.order_urgent,
                p.order_due_at,
                p.order_court,
                p.order_decided_at,
                p.order_result,
                p.order_valid_until,
                now_ms,
                case_id};
  const int64_t changed = conn.Execute(
      "UPDATE case_protection SET police_reported_at = ?, police_ref = ?, warning_letter_no = ?, "
      "order_applied_at = ?, order_urgent = ?, order_due_at = ?, order_court = ?, "
      "order_decided_at = ?, order_result = ?, order_valid_until = ?, updated_at = ? WHERE "
      "case_id = ?",
      values);
  if (changed == 1) return;
  conn.Execute(
      "INSERT INTO case_protection (police_reported_at, police_ref, warning_letter_no, "
      "order_applied_at, order_urgent, order_due_at, order_court, order_decided_at, "
      "order_result, order_valid_until, updated_at, case_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
      values);
}

std::optional<ProtectionRow> LoadProtection(Connection& conn, int64_t case_id) {
  auto r = conn.QueryOne(
      "SELECT police_reported_at, police_ref, warning_letter_no, order_applied_at, order_urgent, "
      "order_due_at, order_court, order_decided_at, order_result, order_valid_until, updated_at "
      "FROM case_protection WHERE case_id = ?",
      {case_id});
  if (!r) return std::nullopt;
  ProtectionRow out;
  Protection& p = out.protection;
  p.police_reported_at = OptInt(*r, 0);
  p.police_ref = r->Text(1);
  p.warning_letter_no = r->Text(2);
  p.order_applied_at = OptInt(*r, 3);
  p.order_urgent = r->Int(4) != 0;
  p.order_due_at = OptInt(*r, 5);
  p.order_court = r->Text(6);
  p.order_decided_at = OptInt(*r, 7);
  p.order_result = r->Text(8);
  p.order_valid_until = OptInt(*r, 9);
  out.updated_at = r->Int(10);
  return out;
}

// ---- sessions ----

int64_t InsertSession(Connection& conn, int64_t case_id, const SessionInput& s, int64_t now_ms) {
  const int64_t id = NextId(conn, "mediation_sessions");
  conn.Execute(
      "INSERT INTO mediation_sessions (id, case_id, room_id, online, starts_at, ends_at, "
      "mediator_id, status, created_by, created_at, version) VALUES "
      "(?,?,?,?,?,?,?,'scheduled',?,?,1)",
      {id, case_id, s.room_id, s.online, s.starts_at, s.ends_at, s.mediator_id, s.created_by,
       now_ms});
  return id;
}

std::optional<SessionRecord> LoadSession(Connection& conn, int64_t case_id, int64_t session_id) {
  auto r = conn.QueryOne(
      "SELECT id, case_id, version, starts_at, ends_at, room_id, mediator_id, online, status "
      "FROM mediation_sessions WHERE id = ? AND case_id = ?",
      {session_id, case_id});
  if (!r) return std::nullopt;
  SessionRecord s;
  s.id = r->Int(0);
  s.case_id = r->Int(1);
  s.version = r->Int(2);
  s.starts_at = r->Int(3);
  s.ends_at = r->Int(4);
  s.room_id = OptInt(*r, 5);
  s.mediator_id = OptInt(*r, 6);
  s.online = r->Int(7) != 0;
  s.status = StatusOf(r->Text(8));
  return s;
}

bool UpdateSession(Connection& conn, const security::FieldCipher& cipher, int64_t session_id,
                   int64_t expected_version, domain::SessionStatus status,
                   const std::optional<std::string>& summary) {
  const std::string code(domain::ToString(status));
  if (summary)
    return conn.Execute(
               "UPDATE mediation_sessions SET status = ?, summary_enc = ?, version = version + 1 "
               "WHERE id = ? AND version = ?",
               {code,
                cipher.Encrypt(*summary,
                               AssociatedData("mediation_sessions", "summary", session_id)),
                session_id, expected_version}) == 1;
  return conn.Execute(
             "UPDATE mediation_sessions SET status = ?, version = version + 1 WHERE id = ? AND "
             "version = ?",
             {code, session_id, expected_version}) == 1;
}

std::optional<SessionRow> FindSession(Connection& conn, const security::FieldCipher& cipher,
                                      int64_t session_id, bool with_summary) {
  auto r = conn.QueryOne(
      "SELECT " + std::string(kSessionColumns) + std::string(kSessionFrom) + " WHERE s.id = ?",
      {session_id});
  if (!r) return std::nullopt;
  return SessionOf(*r, with_summary ? &cipher : nullptr);
}

std::vector<SessionRow> ListSessions(Connection& conn, int64_t case_id) {
  std::vector<SessionRow> out;
  for (const auto& r :
       conn.Query("SELECT " + std::string(kSessionColumns) + std::string(kSessionFrom) +
                      " WHERE s.case_id = ? ORDER BY s.starts_at, s.id",
                  {case_id}))
    out.push_back(SessionOf(r, nullptr));
  return out;
}

}  // namespace hejia::store
