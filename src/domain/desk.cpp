#include "domain/desk.hpp"

namespace hejia::domain {

std::optional<NextDue> NextDueOf(const CaseTimers& t) {
  std::optional<NextDue> next;
  auto consider = [&](MissedLimit limit, const std::optional<int64_t>& at) {
    if (at && (!next || *at < next->at)) next = NextDue{limit, *at};
  };
  if (IsOpen(t.status) && !t.first_contact_at)
    consider(MissedLimit::kFirstContact, t.due_first_contact_at);
  if (t.status == CaseStatus::kRegistered) consider(MissedLimit::kDecision, t.due_decision_at);
  if (t.status == CaseStatus::kAssigned || t.status == CaseStatus::kMediating)
    consider(MissedLimit::kMediation, t.due_mediation_at);
  return next;
}

}  // namespace hejia::domain
