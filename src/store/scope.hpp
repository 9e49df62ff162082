// The one scope filter: the caller's jurisdiction as one value that the store turns into bound
// SQL. Three shapes, all built from the materialised region path:
//   - inside a subtree:        region_path >= lower AND region_path < upper
//   - inside or above it:      ... OR region_path IN (the paths on the way up)  (rooms serve below)
//   - a case I took in or hold, to follow it: ... OR ((c.created_by = me OR c.assignee_id = me)
//     AND c.region_path IN (my region, the village of my grid))          (case reads only)
// Every value is bound; the column names are constants of the repositories, never input.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

struct ScopeFilter {
  std::string lower;
  std::string upper;
  /// Cases only (CaseSql): the caller's user id, so that a case the caller took in or is
  /// assigned to stays in sight, to follow it, while its handling unit is one of
  /// `participant_paths` (a grid sister's report goes to her village). Once the case is escalated
  /// past them, or the person moves to another region, it is out of sight. 0: none.
  int64_t participant = 0;
  std::vector<std::string> participant_paths;
  /// Cases only (CaseSql): a mediator's user id. A mediator (an outside lawyer, police officer or
  /// counsellor) sees the cases it mediates, whatever their region, and no others. 0: none.
  int64_t mediating_user = 0;
  /// Exact paths that are in sight besides the range: the regions above it (WithPathsAbove).
  std::vector<std::string> also;

  /// The subtree of `path`; an empty path sees nothing.
  static ScopeFilter Within(std::string_view path);
  /// The same range; cases `participant` took in or holds stay in sight while they are handled
  /// at one of `paths`.
  ScopeFilter Following(int64_t participant, std::vector<std::string> paths) const;
  /// The same range, widened to the regions on the way up to the city ("inside or above").
  ScopeFilter WithPathsAbove() const;
  /// Only the range's own region: the rows placed at `lower` itself, none below it (a child's
  /// path continues with a digit, and "0" is the least of them). Participants and exact paths
  /// are dropped.
  ScopeFilter OwnOnly() const;
  /// The same range, widened to the given exact paths.
  ScopeFilter WithPaths(std::vector<std::string> paths) const;

  /// " AND (<column> >= ? AND <column> < ? [OR <column> IN (...)])" — an empty scope matches
  /// nothing. Bind adds the values in the same order.
  std::string Sql(std::string_view column) const;
  void Bind(std::vector<Value>& params) const;
  /// Inside the range (the exact paths above do not count: they are seen, not held).
  bool Contains(std::string_view path) const;
  /// Inside the range or one of the exact paths.
  bool Sees(std::string_view path) const;
  /// The scope of `cases c`: its region range, or the participant as its creator or assignee
  /// while the case is handled at one of the participant's paths; for a mediator, the cases it
  /// mediates.
  std::string CaseSql() const;
  void BindCase(std::vector<Value>& params) const;
};

}  // namespace hejia::store
