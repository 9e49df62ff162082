// Households and people in the database: scoped queries returning typed rows, and writes that
// encrypt the sensitive columns and keep their blind indexes. The rows carry only the stored
// masks, so no list or detail ever decrypts anything; the api serialises them (api/people_json).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/person.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/list_cache.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

/// Sort orders a people list accepts; kId (newest first) is the default.
enum class PersonSort { kId, kName, kBirthDate, kCreatedAt };
/// Sort orders a household list accepts; kId (newest first) is the default.
enum class HouseholdSort { kId, kCreatedAt, kHeadName };

/// Filters of GET /people. Empty = not filtered. Phone and ID number arrive as blind indexes.
struct PersonFilter {
  std::string name_contains;
  std::string phone_bidx;
  std::string id_bidx;
  std::string tag;
  std::string gender;
};

/// Filters of GET /households.
struct HouseholdFilter {
  std::string head_name_contains;
  std::string tag;
};

/// A person as every answer shows it: masked values only.
struct PersonRow {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string name;
  std::string gender;
  std::string birth_date;
  std::string id_mask;
  std::string phone_mask;
  std::string address_mask;
  std::vector<std::string> tags;
  std::string relation;
  std::string region_path;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 0;
};

/// A household as every answer shows it: masked values only.
struct HouseholdRow {
  int64_t id = 0;
  std::string grid_code;
  std::string grid_name;
  std::string region_path;
  std::string address_mask;
  std::string head_name;
  int64_t members_count = 0;
  std::vector<std::string> tags;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 0;
};

/// A household with its members (the detail).
struct HouseholdDetail {
  HouseholdRow household;
  std::vector<PersonRow> members;
};

/// One page of the caller's scope, newest first unless sorted otherwise.
RecordPage<PersonRow> ListPeople(Connection& c, const ScopeFilter& scope,
                                 const PersonFilter& filter, PersonSort sort, const PageSpec& page);
RecordPage<HouseholdRow> ListHouseholds(Connection& c, const ScopeFilter& scope,
                                        const HouseholdFilter& filter, HouseholdSort sort,
                                        const PageSpec& page);

/// The masked person, or nullopt when missing or outside `scope`.
std::optional<PersonRow> FindPerson(Connection& c, const ScopeFilter& scope, int64_t id);
/// The household with its masked members, or nullopt when missing or outside `scope`.
std::optional<HouseholdDetail> FindHousehold(Connection& c, const ScopeFilter& scope, int64_t id);

/// A stored person with what an update needs besides the masked row.
struct PersonRecord {
  PersonRow row;
  domain::PersonFields plain;  ///< name, gender, birth_date, tags, relation; secrets left empty
  std::string id_enc, id_bidx, phone_enc, phone_bidx, address_enc;
};
std::optional<PersonRecord> LoadPerson(Connection& c, const ScopeFilter& scope, int64_t id);

/// A stored household with what an update needs besides the masked row (without members).
struct HouseholdRecord {
  HouseholdRow row;
  std::string address_enc;
};
std::optional<HouseholdRecord> LoadHousehold(Connection& c, const ScopeFilter& scope, int64_t id);

/// A region as the household and scope checks need it.
struct RegionInfo {
  std::string path;
  std::string level;
  bool retired = false;
};
std::optional<RegionInfo> FindRegion(Connection& c, const std::string& code);

/// The blind index of a household's address detail (households.address_bidx), over its
/// normalised form (domain::NormalizeAddressDetail): a police incident's address finds the
/// household by it. Empty for an empty detail.
std::string HouseholdAddressIndex(const security::FieldCipher& cipher, std::string_view detail);

/// Inserts a validated household in the grid at `region_path`; returns its id.
int64_t InsertHousehold(Connection& c, const security::FieldCipher& cipher,
                        const std::string& grid_code, const std::string& region_path,
                        const domain::HouseholdFields& h, int64_t now);

/// New values of an updated household. An unset address keeps the stored ciphertext.
struct HouseholdChange {
  std::string head_name;
  std::vector<std::string> tags;
  std::optional<std::string> address_detail;
};
/// Applies `change` if the household is still at `expected_version`; false otherwise.
bool UpdateHousehold(Connection& c, const security::FieldCipher& cipher, int64_t id,
                     int64_t expected_version, const HouseholdChange& change, int64_t now);

/// Adds `delta` to a household's members_count.
void AdjustMembers(Connection& c, int64_t household_id, int delta);

/// Inserts a validated, normalised person into a household whose path is `region_path`.
int64_t InsertPerson(Connection& c, const security::FieldCipher& cipher, int64_t household_id,
                     const std::string& region_path, const domain::PersonFields& p, int64_t now);

/// New values of an updated person. Unset secrets keep their stored ciphertext and index;
/// a set secret is re-encrypted, re-masked and re-indexed ("" clears it).
struct PersonChange {
  int64_t household_id = 0;
  std::string region_path;
  domain::PersonFields plain;  ///< name, gender, birth_date, tags, relation
  std::optional<std::string> id_number, phone, address_detail;
};
/// Applies `change` if the person is still at `expected_version`; false otherwise.
bool UpdatePerson(Connection& c, const security::FieldCipher& cipher, int64_t id,
                  int64_t expected_version, const PersonChange& change, int64_t now);

/// Blind indexes of the searchable secrets, under the kinds the people table uses.
std::string PhoneIndex(const security::FieldCipher& cipher, std::string_view normalized_phone);
std::string IdNumberIndex(const security::FieldCipher& cipher, std::string_view normalized_id);

/// People (wherever they live) matching `key` by domain::PossibleDuplicate (key.id_number and
/// key.phone are blind indexes), except `exclude_id`. Uses the ID-number and name+birth-date
/// indexes.
std::vector<PersonRow> FindPossibleDuplicates(Connection& c, const domain::IdentityKey& key,
                                              int64_t exclude_id);

/// A person's secrets in full.
struct PersonSecrets {
  std::string id_number;
  std::string phone;
  std::string address_detail;
  std::string birth_date;  ///< stored in clear, shown elsewhere masked to its year
};
/// Loads and decrypts a person's secrets. `found` false: missing or out of scope; `secrets`
/// nullopt with found true: a ciphertext failed authentication (tampered or moved).
struct SecretsLookup {
  bool found = false;
  std::optional<PersonSecrets> secrets;
};
SecretsLookup RevealPerson(Connection& c, const security::FieldCipher& cipher,
                           const ScopeFilter& scope, int64_t id);
/// Decrypts the stored ID number of a person (for consistency checks on update).
std::optional<std::string> DecryptIdNumber(const security::FieldCipher& cipher, int64_t id,
                                           const std::string& id_enc);

}  // namespace hejia::store
