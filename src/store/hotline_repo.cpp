#include "store/hotline_repo.hpp"

#include "store/hotline_calls_table.hpp"

namespace hejia::store {

OpenCallBacks LoadOpenCallBacks(Connection& c, const ScopeFilter& scope, int64_t now_ms,
                                int64_t limit) {
  const std::string open =
      " FROM hotline_calls t WHERE t.retired = 0 AND t.outcome = 'call_back' AND "
      "t.called_back_at IS NULL" +
      scope.Sql("t.region_path");
  Params p;
  scope.Bind(p);
  OpenCallBacks out;
  Params counted{now_ms};
  scope.Bind(counted);
  const auto n = c.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN t.call_back_due < ? THEN 1 ELSE 0 END), 0)" + open,
      counted);
  out.total = n->Int(0);
  out.overdue = n->Int(1);
  p.emplace_back(limit);
  for (const auto& r : c.Query("SELECT " + kit::SelectList<domain::HotlineCall>() + open +
                                   " ORDER BY t.call_back_due, t.id LIMIT ?",
                               p))
    out.first.push_back(kit::FromRow<domain::HotlineCall>(r));
  return out;
}

}  // namespace hejia::store
