#include "api/incident_common.hpp"

#include "api/case_stream.hpp"
#include "api/json_values.hpp"
#include "api/record_kit.hpp"
#include "api/schema.hpp"
#include "store/incidents_table.hpp"

namespace hejia::api::incidents {

namespace json = boost::json;
using Incident = domain::PoliceIncident;

std::vector<std::string_view> IncidentBodyFields(bool with_region) {
  auto names = kit::BodyFields<Incident>(false);
  names.insert(names.end(), {"incident_no", "parties"});
  if (with_region) names.push_back("region_code");
  return names;
}

std::vector<domain::IncidentParty> ReadParties(const json::object& body) {
  const auto* v = body.if_contains("parties");
  if (!v || !v->is_array() || v->as_array().empty())
    throw Invalid("parties", "请填写当事人 / give the parties");
  const auto& items = v->as_array();
  if (items.size() > domain::kMaxIncidentParties)
    throw Invalid("parties", "当事人最多 10 人 / at most 10 parties");
  std::vector<domain::IncidentParty> out;
  bool victim = false;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = "parties[" + std::to_string(i) + "]";
    if (!items[i].is_object()) throw Invalid(at, "应为对象 / must be an object");
    const auto party =
        http::JsonBody::Parse(json::serialize(items[i]), {"role", "name", "gender", "phone"});
    domain::IncidentPartyFields f;
    f.role = party.OptString("role", 20).value_or("");
    f.name = party.OptString("name", domain::kMaxPersonName * 4).value_or("");
    f.gender = party.OptString("gender", 10).value_or("");
    f.phone = party.OptString("phone", 40).value_or("");
    auto checked = domain::CheckIncidentParty(f);
    if (checked.problem) throw Invalid(at + "." + checked.problem->field, checked.problem->message);
    victim = victim || checked.party.role == domain::IncidentPartyRole::kVictim;
    out.push_back(std::move(checked.party));
  }
  if (!victim) throw Invalid("parties", "至少一名受害人 / at least one victim");
  return out;
}

store::IncidentIntake ReadIncident(const http::JsonBody& body, store::Connection& c) {
  store::IncidentIntake in;
  auto checked = domain::CheckText(body.RequiredString("incident_no", domain::kIncidentNoMax * 4),
                                   domain::kIncidentNoMax, true);
  if (checked.problem)
    throw Invalid("incident_no",
                  domain::TextProblemMessage(*checked.problem, domain::kIncidentNoMax));
  in.incident.incident_no = std::move(checked.text);
  const ScopeFilter none;
  const kit::ParseContext ctx{c, none, true};
  std::vector<std::string_view> changed;
  store::kit::ForEachField<Incident>(
      [&](const auto& f) { kit::Take(f, body, in.incident, ctx, changed); });
  in.address = in.incident.address.plain;
  if (in.address.empty()) throw Invalid("address", "必填 / required");
  in.incident.address = {};
  in.parties = ReadParties(body.object());
  return in;
}

void PublishPushAlerts(Services& s, const std::vector<store::PushAlert>& alerts,
                       const Incident& incident, bool night, int64_t now_ms) {
  if (!s.case_stream) return;
  for (const auto& a : alerts) {
    domain::CaseAlert alert{domain::CaseAlertKind::kIncident,
                            incident.meta.id,
                            incident.incident_no,
                            std::string(domain::ToString(incident.kind)),
                            night,
                            now_ms,
                            "none",
                            std::string(domain::ToString(a.recipient))};
    s.case_stream->Publish(a.user_id, domain::ToString(alert.kind), CaseAlertJson(alert));
  }
}

json::object PushJson(const store::PushRow& p, int64_t now_ms) {
  const auto& g = p.progress;
  const auto at = [](int64_t ms) { return ms ? json::value(FormatBeijing(ms)) : json::value(); };
  const auto who = [](const std::optional<int64_t>& id, const std::string& name) {
    return id ? json::value(json::object{{"id", *id}, {"name", name}}) : json::value();
  };
  const auto next = domain::NextDue(g);
  // The mark as of now: the watch raises it every minute, the answer does not wait for it.
  const auto mark = std::max(p.mark, domain::MarkAt(g, now_ms));
  return json::object{{"id", p.id},
                      {"recipient", domain::ToString(p.recipient)},
                      {"region_code", p.region_code},
                      {"region_name", p.region_name},
                      {"assignee", who(p.assignee_id, p.assignee_name)},
                      {"night", p.night},
                      {"stage", domain::ToString(domain::StageOf(g))},
                      {"mark", domain::ToString(mark)},
                      {"next_due_at", next ? json::value(FormatBeijing(*next)) : json::value()},
                      {"pushed_at", FormatBeijing(g.pushed_at)},
                      {"ack_due_at", FormatBeijing(g.due.ack)},
                      {"contact_due_at", FormatBeijing(g.due.contact)},
                      {"visit_due_at", FormatBeijing(g.due.visit)},
                      {"feedback_due_at", FormatBeijing(g.due.feedback)},
                      {"acknowledged_at", at(g.acknowledged_at)},
                      {"acknowledged_by", who(p.acknowledged_by, p.acknowledged_by_name)},
                      {"contacted_at", at(g.contacted_at)},
                      {"contacted_by", who(p.contacted_by, p.contacted_by_name)},
                      {"visited_at", at(g.visited_at)},
                      {"visited_by", who(p.visited_by, p.visited_by_name)},
                      {"fed_back_at", at(g.fed_back_at)},
                      {"fed_back_by", who(p.fed_back_by, p.fed_back_by_name)},
                      {"version", p.version}};
}

json::object PartyJson(const store::IncidentPartyRow& p) {
  return json::object{{"id", p.id},
                      {"role", domain::ToString(p.role)},
                      {"name", p.name_mask},
                      {"gender", OrNull(p.gender)},
                      {"phone", OrNull(p.phone_mask)}};
}

std::optional<json::object> FeedbackJson(store::Connection& c, const security::FieldCipher& cipher,
                                         int64_t incident_id) {
  const auto rec = store::kit::Load<Incident>(c, store::ScopeFilter::Within("/"), incident_id);
  if (!rec) return std::nullopt;
  const auto at = [](int64_t ms) { return ms ? json::value(FormatBeijing(ms)) : json::value(); };
  json::array pushes;
  for (const auto& p : store::IncidentPushes(c, incident_id)) {
    auto feedback = store::UnsealPushNote(cipher, p, domain::PushStage::kFedBack);
    if (!feedback) throw ApiError(ErrorKind::kConflict, "integrity", "数据校验失败 / integrity");
    pushes.push_back(
        json::object{{"recipient", domain::ToString(p.recipient)},
                     {"unit", p.region_name},
                     {"stage", domain::ToString(domain::StageOf(p.progress))},
                     {"acknowledged_at", at(p.progress.acknowledged_at)},
                     {"contacted_at", at(p.progress.contacted_at)},
                     {"visited_at", at(p.progress.visited_at)},
                     {"fed_back_at", at(p.progress.fed_back_at)},
                     {"feedback", feedback->empty() ? json::value() : json::value(*feedback)}});
  }
  return json::object{{"incident_no", rec->incident_no},
                      {"stage", domain::ToString(rec->stage)},
                      {"updated_at", FormatBeijing(rec->meta.updated_at)},
                      {"pushes", std::move(pushes)}};
}

json::value PushSchema() {
  return schema::Shape(
      "id:integer recipient:string region_code:string region_name:string assignee:object? "
      "night:boolean stage:string mark:string next_due_at:string? pushed_at:string "
      "ack_due_at:string contact_due_at:string visit_due_at:string feedback_due_at:string "
      "acknowledged_at:string? acknowledged_by:object? contacted_at:string? contacted_by:object? "
      "visited_at:string? visited_by:object? fed_back_at:string? fed_back_by:object? "
      "version:integer",
      "id recipient region_code region_name night stage mark pushed_at ack_due_at "
      "contact_due_at visit_due_at feedback_due_at version");
}

json::value PartySchema() {
  return schema::Shape("id:integer role:string name:string gender:string? phone:string?",
                       "id role name");
}

json::value IncidentBodySchema(bool with_region) {
  auto body = kit::BodySchema<Incident>(false);
  auto& o = body.as_object();
  auto& props = o["properties"].as_object();
  props["incident_no"] = json::object{{"type", "string"}, {"maxLength", domain::kIncidentNoMax}};
  json::array roles;
  for (auto r : domain::kIncidentPartyRoles) roles.emplace_back(domain::ToString(r));
  props["parties"] = json::object{
      {"type", "array"},
      {"minItems", 1},
      {"maxItems", domain::kMaxIncidentParties},
      {"items",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{
                {"role", json::object{{"type", "string"}, {"enum", roles}}},
                {"name", json::object{{"type", "string"}, {"maxLength", domain::kMaxPersonName}}},
                {"gender",
                 json::object{{"type", "string"}, {"enum", json::array{"female", "male", ""}}}},
                {"phone", json::object{{"type", "string"}, {"maxLength", 20}}}}},
           {"required", json::array{"role", "name"}},
           {"additionalProperties", false}}}};
  if (with_region) props["region_code"] = json::object{{"type", "string"}, {"maxLength", 20}};
  auto& required = o["required"].as_array();
  required.insert(required.end(), {"incident_no", "address", "parties"});
  return body;
}

}  // namespace hejia::api::incidents
