// Mediator recusal (回避): under the People's Mediation Law a party may ask that a mediator with
// an interest step aside; we refuse the assignment up front. No I/O: the caller loads the parties
// and the mediator's relatives.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hejia::domain {

/// A party of the case as far as recusal needs it. `id_bidx` is the blind index of the ID number
/// (empty when unknown).
struct RecusalParty {
  std::optional<int64_t> person_id, household_id;
  std::string name;
  std::string id_bidx;
};

/// The mediator to assign: their own person and household records when known, and the people
/// recorded as their relatives.
struct RecusalMediator {
  std::optional<int64_t> person_id, household_id;
  std::string name;
  std::string id_bidx;
  std::vector<int64_t> related_person_ids;
};

/// Why `mediator` must not mediate between `parties` (Chinese / English, naming the party), or
/// nullopt when nothing stands in the way. Checked in this order over all parties: the mediator
/// is a party (same person_id, or same ID-number blind index), lives in the same household as a
/// party, or is related to a party (related_person_ids holds the party's person_id). Names alone
/// never match: namesakes are common.
std::optional<std::string> RecusalReason(const RecusalMediator& mediator,
                                         std::span<const RecusalParty> parties);

}  // namespace hejia::domain
