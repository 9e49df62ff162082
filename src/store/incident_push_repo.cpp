#include "store/incident_push_repo.hpp"

#include <algorithm>

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr const char* kSelect =
    "SELECT p.id, p.incident_id, p.recipient, p.region_code, p.region_path, "
    "(SELECT name FROM regions WHERE code = p.region_code), p.assignee_id, "
    "(SELECT display_name FROM users WHERE id = p.assignee_id), p.night, p.pushed_at, p.ack_due, "
    "p.contact_due, p.visit_due, p.feedback_due, p.acknowledged_at, p.acknowledged_by, "
    "(SELECT display_name FROM users WHERE id = p.acknowledged_by), p.contacted_at, "
    "p.contacted_by, (SELECT display_name FROM users WHERE id = p.contacted_by), "
    "p.contact_note_enc, p.visited_at, p.visited_by, (SELECT display_name FROM users WHERE id = "
    "p.visited_by), p.visit_note_enc, p.fed_back_at, p.fed_back_by, (SELECT display_name FROM "
    "users WHERE id = p.fed_back_by), p.feedback_enc, p.mark, p.reminded_at, p.version FROM "
    "incident_pushes p";

PushRow FromRow(const Row& r) {
  PushRow p;
  p.id = r.Int(0);
  p.incident_id = r.Int(1);
  p.recipient =
      domain::ParsePushRecipient(r.Text(2)).value_or(domain::PushRecipient::kTownFederation);
  p.region_code = r.Text(3);
  p.region_path = r.Text(4);
  p.region_name = r.OptText(5).value_or("");
  p.assignee_id = OptInt(r, 6);
  p.assignee_name = r.OptText(7).value_or("");
  p.night = r.Int(8) != 0;
  auto& g = p.progress;
  g.pushed_at = r.Int(9);
  g.due = {r.Int(10), r.Int(11), r.Int(12), r.Int(13)};
  g.acknowledged_at = OptInt(r, 14).value_or(0);
  p.acknowledged_by = OptInt(r, 15);
  p.acknowledged_by_name = r.OptText(16).value_or("");
  g.contacted_at = OptInt(r, 17).value_or(0);
  p.contacted_by = OptInt(r, 18);
  p.contacted_by_name = r.OptText(19).value_or("");
  p.contact_note_enc = r.OptText(20).value_or("");
  g.visited_at = OptInt(r, 21).value_or(0);
  p.visited_by = OptInt(r, 22);
  p.visited_by_name = r.OptText(23).value_or("");
  p.visit_note_enc = r.OptText(24).value_or("");
  g.fed_back_at = OptInt(r, 25).value_or(0);
  p.fed_back_by = OptInt(r, 26);
  p.fed_back_by_name = r.OptText(27).value_or("");
  p.feedback_enc = r.OptText(28).value_or("");
  const std::string mark = r.Text(29);
  p.mark = mark == "red"      ? domain::PushMark::kRed
           : mark == "yellow" ? domain::PushMark::kYellow
                              : domain::PushMark::kNone;
  p.reminded_at = OptInt(r, 30);
  p.version = r.Int(31);
  return p;
}

std::string_view NoteColumn(domain::PushStage stage) {
  switch (stage) {
    case domain::PushStage::kContacted:
      return "contact_note_enc";
    case domain::PushStage::kVisited:
      return "visit_note_enc";
    case domain::PushStage::kFedBack:
      return "feedback_enc";
    default:
      return "";
  }
}

int RecipientOrder(domain::PushRecipient r) {
  return static_cast<int>(r);
}

}  // namespace

void InsertPush(Connection& c, PushRow& p) {
  p.id = NextId(c, "incident_pushes");
  const auto& g = p.progress;
  c.Execute(
      "INSERT INTO incident_pushes (id, incident_id, recipient, region_code, region_path, "
      "assignee_id, night, pushed_at, ack_due, contact_due, visit_due, feedback_due, mark, "
      "version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'none',1)",
      Params{p.id, p.incident_id, std::string(ToString(p.recipient)), p.region_code, p.region_path,
             Value(p.assignee_id), p.night, g.pushed_at, g.due.ack, g.due.contact, g.due.visit,
             g.due.feedback});
}

std::vector<PushRow> IncidentPushes(Connection& c, int64_t incident_id) {
  std::vector<PushRow> out;
  for (const auto& r :
       c.Query(std::string(kSelect) + " WHERE p.incident_id = ?", Params{incident_id}))
    out.push_back(FromRow(r));
  std::sort(out.begin(), out.end(), [](const PushRow& a, const PushRow& b) {
    return RecipientOrder(a.recipient) < RecipientOrder(b.recipient);
  });
  return out;
}

std::optional<PushRow> LoadPush(Connection& c, int64_t push_id) {
  auto row = c.QueryOne(std::string(kSelect) + " WHERE p.id = ?", {push_id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

bool RecordPushStep(Connection& c, int64_t push_id, int64_t version, domain::PushStage stage,
                    int64_t user_id, const std::string& note_enc, int64_t now_ms) {
  std::string sets;
  switch (stage) {
    case domain::PushStage::kAcknowledged:
      sets = "acknowledged_at = ?, acknowledged_by = ?";
      break;
    case domain::PushStage::kContacted:
      sets = "contacted_at = ?, contacted_by = ?, contact_note_enc = ?";
      break;
    case domain::PushStage::kVisited:
      sets = "visited_at = ?, visited_by = ?, visit_note_enc = ?";
      break;
    case domain::PushStage::kFedBack:
      sets = "fed_back_at = ?, fed_back_by = ?, feedback_enc = ?";
      break;
    case domain::PushStage::kPushed:
      return false;
  }
  // A step done clears the mark its lateness raised: the next step starts on its own time.
  Params p{now_ms, user_id};
  if (stage != domain::PushStage::kAcknowledged) p.push_back(NullIfEmpty(note_enc));
  p.insert(p.end(), {Value(push_id), Value(version)});
  return c.Execute("UPDATE incident_pushes SET " + sets +
                       ", mark = 'none', version = version + 1 WHERE id = ? AND version = ?",
                   p) == 1;
}

std::string SealPushNote(const security::FieldCipher& cipher, int64_t push_id,
                         domain::PushStage stage, std::string_view note) {
  const auto column = NoteColumn(stage);
  if (column.empty() || note.empty()) return std::string();
  return cipher.Encrypt(note, AssociatedData("incident_pushes", column, push_id));
}

std::optional<std::string> UnsealPushNote(const security::FieldCipher& cipher, const PushRow& p,
                                          domain::PushStage stage) {
  const std::string& enc = stage == domain::PushStage::kContacted ? p.contact_note_enc
                           : stage == domain::PushStage::kVisited ? p.visit_note_enc
                           : stage == domain::PushStage::kFedBack ? p.feedback_enc
                                                                  : std::string();
  if (enc.empty()) return std::string();
  return cipher.Decrypt(enc, AssociatedData("incident_pushes", NoteColumn(stage), p.id));
}

void MovePush(Connection& c, int64_t push_id, const std::string& region_code,
              const std::string& region_path, std::optional<int64_t> assignee_id) {
  c.Execute(
      "UPDATE incident_pushes SET region_code = ?, region_path = ?, assignee_id = ?, version = "
      "version + 1 WHERE id = ?",
      Params{region_code, region_path, Value(assignee_id), push_id});
}

void SetPushMark(Connection& c, int64_t push_id, domain::PushMark mark, int64_t now_ms) {
  c.Execute("UPDATE incident_pushes SET mark = ?, marked_at = ? WHERE id = ?",
            Params{std::string(ToString(mark)), now_ms, push_id});
}

void SetPushReminded(Connection& c, int64_t push_id, int64_t now_ms) {
  c.Execute("UPDATE incident_pushes SET reminded_at = ? WHERE id = ?", Params{now_ms, push_id});
}

void RefreshIncidentSummary(Connection& c, int64_t incident_id, int64_t now_ms) {
  const auto pushes = IncidentPushes(c, incident_id);
  if (pushes.empty()) return;
  auto stage = domain::PushStage::kFedBack;
  auto mark = domain::PushMark::kNone;
  for (const auto& p : pushes) {
    stage = std::min(stage, domain::StageOf(p.progress));
    mark = std::max(mark, p.mark);
  }
  c.Execute(
      "UPDATE police_incidents SET stage = ?, mark = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND (stage <> ? OR mark <> ?)",
      Params{std::string(ToString(stage)), std::string(ToString(mark)), now_ms, incident_id,
             std::string(ToString(stage)), std::string(ToString(mark))});
}

std::vector<PushRow> OpenPushes(Connection& c, int64_t since_ms, size_t limit) {
  std::vector<PushRow> out;
  for (const auto& r :
       c.Query(std::string(kSelect) +
                   " WHERE p.fed_back_at IS NULL AND p.pushed_at >= ? ORDER BY p.id LIMIT ?",
               Params{since_ms, static_cast<int64_t>(limit)}))
    out.push_back(FromRow(r));
  return out;
}

bool MayActOnPush(const PushRow& push, std::string_view incident_path, int64_t user_id,
                  const ScopeFilter& scope) {
  if (push.assignee_id && *push.assignee_id == user_id) return true;
  if (scope.Contains(push.region_path)) return true;
  return push.recipient == domain::PushRecipient::kVillageFederation &&
         scope.Contains(incident_path);
}

std::vector<PushRow> PushesToDo(Connection& c, int64_t user_id, const ScopeFilter& scope,
                                size_t limit) {
  Params p{user_id};
  scope.Bind(p);
  scope.Bind(p);
  p.emplace_back(static_cast<int64_t>(limit));
  std::vector<PushRow> out;
  for (const auto& r : c.Query(std::string(kSelect) +
                                   " WHERE p.fed_back_at IS NULL AND (p.assignee_id = ? OR (1 = 1" +
                                   scope.Sql("p.region_path") +
                                   ") OR (p.recipient = 'village_federation' AND "
                                   "EXISTS (SELECT 1 FROM police_incidents i WHERE i.id = "
                                   "p.incident_id" +
                                   scope.Sql("i.region_path") +
                                   ")"
                                   ")) ORDER BY CASE p.mark WHEN 'red' THEN 2 WHEN 'yellow' THEN 1 "
                                   "ELSE 0 END DESC, p.pushed_at LIMIT ?",
                               p))
    out.push_back(FromRow(r));
  return out;
}

int64_t ListPushes(Connection& c, const ScopeFilter& scope, const PushListFilter& f, int64_t limit,
                   int64_t offset, std::vector<ListedPush>& out) {
  Params p{f.from_ms, f.to_ms};
  std::string where =
      " FROM incident_pushes p JOIN police_incidents i ON i.id = p.incident_id WHERE i.retired = "
      "0 AND i.reported_at >= ? AND i.reported_at < ?";
  if (f.judged) {
    where += " AND p.feedback_due < ?";
    p.emplace_back(f.now_ms);
  }
  if (f.on_time) where += " AND " + std::string(kPushOnTimeSql);
  where += scope.Sql("i.region_path");
  scope.Bind(p);
  int64_t total = 0;
  if (auto row = c.QueryOne("SELECT COUNT(*)" + where, p)) total = row->Int(0);
  std::string select = kSelect;
  select.erase(select.rfind(" FROM "));
  select += ", CASE WHEN " + std::string(kPushOnTimeSql) +
            " THEN 1 ELSE 0 END, i.id, i.reported_at, i.incident_no, i.kind, i.region_code";
  p.emplace_back(limit);
  p.emplace_back(offset);
  c.QueryEach(select + where + " ORDER BY i.reported_at DESC, i.id DESC, p.id LIMIT ? OFFSET ?", p,
              [&](const Row& r) {
                out.push_back({FromRow(r), r.Int(32) != 0, r.Int(33), r.Int(34), r.Text(35),
                               r.Text(36), r.Text(37)});
              });
  return total;
}

}  // namespace hejia::store
