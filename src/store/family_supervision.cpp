#include "store/family_supervision.hpp"

namespace hejia::store {

FamilyFollowUp::FamilyFollowUp(Connection& c, const FamilyDueRow& family) {
  if (family.plan_id)
    for (auto& m : MeasureStates(c, family.plan_id)) {
      measures.push_back(std::move(m.measure));
      measure_users.push_back(m.person_user_id);
    }
  state.colour = family.colour;
  state.contact_due = family.next_contact_due;
  if (family.next_city_visit_due) state.city_visit_due = family.next_city_visit_due;
  if (family.plan_due_at && !family.plan_id) state.plan_due = family.plan_due_at;
  if (family.plan_id && family.review_due) state.review_due = family.review_due;
  state.measures = measures;
}

std::string MarkCode(const std::optional<domain::Supervision>& mark) {
  if (!mark) return "none";
  return *mark == domain::Supervision::kRed ? "red" : "yellow";
}

std::string RefreshSupervision(Connection& c, int64_t family_id, int64_t now) {
  const auto family = FamilyDueOf(c, family_id);
  if (!family) return "none";
  const FamilyFollowUp follow(c, *family);
  const std::string mark = MarkCode(domain::SupervisionMark(follow.state, now));
  if (mark != family->supervision) SetSupervision(c, family_id, mark, family->overdue_told_at);
  return mark;
}

}  // namespace hejia::store
