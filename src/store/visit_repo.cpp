#include "store/visit_repo.hpp"

#include "domain/care.hpp"
#include "domain/volunteer.hpp"
#include "store/incident_repo.hpp"
#include "store/row_values.hpp"
#include "store/visits_table.hpp"

namespace hejia::store {

std::optional<int64_t> VisitByClientId(Connection& c, int64_t user, std::string_view client_id) {
  // `client_id <> ''` lets the planner use the partial unique index (visits_client).
  auto row = c.QueryOne(
      "SELECT id FROM visits WHERE recorded_by = ? AND client_id = ? AND client_id <> ''",
      {user, std::string(client_id)});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<VisitVolunteer> VolunteerServing(Connection& c, int64_t id,
                                               std::string_view household_path, int64_t now) {
  auto row = c.QueryOne(
      "SELECT id, name, region_path FROM volunteers WHERE id = ? AND retired = 0 AND "
      "(left_at IS NULL OR left_at > ?)",
      {id, now});
  if (!row || !household_path.starts_with(row->View(2))) return std::nullopt;
  return VisitVolunteer{row->Int(0), row->Text(1)};
}

std::optional<int64_t> VolunteerOfUser(Connection& c, int64_t user, int64_t now) {
  auto row = c.QueryOne(
      "SELECT id FROM volunteers WHERE user_id = ? AND retired = 0 AND "
      "(left_at IS NULL OR left_at > ?) ORDER BY id LIMIT 1",
      {user, now});
  if (!row) return std::nullopt;
  return row->Int(0);
}

void AddVisitors(Connection& c, const domain::Visit& v, const std::vector<int64_t>& users,
                 const std::vector<int64_t>& volunteers, int64_t minutes, int64_t now) {
  const bool care = v.kind == domain::VisitKind::kCare;
  for (int64_t u : users)
    c.Execute("INSERT INTO visit_visitors (visit_id, user_id) VALUES (?, ?)", {v.meta.id, u});
  for (int64_t id : volunteers) {
    c.Execute("INSERT INTO visit_visitors (visit_id, volunteer_id) VALUES (?, ?)", {v.meta.id, id});
    const int64_t service = NextId(c, "volunteer_services");
    c.Execute(
        "INSERT INTO volunteer_services (id, volunteer_id, region_code, region_path, level, "
        "served_at, minutes, activity, source, source_id, retired, created_at, updated_at, "
        "version) SELECT ?, id, region_code, region_path, level, ?, ?, ?, ?, ?, 0, ?, ?, 1 "
        "FROM volunteers WHERE id = ?",
        {service, v.visited_at, minutes, care ? "关爱走访 / care visit" : "走访 / visit",
         std::string(
             ToString(care ? domain::ServiceSource::kCareVisit : domain::ServiceSource::kVisit)),
         v.meta.id, now, now, id});
  }
}

VisitVisitors LoadVisitors(Connection& c, int64_t visit_id) {
  VisitVisitors out;
  c.QueryEach(
      "SELECT vv.user_id, vv.volunteer_id, v.name, u.display_name FROM visit_visitors vv "
      "LEFT JOIN volunteers v ON v.id = vv.volunteer_id LEFT JOIN users u ON u.id = vv.user_id "
      "WHERE vv.visit_id = ? ORDER BY vv.user_id, vv.volunteer_id",
      std::vector<Value>{visit_id}, [&](const Row& r) {
        if (!r.IsNull(0)) {
          out.users.push_back(r.Int(0));
          out.accounts.push_back({r.Int(0), r.OptText(3).value_or("")});
        }
        if (!r.IsNull(1)) out.volunteers.push_back({r.Int(1), r.Text(2)});
      });
  return out;
}

int64_t InsertWorkVisit(Connection& c, const security::FieldCipher& cipher, domain::Visit v,
                        std::optional<domain::RegionLevel> level, int64_t now) {
  auto grid = c.QueryOne(
      "SELECT r.code, r.path, r.name FROM households h JOIN regions r ON r.code = h.grid_code "
      "WHERE h.id = ?",
      {v.household_id});
  if (!grid) throw DbError("no household " + std::to_string(v.household_id));
  v.region = {grid->Text(0), grid->Text(1), domain::RegionLevel::kGrid, grid->Text(2)};
  if (!level) level = RegionLevelOfUser(c, v.recorded_by);
  v.visitor_level = domain::CountedLevel(level.value_or(domain::RegionLevel::kVillage));
  v.findings.dirty = v.problem.dirty = true;
  v.meta.id = kit::Insert(c, cipher, v, now);
  AddVisitors(c, v, {v.recorded_by}, {}, 0, now);
  return v.meta.id;
}

std::optional<int64_t> InsertIncidentVisit(Connection& c, const security::FieldCipher& cipher,
                                           int64_t incident_id, int64_t by, int64_t at,
                                           const std::string& note, int64_t now) {
  const auto links = LoadIncidentLinks(c, incident_id);
  if (!links || !links->household_id) return std::nullopt;
  domain::Visit v;
  v.household_id = *links->household_id;
  v.kind = domain::VisitKind::kIncidentFollowUp;
  v.mode = domain::VisitMode::kHome;
  v.visited_at = at;
  v.recorded_by = by;
  v.incident_id = incident_id;
  v.findings.plain = note;
  return InsertWorkVisit(c, cipher, std::move(v), std::nullopt, now);
}

std::string StoredVisitKind(Connection& c, int64_t id) {
  auto row = c.QueryOne("SELECT kind FROM visits WHERE id = ?", {id});
  return row ? row->Text(0) : std::string();
}

std::optional<domain::RegionLevel> RegionLevelOfUser(Connection& c, int64_t user) {
  auto r = c.QueryOne(
      "SELECT r.level FROM users u JOIN regions r ON r.code = u.region_code WHERE u.id = ?",
      {user});
  if (!r) return std::nullopt;
  return domain::ParseRegionLevel(r->Text(0));
}

std::optional<int64_t> LatestIncidentOfHousehold(Connection& c, int64_t household_id) {
  auto row = c.QueryOne(
      "SELECT id FROM police_incidents WHERE household_id = ? AND retired = 0 "
      "ORDER BY reported_at DESC, id DESC LIMIT 1",
      {household_id});
  if (!row) return std::nullopt;
  return row->Int(0);
}

}  // namespace hejia::store
