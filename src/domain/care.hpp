// Weekend care (周末公益, issue 12, point 3): the three levels' cadres and volunteers visit women
// and children in hardship — people with difficulty tags (domain/person.hpp) — and record, for
// each person met, what was given. A care visit is a visit of kind care (domain/visit.hpp) with
// its people; it is counted in person-visits (a visit to three people counts 3), by each person's
// difficulty category, the visitors' level and the household's town. Rules only, returning values.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/visit.hpp"

namespace hejia::domain {

/// What was given to a person met: money, goods, counselling, policy advice, errands done, or a
/// referral to civil affairs, the disability federation or medical insurance.
inline constexpr std::array<std::string_view, 8> kCareGifts = {"money",
                                                               "goods",
                                                               "counselling",
                                                               "policy_advice",
                                                               "errands",
                                                               "referral_civil_affairs",
                                                               "referral_disability_federation",
                                                               "referral_medical_insurance"};

bool IsCareGift(std::string_view code);

inline constexpr std::size_t kCarePeopleMax = 50, kCampaignMax = 60;

/// One person met on a visit and what she was given.
struct PersonMet {
  int64_t person_id = 0;
  std::vector<std::string> given;  ///< codes of kCareGifts, in their order, no repeats
  // As the visit found her (filled by the store from the people table):
  std::string name;
  std::vector<std::string> tags;  ///< her difficulty tags when she was visited
};

/// Checks the people of a visit of `kind`: a care visit meets at least one person; nobody is met
/// twice; every gift is known (they are put in canonical order). At most kCarePeopleMax.
std::optional<VisitProblem> CheckPeopleMet(VisitKind kind, std::vector<PersonMet>& people);

/// The category a person-visit is counted under: the first of her difficulty tags in the order
/// of kDifficultyTags, "other" when she has none (so the categories add up to the person-visits).
std::string_view CareCategory(const std::vector<std::string>& tags);

/// The level a visit is counted at: its team's, else the visiting volunteer's, else the
/// recording account's region level — a grid counts as its village (teams are never per grid).
RegionLevel CountedLevel(RegionLevel level);

}  // namespace hejia::domain
