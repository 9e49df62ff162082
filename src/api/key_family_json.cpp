#include "api/key_family_json.hpp"

#include "api/json_values.hpp"
#include "api/record_kit.hpp"
#include "api/record_kit_writer.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/key_family.hpp"
#include "domain/text.hpp"
#include "store/key_families_table.hpp"

namespace hejia::api::families {

namespace {

template <class E, std::size_t N>
std::vector<std::string> Codes(const std::array<E, N>& values) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(domain::ToString(v));
  return out;
}

json::value TimeOrNull(int64_t ms) {
  if (ms == 0) return nullptr;
  return json::value(FormatBeijing(ms));
}

json::value TextOrNull(const std::optional<std::string>& text) {
  if (!text) throw ApiError(ErrorKind::kConflict, "integrity", "数据校验失败 / integrity");
  return OrNull(*text);
}

json::object Closed(json::object props, std::string_view required) {
  json::array names;
  for (auto n : schema::Words(required)) names.emplace_back(n);
  json::object o{{"type", "object"}, {"properties", std::move(props)}};
  if (!names.empty()) o["required"] = std::move(names);
  o["additionalProperties"] = false;
  return o;
}

std::vector<std::string> UnitLevels() {
  return Codes(std::array{domain::RegionLevel::kCity, domain::RegionLevel::kTown,
                          domain::RegionLevel::kVillage});
}

json::value ColourEnum() {
  return schema::OneOf(Codes(domain::kRiskColours));
}

json::value AnswersSchema() {
  json::object props;
  for (auto f : domain::kRiskFactors)
    props[domain::ToString(f)] = schema::OneOf(Codes(domain::kRiskAnswers));
  return json::object{
      {"type", "object"},
      {"properties", std::move(props)},
      {"additionalProperties", false},
      {"description", "each factor yes | no | unknown; a factor left out is unknown"}};
}

json::object AnswersJson(const domain::RiskChecklist& checklist) {
  json::object o;
  for (auto f : domain::kRiskFactors) o[domain::ToString(f)] = domain::ToString(checklist[f]);
  return o;
}

}  // namespace

json::object FamilyJson(const domain::KeyFamily& family) {
  json::object o = kit::ToJson(family);
  o["household_id"] = family.household_id;
  o["source_id"] = family.source_id ? json::value(family.source_id) : json::value(nullptr);
  // Who follows it, and who approves a step down: the owner of its colour.
  o["followed_by"] = domain::ToString(domain::OwnerLevel(family.colour));
  o["supervision"] = family.supervision;
  return o;
}

void WriteFamily(http::JsonWriter& w, const domain::KeyFamily& family) {
  w.BeginObject();
  kit::WriteMembers(family, w);
  w.Key("household_id").Int(family.household_id).Key("source_id");
  if (family.source_id)
    w.Int(family.source_id);
  else
    w.Null();
  w.Key("followed_by").String(domain::ToString(domain::OwnerLevel(family.colour)));
  w.Key("supervision").String(family.supervision);
  w.EndObject();
}

json::object AssessmentJson(const store::AssessmentRow& row) {
  const auto s = domain::SuggestColour(row.answers);
  json::array floors;
  for (auto f : s.floors) floors.emplace_back(domain::ToString(f));
  return json::object{{"id", row.id},
                      {"answers", AnswersJson(row.answers)},
                      {"score", row.score},
                      {"possible", s.score.possible},
                      {"max", s.score.max},
                      {"yes", s.score.yes},
                      {"no", s.score.no},
                      {"unknown", s.score.unknown},
                      {"mostly_unknown", s.mostly_unknown},
                      {"floors", std::move(floors)},
                      {"if_unknown_yes", domain::ToString(s.if_unknown_yes)},
                      {"suggested", domain::ToString(row.suggested)},
                      {"chosen", domain::ToString(row.chosen)},
                      {"occasion", row.occasion},
                      {"reason", TextOrNull(row.reason)},
                      {"notes", TextOrNull(row.notes)},
                      {"risks", domain::RisksSummary(row.answers)},
                      {"case_risk_level", domain::ToString(domain::CaseRiskLevel(row.chosen))},
                      {"assessed_by", row.assessed_by},
                      {"assessed_by_name", row.assessed_by_name},
                      {"assessed_at", FormatBeijing(row.assessed_at)}};
}

json::object HistoryJson(const store::ColourChangeRow& row) {
  json::array told;
  for (const auto& t : row.told) told.emplace_back(t);
  return json::object{
      {"id", row.id},
      {"kind", row.kind},
      {"from", OrNull(row.from)},
      {"to", OrNull(row.to)},
      {"outcome", row.outcome},
      {"assessment_id", row.assessment_id ? json::value(row.assessment_id) : json::value(nullptr)},
      {"requested_by", row.requested_by},
      {"requested_by_name", row.requested_by_name},
      {"requested_at", FormatBeijing(row.requested_at)},
      {"decided_by", row.decided_by ? json::value(row.decided_by) : json::value(nullptr)},
      {"decided_by_name", row.decided_by ? OrNull(row.decided_by_name) : json::value(nullptr)},
      {"decided_at", TimeOrNull(row.decided_at)},
      {"told", std::move(told)},
      {"reason", TextOrNull(row.reason)},
      {"note", TextOrNull(row.note)}};
}

json::object ContactJson(const store::ContactRow& row) {
  return json::object{{"id", row.id},
                      {"kind", domain::ToString(row.kind)},
                      {"at", FormatBeijing(row.at)},
                      {"by", row.by},
                      {"by_name", row.by_name},
                      {"finding", row.finding},
                      {"note", TextOrNull(row.note)}};
}

store::DueRow DueOf(const domain::KeyFamily& family) {
  return store::DueRow{family.meta.id, family.household_id,    family.name,
                       family.region,  family.last_contact_at, family.next_contact_due};
}

json::object DueJson(const store::DueRow& row, int64_t now) {
  return json::object{{"id", row.id},
                      {"household_id", row.household_id},
                      {"name", OrNull(row.name)},
                      {"region_code", row.region.code},
                      {"region_name", row.region.name},
                      {"region_path", row.region.path},
                      {"last_contact_at", TimeOrNull(row.last_contact_at)},
                      {"next_contact_due", FormatBeijing(row.next_contact_due)},
                      {"overdue", domain::IsOverdue(row.next_contact_due, now)}};
}

json::object CountsJson(const std::vector<store::TownCounts>& towns) {
  int64_t blue = 0, yellow = 0, red = 0;
  json::array items;
  for (const auto& t : towns) {
    blue += t.blue;
    yellow += t.yellow;
    red += t.red;
    items.push_back(json::object{{"code", t.code},
                                 {"name", t.name},
                                 {"blue", t.blue},
                                 {"yellow", t.yellow},
                                 {"red", t.red},
                                 {"total", t.blue + t.yellow + t.red}});
  }
  return json::object{{"blue", blue},
                      {"yellow", yellow},
                      {"red", red},
                      {"total", blue + yellow + red},
                      {"towns", std::move(items)}};
}

json::object SuggestionJson(const domain::RiskChecklist& answers,
                            const domain::ColourSuggestion& s) {
  json::array floors;
  for (auto f : s.floors) floors.emplace_back(domain::ToString(f));
  return json::object{{"colour", domain::ToString(s.colour)},
                      {"by_score", domain::ToString(s.by_score)},
                      {"floors", std::move(floors)},
                      {"if_unknown_yes", domain::ToString(s.if_unknown_yes)},
                      {"mostly_unknown", s.mostly_unknown},
                      {"score", s.score.score},
                      {"possible", s.score.possible},
                      {"max", s.score.max},
                      {"yes", s.score.yes},
                      {"no", s.score.no},
                      {"unknown", s.score.unknown},
                      {"risks", domain::RisksSummary(answers)}};
}

domain::RiskChecklist ReadAnswers(const http::JsonBody& body) {
  domain::RiskChecklist out;
  const auto* answers = body.object().if_contains("answers");
  if (!answers || !answers->is_object()) throw Invalid("answers", "应为对象 / must be an object");
  for (const auto& [key, value] : answers->as_object()) {
    const std::string field = "answers." + std::string(key);
    const auto factor = domain::ParseRiskFactor(key);
    if (!factor) throw Invalid(field, "未知的风险因素 / unknown risk factor");
    const auto answer =
        value.is_string() ? domain::ParseRiskAnswer(value.as_string()) : std::nullopt;
    if (!answer) throw Invalid(field, "应为 yes | no | unknown / must be yes | no | unknown");
    out.Set(*factor, *answer);
  }
  return out;
}

AssessmentBody ReadAssessment(const http::JsonBody& body) {
  AssessmentBody out;
  out.answers = ReadAnswers(body);
  out.fields.push_back("answers");
  const auto colour = domain::ParseRiskColour(body.RequiredString("colour", 10));
  if (!colour) throw Invalid("colour", "应为 blue | yellow | red / must be blue | yellow | red");
  out.colour = *colour;
  out.fields.push_back("colour");
  if (auto reason = body.OptString("reason", domain::kColourReasonMax * 4 + 16)) {
    out.reason = domain::TrimSpaces(*reason);  // checked with the decision
    if (!out.reason.empty()) out.fields.push_back("reason");
  }
  if (auto notes = body.OptString("notes", domain::kAssessmentNoteMax * 4 + 16)) {
    auto checked = domain::CheckLines(*notes, domain::kAssessmentNoteMax, false);
    if (checked.problem)
      throw Invalid("notes",
                    domain::TextProblemMessage(*checked.problem, domain::kAssessmentNoteMax));
    out.notes = std::move(checked.text);
    if (!out.notes.empty()) out.fields.push_back("notes");
  }
  return out;
}

// ---- OpenAPI ----

json::value FamilySchema() {
  auto s = kit::ResponseSchema<domain::KeyFamily>().as_object();
  auto& props = s["properties"].as_object();
  props["household_id"] = json::object{{"type", "integer"}};
  props["source_id"] = json::object{{"type", "integer"}, {"nullable", true}};
  props["followed_by"] = schema::OneOf(UnitLevels());
  props["supervision"] = schema::OneOf({"none", "yellow", "red"});
  s["required"].as_array().emplace_back("household_id");
  s["required"].as_array().emplace_back("followed_by");
  s["required"].as_array().emplace_back("supervision");
  return s;
}

json::value AssessmentSchema() {
  json::object props = schema::Fields(
      "id:integer score:integer possible:integer max:integer yes:integer no:integer "
      "unknown:integer mostly_unknown:boolean occasion reason:string? notes:string? risks "
      "case_risk_level assessed_by:integer assessed_by_name assessed_at");
  props["answers"] = AnswersSchema();
  props["floors"] = schema::ListOf(Codes(domain::kRiskFactors));
  props["if_unknown_yes"] = ColourEnum();
  props["suggested"] = ColourEnum();
  props["chosen"] = ColourEnum();
  return Closed(std::move(props),
                "id answers score possible max yes no unknown mostly_unknown floors "
                "if_unknown_yes suggested chosen occasion risks case_risk_level assessed_by "
                "assessed_by_name assessed_at");
}

json::value HistorySchema() {
  json::object props = schema::Fields(
      "id:integer from:string? to:string? assessment_id:integer? requested_by:integer "
      "requested_by_name requested_at decided_by:integer? decided_by_name:string? "
      "decided_at:string? told:string[] reason:string? note:string?");
  props["kind"] = schema::OneOf({"list", "upgrade", "downgrade", "delisting"});
  props["outcome"] = schema::OneOf({"effective", "pending", "approved", "rejected", "superseded"});
  return Closed(std::move(props),
                "id kind outcome requested_by requested_by_name requested_at told");
}

json::value ContactSchema() {
  json::object props =
      schema::Fields("id:integer at by:integer by_name finding:boolean note:string?");
  props["kind"] = schema::OneOf(Codes(domain::kFamilyContactKinds));
  return Closed(std::move(props), "id kind at by by_name finding");
}

json::value DueSchema() {
  return schema::Shape(
      "id:integer household_id:integer name:string? region_code region_name region_path "
      "last_contact_at:string? next_contact_due overdue:boolean",
      "id household_id region_code region_name region_path next_contact_due overdue");
}

json::value CountsSchema() {
  json::object props = schema::Fields("blue:integer yellow:integer red:integer total:integer");
  props["towns"] = json::object{
      {"type", "array"},
      {"items", schema::Shape("code name blue:integer yellow:integer red:integer total:integer",
                              "code name blue yellow red total")}};
  return Closed(std::move(props), "blue yellow red total towns");
}

json::value ItemsOf(json::value item) {
  return Closed(json::object{{"items", json::object{{"type", "array"}, {"items", item}}}}, "items");
}

json::value AssessedSchema() {
  json::object props{{"family", FamilySchema()}, {"assessment", AssessmentSchema()}};
  props["change"] = schema::OneOf({"list", "same", "upgrade", "downgrade", "delisting"});
  props["effective"] = json::object{{"type", "boolean"}};
  props["told"] = schema::ListOf(UnitLevels());
  return Closed(std::move(props), "family assessment change effective told");
}

json::value SuggestionSchema() {
  json::object props = schema::Fields(
      "mostly_unknown:boolean score:integer possible:integer max:integer yes:integer no:integer "
      "unknown:integer risks");
  props["colour"] = ColourEnum();
  props["by_score"] = ColourEnum();
  props["if_unknown_yes"] = ColourEnum();
  props["floors"] = schema::ListOf(Codes(domain::kRiskFactors));
  return Closed(std::move(props),
                "colour by_score floors if_unknown_yes mostly_unknown score possible max yes no "
                "unknown risks");
}

json::value SuggestBodySchema() {
  json::object props{{"answers", AnswersSchema()}};
  props["family_id"] = json::object{
      {"type", "integer"},
      {"description", "a family waiting for reassessment after an incident: at least one up"}};
  return Closed(std::move(props), "answers");
}

namespace {

json::object AssessmentBodyProps() {
  json::object props = schema::Fields("reason notes", {{"reason", domain::kColourReasonMax},
                                                       {"notes", domain::kAssessmentNoteMax}});
  props["answers"] = AnswersSchema();
  props["colour"] = ColourEnum();
  props["reason"].as_object()["description"] =
      "why, when the colour is not the suggested one (at least 10 characters)";
  return props;
}

}  // namespace

json::value ListingBodySchema() {
  json::object props = AssessmentBodyProps();
  props["household_id"] = json::object{{"type", "integer"}};
  props["source"] = schema::OneOf(Codes(domain::kListingSources));
  props["source_id"] = json::object{{"type", "integer"}, {"nullable", true}};
  props["listing_reason"] =
      json::object{{"type", "string"},
                   {"maxLength", domain::kColourReasonMax},
                   {"description", "why the household is listed (required by hand)"}};
  return Closed(std::move(props), "household_id source answers colour");
}

json::value AssessmentBodySchema() {
  return Closed(AssessmentBodyProps(), "answers colour");
}

json::value ChangeBodySchema() {
  json::object props = schema::Fields("reason", {{"reason", domain::kColourReasonMax}});
  props["to"] = schema::OneOf({"yellow", "blue", "delisted"});
  return Closed(std::move(props), "to reason");
}

json::value DecisionBodySchema() {
  return Closed(schema::Fields("note", {{"note", domain::kColourReasonMax}}), "");
}

json::value ContactBodySchema() {
  json::object props =
      schema::Fields("at finding:boolean note", {{"note", domain::kContactNoteMax}});
  props["kind"] = schema::OneOf(Codes(domain::kFamilyContactKinds));
  props["at"].as_object()["description"] = "ISO 8601 time with its offset; default now";
  return Closed(std::move(props), "kind");
}

}  // namespace hejia::api::families
