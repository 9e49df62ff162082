#include "store/consultation_repo.hpp"

#include "domain/case_fields.hpp"
#include "domain/consultation.hpp"
#include "store/case_people_repo.hpp"

namespace hejia::store {

std::vector<LateConsultation> MarkLateConsultations(Connection& c, int64_t now_ms) {
  std::vector<LateConsultation> out;
  struct Row {
    int64_t id, asked, due;
    std::string category, mark, path;
    bool urgent;
    std::optional<int64_t> assignee;
  };
  std::vector<Row> rows;
  for (const auto& r :
       c.Query("SELECT id, created_at, answer_due_at, category, supervision, region_path, urgent, "
               "assignee_id FROM consultations WHERE status = 'open' AND answer_due_at <= ? AND "
               "supervision <> 'red' ORDER BY id",
               {now_ms}))
    rows.push_back(Row{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6) != 0,
                       r.IsNull(7) ? std::nullopt : std::optional<int64_t>(r.Int(7))});
  for (const auto& row : rows) {
    const auto mark = domain::ConsultationMark(row.asked, row.due, now_ms);
    if (!mark) continue;
    const std::string code(domain::ToString(*mark));
    if (code == row.mark) continue;
    c.Execute("UPDATE consultations SET supervision = ? WHERE id = ? AND status = 'open'",
              {code, row.id});
    out.push_back(LateConsultation{row.id, row.category, code, row.urgent,
                                   row.assignee ? row.assignee : OnDutyUser(c, row.path, now_ms)});
  }
  return out;
}

}  // namespace hejia::store
