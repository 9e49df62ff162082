// The parties of a case (`case_parties`): writing one (encrypted, masked and indexed), reading
// the masked rows, revealing the full contact details, and the parties as the recusal rule needs
// them. Contact details are encrypted with associated data "case_parties/<column>/<id>".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/party.hpp"
#include "domain/recusal.hpp"
#include "security/field_cipher.hpp"
#include "store/case_repo.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// Inserts a party the domain rule accepted; returns its id.
int64_t InsertParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const PartyInput& p, int64_t now_ms);

/// A party as lists show it: contact details masked ("" when not given).
struct PartyRow {
  int64_t id = 0;
  domain::PartyRole role = domain::PartyRole::kOther;
  std::string name, gender, phone_mask, id_mask, address_mask, relation;
  std::optional<int64_t> person_id, household_id;
};
/// The parties of a case, in the order they were added.
std::vector<PartyRow> ListParties(Connection& conn, int64_t case_id);
/// One party of the case, or nullopt.
std::optional<PartyRow> FindParty(Connection& conn, int64_t case_id, int64_t party_id);

/// The full contact details of a party. found=false: no such party of this case; secrets
/// nullopt: a ciphertext failed authentication.
struct PartySecrets {
  std::string phone, id_number, address;
};
struct PartyLookup {
  bool found = false;
  std::optional<PartySecrets> secrets;
};
PartyLookup RevealParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                        int64_t party_id);
/// The parties of a case as the recusal rule needs them (household filled from people).
std::vector<domain::RecusalParty> RecusalParties(Connection& conn, int64_t case_id);

/// The blind index of a party's phone: the people table's index space, so a party matches a person.
std::string PartyPhoneIndex(const security::FieldCipher& cipher, std::string_view phone);

}  // namespace hejia::store
