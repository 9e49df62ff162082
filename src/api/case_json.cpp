#include "api/case_json.hpp"
#include "api/json_values.hpp"

#include "common/clock.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "domain/party.hpp"
#include "security/mask.hpp"
#include "store/row_values.hpp"

namespace hejia::api::cases {

namespace json = boost::json;

namespace {

json::value IdOrNull(const std::optional<int64_t>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

json::value StatusOrNull(const std::optional<domain::CaseStatus>& s) {
  return s ? json::value(domain::ToString(*s)) : json::value(nullptr);
}

}  // namespace

json::object CaseItemJson(const store::CaseListRow& row, int64_t now_ms) {
  const store::CaseRecord& c = row.rec;
  json::value assignee = nullptr, mediator = nullptr;
  if (c.assignee_id)
    assignee = json::object{{"id", *c.assignee_id}, {"display_name", row.assignee_name}};
  if (c.mediator_id) mediator = json::object{{"id", *c.mediator_id}, {"name", row.mediator_name}};
  return json::object{
      {"id", c.id},
      {"case_no", c.case_no},
      {"channel", domain::ToString(c.channel)},
      {"category", c.category},
      {"severity", domain::ToString(c.severity)},
      {"status", domain::ToString(c.status)},
      {"level", domain::ToString(c.level)},
      {"region_code", c.region_code},
      {"region_name", row.region_name},
      {"night_clinic", c.night_clinic},
      {"urgent", c.urgent},
      {"supervision", OrNull(domain::ToString(c.supervision))},
      {"assignee", std::move(assignee)},
      {"mediator", std::move(mediator)},
      {"title", c.title},
      {"applicant_name", row.applicant_name.empty()
                             ? json::value(nullptr)
                             : json::value(security::MaskName(row.applicant_name))},
      {"due_first_contact_at", TimeOrNull(c.due_first_contact_at)},
      {"overdue", domain::FirstMissed(c.Timers(), now_ms) != domain::MissedLimit::kNone},
      {"created_at", FormatBeijing(c.created_at)},
      {"updated_at", FormatBeijing(c.updated_at)},
      {"version", c.version}};
}

json::object PartyJson(const store::PartyRow& p) {
  return json::object{{"id", p.id},
                      {"role", domain::ToString(p.role)},
                      {"name", p.name},
                      {"gender", OrNull(p.gender)},
                      {"phone", OrNull(p.phone_mask)},
                      {"id_number", OrNull(p.id_mask)},
                      {"address", OrNull(p.address_mask)},
                      {"relation", p.relation},
                      {"person_id", IdOrNull(p.person_id)},
                      {"household_id", IdOrNull(p.household_id)}};
}

json::object EventJson(const store::EventRow& e) {
  // The actor of a system event (an escalation) has a name and no account.
  json::value actor = nullptr;
  if (e.actor_id || !e.actor_name.empty())
    actor = json::object{{"id", IdOrNull(e.actor_id)}, {"name", e.actor_name}};
  json::object o{{"id", e.id},
                 {"at", FormatBeijing(e.at)},
                 {"actor", std::move(actor)},
                 {"kind", e.kind},
                 {"from_status", StatusOrNull(e.from_status)},
                 {"to_status", StatusOrNull(e.to_status)},
                 {"shared", e.shared}};
  if (e.text) {
    o["text"] = OrNull(*e.text);
  } else {
    o["text"] = nullptr;
    o["integrity_failed"] = true;
  }
  boost::system::error_code ec;
  auto data = json::parse(e.data, ec);
  o["data"] = !ec && data.is_object() ? data : json::value(nullptr);
  return o;
}

json::object SessionJson(const store::SessionRow& row) {
  const store::SessionRecord& s = row.session;
  json::value room = nullptr, mediator = nullptr;
  if (s.room_id) room = json::object{{"id", *s.room_id}, {"name", row.room_name}};
  if (s.mediator_id) mediator = json::object{{"id", *s.mediator_id}, {"name", row.mediator_name}};
  json::object o{{"id", s.id},
                 {"case_id", s.case_id},
                 {"room", std::move(room)},
                 {"online", s.online},
                 {"starts_at", FormatBeijing(s.starts_at)},
                 {"ends_at", FormatBeijing(s.ends_at)},
                 {"mediator", std::move(mediator)},
                 {"status", domain::ToString(s.status)},
                 {"has_summary", row.has_summary},
                 {"version", s.version}};
  if (row.summary) o["summary"] = OrNull(*row.summary);
  return o;
}

json::object ProtectionJson(const store::ProtectionRow& row) {
  const store::Protection& p = row.protection;
  return json::object{{"police_reported_at", TimeOrNull(p.police_reported_at)},
                      {"police_ref", p.police_ref},
                      {"warning_letter_no", p.warning_letter_no},
                      {"order_applied_at", TimeOrNull(p.order_applied_at)},
                      {"order_urgent", p.order_urgent},
                      {"order_due_at", TimeOrNull(p.order_due_at)},
                      {"order_court", p.order_court},
                      {"order_decided_at", TimeOrNull(p.order_decided_at)},
                      {"order_result", OrNull(p.order_result)},
                      {"order_valid_until", TimeOrNull(p.order_valid_until)},
                      {"updated_at", FormatBeijing(row.updated_at)}};
}

json::object CaseDetailJson(const store::CaseDetail& d, int64_t now_ms) {
  const store::CaseRecord& c = d.rec;
  json::object o = CaseItemJson(d.row, now_ms);
  o["external_ref"] = c.external_ref;
  o["home_code"] = OrNull(c.home_code);
  o["risk_level"] = OrNull(domain::ToString(c.risk_level));
  o["reason"] = c.reason;
  o["outcome"] = c.outcome;
  o["satisfaction"] = IdOrNull(c.satisfaction);
  o["disclose_identity"] = c.disclose_identity;
  o["consultation_id"] = IdOrNull(c.consultation_id);
  o["region_path"] = c.region_path;
  o["title"] = d.texts.title;  // the list row's is masked
  o["facts"] = d.texts.facts;
  o["wish"] = d.texts.wish;
  o["safe_contact"] = d.texts.safe_contact;
  o["contact_sms_only"] = c.contact_sms_only;
  o["contact_call_from"] = c.contact_call_from;
  o["contact_call_to"] = c.contact_call_to;
  json::array parties;
  for (const auto& p : d.parties) parties.push_back(PartyJson(p));
  o["parties"] = std::move(parties);
  o["protection"] =
      d.protection ? json::value(ProtectionJson(*d.protection)) : json::value(nullptr);
  json::array actions;
  for (auto a : domain::AllowedActions(c.status)) actions.emplace_back(domain::ToString(a));
  o["allowed_actions"] = std::move(actions);
  const auto missed = domain::FirstMissed(c.Timers(), now_ms);
  o["timers"] = json::object{
      {"due_first_contact_at", TimeOrNull(c.due_first_contact_at)},
      {"first_contact_at", TimeOrNull(c.first_contact_at)},
      {"due_decision_at", TimeOrNull(c.due_decision_at)},
      {"decided_at", TimeOrNull(c.decided_at)},
      {"mediation_started_at", TimeOrNull(c.mediation_started_at)},
      {"due_mediation_at", TimeOrNull(c.due_mediation_at)},
      {"extensions", c.extensions},
      {"resolved_at", TimeOrNull(c.resolved_at)},
      {"closed_at", TimeOrNull(c.closed_at)},
      {"missed", missed == domain::MissedLimit::kNone ? json::value(nullptr)
                                                      : json::value(domain::ToString(missed))}};
  json::array sessions;
  for (const auto& s : d.sessions) sessions.push_back(SessionJson(s));
  o["sessions"] = std::move(sessions);
  return o;
}

}  // namespace hejia::api::cases
