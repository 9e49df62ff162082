// Volunteers (志愿者) of the three-level teams (issue 12): federation cadres, executive-committee
// members (执委), women's representatives (妇女代表), volunteers (巾帼志愿者) and peace sisters
// (和姐). A grid sister (格姐) is a volunteer who covers one or more grids ("one sister per grid",
// 一格一姐): every active grid needs an active sister, and a sister covers at most a set number of
// grids (VolunteerSettings). Her service hours are service records, written by visits and events
// or by hand.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/record.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

enum class MemberType { kCadre, kExecutiveMember, kWomensRepresentative, kVolunteer, kPeaceSister };

inline constexpr std::array kMemberTypes{MemberType::kCadre, MemberType::kExecutiveMember,
                                         MemberType::kWomensRepresentative, MemberType::kVolunteer,
                                         MemberType::kPeaceSister};

constexpr std::string_view ToString(MemberType t) {
  switch (t) {
    case MemberType::kCadre:
      return "cadre";
    case MemberType::kExecutiveMember:
      return "executive_member";
    case MemberType::kWomensRepresentative:
      return "womens_representative";
    case MemberType::kVolunteer:
      return "volunteer";
    case MemberType::kPeaceSister:
      return "peace_sister";
  }
  return "volunteer";
}

enum class Gender { kFemale, kMale };

inline constexpr std::array kGenders{Gender::kFemale, Gender::kMale};

constexpr std::string_view ToString(Gender g) {
  return g == Gender::kMale ? "male" : "female";
}

/// Volunteers serve at the three levels of the federation (the level of their team's region).
inline constexpr std::array kVolunteerLevels{RegionLevel::kCity, RegionLevel::kTown,
                                             RegionLevel::kVillage};

inline constexpr std::size_t kVolunteerNameMax = 30, kSkillsMax = 100, kExternalNoMax = 40,
                             kActivityMax = 100;

struct Volunteer {
  Meta meta;
  std::string name;
  Gender gender = Gender::kFemale;
  Sealed phone;
  Sealed id_number;
  MemberType member_type = MemberType::kVolunteer;
  int64_t team_id = 0;  ///< 0: none
  Placement region;     ///< where she serves: her team's city, town or village
  bool grid_sister = false;
  int64_t user_id = 0;    ///< her staff account, 0: none
  int64_t joined_at = 0;  ///< Unix ms
  int64_t left_at = 0;    ///< 0: still serving
  std::string skills;
  std::string external_no;  ///< her number on Zhejiang's volunteer platform
};

/// Whether `v` serves at `now`: not retired, and not left by then.
constexpr bool Active(const Volunteer& v, int64_t now) {
  return !v.meta.retired && (v.left_at == 0 || v.left_at > now);
}

/// Where a service record came from: typed by hand, or written by a visit, a care visit or an
/// event (training) automatically.
enum class ServiceSource { kHand, kVisit, kCareVisit, kEvent };

inline constexpr std::array kServiceSources{ServiceSource::kHand, ServiceSource::kVisit,
                                            ServiceSource::kCareVisit, ServiceSource::kEvent};

constexpr std::string_view ToString(ServiceSource s) {
  switch (s) {
    case ServiceSource::kHand:
      return "hand";
    case ServiceSource::kVisit:
      return "visit";
    case ServiceSource::kCareVisit:
      return "care_visit";
    case ServiceSource::kEvent:
      return "event";
  }
  return "hand";
}

/// One service of a volunteer (志愿服务记录): the day, how long, what was done. Placed in her
/// region, so it is seen where she is.
struct ServiceRecord {
  Meta meta;
  int64_t volunteer_id = 0;
  Placement region;
  int64_t served_at = 0;  ///< Unix ms
  int64_t minutes = 0;
  std::string activity;
  ServiceSource source = ServiceSource::kHand;
  int64_t source_id = 0;  ///< the visit or event that wrote it, 0 by hand
};

inline constexpr int64_t kServiceMinutesMax = 24 * 60;

/// The settings of the volunteer teams (a federation-wide setting, changed by city staff).
struct VolunteerSettings {
  int64_t max_grids_per_sister = 3;   ///< a sister covers at most this many grids
  int64_t replacement_due_days = 15;  ///< a sister who leaves: her grids' replacement task's limit
};

inline constexpr int64_t kMaxGridsPerSisterLimit = 20, kReplacementDueDaysLimit = 90;

}  // namespace hejia::domain
