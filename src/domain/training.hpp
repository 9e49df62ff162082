// Trainings and lectures for volunteers (issue 12, point 4): the family-mediation training
// lectures held for grid sisters and peace sisters (the article's 21 sessions), skills and policy
// trainings. An event of a kind on a date, at a level of the federation, with its speakers,
// topics and venue; its attendance is the volunteers who came (store/training_repo.hpp), and
// each volunteer's trainings are counted from it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/record.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

enum class TrainingKind { kMediationLecture, kSkills, kPolicy, kOther };

inline constexpr std::array kTrainingKinds{TrainingKind::kMediationLecture, TrainingKind::kSkills,
                                           TrainingKind::kPolicy, TrainingKind::kOther};

constexpr std::string_view ToString(TrainingKind k) {
  switch (k) {
    case TrainingKind::kMediationLecture:
      return "mediation_lecture";
    case TrainingKind::kSkills:
      return "skills";
    case TrainingKind::kPolicy:
      return "policy";
    case TrainingKind::kOther:
      return "other";
  }
  return "other";
}

/// Trainings are held by the city, a town or a village federation.
inline constexpr std::array kTrainingLevels{RegionLevel::kCity, RegionLevel::kTown,
                                            RegionLevel::kVillage};

inline constexpr std::size_t kTrainingTitleMax = 80, kSpeakersMax = 200, kTopicsMax = 200,
                             kVenueMax = 100, kAttendanceMax = 2000;

struct Training {
  Meta meta;
  std::string title;
  TrainingKind kind = TrainingKind::kMediationLecture;
  int64_t held_at = 0;
  Placement region;
  std::string speakers;
  std::string topics;
  std::string venue;
  int64_t attendance = 0;  ///< how many volunteers came (kept by the attendance route)
};

}  // namespace hejia::domain
