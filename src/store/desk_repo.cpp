#include "store/desk_repo.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

WaitingConsultations UnansweredConsultations(Connection& conn, const ScopeFilter& scope,
                                             int64_t user_id, int64_t now, int64_t limit) {
  Params params;
  scope.Bind(params);
  const std::string where = " WHERE c.status = 'open'" + scope.Sql("c.region_path");
  WaitingConsultations out;
  Params counted{now, user_id};
  scope.Bind(counted);
  const auto n = conn.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.answer_due_at < ? THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN c.assignee_id = ? THEN 1 ELSE 0 END), 0) FROM consultations c" +
          where,
      counted);
  out.total = n->Int(0);
  out.overdue = n->Int(1);
  out.mine = n->Int(2);
  Params page = params;
  page.emplace_back(limit);
  for (const auto& r :
       conn.Query("SELECT c.id, c.category, COALESCE(g.name, ''), c.created_at, "
                  "COALESCE(c.answer_due_at, c.created_at), c.urgent FROM consultations c LEFT "
                  "JOIN regions "
                  "g ON g.code = c.region_code" +
                      where + " ORDER BY COALESCE(c.answer_due_at, c.created_at), c.id LIMIT ?",
                  page)) {
    using W = WaitingConsultation;
    out.oldest.push_back(ReadColumns<W>(r, &W::id, &W::category, &W::region_name, &W::created_at,
                                        &W::answer_due_at, &W::urgent));
  }
  return out;
}

}  // namespace hejia::store
