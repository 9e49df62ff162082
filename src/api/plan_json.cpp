#include "api/plan_json.hpp"

#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/key_family.hpp"

namespace hejia::api::plans {

namespace {

template <class E, std::size_t N>
std::vector<std::string> Codes(const std::array<E, N>& values) {
  std::vector<std::string> out;
  for (E v : values) out.emplace_back(domain::ToString(v));
  return out;
}

/// A time as the rest of the API writes it ("2026-12-03T21:30:00+08:00"), or null for none.
json::value Time(int64_t ms) {
  if (ms == 0) return nullptr;
  return json::value(FormatBeijing(ms));
}

json::value TextOrNull(const std::string& s) {
  if (s.empty()) return nullptr;
  return json::value(s);
}

json::object Closed(json::object props, std::string_view required) {
  json::array names;
  for (auto n : schema::Words(required)) names.emplace_back(n);
  json::object o{{"type", "object"}, {"properties", std::move(props)}};
  if (!names.empty()) o["required"] = std::move(names);
  o["additionalProperties"] = false;
  return o;
}

json::value Nullable(json::value v) {
  v.as_object()["nullable"] = true;
  return v;
}

std::string At(std::string_view prefix, std::size_t i, std::string_view field) {
  return std::string(prefix) + "[" + std::to_string(i) + "]." + std::string(field);
}

const json::object& ObjectAt(const json::value& v, const std::string& field) {
  if (!v.is_object()) throw Invalid(field, "应为对象 / must be an object");
  return v.as_object();
}

std::string TextOf(const json::object& o, std::string_view key, const std::string& field) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return "";
  if (!v->is_string()) throw Invalid(field, "应为文本 / must be a text");
  return std::string(v->as_string());
}

std::optional<int64_t> IntOf(const json::object& o, std::string_view key,
                             const std::string& field) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_int64() && v->as_int64() > 0) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX && v->as_uint64() > 0)
    return static_cast<int64_t>(v->as_uint64());
  throw Invalid(field, "应为正整数 / must be a positive integer");
}

/// A measure's due date: "YYYY-MM-DD" (due by the end of that day in Beijing) or a time with its
/// offset, as everywhere in the API.
std::optional<int64_t> DueOf(const json::object& o, std::string_view key,
                             const std::string& field) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_string()) {
    const std::string_view text = v->as_string();
    if (text.size() == 10) {
      const int64_t start = BeijingDateStartMillis(text);
      if (start >= 0) return start + 24LL * 3600 * 1000 - 1;
    } else if (auto at = ParseIsoTime(text)) {
      return *at;
    }
  }
  throw Invalid(field, "应为日期 YYYY-MM-DD / must be a date, YYYY-MM-DD");
}

void OnlyKeys(const json::object& o, std::initializer_list<std::string_view> allowed,
              std::string_view prefix) {
  for (const auto& [key, value] : o) {
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (!known) throw Invalid(std::string(prefix) + std::string(key), "未知字段 / unknown field");
  }
}

template <class E>
E CodeOf(const json::object& o, std::string_view key, const std::string& field, E fallback,
         std::optional<E> (*parse)(std::string_view), bool required) {
  const std::string text = TextOf(o, key, field);
  if (text.empty()) {
    if (required) throw Invalid(field, "必填 / required");
    return fallback;
  }
  const auto value = parse(text);
  if (!value) throw Invalid(field, "未知的取值 / unknown value");
  return *value;
}

domain::SafetyPlan ReadSafety(const json::value& v) {
  domain::SafetyPlan s;
  if (v.is_null()) return s;
  const auto& o = ObjectAt(v, "safety");
  OnlyKeys(o, {"contacts", "code_word", "safe_place", "notes"}, "safety.");
  s.code_word = TextOf(o, "code_word", "safety.code_word");
  s.safe_place = TextOf(o, "safe_place", "safety.safe_place");
  s.notes = TextOf(o, "notes", "safety.notes");
  if (const auto* list = o.if_contains("contacts"); list && !list->is_null()) {
    if (!list->is_array()) throw Invalid("safety.contacts", "应为数组 / must be an array");
    std::size_t i = 0;
    for (const auto& item : list->as_array()) {
      const auto& c = ObjectAt(item, At("safety.contacts", i, "name"));
      OnlyKeys(c, {"name", "relation", "phone"}, At("safety.contacts", i, ""));
      s.contacts.push_back({TextOf(c, "name", At("safety.contacts", i, "name")),
                            TextOf(c, "relation", At("safety.contacts", i, "relation")),
                            TextOf(c, "phone", At("safety.contacts", i, "phone"))});
      ++i;
    }
  }
  return s;
}

}  // namespace

json::object PlanJson(const store::PlanRow& row, int64_t now) {
  if (!row.intact)
    throw ApiError(ErrorKind::kUnprocessable, "integrity_failed",
                   "数据校验失败 / a sealed text did not decrypt");
  const auto& p = row.plan;
  json::array measures;
  for (std::size_t i = 0; i < p.measures.size(); ++i) {
    const auto& m = p.measures[i];
    const auto user = i < row.measure_users.size() ? row.measure_users[i] : std::nullopt;
    measures.push_back(json::object{
        {"type", domain::ToString(m.type)},
        {"unit", domain::ToString(m.unit)},
        {"person", m.person},
        {"person_user_id", user ? json::value(*user) : json::value(nullptr)},
        {"due_at", Time(m.due_at.value_or(0))},
        {"status", domain::ToString(m.status)},
        {"detail", m.detail},
        {"result", m.result},
        {"overdue", domain::IsOpen(m.status) && m.due_at && domain::IsOverdue(*m.due_at, now)}});
  }
  json::value signer = nullptr;
  if (row.countersigned_by)
    signer = json::object{{"id", row.countersigned_by}, {"name", row.countersigned_by_name}};
  return json::object{{"id", row.id},
                      {"family_id", row.family_id},
                      {"version", p.version},
                      {"status", domain::ToString(p.status)},
                      {"colour", domain::ToString(p.colour)},
                      {"focus", p.focus},
                      {"risks", p.risks},
                      {"goals", p.goals},
                      {"measures", std::move(measures)},
                      {"has_safety_plan", row.has_safety},
                      {"author", json::object{{"id", row.author_id},
                                              {"name", row.author_name},
                                              {"level", domain::ToString(row.author_level)}}},
                      {"created_at", FormatBeijing(row.created_at)},
                      {"updated_at", FormatBeijing(row.updated_at)},
                      {"row_version", row.row_version},
                      {"submitted_at", Time(row.submitted_at)},
                      {"countersigned_by", std::move(signer)},
                      {"countersigned_at", Time(row.countersigned_at)},
                      {"returned_reason", TextOrNull(row.returned_reason)},
                      {"activated_at", Time(row.activated_at)},
                      {"last_review_at", Time(row.last_review_at)},
                      {"review_due", Time(row.review_due)},
                      {"review_reason", TextOrNull(row.review_reason)}};
}

json::object SafetyJson(const domain::SafetyPlan& safety) {
  json::array contacts;
  for (const auto& c : safety.contacts)
    contacts.push_back(
        json::object{{"name", c.name}, {"relation", c.relation}, {"phone", c.phone}});
  return json::object{{"contacts", std::move(contacts)},
                      {"code_word", safety.code_word},
                      {"safe_place", safety.safe_place},
                      {"notes", safety.notes}};
}

void RedactForPerson(json::object& plan, std::size_t own) {
  for (const char* key : {"focus", "risks", "goals"}) plan[key] = "";
  plan["has_safety_plan"] = false;
  auto& measures = plan["measures"].as_array();
  for (std::size_t i = 0; i < measures.size(); ++i) {
    if (i == own) continue;
    measures[i].as_object()["detail"] = "";
    measures[i].as_object()["result"] = "";
  }
}

PlanBody ReadPlanBody(const http::JsonBody& body) {
  PlanBody out;
  const auto& o = body.object();
  for (std::string_view key : {"focus", "risks", "goals"}) {
    if (!o.contains(key)) continue;
    std::string text = TextOf(o, key, std::string(key));
    (key == "focus" ? out.focus : key == "risks" ? out.risks : out.goals) = std::move(text);
    out.fields.push_back(key);
  }
  if (const auto* list = o.if_contains("measures")) {
    if (!list->is_array()) throw Invalid("measures", "应为数组 / must be an array");
    std::vector<domain::Measure> measures;
    std::size_t i = 0;
    for (const auto& item : list->as_array()) {
      const auto& m = ObjectAt(item, At("measures", i, "type"));
      OnlyKeys(m,
               {"type", "unit", "person", "person_user_id", "due_at", "status", "detail", "result",
                "overdue"},
               At("measures", i, ""));
      domain::Measure measure;
      measure.type = CodeOf(m, "type", At("measures", i, "type"), domain::MeasureType::kOther,
                            &domain::ParseMeasureType, true);
      measure.unit =
          CodeOf(m, "unit", At("measures", i, "unit"), domain::ResponsibleUnit::kFederation,
                 &domain::ParseResponsibleUnit, true);
      measure.person = TextOf(m, "person", At("measures", i, "person"));
      measure.due_at = DueOf(m, "due_at", At("measures", i, "due_at"));
      measure.status = CodeOf(m, "status", At("measures", i, "status"),
                              domain::MeasureStatus::kPlanned, &domain::ParseMeasureStatus, false);
      measure.detail = TextOf(m, "detail", At("measures", i, "detail"));
      measure.result = TextOf(m, "result", At("measures", i, "result"));
      out.measure_users.push_back(IntOf(m, "person_user_id", At("measures", i, "person_user_id")));
      measures.push_back(std::move(measure));
      ++i;
    }
    out.measures = std::move(measures);
    out.fields.push_back("measures");
  }
  if (const auto* safety = o.if_contains("safety")) {
    out.safety = ReadSafety(*safety);
    out.fields.push_back("safety");
  }
  return out;
}

void Apply(const PlanBody& body, store::PlanRow& row) {
  if (body.focus) row.plan.focus = *body.focus;
  if (body.risks) row.plan.risks = *body.risks;
  if (body.goals) row.plan.goals = *body.goals;
  if (body.measures) {
    row.plan.measures = *body.measures;
    row.measure_users = body.measure_users;
  }
}

void ThrowProblems(std::string code, const std::vector<domain::FieldProblem>& all) {
  json::array problems;
  for (const auto& p : all)
    problems.push_back(json::object{{"field", p.field}, {"message", p.message}});
  throw ApiError(ErrorKind::kUnprocessable, std::move(code), all.front().message, all.front().field)
      .WithDetails(json::object{{"problems", std::move(problems)}});
}

std::string MeasureLine(domain::MeasureType type, domain::MeasureStatus status) {
  return std::string(domain::Label(type)) + " · " + std::string(domain::Label(status));
}

// ---- OpenAPI ----

namespace {

json::value MeasureSchema(bool response) {
  json::object props =
      schema::Fields("person detail result", {{"person", domain::kMeasurePersonMax},
                                              {"detail", domain::kMeasureDetailMax},
                                              {"result", domain::kMeasureResultMax}});
  props["type"] = schema::OneOf(Codes(domain::kMeasureTypes));
  props["unit"] = schema::OneOf(Codes(domain::kResponsibleUnits));
  props["status"] = schema::OneOf(Codes(domain::kMeasureStatuses));
  props["person_user_id"] = json::object{{"type", "integer"}, {"nullable", true}};
  props["due_at"] = json::object{
      {"type", "string"},
      {"nullable", true},
      {"description", "YYYY-MM-DD (due by the end of that day) or a time with its offset"}};
  props["overdue"] = json::object{{"type", "boolean"}};
  return Closed(std::move(props), response ? "type unit person person_user_id due_at status "
                                             "detail result overdue"
                                           : "type unit");
}

json::object PlanBodyProps() {
  json::object props = schema::Fields("focus risks goals", {{"focus", domain::kPlanFocusMax},
                                                            {"risks", domain::kPlanRisksMax},
                                                            {"goals", domain::kPlanGoalsMax}});
  props["measures"] = json::object{
      {"type", "array"}, {"maxItems", domain::kPlanMeasuresMax}, {"items", MeasureSchema(false)}};
  props["safety"] = SafetySchema();
  return props;
}

}  // namespace

json::value SafetySchema() {
  json::object contact = schema::Fields(
      "name relation phone",
      {{"name", domain::kSafeContactNameMax}, {"relation", domain::kSafeContactRelationMax}});
  json::object props =
      schema::Fields("code_word safe_place notes", {{"code_word", domain::kCodeWordMax},
                                                    {"safe_place", domain::kSafePlaceMax},
                                                    {"notes", domain::kSafetyNotesMax}});
  props["contacts"] = json::object{{"type", "array"},
                                   {"maxItems", domain::kSafeContactsMax},
                                   {"items", Closed(std::move(contact), "name phone")}};
  return Closed(std::move(props), "");
}

json::value PlanSchema() {
  json::object props = schema::Fields(
      "id:integer family_id:integer version:integer focus risks goals has_safety_plan:boolean "
      "created_at updated_at row_version:integer submitted_at:string? "
      "countersigned_at:string? returned_reason:string? activated_at:string? "
      "last_review_at:string? review_due:string?");
  props["status"] = schema::OneOf(Codes(domain::kPlanStatuses));
  props["colour"] = schema::OneOf(Codes(domain::kRiskColours));
  props["measures"] = json::object{{"type", "array"}, {"items", MeasureSchema(true)}};
  props["author"] = schema::Shape("id:integer name level", "id name level");
  props["countersigned_by"] = Nullable(schema::Shape("id:integer name", "id name"));
  props["review_reason"] = Nullable(schema::OneOf(Codes(domain::kReviewReasons)));
  return Closed(std::move(props),
                "id family_id version status colour focus risks goals measures has_safety_plan "
                "author created_at updated_at row_version");
}

json::value PlansSchema() {
  json::object props{{"items", json::object{{"type", "array"}, {"items", PlanSchema()}}}};
  props["plan_due_at"] = json::object{{"type", "string"}, {"nullable", true}};
  return Closed(std::move(props), "items plan_due_at");
}

json::value PlanCreateSchema() {
  return Closed(PlanBodyProps(), "");
}

json::value PlanPatchSchema() {
  json::object props = PlanBodyProps();
  props["row_version"] = json::object{{"type", "integer"}};
  return Closed(std::move(props), "row_version");
}

json::value NoteBodySchema(std::string_view field, bool required) {
  json::object props{{field, json::object{{"type", "string"}, {"maxLength", 500}}}};
  return Closed(std::move(props), required ? field : "");
}

json::value MeasurePatchSchema() {
  json::object props =
      schema::Fields("row_version:integer result", {{"result", domain::kMeasureResultMax}});
  props["status"] = schema::OneOf(Codes(domain::kMeasureStatuses));
  return Closed(std::move(props), "row_version status");
}

}  // namespace hejia::api::plans
