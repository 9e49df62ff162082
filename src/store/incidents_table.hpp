// Where police incidents are stored (migration 12): the record kit's declaration. The links the
// kit does not show (partner, household, the incident repeated, the case made of it), the parties
// and the pushes are store/incident_repo.hpp's.
#pragma once
#include "domain/incident.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

inline constexpr std::array kIncidentLevels{domain::RegionLevel::kCity, domain::RegionLevel::kTown,
                                            domain::RegionLevel::kVillage,
                                            domain::RegionLevel::kGrid};

template <>
struct Table<domain::PoliceIncident> {
  using T = domain::PoliceIncident;
  static constexpr std::string_view kName = "police_incidents";
  /// The time a list's `from` and `to` bound (whole Beijing days).
  static constexpr std::string_view kPeriodField = "reported_at";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"incident_no", &T::incident_no, domain::kIncidentNoMax, true, Filter::kContains,
                   true},
      EnumField<T, domain::IncidentSource>{"source", &T::source, domain::kIncidentSources,
                                           Filter::kEquals, true},
      TextField<T>{"station", &T::station, domain::kStationMax, true, Filter::kContains},
      TextField<T>{"officer", &T::officer, domain::kOfficerMax},
      TimeField<T>{"reported_at", &T::reported_at, true},
      EnumField<T, domain::IncidentKind>{"kind", &T::kind, domain::kIncidentKinds},
      SealedField<T>{"address", &T::address, SealKind::kAddress, domain::kIncidentAddressMax, true},
      RegionField<T>{"region_code", &T::region, kIncidentLevels, true},
      FlagField<T>{"needs_placement", &T::needs_placement, Filter::kEquals, true},
      FlagField<T>{"injury", &T::injury},
      FlagField<T>{"weapon", &T::weapon},
      FlagField<T>{"alcohol", &T::alcohol},
      FlagField<T>{"threats", &T::threats},
      FlagField<T>{"minors_present", &T::minors_present},
      TextField<T>{"disposition", &T::disposition, domain::kDispositionMax},
      TextField<T>{"warning_letter_no", &T::warning_letter_no, domain::kWarningLetterMax},
      EnumField<T, domain::PushStage>{"stage", &T::stage, domain::kPushStages, Filter::kEquals,
                                      true},
      EnumField<T, domain::PushMark>{"mark", &T::mark, domain::kPushMarks, Filter::kEquals, true},
      FlagField<T>{"repeated", &T::repeated, Filter::kEquals, true},
  };
};

}  // namespace hejia::store::kit
