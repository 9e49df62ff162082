// The one rule for a party of a help request, whichever door it came in by (staff intake, the
// portal, a converted consultation, a party added later): the roles, which fields are required,
// the lengths (the people registry's, domain/person.hpp), the phone and the ID number normalised.
// No I/O; problems name the party's own field ("name", "phone"), the caller says where it sits.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.hpp"

namespace hejia::domain {

/// Who a party is in the case. Codes (ToString) are the `case_parties.role` values.
enum class PartyRole { kApplicant, kRespondent, kOther };

/// Every role, in the order the forms list them.
const std::vector<PartyRole>& AllPartyRoles();
std::string_view ToString(PartyRole role);
std::optional<PartyRole> ParsePartyRole(std::string_view code);

/// Limits in characters: those of a person in the people registry, so a party can become one.
inline constexpr size_t kMaxPartyName = kMaxPersonName;
inline constexpr size_t kMaxPartyAddress = kMaxAddressDetail;
inline constexpr size_t kMaxPartyRelation = kMaxRelation;
/// Most parties a case is taken in with.
inline constexpr size_t kMaxParties = 20;

/// A party as typed (every field as text; empty = not given).
struct PartyFields {
  std::string role, name, gender, phone, id_number, address, relation;
};

/// A party the rule accepted: the role decided, the phone as digits, the ID number in its 18
/// upper-case characters.
struct Party {
  PartyRole role = PartyRole::kApplicant;
  std::string name, gender, phone, id_number, address, relation;
};

/// The party, or the first problem with it. `role` and `name` are required; `gender` is female
/// or male; `phone` a mainland number; `id_number` a valid resident ID number; `name`, `address`
/// and `relation` at most kMaxPartyName, kMaxPartyAddress and kMaxPartyRelation characters of
/// valid UTF-8 without control characters.
struct PartyCheck {
  Party party;
  std::optional<FieldProblem> problem;
};
PartyCheck CheckParty(const PartyFields& entered);

/// True when one of `parties` is the applicant (a case needs one).
bool HasApplicant(const std::vector<Party>& parties);

}  // namespace hejia::domain
