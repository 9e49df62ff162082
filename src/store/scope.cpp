#include "store/scope.hpp"

#include <algorithm>

#include "domain/region.hpp"

namespace hejia::store {

ScopeFilter ScopeFilter::Within(std::string_view path, int64_t participant) {
  if (path.empty()) return ScopeFilter{};  // [,) is empty: sees nothing
  return ScopeFilter{std::string(path), domain::PathUpperBound(path), participant, {}};
}

ScopeFilter ScopeFilter::WithPathsAbove() const {
  return WithPaths(domain::PathsAbove(lower));
}

ScopeFilter ScopeFilter::WithPaths(std::vector<std::string> paths) const {
  ScopeFilter out = *this;
  out.also = std::move(paths);
  return out;
}

std::string ScopeFilter::Sql(std::string_view column) const {
  const std::string col(column);
  if (also.empty()) return " AND " + col + " >= ? AND " + col + " < ?";
  std::string sql = " AND ((" + col + " >= ? AND " + col + " < ?) OR " + col + " IN (";
  for (size_t i = 0; i < also.size(); ++i) sql += i ? ",?" : "?";
  return sql + "))";
}

void ScopeFilter::Bind(std::vector<Value>& params) const {
  params.emplace_back(lower);
  params.emplace_back(upper);
  for (const auto& p : also) params.emplace_back(p);
}

bool ScopeFilter::Contains(std::string_view path) const {
  return !lower.empty() && path >= lower && path < upper;
}

bool ScopeFilter::Sees(std::string_view path) const {
  return Contains(path) || std::find(also.begin(), also.end(), path) != also.end();
}

std::string ScopeFilter::CaseSql() const {
  if (participant == 0) return Sql("c.region_path");
  return " AND ((c.region_path >= ? AND c.region_path < ?) OR c.created_by = ? OR "
         "c.assignee_id = ?)";
}

void ScopeFilter::BindCase(std::vector<Value>& params) const {
  params.emplace_back(lower);
  params.emplace_back(upper);
  if (participant == 0) return;
  params.emplace_back(participant);
  params.emplace_back(participant);
}

}  // namespace hejia::store
