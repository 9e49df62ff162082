// Where trainings are stored (the care migration, 20, in migrations_later.cpp): one declaration
// for the record kit. The attendance count is kept by the attendance route
// (store/training_repo.hpp); the kit shows it and never takes it from a body.
#pragma once
#include "domain/training.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

template <>
struct Table<domain::Training> {
  using T = domain::Training;
  static constexpr std::string_view kName = "trainings";
  /// The time a list's `from` and `to` bound (whole Beijing days).
  static constexpr std::string_view kPeriodField = "held_at";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"title", &T::title, domain::kTrainingTitleMax, true, Filter::kContains},
      EnumField<T, domain::TrainingKind>{"kind", &T::kind, domain::kTrainingKinds},
      TimeField<T>{"held_at", &T::held_at, true},
      RegionField<T>{"region_code", &T::region, domain::kTrainingLevels},
      TextField<T>{"speakers", &T::speakers, domain::kSpeakersMax, false, Filter::kContains},
      TextField<T>{"topics", &T::topics, domain::kTopicsMax, false, Filter::kContains},
      TextField<T>{"venue", &T::venue, domain::kVenueMax},
      IntField<T>{"attendance", &T::attendance, 0, domain::kAttendanceMax, false, Filter::kNone,
                  true},
  };
};

}  // namespace hejia::store::kit
