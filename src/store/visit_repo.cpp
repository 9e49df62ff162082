#include "store/visit_repo.hpp"

#include "domain/volunteer.hpp"
#include "store/row_values.hpp"

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
      "SELECT vv.user_id, vv.volunteer_id, v.name FROM visit_visitors vv LEFT JOIN volunteers v "
      "ON v.id = vv.volunteer_id WHERE vv.visit_id = ? ORDER BY vv.user_id, vv.volunteer_id",
      std::vector<Value>{visit_id}, [&](const Row& r) {
        if (!r.IsNull(0)) out.users.push_back(r.Int(0));
        if (!r.IsNull(1)) out.volunteers.push_back({r.Int(1), r.Text(2)});
      });
  return out;
}

}  // namespace hejia::store
