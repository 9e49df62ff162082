#include "store/plan_repo.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kPlans = "household_plans";
constexpr std::string_view kMeasures = "plan_measures";

// The safety plan as sealed: its fields and contacts joined by separators that checked text never
// holds (control characters are refused by domain::CheckLines).
constexpr char kField = '\x1e', kContact = '\x1d', kPart = '\x1f';

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? s.npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::string EncodeSafety(const domain::SafetyPlan& s) {
  std::string contacts;
  for (size_t i = 0; i < s.contacts.size(); ++i) {
    if (i) contacts += kContact;
    contacts += s.contacts[i].name + kPart + s.contacts[i].relation + kPart + s.contacts[i].phone;
  }
  return s.code_word + kField + s.safe_place + kField + s.notes + kField + contacts;
}

domain::SafetyPlan DecodeSafety(std::string_view text) {
  domain::SafetyPlan s;
  if (text.empty()) return s;
  const auto fields = Split(text, kField);
  if (fields.size() > 0) s.code_word = fields[0];
  if (fields.size() > 1) s.safe_place = fields[1];
  if (fields.size() > 2) s.notes = fields[2];
  if (fields.size() > 3 && !fields[3].empty())
    for (const auto& one : Split(fields[3], kContact)) {
      const auto parts = Split(one, kPart);
      s.contacts.push_back(
          {parts[0], parts.size() > 1 ? parts[1] : "", parts.size() > 2 ? parts[2] : ""});
    }
  return s;
}

Value OptTime(int64_t ms) {
  return ms ? Value(ms) : Value();
}

const char* kPlanColumns =
    "p.id, p.family_id, p.version, p.status, p.colour, p.focus_enc, p.risks_enc, p.goals_enc, "
    "p.has_safety, p.author_id, p.author_level, p.created_at, p.updated_at, p.submitted_at, "
    "p.countersigned_by, p.countersigned_at, p.returned_reason_enc, p.activated_at, "
    "p.last_review_at, p.review_due, p.review_reason, p.row_version, "
    "(SELECT display_name FROM users WHERE id = p.author_id), "
    "(SELECT display_name FROM users WHERE id = p.countersigned_by)";

void LoadMeasures(Connection& c, const security::FieldCipher& cipher, PlanRow& row) {
  for (const auto& r :
       c.Query("SELECT id, type, unit, person, person_user_id, due_at, status, detail_enc, "
               "result_enc FROM plan_measures WHERE plan_id = ? ORDER BY idx",
               {row.id})) {
    domain::Measure m;
    const int64_t id = r.Int(0);
    m.type = domain::ParseMeasureType(r.Text(1)).value_or(domain::MeasureType::kOther);
    m.unit = domain::ParseResponsibleUnit(r.Text(2)).value_or(domain::ResponsibleUnit::kFederation);
    m.person = r.Text(3);
    m.due_at = OptInt(r, 5);
    m.status = domain::ParseMeasureStatus(r.Text(6)).value_or(domain::MeasureStatus::kPlanned);
    auto detail = cipher.Decrypt(r.Text(7), AssociatedData(kMeasures, "detail_enc", id));
    auto result = cipher.Decrypt(r.Text(8), AssociatedData(kMeasures, "result_enc", id));
    if (!detail || !result) row.intact = false;
    m.detail = detail.value_or("");
    m.result = result.value_or("");
    row.plan.measures.push_back(std::move(m));
    row.measure_users.push_back(OptInt(r, 4));
  }
}

std::vector<PlanRow> PlanRows(Connection& c, const security::FieldCipher& cipher,
                              const std::string& where, const Params& params) {
  std::vector<PlanRow> out;
  for (const auto& r :
       c.Query(std::string("SELECT ") + kPlanColumns + " FROM household_plans p WHERE " + where +
                   " ORDER BY p.version DESC",
               params)) {
    PlanRow row;
    row.id = r.Int(0);
    row.family_id = r.Int(1);
    row.plan.version = r.Int(2);
    row.plan.status = domain::ParsePlanStatus(r.Text(3)).value_or(domain::PlanStatus::kDraft);
    row.plan.colour = domain::ParseRiskColour(r.Text(4)).value_or(domain::RiskColour::kYellow);
    auto open = [&](size_t i, std::string_view column) {
      auto text = cipher.Decrypt(r.Text(i), AssociatedData(kPlans, column, row.id));
      if (!text) row.intact = false;
      return text.value_or("");
    };
    row.plan.focus = open(5, "focus_enc");
    row.plan.risks = open(6, "risks_enc");
    row.plan.goals = open(7, "goals_enc");
    row.has_safety = r.Int(8) != 0;
    row.author_id = r.Int(9);
    row.author_level = domain::ParseRegionLevel(r.Text(10)).value_or(domain::RegionLevel::kVillage);
    row.created_at = r.Int(11);
    row.updated_at = r.Int(12);
    row.submitted_at = OptInt(r, 13).value_or(0);
    row.countersigned_by = OptInt(r, 14).value_or(0);
    row.countersigned_at = OptInt(r, 15).value_or(0);
    row.returned_reason = open(16, "returned_reason_enc");
    row.activated_at = OptInt(r, 17).value_or(0);
    row.last_review_at = OptInt(r, 18).value_or(0);
    row.review_due = OptInt(r, 19).value_or(0);
    row.review_reason = r.Text(20);
    row.row_version = r.Int(21);
    row.author_name = r.OptText(22).value_or("");
    row.countersigned_by_name = r.OptText(23).value_or("");
    LoadMeasures(c, cipher, row);
    out.push_back(std::move(row));
  }
  return out;
}

void WriteMeasures(Connection& c, const security::FieldCipher& cipher, const PlanRow& row) {
  c.Execute("DELETE FROM plan_measures WHERE plan_id = ?", {row.id});
  for (size_t i = 0; i < row.plan.measures.size(); ++i) {
    const auto& m = row.plan.measures[i];
    const int64_t id = NextId(c, kMeasures);
    const auto user = i < row.measure_users.size() ? row.measure_users[i] : std::nullopt;
    c.Execute(
        "INSERT INTO plan_measures (id, plan_id, idx, type, unit, person, person_user_id, due_at, "
        "status, detail_enc, result_enc) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        {id, row.id, static_cast<int64_t>(i), std::string(domain::ToString(m.type)),
         std::string(domain::ToString(m.unit)), m.person, user ? Value(*user) : Value(),
         m.due_at ? Value(*m.due_at) : Value(), std::string(domain::ToString(m.status)),
         cipher.Encrypt(m.detail, AssociatedData(kMeasures, "detail_enc", id)),
         cipher.Encrypt(m.result, AssociatedData(kMeasures, "result_enc", id))});
  }
}

Params PlanValues(const security::FieldCipher& cipher, const PlanRow& row) {
  const auto& p = row.plan;
  return {
      std::string(domain::ToString(p.status)),
      std::string(domain::ToString(p.colour)),
      cipher.Encrypt(p.focus, AssociatedData(kPlans, "focus_enc", row.id)),
      cipher.Encrypt(p.risks, AssociatedData(kPlans, "risks_enc", row.id)),
      cipher.Encrypt(p.goals, AssociatedData(kPlans, "goals_enc", row.id)),
      OptTime(row.submitted_at),
      row.countersigned_by ? Value(row.countersigned_by) : Value(),
      OptTime(row.countersigned_at),
      cipher.Encrypt(row.returned_reason, AssociatedData(kPlans, "returned_reason_enc", row.id)),
      OptTime(row.activated_at),
      OptTime(row.last_review_at),
      OptTime(row.review_due),
      row.review_reason};
}

domain::Placement PlacementOf(const Row& r, size_t i) {
  return domain::Placement{
      r.Text(i), r.Text(i + 1),
      domain::ParseRegionLevel(r.Text(i + 2)).value_or(domain::RegionLevel::kGrid),
      r.OptText(i + 3).value_or("")};
}

}  // namespace

std::vector<PlanRow> ListPlans(Connection& c, const security::FieldCipher& cipher,
                               int64_t family_id) {
  return PlanRows(c, cipher, "p.family_id = ?", {family_id});
}

std::optional<PlanRow> LoadPlan(Connection& c, const security::FieldCipher& cipher,
                                int64_t family_id, int64_t plan_id) {
  auto rows = PlanRows(c, cipher, "p.family_id = ? AND p.id = ?", {family_id, plan_id});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<PlanRow> ActivePlan(Connection& c, const security::FieldCipher& cipher,
                                  int64_t family_id) {
  auto rows = PlanRows(c, cipher, "p.family_id = ? AND p.status = 'active'", {family_id});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<int64_t> OpenVersion(Connection& c, int64_t family_id) {
  auto r = c.QueryOne(
      "SELECT id FROM household_plans WHERE family_id = ? AND status IN ('draft', "
      "'awaiting_countersign')",
      {family_id});
  if (!r) return std::nullopt;
  return r->Int(0);
}

int64_t LastVersion(Connection& c, int64_t family_id) {
  auto r = c.QueryOne("SELECT COALESCE(MAX(version), 0) FROM household_plans WHERE family_id = ?",
                      {family_id});
  return r ? r->Int(0) : 0;
}

std::optional<domain::SafetyPlan> LoadSafety(Connection& c, const security::FieldCipher& cipher,
                                             int64_t plan_id) {
  auto r = c.QueryOne("SELECT safety FROM household_plans WHERE id = ?", {plan_id});
  if (!r) return std::nullopt;
  auto text = cipher.Decrypt(r->Text(0), AssociatedData(kPlans, "safety", plan_id));
  if (!text) return std::nullopt;
  return DecodeSafety(*text);
}

int64_t InsertPlan(Connection& c, const security::FieldCipher& cipher, PlanRow& row,
                   const domain::SafetyPlan& safety, int64_t now) {
  row.id = NextId(c, kPlans);
  row.created_at = row.updated_at = now;
  row.row_version = 1;
  row.has_safety = !safety.Empty();
  Params p{row.id, row.family_id, row.plan.version};
  for (auto& v : PlanValues(cipher, row)) p.push_back(std::move(v));
  p.emplace_back(safety.Empty() ? std::string()
                                : cipher.Encrypt(EncodeSafety(safety),
                                                 AssociatedData(kPlans, "safety", row.id)));
  p.emplace_back(int64_t{row.has_safety ? 1 : 0});
  p.emplace_back(row.author_id);
  p.emplace_back(std::string(domain::ToString(row.author_level)));
  p.emplace_back(now);
  p.emplace_back(now);
  c.Execute(
      "INSERT INTO household_plans (id, family_id, version, status, colour, focus_enc, "
      "risks_enc, goals_enc, submitted_at, countersigned_by, countersigned_at, "
      "returned_reason_enc, activated_at, last_review_at, review_due, review_reason, safety, "
      "has_safety, author_id, author_level, created_at, updated_at, row_version) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
      p);
  WriteMeasures(c, cipher, row);
  return row.id;
}

bool SavePlan(Connection& c, const security::FieldCipher& cipher, const PlanRow& row,
              const std::optional<domain::SafetyPlan>& safety, int64_t now) {
  Params p = PlanValues(cipher, row);
  std::string sql =
      "UPDATE household_plans SET status = ?, colour = ?, focus_enc = ?, risks_enc = ?, "
      "goals_enc = ?, submitted_at = ?, countersigned_by = ?, countersigned_at = ?, "
      "returned_reason_enc = ?, activated_at = ?, last_review_at = ?, review_due = ?, "
      "review_reason = ?, updated_at = ?, row_version = row_version + 1";
  p.emplace_back(now);
  if (safety) {
    sql += ", safety = ?, has_safety = ?";
    p.emplace_back(safety->Empty() ? std::string()
                                   : cipher.Encrypt(EncodeSafety(*safety),
                                                    AssociatedData(kPlans, "safety", row.id)));
    p.emplace_back(int64_t{safety->Empty() ? 0 : 1});
  }
  sql += " WHERE id = ? AND row_version = ?";
  p.emplace_back(row.id);
  p.emplace_back(row.row_version);
  if (c.Execute(sql, p) != 1) return false;
  WriteMeasures(c, cipher, row);
  return true;
}

void ClosePlans(Connection& c, int64_t family_id, int64_t now) {
  c.Execute(
      "UPDATE household_plans SET status = 'closed', updated_at = ?, row_version = row_version "
      "+ 1 WHERE family_id = ? AND status IN ('draft', 'awaiting_countersign', 'active')",
      {now, family_id});
}

std::vector<MeasureDueRow> MeasuresDue(Connection& c, const ScopeFilter& scope, int64_t user_id,
                                       int64_t due_before, size_t limit) {
  Params p{user_id, due_before};
  scope.Bind(p);
  p.emplace_back(static_cast<int64_t>(limit));
  std::vector<MeasureDueRow> out;
  for (const auto& r : c.Query(
           "SELECT f.id, f.name, f.region_code, f.region_path, f.level, "
           "(SELECT name FROM regions WHERE code = f.region_code), p.id, m.idx, m.type, m.status, "
           "m.due_at FROM plan_measures m JOIN household_plans p ON p.id = m.plan_id "
           "JOIN key_families f ON f.id = p.family_id WHERE m.person_user_id = ? AND m.status IN "
           "('planned', 'in_progress') AND m.due_at <= ? AND p.status = 'active' AND "
           "f.retired = 0" +
               scope.Sql("f.region_path") + " ORDER BY m.due_at, m.id LIMIT ?",
           p)) {
    MeasureDueRow row;
    row.family_id = r.Int(0);
    row.family_name = r.Text(1);
    row.region = PlacementOf(r, 2);
    row.plan_id = r.Int(6);
    row.index = r.Int(7);
    row.type = domain::ParseMeasureType(r.Text(8)).value_or(domain::MeasureType::kOther);
    row.status = domain::ParseMeasureStatus(r.Text(9)).value_or(domain::MeasureStatus::kPlanned);
    row.due_at = r.Int(10);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<AwaitingRow> AwaitingCountersign(Connection& c, const ScopeFilter& scope,
                                             size_t limit) {
  Params p;
  scope.Bind(p);
  p.emplace_back(static_cast<int64_t>(limit));
  std::vector<AwaitingRow> out;
  for (const auto& r : c.Query(
           "SELECT p.id, f.id, f.name, f.region_code, f.region_path, f.level, "
           "(SELECT name FROM regions WHERE code = f.region_code), p.author_id, p.author_level, "
           "p.submitted_at, f.plan_due_at FROM household_plans p JOIN key_families f ON f.id = "
           "p.family_id WHERE p.status = 'awaiting_countersign' AND f.retired = 0" +
               scope.Sql("f.region_path") + " ORDER BY p.submitted_at, p.id LIMIT ?",
           p)) {
    AwaitingRow row;
    row.plan_id = r.Int(0);
    row.family_id = r.Int(1);
    row.family_name = r.Text(2);
    row.region = PlacementOf(r, 3);
    row.author_id = r.Int(7);
    row.author_level = domain::ParseRegionLevel(r.Text(8)).value_or(domain::RegionLevel::kVillage);
    row.submitted_at = OptInt(r, 9).value_or(0);
    row.plan_due_at = OptInt(r, 10).value_or(0);
    out.push_back(std::move(row));
  }
  return out;
}

namespace {

const char* kFamilyDueSelect =
    "SELECT f.id, f.name, f.colour, f.region_code, f.region_path, f.level, "
    "(SELECT name FROM regions WHERE code = f.region_code), f.next_contact_due, "
    "f.next_city_visit_due, f.plan_due_at, f.reassess, f.reassess_reason, f.pending_change, "
    "f.pending_colour, f.pending_at, f.supervision, f.overdue_told_at, a.id, a.review_due, "
    "a.review_reason FROM key_families f LEFT JOIN household_plans a ON a.family_id = f.id AND "
    "a.status = 'active' WHERE f.retired = 0";

FamilyDueRow FamilyDueFromRow(const Row& r) {
  FamilyDueRow row;
  row.id = r.Int(0);
  row.name = r.Text(1);
  row.colour = domain::ParseRiskColour(r.Text(2)).value_or(domain::RiskColour::kBlue);
  row.region = PlacementOf(r, 3);
  row.next_contact_due = r.Int(7);
  row.next_city_visit_due = OptInt(r, 8).value_or(0);
  row.plan_due_at = OptInt(r, 9).value_or(0);
  row.reassess = r.Int(10) != 0;
  row.reassess_reason = r.Text(11);
  row.pending_change = r.Text(12);
  row.pending_colour = r.Text(13);
  row.pending_at = OptInt(r, 14).value_or(0);
  row.supervision = r.Text(15);
  row.overdue_told_at = r.Int(16);
  row.plan_id = OptInt(r, 17).value_or(0);
  row.review_due = OptInt(r, 18).value_or(0);
  row.review_reason = r.OptText(19).value_or("");
  return row;
}

}  // namespace

std::vector<FamilyDueRow> FamiliesDue(Connection& c, const ScopeFilter& scope, int64_t due_before,
                                      bool marked, bool measures, size_t limit) {
  Params p{due_before, due_before, due_before, due_before};
  std::string extra;
  if (marked) extra += " OR f.supervision <> 'none'";
  if (measures) {
    extra +=
        " OR EXISTS (SELECT 1 FROM plan_measures m WHERE m.plan_id = a.id AND m.status IN "
        "('planned', 'in_progress') AND m.due_at <= ?)";
    p.emplace_back(due_before);
  }
  scope.Bind(p);
  p.emplace_back(static_cast<int64_t>(limit));
  std::vector<FamilyDueRow> out;
  for (const auto& r : c.Query(
           std::string(kFamilyDueSelect) +
               " AND (f.next_contact_due <= ? OR f.next_city_visit_due <= ? OR f.plan_due_at <= ? "
               "OR a.review_due <= ? OR f.reassess = 1 OR f.pending_change <> ''" +
               extra + ")" + scope.Sql("f.region_path") +
               " ORDER BY f.next_contact_due, f.id LIMIT ?",
           p))
    out.push_back(FamilyDueFromRow(r));
  return out;
}

std::optional<FamilyDueRow> FamilyDueOf(Connection& c, int64_t family_id) {
  auto r = c.QueryOne(std::string(kFamilyDueSelect) + " AND f.id = ?", {family_id});
  if (!r) return std::nullopt;
  return FamilyDueFromRow(*r);
}

std::vector<MeasureState> MeasureStates(Connection& c, int64_t plan_id) {
  std::vector<MeasureState> out;
  for (const auto& r : c.Query(
           "SELECT type, unit, due_at, status, person_user_id FROM plan_measures WHERE plan_id = "
           "? ORDER BY idx",
           {plan_id})) {
    MeasureState s;
    s.measure.type = domain::ParseMeasureType(r.Text(0)).value_or(domain::MeasureType::kOther);
    s.measure.unit =
        domain::ParseResponsibleUnit(r.Text(1)).value_or(domain::ResponsibleUnit::kFederation);
    s.measure.due_at = OptInt(r, 2);
    s.measure.status =
        domain::ParseMeasureStatus(r.Text(3)).value_or(domain::MeasureStatus::kPlanned);
    s.person_user_id = OptInt(r, 4);
    out.push_back(std::move(s));
  }
  return out;
}

void SetSupervision(Connection& c, int64_t family_id, std::string_view mark,
                    int64_t overdue_told_at) {
  c.Execute("UPDATE key_families SET supervision = ?, overdue_told_at = ? WHERE id = ?",
            {std::string(mark), overdue_told_at, family_id});
}

}  // namespace hejia::store
