#include "store/case_parties_repo.hpp"

#include "security/mask.hpp"
#include "store/people_repo.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kPartyColumns =
    "p.id, p.role, p.name, p.gender, p.phone_mask, p.id_mask, p.address_mask, p.relation, "
    "p.person_id, p.household_id";

PartyRow PartyOf(const Row& r) {
  using P = PartyRow;
  return ReadColumns<P>(r, &P::id,
                        Coded(&P::role, domain::ParsePartyRole, domain::PartyRole::kOther),
                        &P::name, &P::gender, &P::phone_mask, &P::id_mask, &P::address_mask,
                        &P::relation, &P::person_id, &P::household_id);
}

}  // namespace

std::string PartyPhoneIndex(const security::FieldCipher& cipher, std::string_view phone) {
  return PhoneIndex(cipher, phone);
}

int64_t InsertParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const PartyInput& in, int64_t now_ms) {
  const domain::Party& p = in.party;
  const int64_t id = NextId(conn, "case_parties");
  std::optional<int64_t> household = in.household_id;
  if (!household && in.person_id) {
    auto row = conn.QueryOne("SELECT household_id FROM people WHERE id = ?", {*in.person_id});
    if (row) household = row->Int(0);
  }
  Params params{id,
                case_id,
                std::string(domain::ToString(p.role)),
                in.person_id,
                household,
                p.name,
                p.gender,
                cipher.Encrypt(p.phone, AssociatedData("case_parties", "phone", id)),
                p.phone.empty() ? std::string() : security::MaskPhone(p.phone),
                NullIfEmpty(p.phone.empty() ? std::string() : PartyPhoneIndex(cipher, p.phone)),
                cipher.Encrypt(p.id_number, AssociatedData("case_parties", "id_number", id)),
                p.id_number.empty() ? std::string() : security::MaskIdNumber(p.id_number),
                NullIfEmpty(IdNumberIndex(cipher, p.id_number)),
                cipher.Encrypt(p.address, AssociatedData("case_parties", "address", id)),
                p.address.empty() ? std::string() : security::MaskAddress(p.address),
                p.relation,
                now_ms};
  conn.Execute(
      "INSERT INTO case_parties (id, case_id, role, person_id, household_id, name, gender, "
      "phone_enc, phone_mask, phone_bidx, id_enc, id_mask, id_bidx, address_enc, address_mask, "
      "relation, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      params);
  return id;
}

std::vector<PartyRow> ListParties(Connection& conn, int64_t case_id) {
  std::vector<PartyRow> out;
  for (const auto& r : conn.Query("SELECT " + std::string(kPartyColumns) +
                                      " FROM case_parties p WHERE p.case_id = ? ORDER BY p.id",
                                  {case_id}))
    out.push_back(PartyOf(r));
  return out;
}

std::optional<PartyRow> FindParty(Connection& conn, int64_t case_id, int64_t party_id) {
  auto row = conn.QueryOne("SELECT " + std::string(kPartyColumns) +
                               " FROM case_parties p WHERE p.id = ? AND p.case_id = ?",
                           {party_id, case_id});
  if (!row) return std::nullopt;
  return PartyOf(*row);
}

PartyLookup RevealParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                        int64_t party_id) {
  PartyLookup out;
  auto row = conn.QueryOne(
      "SELECT phone_enc, id_enc, address_enc FROM case_parties WHERE id = ? AND case_id = ?",
      {party_id, case_id});
  if (!row) return out;
  out.found = true;
  auto phone = cipher.Decrypt(row->Text(0), AssociatedData("case_parties", "phone", party_id));
  auto id_number =
      cipher.Decrypt(row->Text(1), AssociatedData("case_parties", "id_number", party_id));
  auto address = cipher.Decrypt(row->Text(2), AssociatedData("case_parties", "address", party_id));
  if (!phone || !id_number || !address) return out;
  out.secrets = PartySecrets{std::move(*phone), std::move(*id_number), std::move(*address)};
  return out;
}

std::vector<domain::RecusalParty> RecusalParties(Connection& conn, int64_t case_id) {
  std::vector<domain::RecusalParty> out;
  for (const auto& r : conn.Query(
           "SELECT p.person_id, COALESCE(p.household_id, pe.household_id), p.name, "
           "COALESCE(p.id_bidx, pe.id_bidx, '') FROM case_parties p LEFT JOIN people pe ON pe.id "
           "= p.person_id WHERE p.case_id = ? ORDER BY p.id",
           {case_id}))
    out.push_back(domain::RecusalParty{OptInt(r, 0), OptInt(r, 1), r.Text(2), r.Text(3)});
  return out;
}

}  // namespace hejia::store
