#include "store/desk_repo.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

WaitingConsultations UnansweredConsultations(Connection& conn, const ScopeFilter& scope,
                                             int64_t limit) {
  Params params;
  scope.Bind(params);
  const std::string where = " WHERE c.status = 'open'" + scope.Sql("c.region_path");
  WaitingConsultations out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM consultations c" + where, params)->Int(0);
  Params page = params;
  page.emplace_back(limit);
  for (const auto& r :
       conn.Query("SELECT c.id, c.category, COALESCE(g.name, ''), c.created_at FROM consultations "
                  "c LEFT JOIN regions g ON g.code = c.region_code" +
                      where + " ORDER BY c.created_at, c.id LIMIT ?",
                  page)) {
    using W = WaitingConsultation;
    out.oldest.push_back(ReadColumns<W>(r, &W::id, &W::category, &W::region_name, &W::created_at));
  }
  return out;
}

}  // namespace hejia::store
