// Where volunteer teams are stored (migration 6): one declaration for the record kit.
#pragma once
#include "domain/team.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

template <>
struct Table<domain::VolunteerTeam> {
  using T = domain::VolunteerTeam;
  static constexpr std::string_view kName = "volunteer_teams";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"name", &T::name, domain::kTeamNameMax, true, Filter::kContains},
      EnumField<T, domain::TeamKind>{"kind", &T::kind, domain::kTeamKinds},
      RegionField<T>{"region_code", &T::region, domain::kTeamLevels},
      TextField<T>{"leader_name", &T::leader_name, domain::kTeamLeaderNameMax},
      SealedField<T>{"leader_phone", &T::leader_phone, SealKind::kPhone, 20, true},
      TextField<T>{"note", &T::note, domain::kTeamNoteMax},
  };
};

}  // namespace hejia::store::kit
