// The five must-visits' due list (五必访, issue 12, point 2): which situations a household is in,
// read from what the platform already knows of it — its people's difficulty categories, a key
// family listing, police incidents of the last year, open help requests — and when its next
// must-visit is due: at once when it was never visited in its situations, else a set number of
// days after the last one. Rules only; store/visit_due.hpp gathers the facts.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace hejia::domain {

/// What is known of one household.
struct HouseholdFacts {
  std::vector<std::string> tags;  ///< its people's difficulty categories (kDifficultyTags)
  bool key_family = false;
  bool recent_incident = false;   ///< a police incident in the last 12 months
  bool open_dv_case = false;      ///< an open help request of the domestic-violence category
  bool open_family_case = false;  ///< an open help request of another family category
};

/// The situations (codes of DefaultMustVisitSituations) the facts put a household in, in the
/// settings' order; empty when none.
std::vector<std::string> SituationsOf(const HouseholdFacts& facts);

inline constexpr int64_t kMustVisitEveryDays = 30;

/// When the next must-visit is due: `now` (at once) when never visited (`last_visit` 0), else
/// `every_days` after the last one.
int64_t MustVisitDue(int64_t last_visit, int64_t now, int64_t every_days = kMustVisitEveryDays);

}  // namespace hejia::domain
