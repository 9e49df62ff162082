#include "domain/must_visit.hpp"

#include <algorithm>

namespace hejia::domain {

std::vector<std::string> SituationsOf(const HouseholdFacts& f) {
  auto tagged = [&](std::initializer_list<std::string_view> any) {
    return std::ranges::any_of(f.tags, [&](const std::string& t) {
      return std::ranges::find(any, std::string_view(t)) != any.end();
    });
  };
  std::vector<std::string> out;
  if (f.open_family_case) out.emplace_back("family_conflict");
  if (f.key_family || f.recent_incident || f.open_dv_case) out.emplace_back("domestic_violence");
  if (tagged({"low_income"})) out.emplace_back("hardship");
  if (tagged({"two_cancers", "disability", "loss_of_self_care"}))
    out.emplace_back("illness_or_loss");
  if (tagged({"left_behind_woman", "left_behind_child", "elderly_alone", "single_parent"}))
    out.emplace_back("left_behind_or_alone");
  return out;
}

int64_t MustVisitDue(int64_t last_visit, int64_t now, int64_t every_days) {
  if (last_visit <= 0) return now;
  return last_visit + every_days * 24LL * 60 * 60 * 1000;
}

}  // namespace hejia::domain
