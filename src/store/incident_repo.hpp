// Police incidents in the database, beside the record kit's columns (store/incidents_table.hpp):
// the links (partner, household, the incident it repeats, the case made of it), the parties
// (names and phones encrypted and blind-indexed), what placing an address needs, and the city's
// incident settings. SQL and rows only; the pushes are store/incident_push_repo.hpp's.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/incident.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// The links of one incident.
struct IncidentLinks {
  std::optional<int64_t> partner_id, household_id, repeat_of, case_id;
};

/// An incident's id and links when `incident_no` is known.
struct KnownIncident {
  int64_t id = 0;
  std::string region_path;
  IncidentLinks links;
};
std::optional<KnownIncident> FindIncidentByNo(Connection& c, std::string_view incident_no);
std::optional<IncidentLinks> LoadIncidentLinks(Connection& c, int64_t id);
void SetIncidentLinks(Connection& c, int64_t id, const IncidentLinks& links);

/// Writes the parties of a new incident (in order).
void InsertIncidentParties(Connection& c, const security::FieldCipher& cipher, int64_t incident_id,
                           const std::vector<domain::IncidentParty>& parties);

/// A party as stored: masked; the ciphertexts for a reveal.
struct IncidentPartyRow {
  int64_t id = 0;
  int seq = 0;
  domain::IncidentPartyRole role = domain::IncidentPartyRole::kVictim;
  std::string gender, name_mask, phone_mask, name_enc, phone_enc;
};
std::vector<IncidentPartyRow> IncidentParties(Connection& c, int64_t incident_id);
/// A party's plain name and phone ("" when none); nullopt when a value does not decrypt.
std::optional<domain::IncidentParty> UnsealParty(const security::FieldCipher& cipher,
                                                 const IncidentPartyRow& row);

/// A new incident repeats the most recent other one reported since `since_ms` at its household,
/// or sharing a party's phone, or with the same victim and actor by name (blind indexes).
struct RepeatKeys {
  std::optional<int64_t> household_id;
  std::vector<std::string> phone_indexes;
  std::string victim_name_index, actor_name_index;
};
RepeatKeys RepeatKeysOf(const security::FieldCipher& cipher,
                        const std::vector<domain::IncidentParty>& parties,
                        std::optional<int64_t> household_id);
/// A look for the incident a new one repeats, made on a reader before the write: the best match
/// among the incidents up to `seen_up_to` (the highest id when it looked).
struct RepeatLook {
  RepeatKeys keys;
  int64_t since_ms = 0;
  std::optional<std::pair<int64_t, int64_t>> best;  ///< (reported_at, id)
  int64_t seen_up_to = 0;
};
RepeatLook LookForRepeat(Connection& c, RepeatKeys keys, int64_t since_ms);
/// The writer's end of the look: the incidents written since it was made are matched too (a
/// handful at most: those of the same batch), so two incidents of the same people arriving
/// together are still linked. The incident the new one repeats, if any.
std::optional<int64_t> FinishRepeat(Connection& c, const RepeatLook& look);
/// The incidents that repeat `id` (newest first, at most 20).
std::vector<int64_t> RepeatsOf(Connection& c, int64_t id);

/// The household in `village_path` whose address detail has the blind index `whole` (people_repo's
/// HouseholdAddressIndex of the whole address), else `rest` (of what follows the village's name);
/// an empty index is not looked for. Its id and grid.
struct HouseholdPlace {
  int64_t id = 0;
  std::string grid_code;
};
std::optional<HouseholdPlace> FindHouseholdByAddress(Connection& c, std::string_view village_path,
                                                     const std::string& whole,
                                                     const std::string& rest);

/// The city's incident settings (the defaults when none were saved).
domain::IncidentSettings LoadIncidentSettings(Connection& c);
struct StoredIncidentSettings {
  domain::IncidentSettings settings;
  int64_t version = 0;  ///< 0: never saved
  int64_t updated_at = 0;
};
StoredIncidentSettings LoadStoredIncidentSettings(Connection& c);
/// Saves `s` if the stored version is still `version` (0: none saved yet); false otherwise.
bool SaveIncidentSettings(Connection& c, const domain::IncidentSettings& s, int64_t version,
                          int64_t now_ms);

}  // namespace hejia::store
