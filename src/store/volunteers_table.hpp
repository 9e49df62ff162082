// Where volunteers and their service records are stored (migration 17): one declaration each for
// the record kit. A grid sister's grids are rows of volunteer_grids beside them
// (store/coverage_repo.hpp).
#pragma once
#include "domain/volunteer.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

template <>
struct Table<domain::Volunteer> {
  using T = domain::Volunteer;
  static constexpr std::string_view kName = "volunteers";
  /// Serving at the end of a day: joined before it ends and not left by then (domain::Active).
  static constexpr std::array kConditions{Condition{
      "serving_at", "(t.joined_at < ? AND (t.left_at IS NULL OR t.left_at >= ?))",
      Condition::Bind::kDayEnd, "YYYY-MM-DD: the volunteers serving at the end of that day"}};
  static constexpr auto kFields = std::tuple{
      TextField<T>{"name", &T::name, domain::kVolunteerNameMax, true, Filter::kContains},
      EnumField<T, domain::Gender>{"gender", &T::gender, domain::kGenders},
      SealedField<T>{"phone", &T::phone, SealKind::kPhone, 20, true},
      SealedField<T>{"id_number", &T::id_number, SealKind::kIdNumber, 18, true},
      EnumField<T, domain::MemberType>{"member_type", &T::member_type, domain::kMemberTypes},
      RefField<T>{"team_id", &T::team_id,
                  "SELECT region_path FROM volunteer_teams WHERE id = ? AND retired = 0"},
      RegionField<T>{"region_code", &T::region, domain::kVolunteerLevels},
      FlagField<T>{"grid_sister", &T::grid_sister, Filter::kEquals},
      RefField<T>{"user_id", &T::user_id,
                  "SELECT r.path FROM users u JOIN regions r ON r.code = u.region_code "
                  "WHERE u.id = ?",
                  false, Filter::kNone},
      TimeField<T>{"joined_at", &T::joined_at, true},
      TimeField<T>{"left_at", &T::left_at},
      TextField<T>{"skills", &T::skills, domain::kSkillsMax, false, Filter::kContains},
      TextField<T>{"external_no", &T::external_no, domain::kExternalNoMax, false, Filter::kEquals},
  };
};

template <>
struct Table<domain::ServiceRecord> {
  using T = domain::ServiceRecord;
  static constexpr std::string_view kName = "volunteer_services";
  static constexpr auto kFields = std::tuple{
      RefField<T>{"volunteer_id", &T::volunteer_id,
                  "SELECT region_path FROM volunteers WHERE id = ? AND retired = 0", true},
      RegionField<T>{"region_code", &T::region, domain::kVolunteerLevels, true},
      TimeField<T>{"served_at", &T::served_at, true},
      IntField<T>{"minutes", &T::minutes, 1, domain::kServiceMinutesMax, true},
      TextField<T>{"activity", &T::activity, domain::kActivityMax, true, Filter::kContains},
      EnumField<T, domain::ServiceSource>{"source", &T::source, domain::kServiceSources,
                                          Filter::kEquals, true},
      IntField<T>{"source_id", &T::source_id, 0, INT64_MAX, false, Filter::kNone, true},
  };
};

}  // namespace hejia::store::kit
