// What a staff member's desk (工作台) shows of a case she handles: the next time limit that
// still counts and when it falls due (docs/design/cases.md, "The desk"). No I/O.
#pragma once
#include <cstdint>
#include <optional>

#include "domain/case_routing.hpp"

namespace hejia::domain {

struct NextDue {
  MissedLimit limit = MissedLimit::kNone;  ///< first_contact, decision or mediation
  int64_t at = 0;                          ///< Unix ms; in the past when missed
};

/// The earliest time limit of `timers` that still counts (as domain::FirstMissed counts them:
/// first contact while there was none and the case is open, the decision while registered,
/// mediation while assigned or mediating), passed or not; nullopt when none counts.
std::optional<NextDue> NextDueOf(const CaseTimers& timers);

}  // namespace hejia::domain
