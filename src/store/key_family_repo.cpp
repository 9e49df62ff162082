#include "store/key_family_repo.hpp"

#include <map>

#include "domain/region.hpp"
#include "store/code_list.hpp"
#include "store/family_supervision.hpp"
#include "store/key_families_table.hpp"
#include "store/row_values.hpp"
#include "store/visit_repo.hpp"

namespace hejia::store {

namespace {

using domain::KeyFamily;
namespace kt = kit;

constexpr std::string_view kFamilies = "key_families";
constexpr std::string_view kAssessments = "risk_assessments";
constexpr std::string_view kHistory = "family_colour_history";
constexpr std::string_view kContacts = "family_contacts";

/// The kit's columns, then the household and the source beside them.
const std::string& FamilyColumns() {
  static const std::string cols =
      kt::SelectList<KeyFamily>() + ", t.household_id, t.source_id, t.supervision";
  return cols;
}
// The same columns with the region's name left to store::RegionNames.
const std::string& FamilyListColumns() {
  static const std::string cols =
      kt::ListSelectList<KeyFamily>() + ", t.household_id, t.source_id, t.supervision";
  return cols;
}

void FamilyFromRow(const Row& r, KeyFamily& rec) {
  kt::FromRow<KeyFamily>(r, rec);
  const size_t extra = r.size() - 3;
  rec.household_id = r.Int(extra);
  rec.source_id = OptInt(r, extra + 1).value_or(0);
  rec.supervision.assign(r.View(extra + 2));
}

KeyFamily FamilyFromRow(const Row& r) {
  KeyFamily rec;
  FamilyFromRow(r, rec);
  return rec;
}

std::optional<std::string> Unseal(const security::FieldCipher& cipher, const Row& r, size_t i,
                                  std::string_view table, std::string_view column, int64_t id) {
  return cipher.Decrypt(r.Text(i), AssociatedData(table, column, id));
}

domain::RiskColour ColourOr(std::string_view code, domain::RiskColour fallback) {
  return domain::ParseRiskColour(code).value_or(fallback);
}

// "h.id, h.kind, ..." of a history row with its people's names; `where` narrows it.
std::vector<ColourChangeRow> HistoryRows(Connection& c, const security::FieldCipher& cipher,
                                         const std::string& where, const Params& params) {
  std::vector<ColourChangeRow> out;
  for (const auto& r : c.Query(
           "SELECT h.id, h.family_id, h.kind, h.from_colour, h.to_colour, h.outcome, "
           "h.assessment_id, h.requested_by, h.requested_at, h.decided_by, h.decided_at, h.told, "
           "h.reason_enc, h.note_enc, (SELECT display_name FROM users WHERE id = h.requested_by), "
           "(SELECT display_name FROM users WHERE id = h.decided_by) "
           "FROM family_colour_history h WHERE " +
               where + " ORDER BY h.id DESC",
           params)) {
    ColourChangeRow row;
    row.id = r.Int(0);
    row.family_id = r.Int(1);
    row.kind = r.Text(2);
    row.from = r.Text(3);
    row.to = r.Text(4);
    row.outcome = r.Text(5);
    row.assessment_id = OptInt(r, 6).value_or(0);
    row.requested_by = r.Int(7);
    row.requested_at = r.Int(8);
    row.decided_by = OptInt(r, 9).value_or(0);
    row.decided_at = OptInt(r, 10).value_or(0);
    row.told = DecodeCodes(r.Text(11));
    row.reason = Unseal(cipher, r, 12, kHistory, "reason_enc", row.id);
    row.note = Unseal(cipher, r, 13, kHistory, "note_enc", row.id);
    row.requested_by_name = r.OptText(14).value_or("");
    row.decided_by_name = r.OptText(15).value_or("");
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

std::optional<ListableHousehold> FindListableHousehold(Connection& c, const ScopeFilter& scope,
                                                       int64_t household_id) {
  Params p{household_id};
  scope.Bind(p);
  auto r = c.QueryOne(
      "SELECT h.id, h.head_name, h.grid_code, h.region_path, g.name, g.level FROM households h "
      "JOIN regions g ON g.code = h.grid_code WHERE h.id = ?" +
          scope.Sql("h.region_path"),
      p);
  if (!r) return std::nullopt;
  const auto level = domain::ParseRegionLevel(r->Text(5)).value_or(domain::RegionLevel::kGrid);
  return ListableHousehold{r->Int(0), r->Text(1),
                           domain::Placement{r->Text(2), r->Text(3), level, r->Text(4)}};
}

std::optional<int64_t> ActiveFamilyOfHousehold(Connection& c, int64_t household_id) {
  auto r = c.QueryOne("SELECT id FROM key_families WHERE household_id = ? AND retired = 0",
                      {household_id});
  if (!r) return std::nullopt;
  return r->Int(0);
}

int64_t InsertFamily(Connection& c, const security::FieldCipher& cipher, KeyFamily& rec,
                     int64_t now) {
  const int64_t id = NextId(c, kFamilies);
  rec.meta = domain::Meta{id, 1, now, now, false};
  std::string cols = "id, version, created_at, updated_at, retired", marks = "?,?,?,?,?";
  for (const auto& col : kt::FieldColumns<KeyFamily>()) {
    cols += ", " + col;
    marks += ",?";
  }
  cols += ", household_id, source_id";
  marks += ",?,?";
  Params p{id, int64_t{1}, now, now, int64_t{0}};
  const kt::WriteContext w{cipher, kFamilies, id};
  kt::ForEachField<KeyFamily>([&](const auto& f) { kt::Bind(f, rec, w, p); });
  p.emplace_back(rec.household_id);
  p.push_back(rec.source_id ? Value(rec.source_id) : Value());
  c.Execute("INSERT INTO key_families (" + cols + ") VALUES (" + marks + ")", p);
  return id;
}

std::optional<KeyFamily> LoadFamily(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params p{id};
  scope.Bind(p);
  auto r = c.QueryOne("SELECT " + FamilyColumns() + " FROM key_families t WHERE t.id = ?" +
                          scope.Sql("t.region_path"),
                      p);
  if (!r) return std::nullopt;
  return FamilyFromRow(*r);
}

bool SaveFamily(Connection& c, const security::FieldCipher& cipher, const KeyFamily& rec,
                int64_t now) {
  return kt::Update(c, cipher, rec, now);
}

int64_t ListFamilies(Connection& c, RegionNames& names, const ScopeFilter& scope,
                     const FamilyListFilter& filter, std::string_view sort_column,
                     const PageSpec& page, std::vector<KeyFamily>& out) {
  return ListFamilies(c, names, scope, filter, sort_column, page,
                      [&](const KeyFamily& f) { out.push_back(f); });
}

int64_t ListFamilies(Connection& c, RegionNames& names, const ScopeFilter& scope,
                     const FamilyListFilter& filter, std::string_view sort_column,
                     const PageSpec& page, const std::function<void(const KeyFamily&)>& each) {
  const RegionNames::Known known = names.Names(c);
  ListQuery q{.table = kFamilies, .alias = "t", .columns = FamilyListColumns()};
  if (!filter.include_retired) q.where += " AND t.retired = 0";
  kt::AppendFilters(filter.fields, q.where, q.params);
  if (filter.overdue_at) {
    q.where += " AND t.next_contact_due < ?";
    q.params.emplace_back(*filter.overdue_at);
  }
  q.order = ListOrder(q, sort_column, page.descending);
  KeyFamily rec;  // one record, read into again for every row
  return RunScopedList(c, scope, q, page, [&](const Row& r) {
    FamilyFromRow(r, rec);
    rec.region.name = known.NameOf(c, rec.region.code);
    each(rec);
  });
}

int64_t InsertAssessment(Connection& c, const security::FieldCipher& cipher,
                         const AssessmentRow& row) {
  const int64_t id = NextId(c, kAssessments);
  c.Execute(
      "INSERT INTO risk_assessments (id, family_id, answers, score, suggested, chosen, occasion, "
      "reason_enc, notes_enc, assessed_by, assessed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {id, row.family_id, domain::EncodeAnswers(row.answers), int64_t{row.score},
       std::string(domain::ToString(row.suggested)), std::string(domain::ToString(row.chosen)),
       row.occasion,
       cipher.Encrypt(row.reason.value_or(""), AssociatedData(kAssessments, "reason_enc", id)),
       cipher.Encrypt(row.notes.value_or(""), AssociatedData(kAssessments, "notes_enc", id)),
       row.assessed_by, row.assessed_at});
  return id;
}

std::vector<AssessmentRow> ListAssessments(Connection& c, const security::FieldCipher& cipher,
                                           int64_t family_id) {
  std::vector<AssessmentRow> out;
  for (const auto& r :
       c.Query("SELECT a.id, a.family_id, a.answers, a.score, a.suggested, a.chosen, a.occasion, "
               "a.reason_enc, a.notes_enc, a.assessed_by, a.assessed_at, "
               "(SELECT display_name FROM users WHERE id = a.assessed_by) "
               "FROM risk_assessments a WHERE a.family_id = ? ORDER BY a.id DESC",
               {family_id})) {
    AssessmentRow row;
    row.id = r.Int(0);
    row.family_id = r.Int(1);
    row.answers = domain::DecodeAnswers(r.Text(2));
    row.score = static_cast<int>(r.Int(3));
    row.suggested = ColourOr(r.Text(4), domain::RiskColour::kBlue);
    row.chosen = ColourOr(r.Text(5), domain::RiskColour::kBlue);
    row.occasion = r.Text(6);
    row.reason = Unseal(cipher, r, 7, kAssessments, "reason_enc", row.id);
    row.notes = Unseal(cipher, r, 8, kAssessments, "notes_enc", row.id);
    row.assessed_by = r.Int(9);
    row.assessed_at = r.Int(10);
    row.assessed_by_name = r.OptText(11).value_or("");
    out.push_back(std::move(row));
  }
  return out;
}

int64_t InsertColourChange(Connection& c, const security::FieldCipher& cipher,
                           const ColourChangeRow& row) {
  const int64_t id = NextId(c, kHistory);
  auto opt = [](int64_t v) { return v ? Value(v) : Value(); };
  c.Execute(
      "INSERT INTO family_colour_history (id, family_id, kind, from_colour, to_colour, outcome, "
      "assessment_id, requested_by, requested_at, decided_by, decided_at, told, reason_enc, "
      "note_enc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {id, row.family_id, row.kind, row.from, row.to, row.outcome, opt(row.assessment_id),
       row.requested_by, row.requested_at, opt(row.decided_by), opt(row.decided_at),
       EncodeCodes(row.told),
       cipher.Encrypt(row.reason.value_or(""), AssociatedData(kHistory, "reason_enc", id)),
       cipher.Encrypt(row.note.value_or(""), AssociatedData(kHistory, "note_enc", id))});
  return id;
}

std::optional<ColourChangeRow> PendingChange(Connection& c, const security::FieldCipher& cipher,
                                             int64_t family_id) {
  auto rows = HistoryRows(c, cipher, "h.family_id = ? AND h.outcome = 'pending'", {family_id});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

void DecideChange(Connection& c, const security::FieldCipher& cipher, int64_t id,
                  std::string_view outcome, int64_t decided_by, int64_t at,
                  const std::string& note) {
  c.Execute(
      "UPDATE family_colour_history SET outcome = ?, decided_by = ?, decided_at = ?, "
      "note_enc = ? WHERE id = ? AND outcome = 'pending'",
      {std::string(outcome), decided_by ? Value(decided_by) : Value(), at,
       cipher.Encrypt(note, AssociatedData(kHistory, "note_enc", id)), id});
}

std::vector<ColourChangeRow> ColourHistory(Connection& c, const security::FieldCipher& cipher,
                                           int64_t family_id) {
  return HistoryRows(c, cipher, "h.family_id = ?", {family_id});
}

namespace {

/// A contact as the visit it is (domain::ContactKindOf): a finding asks for reassessment.
domain::Visit ContactVisit(const ContactInput& in) {
  domain::Visit v;
  v.household_id = in.household_id;
  v.kind = domain::VisitKind::kKeyFamilyContact;
  v.mode = domain::ModeOf(in.kind);
  v.visited_at = in.at;
  v.recorded_by = in.by;
  v.findings.plain = in.note;
  v.problem_found = in.finding;
  if (in.finding) {
    v.problem.plain = "联系中发现新情况，请求重新评估";
    v.action = domain::VisitAction::kAssessmentRequested;
  }
  return v;
}

/// The level a contact is counted at: the city's for the city visit; else its recorder's, but
/// never the city's, so that the contact reads back as the kind it was recorded (the demo's and
/// an older version's home visits by the city that were not the city visit count as the town's).
domain::RegionLevel ContactLevel(Connection& c, domain::FamilyContactKind kind, int64_t by) {
  if (kind == domain::FamilyContactKind::kCityVisit) return domain::RegionLevel::kCity;
  const auto level = RegionLevelOfUser(c, by).value_or(domain::RegionLevel::kVillage);
  return level == domain::RegionLevel::kCity ? domain::RegionLevel::kTown : level;
}

}  // namespace

int64_t InsertContact(Connection& c, const security::FieldCipher& cipher, const ContactInput& in,
                      int64_t now) {
  return InsertWorkVisit(c, cipher, ContactVisit(in), ContactLevel(c, in.kind, in.by), now);
}

std::vector<ContactRow> ListContacts(Connection& c, const security::FieldCipher& cipher,
                                     int64_t family_id) {
  std::vector<ContactRow> out;
  c.QueryEach(
      "SELECT v.id, v.mode, v.visitor_level, v.visited_at, v.recorded_by, v.problem_found, "
      "v.findings_enc, u.display_name FROM visits v LEFT JOIN users u ON u.id = v.recorded_by "
      "WHERE v.household_id = (SELECT household_id FROM key_families WHERE id = ?) AND "
      "v.kind = 'key_family_contact' AND v.retired = 0 ORDER BY v.visited_at DESC, v.id DESC",
      std::vector<Value>{family_id}, [&](const Row& r) {
        ContactRow row;
        row.id = r.Int(0);
        auto mode = domain::VisitMode::kHome;
        for (auto m : domain::kVisitModes)
          if (domain::ToString(m) == r.View(1)) mode = m;
        row.kind = domain::ContactKindOf(
            mode, domain::ParseRegionLevel(r.View(2)).value_or(domain::RegionLevel::kVillage));
        row.at = r.Int(3);
        row.by = r.Int(4);
        row.finding = r.Int(5) != 0;
        // The visit's findings (none: empty); nullopt when they do not decrypt (tampered).
        row.note = r.IsNull(6) ? std::optional<std::string>(std::string())
                               : Unseal(cipher, r, 6, "visits", "findings", row.id);
        row.by_name = r.OptText(7).value_or("");
        out.push_back(std::move(row));
      });
  return out;
}

int64_t MoveFamilyContactsIntoVisits(Connection& c, const security::FieldCipher& cipher,
                                     int64_t now) {
  struct Legacy {
    int64_t id;
    ContactInput in;
  };
  std::vector<Legacy> rows;
  for (const auto& r : c.Query(
           "SELECT k.id, f.household_id, k.family_id, k.kind, k.contacted_at, k.by_user, "
           "k.finding, k.note_enc FROM family_contacts k JOIN key_families f ON f.id = k.family_id "
           "ORDER BY k.id")) {
    Legacy row{r.Int(0), {}};
    row.in.household_id = r.Int(1);
    row.in.kind = domain::ParseFamilyContactKind(r.Text(3)).value_or(row.in.kind);
    row.in.at = r.Int(4);
    row.in.by = r.Int(5);
    row.in.finding = r.Int(6) != 0;
    // A note that no longer opens is not carried over (its visit says nothing of it).
    row.in.note = Unseal(cipher, r, 7, kContacts, "note_enc", row.id).value_or("");
    rows.push_back(std::move(row));
  }
  for (const auto& row : rows) {
    InsertContact(c, cipher, row.in, now);
    c.Execute("DELETE FROM family_contacts WHERE id = ?", {row.id});
  }
  return static_cast<int64_t>(rows.size());
}

int64_t ListDue(Connection& c, const ScopeFilter& scope, std::optional<int64_t> due_before,
                const PageSpec& page, std::vector<DueRow>& out) {
  ListQuery q{.table = kFamilies,
              .alias = "t",
              .columns =
                  "t.id, t.household_id, t.name, t.region_code, t.region_path, t.level, "
                  "t.last_contact_at, t.next_contact_due, "
                  "(SELECT name FROM regions WHERE code = t.region_code)"};
  q.where = " AND t.retired = 0";
  if (due_before) {
    q.where += " AND t.next_contact_due <= ?";
    q.params.emplace_back(*due_before);
  }
  q.order = " ORDER BY t.next_contact_due ASC, t.id ASC";
  return RunScopedList(c, scope, q, page, [&](const Row& r) {
    DueRow row;
    row.id = r.Int(0);
    row.household_id = r.Int(1);
    row.name = r.Text(2);
    row.region =
        domain::Placement{r.Text(3), r.Text(4),
                          domain::ParseRegionLevel(r.Text(5)).value_or(domain::RegionLevel::kGrid),
                          r.OptText(8).value_or("")};
    row.last_contact_at = OptInt(r, 6).value_or(0);
    row.next_contact_due = r.Int(7);
    out.push_back(std::move(row));
  });
}

std::vector<TownCounts> CountByTown(Connection& c, const ScopeFilter& scope) {
  // A town's path is "/<city>/<town>/": 18 characters, as every code of a level has its length.
  Params p;
  scope.Bind(p);
  std::map<std::string, TownCounts> towns;
  for (const auto& r :
       c.Query("SELECT substr(t.region_path, 1, 18), t.colour, COUNT(*) FROM key_families t "
               "WHERE t.retired = 0" +
                   scope.Sql("t.region_path") + " GROUP BY substr(t.region_path, 1, 18), t.colour",
               p)) {
    TownCounts& town = towns[r.Text(0)];
    const auto colour = domain::ParseRiskColour(r.Text(1));
    if (!colour) continue;
    (*colour == domain::RiskColour::kRed      ? town.red
     : *colour == domain::RiskColour::kYellow ? town.yellow
                                              : town.blue) += r.Int(2);
  }
  std::vector<TownCounts> out;
  for (auto& [path, town] : towns) {
    if (auto r = c.QueryOne("SELECT code, name FROM regions WHERE path = ?", {path})) {
      town.code = r->Text(0);
      town.name = r->Text(1);
    }
    out.push_back(std::move(town));
  }
  return out;
}

std::vector<int64_t> StaffToTell(Connection& c, std::string_view family_path,
                                 const std::vector<domain::RegionLevel>& levels) {
  std::vector<int64_t> out;
  for (const auto& path : domain::PathsAbove(family_path)) {
    auto region = c.QueryOne("SELECT code, level FROM regions WHERE path = ?", {path});
    if (!region) continue;
    const auto level = domain::ParseRegionLevel(region->Text(1));
    bool wanted = false;
    for (auto l : levels) wanted = wanted || (level && *level == l);
    if (!wanted) continue;
    for (const auto& u :
         c.Query("SELECT id FROM users WHERE region_code = ? AND admin_locked = 0 AND role IN "
                 "('city_staff', 'town_staff', 'village_cadre') ORDER BY id",
                 {region->Text(0)}))
      out.push_back(u.Int(0));
  }
  return out;
}

namespace {

/// Applies `record` to the listed family of a household and saves it; its id, or nullopt.
template <class Record>
std::optional<int64_t> NoteOnFamily(Connection& c, const security::FieldCipher& cipher,
                                    int64_t household_id, int64_t now, Record record) {
  const auto id = ActiveFamilyOfHousehold(c, household_id);
  if (!id) return std::nullopt;
  auto family = LoadFamily(c, ScopeFilter::Within("/"), *id);
  if (!family) return std::nullopt;
  record(*family);
  if (!SaveFamily(c, cipher, *family, now))
    throw DbError("key family " + std::to_string(*id) + " changed meanwhile");
  return id;
}

}  // namespace

std::optional<int64_t> NoteIncident(Connection& c, const security::FieldCipher& cipher,
                                    int64_t household_id, int64_t at, int64_t now) {
  return NoteOnFamily(c, cipher, household_id, now,
                      [&](domain::KeyFamily& f) { domain::RecordIncident(f, at); });
}

std::optional<int64_t> NoteFinding(Connection& c, const security::FieldCipher& cipher,
                                   int64_t household_id, int64_t at, int64_t now) {
  return NoteOnFamily(c, cipher, household_id, now,
                      [&](domain::KeyFamily& f) { domain::RecordFinding(f, at); });
}

std::optional<int64_t> NoteContact(Connection& c, const security::FieldCipher& cipher,
                                   int64_t household_id, domain::FamilyContactKind kind, int64_t at,
                                   bool finding, int64_t now) {
  const auto id = NoteOnFamily(c, cipher, household_id, now, [&](domain::KeyFamily& f) {
    domain::RecordContact(f, kind, at, finding);
  });
  if (id) RefreshSupervision(c, *id, now);
  return id;
}

std::optional<FamilyRisk> FamilyRiskOfHousehold(Connection& c, int64_t household_id) {
  auto r = c.QueryOne(
      "SELECT f.id, f.colour, (SELECT a.answers FROM risk_assessments a WHERE a.family_id = f.id "
      "ORDER BY a.id DESC LIMIT 1) FROM key_families f WHERE f.household_id = ? AND f.retired = 0",
      {household_id});
  if (!r) return std::nullopt;
  FamilyRisk risk;
  risk.family_id = r->Int(0);
  risk.colour = ColourOr(r->Text(1), domain::RiskColour::kBlue);
  risk.case_risk_level = domain::CaseRiskLevel(risk.colour);
  risk.risks = domain::RisksSummary(domain::DecodeAnswers(r->OptText(2).value_or("")));
  return risk;
}

}  // namespace hejia::store
