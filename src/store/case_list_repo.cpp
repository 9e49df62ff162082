#include "store/case_list_repo.hpp"

#include <algorithm>

#include "store/case_stats.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

namespace {

// What a list row adds to the case: names of the region, the assignee and the mediator, and the
// applicant's name.
constexpr std::string_view kItemExtra =
    ", COALESCE(r.name, ''), COALESCE(u.display_name, ''), COALESCE(m.name, ''), "
    "(SELECT p.name FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant' "
    "ORDER BY p.id LIMIT 1)";
constexpr std::string_view kItemFrom =
    " FROM cases c LEFT JOIN regions r ON r.code = c.region_code LEFT JOIN users u ON u.id = "
    "c.assignee_id LEFT JOIN mediators m ON m.id = c.mediator_id";

CaseListRow ListRowOf(const Row& r) {
  CaseListRow out;
  out.rec = RecordOf(r);
  const size_t k = kCaseColumnCount;
  out.region_name = r.Text(k);
  out.assignee_name = r.Text(k + 1);
  out.mediator_name = r.Text(k + 2);
  if (!r.IsNull(k + 3)) out.applicant_name = r.Text(k + 3);
  return out;
}

}  // namespace

CasePage ListCases(Connection& conn, const ScopeFilter& scope, const CaseFilter& f, CaseSort sort,
                   const PageSpec& page, int64_t now_ms) {
  std::string where = " WHERE 1 = 1" + scope.CaseSql();
  Params params;
  scope.BindCase(params);
  if (!f.statuses.empty()) {
    where += " AND c.status IN (" + Placeholders(f.statuses.size()) + ")";
    for (auto s : f.statuses) params.emplace_back(std::string(domain::ToString(s)));
  }
  if (!f.category.empty()) {
    where += " AND c.category = ?";
    params.emplace_back(f.category);
  }
  if (f.level) {
    where += " AND c.level = ?";
    params.emplace_back(std::string(domain::ToString(*f.level)));
  }
  if (f.night_clinic) where += " AND c.night_clinic = 1";
  if (f.created_from) {
    where += " AND c.created_at >= ?";
    params.emplace_back(*f.created_from);
  }
  if (f.created_to) {
    where += " AND c.created_at < ?";
    params.emplace_back(*f.created_to);
  }
  if (f.counted == CaseFilter::Counted::kAccepted) where += " AND " + AcceptedSql(params);
  if (f.counted == CaseFilter::Counted::kResolved)
    where += " AND " + ResolvedSql(params, kAgreementEffectiveSubquery);
  if (f.urgent) where += " AND c.urgent = 1";
  if (f.any_supervision) {
    where += " AND c.supervision <> ''";
  } else if (f.supervision) {
    where += " AND c.supervision = ?";
    params.emplace_back(std::string(domain::ToString(*f.supervision)));
  }
  if (f.assigned_to) {
    where +=
        " AND (c.assignee_id = ? OR c.mediator_id IN (SELECT id FROM mediators WHERE user_id = "
        "?))";
    params.emplace_back(*f.assigned_to);
    params.emplace_back(*f.assigned_to);
  }
  if (!f.text.empty()) {
    where += " AND (c.case_no LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\')";
    params.emplace_back(LikeContains(f.text));
    params.emplace_back(LikeContains(f.text));
  }
  if (f.overdue || f.attention) {
    // The SQL form of domain::FirstMissed: a due time passed and the limit still counts.
    const auto open = OpenStatusCodes();
    where += " AND ((c.first_contact_at IS NULL AND c.due_first_contact_at < ? AND c.status IN (" +
             Placeholders(open.size()) +
             ")) OR (c.status = 'registered' AND c.due_decision_at < ?) OR (c.status IN "
             "('assigned', 'mediating') AND c.due_mediation_at < ?)" +
             (f.attention ? " OR c.supervision <> ''" : "") + ")";
    params.emplace_back(now_ms);
    for (const auto& s : open) params.emplace_back(s);
    params.emplace_back(now_ms);
    params.emplace_back(now_ms);
  }
  CasePage out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM cases c" + where, params)->Int(0);
  const char* dir = page.descending ? " DESC" : " ASC";
  const std::string order =
      sort == CaseSort::kUrgentFirst ? std::string(" ORDER BY c.urgent DESC, c.created_at, c.id")
      : sort == CaseSort::kUpdatedAt ? std::string(" ORDER BY c.updated_at") + dir + ", c.id" + dir
                                     : std::string(" ORDER BY c.created_at") + dir + ", c.id" + dir;
  Params page_params = params;
  page_params.emplace_back(page.limit);
  page_params.emplace_back(page.offset);
  for (const auto& r : conn.Query("SELECT " + std::string(kCaseColumns) + std::string(kItemExtra) +
                                      std::string(kItemFrom) + where + order + " LIMIT ? OFFSET ?",
                                  page_params))
    out.items.push_back(ListRowOf(r));
  return out;
}

std::optional<CaseDetail> LoadCaseDetail(Connection& conn, const security::FieldCipher& cipher,
                                         const CaseRecord& c) {
  auto texts = DecryptCaseTexts(cipher, c);
  if (!texts) return std::nullopt;
  auto row = conn.QueryOne("SELECT " + std::string(kCaseColumns) + std::string(kItemExtra) +
                               std::string(kItemFrom) + " WHERE c.id = ?",
                           {c.id});
  if (!row) return std::nullopt;
  CaseDetail d;
  d.rec = c;
  d.row = ListRowOf(*row);
  d.texts = std::move(*texts);
  d.parties = ListParties(conn, c.id);
  d.protection = LoadProtection(conn, c.id);
  d.sessions = ListSessions(conn, c.id);
  return d;
}

std::vector<DuplicateCase> FindDuplicateCases(Connection& conn,
                                              const std::vector<std::string>& phone_bidx,
                                              const std::vector<std::string>& id_bidx,
                                              int64_t exclude_case_id) {
  std::vector<DuplicateCase> out;
  auto collect = [&](std::string_view column, const std::vector<std::string>& values) {
    for (const auto& v : values) {
      if (v.empty()) continue;
      const auto open = OpenStatusCodes();
      Params params{v, exclude_case_id};
      for (const auto& s : open) params.emplace_back(s);
      // `column` is one of the two constants below.
      const std::string sql =
          "SELECT DISTINCT c.id, c.case_no, c.status, c.region_path FROM case_parties p JOIN "
          "cases c ON c.id = p.case_id WHERE p." +
          std::string(column) + " = ? AND c.id <> ? AND c.status IN (" + Placeholders(open.size()) +
          ") ORDER BY c.id LIMIT 20";
      for (const auto& r : conn.Query(sql, params)) {
        const int64_t id = r.Int(0);
        if (std::any_of(out.begin(), out.end(), [&](const auto& d) { return d.id == id; }))
          continue;
        out.push_back(DuplicateCase{
            id, r.Text(1),
            domain::ParseCaseStatus(r.Text(2)).value_or(domain::CaseStatus::kRegistered),
            r.Text(3)});
      }
    }
  };
  collect("phone_bidx", phone_bidx);
  collect("id_bidx", id_bidx);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

}  // namespace hejia::store
