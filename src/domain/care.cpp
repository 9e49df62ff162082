#include "domain/care.hpp"

#include <algorithm>

#include "domain/person.hpp"

namespace hejia::domain {

bool IsCareGift(std::string_view code) {
  return std::ranges::find(kCareGifts, code) != kCareGifts.end();
}

std::optional<VisitProblem> CheckPeopleMet(VisitKind kind, std::vector<PersonMet>& people) {
  if (kind == VisitKind::kCare && people.empty())
    return VisitProblem{"people",
                        "关爱走访须选择走访对象 / a care visit meets at least one person"};
  if (people.size() > kCarePeopleMax)
    return VisitProblem{"people", "一次走访至多 50 人 / at most 50 people a visit"};
  for (size_t i = 0; i < people.size(); ++i) {
    auto& p = people[i];
    if (p.person_id < 1) return VisitProblem{"people", "应为人员编号 / must be person ids"};
    for (size_t j = 0; j < i; ++j)
      if (people[j].person_id == p.person_id)
        return VisitProblem{"people", "同一人不能重复 / a person is met once"};
    for (const auto& g : p.given)
      if (!IsCareGift(g))
        return VisitProblem{"people", "未知的帮扶内容 / unknown kind of help: " + g};
    std::vector<std::string> canonical;
    for (auto known : kCareGifts)
      if (std::ranges::find(p.given, known) != p.given.end()) canonical.emplace_back(known);
    p.given = std::move(canonical);
  }
  return std::nullopt;
}

std::string_view CareCategory(const std::vector<std::string>& tags) {
  for (auto known : kDifficultyTags)
    if (std::ranges::find(tags, known) != tags.end()) return known;
  return "other";
}

RegionLevel CountedLevel(RegionLevel level) {
  return level == RegionLevel::kGrid ? RegionLevel::kVillage : level;
}

}  // namespace hejia::domain
