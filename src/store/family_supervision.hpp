// A key family's follow-up as the rules see it (domain::FollowUpState) from its row and its active
// plan's measures, and its supervision mark (督办) recomputed and written: by the family watch
// (jobs/family_watch.hpp) every minute and by each write of the plan or a contact.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/household_plan.hpp"
#include "store/db.hpp"
#include "store/plan_repo.hpp"

namespace hejia::store {

/// The follow-up of one family: `state.measures` views `measures`, so keep the object where it
/// is (it is neither copied nor moved).
struct FamilyFollowUp {
  FamilyFollowUp(Connection& c, const FamilyDueRow& family);
  FamilyFollowUp(const FamilyFollowUp&) = delete;
  FamilyFollowUp& operator=(const FamilyFollowUp&) = delete;

  std::vector<domain::Measure> measures;
  std::vector<std::optional<int64_t>> measure_users;
  domain::FollowUpState state;
};

/// "none", "yellow" or "red".
std::string MarkCode(const std::optional<domain::Supervision>& mark);

/// Recomputes the family's mark at `now` and writes it when it changed; the mark.
std::string RefreshSupervision(Connection& c, int64_t family_id, int64_t now);

}  // namespace hejia::store
