// The JSON schemas of the case routes in the OpenAPI document (declared in case_common.hpp). The
// coded fields carry the domain's own lists as `enum` and the texts the limits the handlers
// enforce, so the web generates them instead of copying them.
#include "api/case_common.hpp"
#include "api/case_flow_schema.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/categories.hpp"
#include "domain/party.hpp"

namespace hejia::api::cases {

namespace json = boost::json;

namespace {

json::object Prop(std::string_view type, bool nullable = false) {
  json::object o{{"type", type}};
  if (nullable) o["nullable"] = true;
  return o;
}

json::object Enum(const std::vector<std::string>& codes, bool nullable = false) {
  json::object o = EnumOf(codes);
  if (nullable) o["nullable"] = true;
  return o;
}

json::object MaxLength(int64_t max) {
  return json::object{{"type", "string"}, {"maxLength", max}};
}

}  // namespace

json::object EnumOf(const std::vector<std::string>& codes) {
  json::array values;
  for (const auto& c : codes) values.emplace_back(c);
  return json::object{{"type", "string"}, {"enum", std::move(values)}};
}

json::value WithEnum(json::value body, std::string_view field,
                     const std::vector<std::string>& codes) {
  body.as_object()["properties"].as_object()[field] = EnumOf(codes);
  return body;
}

std::vector<std::string> CategoryCodes() {
  std::vector<std::string> out;
  for (const auto& c : domain::AllCategories()) out.emplace_back(c.code);
  return out;
}

json::value PartySchema() {
  return json::object{
      {"type", "object"},
      {"properties", json::object{{"id", Prop("integer")},
                                  {"role", Enum(domain::Codes(domain::AllPartyRoles()))},
                                  {"name", Prop("string")},
                                  {"gender", Prop("string", true)},
                                  {"phone", Prop("string", true)},
                                  {"id_number", Prop("string", true)},
                                  {"address", Prop("string", true)},
                                  {"relation", Prop("string")},
                                  {"person_id", Prop("integer", true)},
                                  {"household_id", Prop("integer", true)}}}};
}

json::value SessionSchema() {
  return json::object{
      {"type", "object"},
      {"properties", json::object{{"id", Prop("integer")},
                                  {"case_id", Prop("integer")},
                                  {"room", Prop("object", true)},
                                  {"online", Prop("boolean")},
                                  {"starts_at", Prop("string")},
                                  {"ends_at", Prop("string")},
                                  {"mediator", Prop("object", true)},
                                  {"status", Enum(domain::Codes(domain::AllSessionStatuses()))},
                                  {"has_summary", Prop("boolean")},
                                  {"summary", Prop("string", true)},
                                  {"version", Prop("integer")}}}};
}

json::value ProtectionSchema() {
  return json::object{{"type", "object"},
                      {"nullable", true},  // no protection track
                      {"properties", json::object{{"police_reported_at", Prop("string", true)},
                                                  {"police_ref", Prop("string")},
                                                  {"warning_letter_no", Prop("string")},
                                                  {"order_applied_at", Prop("string", true)},
                                                  {"order_urgent", Prop("boolean")},
                                                  {"order_due_at", Prop("string", true)},
                                                  {"order_court", Prop("string")},
                                                  {"order_decided_at", Prop("string", true)},
                                                  {"order_result", Prop("string", true)},
                                                  {"order_valid_until", Prop("string", true)},
                                                  {"updated_at", Prop("string")}}}};
}

json::value EventSchema() {
  const auto statuses = domain::Codes(domain::AllCaseStatuses());
  return json::object{{"type", "object"},
                      {"properties", json::object{{"id", Prop("integer")},
                                                  {"at", Prop("string")},
                                                  {"actor", Prop("object", true)},
                                                  {"kind", Prop("string")},
                                                  {"from_status", Enum(statuses, true)},
                                                  {"to_status", Enum(statuses, true)},
                                                  {"text", Prop("string", true)},
                                                  {"shared", Prop("boolean")},
                                                  {"data", Prop("object", true)}}}};
}

json::value CaseSchema() {
  json::object props{
      {"id", Prop("integer")},
      {"case_no", Prop("string")},
      {"channel", Enum(domain::Codes(domain::AllCaseChannels()))},
      {"category", Enum(CategoryCodes())},
      {"severity", Enum(domain::Codes(domain::AllCaseSeverities()))},
      {"status", CaseStatusSchema()},
      {"level", Enum(domain::Codes(domain::AllCaseLevels()))},
      {"region_code", Prop("string")},
      {"region_name", Prop("string")},
      {"night_clinic", Prop("boolean")},
      {"urgent", Prop("boolean")},
      {"supervision", Enum(domain::Codes(domain::AllSupervisions()), true)},
      {"assignee", Prop("object", true)},
      {"mediator", Prop("object", true)},
      {"title", Prop("string")},
      {"applicant_name", Prop("string", true)},
      {"due_first_contact_at", Prop("string", true)},
      {"overdue", Prop("boolean")},
      {"created_at", Prop("string")},
      {"updated_at", Prop("string")},
      {"version", Prop("integer")},
      {"risk_level", Enum(domain::Codes(domain::AllRiskLevelValues()), true)},
      {"facts", Prop("string", true)},
      {"wish", Prop("string", true)},
      {"safe_contact", Prop("string", true)},
      // How the applicant wants to be reached (domain/contact_wishes.hpp): values, not secrets.
      {"contact_sms_only", Prop("boolean")},
      {"contact_call_from", Prop("string")},
      {"contact_call_to", Prop("string")},
      {"sight", Enum({"handle", "follow"})},
      {"parties", json::object{{"type", "array"}, {"items", PartySchema()}}},
      {"protection", ProtectionSchema()},
      {"allowed_actions", json::object{{"type", "array"}, {"items", Prop("string")}}},
      {"timers", Prop("object")},
      {"sessions", json::object{{"type", "array"}, {"items", SessionSchema()}}}};
  return json::object{{"type", "object"}, {"properties", std::move(props)}};
}

json::value PartyBodySchema() {
  return json::object{
      {"type", "object"},
      {"properties", json::object{{"role", Enum(domain::Codes(domain::AllPartyRoles()))},
                                  {"name", MaxLength(domain::kMaxPartyName)},
                                  {"gender", Enum({"female", "male"})},
                                  {"phone", Prop("string")},
                                  {"id_number", Prop("string")},
                                  {"address", MaxLength(domain::kMaxPartyAddress)},
                                  {"relation", MaxLength(domain::kMaxPartyRelation)},
                                  {"person_id", Prop("integer")}}},
      {"required", json::array{"role", "name"}},
      {"additionalProperties", false}};
}

json::value IntakeSchema(const std::vector<domain::CaseChannel>& channels) {
  json::value body = json::object{
      {"type", "object"},
      {"properties",
       json::object{{"channel", Enum(domain::Codes(channels))},
                    {"category", Enum(CategoryCodes())},
                    {"severity", Enum(domain::Codes(domain::AllCaseSeverities()))},
                    {"title", MaxLength(store::kMaxCaseTitle)},
                    {"facts", MaxLength(store::kMaxCaseFacts)},
                    {"wish", MaxLength(store::kMaxCaseWish)},
                    {"safe_contact", MaxLength(store::kMaxCaseSafeContact)},
                    {"disclose_identity", Prop("boolean")},
                    {"home_code", Prop("string")},
                    {"external_ref", MaxLength(store::kMaxExternalRef)},
                    {"consultation_id", Prop("integer")},
                    {"parties", json::object{{"type", "array"}, {"items", PartyBodySchema()}}},
                    {"confirm_duplicate", Prop("boolean")},
                    {"urgent", Prop("boolean")}}},
      {"required", json::array{"channel", "category", "facts", "home_code", "parties"}},
      {"additionalProperties", false}};
  AddContactWishProperties(body);
  return body;
}

}  // namespace hejia::api::cases
