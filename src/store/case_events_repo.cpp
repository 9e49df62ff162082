#include "store/case_events_repo.hpp"

#include "common/error.hpp"
#include "store/odr_repo.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

namespace json = boost::json;

namespace {

constexpr std::string_view kEventColumns =
    "id, at, actor_id, actor_name, kind, from_status, to_status, text_enc, shared, data";

std::string StatusCode(const std::optional<domain::CaseStatus>& s) {
  return s ? std::string(domain::ToString(*s)) : std::string();
}

EventRow EventOf(const Row& r, const security::FieldCipher& cipher) {
  EventRow e;
  e.id = r.Int(0);
  e.at = r.Int(1);
  e.actor_id = OptInt(r, 2);
  e.actor_name = r.Text(3);
  e.kind = r.Text(4);
  e.from_status = domain::ParseCaseStatus(r.Text(5));
  e.to_status = domain::ParseCaseStatus(r.Text(6));
  e.text = cipher.Decrypt(r.Text(7), AssociatedData("case_events", "text", e.id));
  e.shared = r.Int(8) != 0;
  e.data = r.Text(9);
  return e;
}

}  // namespace

int64_t InsertEvent(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const EventInput& e, int64_t now_ms) {
  const int64_t id = NextId(conn, "case_events");
  conn.Execute(
      "INSERT INTO case_events (id, case_id, at, actor_id, actor_name, kind, from_status, "
      "to_status, text_enc, shared, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {id, case_id, now_ms, e.actor_id, e.actor_name, e.kind, StatusCode(e.from_status),
       StatusCode(e.to_status), cipher.Encrypt(e.text, AssociatedData("case_events", "text", id)),
       e.shared, e.data.empty() ? std::string() : json::serialize(e.data)});
  // A case from the provincial dispute platform tells it where the case stands, in this
  // transaction: a move the case does not make is never reported.
  if (e.kind == "status" && e.to_status) QueueOdrEvent(conn, case_id, *e.to_status, now_ms);
  return id;
}

EventPage ListEvents(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                     const PageSpec& page) {
  EventPage out;
  out.total =
      conn.QueryOne("SELECT COUNT(*) FROM case_events WHERE case_id = ?", {case_id})->Int(0);
  for (const auto& r : conn.Query("SELECT " + std::string(kEventColumns) +
                                      " FROM case_events WHERE case_id = ? ORDER BY id LIMIT ? "
                                      "OFFSET ?",
                                  {case_id, page.limit, page.offset}))
    out.items.push_back(EventOf(r, cipher));
  return out;
}

std::optional<EventRow> FindEvent(Connection& conn, const security::FieldCipher& cipher,
                                  int64_t case_id, int64_t event_id) {
  auto r = conn.QueryOne(
      "SELECT " + std::string(kEventColumns) + " FROM case_events WHERE id = ? AND case_id = ?",
      {event_id, case_id});
  if (!r) return std::nullopt;
  return EventOf(*r, cipher);
}

std::vector<CountedEscalation> EscalationData(Connection& conn, int64_t case_id) {
  std::vector<CountedEscalation> out;
  for (const auto& r : conn.Query(
           "SELECT data FROM case_events WHERE case_id = ? AND kind = 'escalation' ORDER BY id",
           {case_id})) {
    boost::system::error_code ec;
    auto v = json::parse(r.Text(0), ec);
    if (ec || !v.is_object()) continue;
    const auto& o = v.as_object();
    CountedEscalation e;
    if (const auto* limit = o.if_contains("limit"); limit && limit->is_string())
      e.limit = std::string(limit->as_string());
    if (const auto* due = o.if_contains("due_at"); due && due->is_int64())
      e.due_at = due->as_int64();
    out.push_back(std::move(e));
  }
  return out;
}

CaseRecord ApplyCaseAction(Connection& conn, const security::FieldCipher& cipher,
                           const CaseRecord& rec, domain::CaseAction action, EventInput event,
                           int64_t now_ms) {
  const auto from = rec.status;
  domain::CheckTransition(from, action);
  const auto to = *domain::NextStatus(from, action);
  CaseUpdate update;
  update.Set("status", std::string(domain::ToString(to)));
  // The action's own timestamps, as the staff transition handler sets them.
  switch (action) {
    case domain::CaseAction::kAccept:
    case domain::CaseAction::kReject:
      update.Set("decided_at", now_ms);
      break;
    case domain::CaseAction::kStart:
      update.Set("mediation_started_at", now_ms)
          .Set("due_mediation_at",
               domain::MediationDue(LoadCaseSettings(conn), now_ms, rec.extensions));
      break;
    case domain::CaseAction::kAgree:
      update.Set("resolved_at", now_ms);
      break;
    case domain::CaseAction::kClose:
      update.Set("closed_at", now_ms);
      break;
    default:
      break;
  }
  if (!UpdateCase(conn, rec.id, rec.version, update, now_ms))
    throw Conflict("案件正被修改，请重试 / the case is being changed: retry", "version");
  event.kind = "status";
  event.from_status = from;
  event.to_status = to;
  event.data["action"] = domain::ToString(action);
  InsertEvent(conn, cipher, rec.id, event, now_ms);
  return *LoadCaseAnywhere(conn, rec.id);
}

}  // namespace hejia::store
