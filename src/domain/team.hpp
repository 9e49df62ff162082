// Volunteer teams (志愿者队伍): the city, town and village teams of women's volunteers that cover
// every family — the grid sisters (格姐), the peace sisters (和姐) who mediate, and the volunteers
// of weekend care (周末公益). A team belongs to one region and has a leader.
#pragma once
#include <array>
#include <string>
#include <string_view>

#include "domain/record.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

enum class TeamKind { kGridSisters, kPeaceSisters, kVolunteers };

inline constexpr std::array kTeamKinds{TeamKind::kGridSisters, TeamKind::kPeaceSisters,
                                       TeamKind::kVolunteers};

constexpr std::string_view ToString(TeamKind k) {
  switch (k) {
    case TeamKind::kGridSisters:
      return "grid_sisters";
    case TeamKind::kPeaceSisters:
      return "peace_sisters";
    case TeamKind::kVolunteers:
      return "volunteers";
  }
  return "volunteers";
}

/// Teams are formed at the three levels of the federation, never per grid.
inline constexpr std::array kTeamLevels{RegionLevel::kCity, RegionLevel::kTown,
                                        RegionLevel::kVillage};

inline constexpr std::size_t kTeamNameMax = 50, kTeamLeaderNameMax = 30, kTeamNoteMax = 200;

struct VolunteerTeam {
  Meta meta;
  std::string name;
  TeamKind kind = TeamKind::kVolunteers;
  Placement region;
  std::string leader_name;
  Sealed leader_phone;
  std::string note;
};

}  // namespace hejia::domain
