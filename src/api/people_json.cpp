#include "api/people_json.hpp"

#include <climits>
#include <string_view>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "security/mask.hpp"

namespace hejia::api::people {

namespace json = boost::json;

namespace {

// Formatting a time is the costliest part of a row; rows of one page often share their times
// (created_at equals updated_at until the first edit; an import stamps many rows alike).
const std::string& Timestamp(int64_t millis) {
  thread_local int64_t last = INT64_MIN;
  thread_local std::string text;
  if (millis != last) {
    text = FormatBeijing(millis);
    last = millis;
  }
  return text;
}

void WriteTimes(http::JsonWriter& w, int64_t created_at, int64_t updated_at) {
  w.Key("created_at").String(Timestamp(created_at));
  w.Key("updated_at").String(Timestamp(updated_at));
}

// Rows live on grids, so the last path segment is the grid's code ("/330784/…/<grid>/").
std::string_view LastSegment(std::string_view path) {
  if (path.size() < 2) return {};
  const auto end = path.size() - 1;
  const auto slash = path.rfind('/', end - 1);
  return path.substr(slash + 1, end - slash - 1);
}

json::object Parsed(const std::string& text) {
  return json::parse(text).as_object();
}

json::object Prop(std::string_view type, bool nullable = false) {
  json::object o{{"type", type}};
  if (nullable) o["nullable"] = true;
  return o;
}

}  // namespace

std::vector<std::string> TagCodes() {
  return {std::begin(domain::kDifficultyTags), std::end(domain::kDifficultyTags)};
}

json::value TagsSchema() {
  const auto codes = TagCodes();
  return json::object{{"type", "array"},
                      {"items", json::object{{"type", "string"},
                                             {"enum", json::array(codes.begin(), codes.end())}}}};
}

void WritePerson(http::JsonWriter& w, const store::PersonRow& p) {
  w.BeginObject();
  w.Key("id").Int(p.id).Key("household_id").Int(p.household_id);
  w.Key("name").String(p.name).Key("gender").String(p.gender);
  w.Key("birth_date").String(security::MaskBirthDate(p.birth_date));
  w.Key("id_number").StringOrNull(p.id_mask).Key("phone").StringOrNull(p.phone_mask);
  w.Key("address_detail").StringOrNull(p.address_mask);
  w.Key("tags").Strings(p.tags).Key("relation").String(p.relation);
  w.Key("region_code").String(LastSegment(p.region_path)).Key("region_path").String(p.region_path);
  WriteTimes(w, p.created_at, p.updated_at);
  w.Key("version").Int(p.version).EndObject();
}

void WriteHousehold(http::JsonWriter& w, const store::HouseholdRow& h,
                    const std::vector<store::PersonRow>* members) {
  w.BeginObject();
  w.Key("id").Int(h.id).Key("grid_code").String(h.grid_code).Key("grid_name").String(h.grid_name);
  w.Key("region_path").String(h.region_path);
  w.Key("address_detail").StringOrNull(h.address_mask).Key("head_name").String(h.head_name);
  w.Key("members_count").Int(h.members_count).Key("tags").Strings(h.tags);
  WriteTimes(w, h.created_at, h.updated_at);
  w.Key("version").Int(h.version);
  if (members) {
    w.Key("members").BeginArray();
    for (const auto& m : *members) WritePerson(w, m);
    w.EndArray();
  }
  w.EndObject();
}

std::string PersonText(const store::PersonRow& p) {
  std::string out;
  http::JsonWriter w(out);
  WritePerson(w, p);
  return out;
}

std::string HouseholdText(const store::HouseholdDetail& d) {
  std::string out;
  http::JsonWriter w(out);
  WriteHousehold(w, d.household, &d.members);
  return out;
}

json::object PersonJson(const store::PersonRow& p) {
  return Parsed(PersonText(p));
}

json::object HouseholdJson(const store::HouseholdRow& h) {
  std::string out;
  http::JsonWriter w(out);
  WriteHousehold(w, h);
  return Parsed(out);
}

json::value PersonSchema() {
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{
           {"id", Prop("integer")},
           {"household_id", Prop("integer")},
           {"name", Prop("string")},
           {"gender", json::object{{"type", "string"}, {"enum", json::array{"female", "male"}}}},
           {"birth_date",
            json::object{{"type", "string"}, {"description", "masked: the year only, YYYY-**-**"}}},
           {"id_number", Prop("string", true)},
           {"phone", Prop("string", true)},
           {"address_detail", Prop("string", true)},
           {"tags", TagsSchema()},
           {"relation", Prop("string")},
           {"region_code", Prop("string")},
           {"region_path", Prop("string")},
           {"created_at", Prop("string")},
           {"updated_at", Prop("string")},
           {"version", Prop("integer")}}}};
}

json::value HouseholdSchema() {
  return json::object{
      {"type", "object"},
      {"properties",
       json::object{{"id", Prop("integer")},
                    {"grid_code", Prop("string")},
                    {"grid_name", Prop("string")},
                    {"region_path", Prop("string")},
                    {"address_detail", Prop("string", true)},
                    {"head_name", Prop("string")},
                    {"members_count", Prop("integer")},
                    {"tags", TagsSchema()},
                    {"created_at", Prop("string")},
                    {"updated_at", Prop("string")},
                    {"version", Prop("integer")},
                    {"members", json::object{{"type", "array"}, {"items", PersonSchema()}}}}}};
}

}  // namespace hejia::api::people
