#include "jobs/family_watch.hpp"

#include <algorithm>

#include "domain/household_plan.hpp"
#include "domain/key_family.hpp"
#include "store/audit.hpp"
#include "store/family_supervision.hpp"
#include "store/key_family_repo.hpp"
#include "store/plan_repo.hpp"

namespace hejia::jobs {

namespace {

constexpr size_t kFamiliesMax = 5000;

void Tell(Notifier* notifier, const std::vector<FamilyWatchStep>& steps, int64_t now_ms) {
  if (!notifier) return;
  for (const auto& s : steps)
    for (int64_t user : s.notify)
      notifier->Notify(user, domain::CaseAlert{.kind = domain::CaseAlertKind::kFamilyTodo,
                                               .case_id = s.family_id,
                                               .at_ms = now_ms});
}

void AddOnce(std::vector<int64_t>& to, int64_t user) {
  if (std::find(to.begin(), to.end(), user) == to.end()) to.push_back(user);
}

}  // namespace

std::vector<FamilyWatchStep> WatchFamilies(store::Connection& conn,
                                           const security::FieldCipher& cipher,
                                           const security::KeyRing& keys, int64_t now_ms) {
  (void)cipher;
  std::vector<FamilyWatchStep> steps;
  for (const auto& f : store::FamiliesDue(conn, store::ScopeFilter::Within("/"), now_ms, true, true,
                                          kFamiliesMax)) {
    const store::FamilyFollowUp follow(conn, f);
    const std::string mark = store::MarkCode(domain::SupervisionMark(follow.state, now_ms));
    int64_t told_at = f.overdue_told_at;
    FamilyWatchStep step{f.id, mark, {}};
    bool owners = false;
    for (const auto& item : domain::FollowUpItems(follow.state, now_ms, 0)) {
      if (!item.overdue || item.due_at <= f.overdue_told_at) continue;
      told_at = std::max(told_at, item.due_at);
      if (item.kind == domain::FollowUpKind::kMeasure && item.measure &&
          follow.measure_users[*item.measure])
        AddOnce(step.notify, *follow.measure_users[*item.measure]);
      else
        owners = true;
    }
    if (owners)
      for (int64_t user : store::StaffToTell(conn, f.region.path, {domain::OwnerLevel(f.colour)}))
        AddOnce(step.notify, user);
    if (mark == f.supervision && told_at == f.overdue_told_at) continue;
    store::SetSupervision(conn, f.id, mark, told_at);
    if (mark != f.supervision)
      store::Audit(conn, keys, now_ms, store::Actor::System(), "key_family", std::to_string(f.id),
                   "supervise", "ok",
                   "mark=" + mark + ";told=" + std::to_string(step.notify.size()));
    steps.push_back(std::move(step));
  }
  return steps;
}

const CasePass<FamilyWatchStep> kFamilyWatch{WatchFamilies, Tell};

}  // namespace hejia::jobs
