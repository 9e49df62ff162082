// Settings by key (table settings, migration 17): a text value per key, who changed it and when.
// A key without a row reads as the domain's default. The volunteer teams' settings
// (domain::VolunteerSettings) are two keys of it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/visit.hpp"
#include "domain/volunteer.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// The value of `key`, nullopt when it was never set.
std::optional<std::string> ReadSetting(Connection& c, std::string_view key);
/// Sets `key` (inserted or replaced); `updated_by` is the user who set it (0: none).
void WriteSetting(Connection& c, std::string_view key, std::string_view value, int64_t now,
                  int64_t updated_by);

/// The volunteer teams' settings; a key not set, or not a whole number, reads as the default.
domain::VolunteerSettings LoadVolunteerSettings(Connection& c);
void SaveVolunteerSettings(Connection& c, const domain::VolunteerSettings& s, int64_t now,
                           int64_t updated_by);

/// The five must-visits' situations a federation set (domain::DefaultMustVisitSituations when it
/// set none, or when what is stored does not pass domain::CheckSituations).
std::vector<domain::MustVisitSituation> LoadMustVisitSituations(Connection& c);
void SaveMustVisitSituations(Connection& c, const std::vector<domain::MustVisitSituation>& list,
                             int64_t now, int64_t updated_by);

}  // namespace hejia::store
