// Where key families are stored (the key-families migration in migrations_later.cpp): one
// declaration for the record kit. Every field is read only: a family is listed, reassessed,
// contacted and stepped down through its own routes (api/key_families_api.cpp), never edited.
// The household and the listing's source id are columns beside the kit's (store/key_family_repo).
#pragma once
#include "domain/key_family_record.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

template <>
struct Table<domain::KeyFamily> {
  using T = domain::KeyFamily;
  static constexpr std::string_view kName = "key_families";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"name", &T::name, domain::kFamilyNameMax, false, Filter::kContains, true},
      EnumField<T, domain::RiskColour>{"colour", &T::colour, domain::kRiskColours, Filter::kEquals,
                                       true},
      RegionField<T>{"region_code", &T::region, domain::kKeyFamilyLevels, true},
      EnumField<T, domain::ListingSource>{"source", &T::source, domain::kListingSources,
                                          Filter::kEquals, true},
      TimeField<T>{"listed_at", &T::listed_at, true, true},
      TimeField<T>{"colour_since", &T::colour_since, true, true},
      TimeField<T>{"assessed_at", &T::assessed_at, false, true},
      TimeField<T>{"last_contact_at", &T::last_contact_at, false, true},
      TimeField<T>{"next_contact_due", &T::next_contact_due, true, true},
      TimeField<T>{"last_city_visit_at", &T::last_city_visit_at, false, true},
      TimeField<T>{"next_city_visit_due", &T::next_city_visit_due, false, true},
      TimeField<T>{"last_incident_at", &T::last_incident_at, false, true},
      TimeField<T>{"last_finding_at", &T::last_finding_at, false, true},
      FlagField<T>{"reassess", &T::reassess, Filter::kEquals, true},
      TextField<T>{"reassess_reason", &T::reassess_reason, domain::kFamilyCodeMax, false,
                   Filter::kNone, true},
      TextField<T>{"pending_change", &T::pending_change, domain::kFamilyCodeMax, false,
                   Filter::kNone, true},
      TextField<T>{"pending_colour", &T::pending_colour, domain::kFamilyCodeMax, false,
                   Filter::kNone, true},
      TimeField<T>{"pending_at", &T::pending_at, false, true},
      TimeField<T>{"plan_due_at", &T::plan_due_at, false, true},
  };
};

}  // namespace hejia::store::kit
