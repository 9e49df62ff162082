#include "domain/recusal.hpp"

#include <algorithm>

namespace hejia::domain {

namespace {

bool SamePerson(const RecusalMediator& m, const RecusalParty& p) {
  if (m.person_id && p.person_id && *m.person_id == *p.person_id) return true;
  return !m.id_bidx.empty() && m.id_bidx == p.id_bidx;
}

bool SameHousehold(const RecusalMediator& m, const RecusalParty& p) {
  return m.household_id && p.household_id && *m.household_id == *p.household_id;
}

bool Related(const RecusalMediator& m, const RecusalParty& p) {
  return p.person_id && std::find(m.related_person_ids.begin(), m.related_person_ids.end(),
                                  *p.person_id) != m.related_person_ids.end();
}

}  // namespace

std::optional<std::string> RecusalReason(const RecusalMediator& mediator,
                                         std::span<const RecusalParty> parties) {
  for (const auto& p : parties)
    if (SamePerson(mediator, p))
      return "调解员是本案当事人" + p.name + "本人，应当回避 / the mediator is a party (" + p.name +
             ") and must step aside";
  for (const auto& p : parties)
    if (SameHousehold(mediator, p))
      return "调解员与当事人" + p.name +
             "同住一户，应当回避 / the mediator lives in the same household as " + p.name +
             " and must step aside";
  for (const auto& p : parties)
    if (Related(mediator, p))
      return "调解员与当事人" + p.name + "有亲属关系，应当回避 / the mediator is related to " +
             p.name + " and must step aside";
  return std::nullopt;
}

}  // namespace hejia::domain
