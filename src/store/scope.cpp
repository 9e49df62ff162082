#include "store/scope.hpp"

#include <algorithm>

#include "domain/region.hpp"

namespace hejia::store {

ScopeFilter ScopeFilter::Within(std::string_view path) {
  if (path.empty()) return ScopeFilter{};  // [,) is empty: sees nothing
  ScopeFilter out;
  out.lower = std::string(path);
  out.upper = domain::PathUpperBound(path);
  return out;
}

ScopeFilter ScopeFilter::Following(int64_t participant_id, std::vector<std::string> paths) const {
  ScopeFilter out = *this;
  if (lower.empty() || paths.empty()) return out;
  out.participant = participant_id;
  out.participant_paths = std::move(paths);
  return out;
}

ScopeFilter ScopeFilter::WithPathsAbove() const {
  return WithPaths(domain::PathsAbove(lower));
}

ScopeFilter ScopeFilter::OwnOnly() const {
  ScopeFilter out;
  if (lower.empty()) return out;
  out.lower = lower;
  out.upper = lower + "0";
  return out;
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
  if (mediating_user != 0)
    return " AND c.mediator_id IN (SELECT m.id FROM mediators m WHERE m.user_id = ?)";
  if (participant == 0 || participant_paths.empty()) return Sql("c.region_path");
  std::string sql =
      " AND ((c.region_path >= ? AND c.region_path < ?) OR ((c.created_by = ? OR "
      "c.assignee_id = ?) AND c.region_path IN (";
  for (size_t i = 0; i < participant_paths.size(); ++i) sql += i ? ",?" : "?";
  return sql + ")))";
}

void ScopeFilter::BindCase(std::vector<Value>& params) const {
  if (mediating_user != 0) {
    params.emplace_back(mediating_user);
    return;
  }
  params.emplace_back(lower);
  params.emplace_back(upper);
  if (participant == 0 || participant_paths.empty()) return;
  params.emplace_back(participant);
  params.emplace_back(participant);
  for (const auto& p : participant_paths) params.emplace_back(p);
}

}  // namespace hejia::store
