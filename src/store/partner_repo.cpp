#include "store/partner_repo.hpp"

#include "store/row_values.hpp"

namespace hejia::store {

namespace {

constexpr const char* kColumns =
    "id, code, name, kind, callback_url, retired, created_at, updated_at FROM partners";

Partner FromRow(const Row& r) {
  return Partner{r.Int(0),  r.Text(1),     r.Text(2), r.Text(3),
                 r.Text(4), r.Int(5) != 0, r.Int(6),  r.Int(7)};
}

}  // namespace

int64_t CreatePartner(Connection& c, const security::FieldCipher& cipher, const Partner& p,
                      std::string_view key, int64_t now_ms) {
  const int64_t id = NextId(c, "partners");
  c.Execute(
      "INSERT INTO partners (id, code, name, kind, key_enc, callback_url, retired, created_at, "
      "updated_at) VALUES (?,?,?,?,?,?,0,?,?)",
      Params{id, p.code, p.name, p.kind.empty() ? std::string("police") : p.kind,
             cipher.Encrypt(key, AssociatedData("partners", "key", id)), p.callback_url, now_ms,
             now_ms});
  return id;
}

bool SetPartnerKey(Connection& c, const security::FieldCipher& cipher, int64_t id,
                   std::string_view key, int64_t now_ms) {
  return c.Execute(
             "UPDATE partners SET key_enc = ?, updated_at = ? WHERE id = ?",
             Params{cipher.Encrypt(key, AssociatedData("partners", "key", id)), now_ms, id}) == 1;
}

bool UpdatePartner(Connection& c, int64_t id, const std::string& callback_url, bool retired,
                   int64_t now_ms) {
  return c.Execute("UPDATE partners SET callback_url = ?, retired = ?, updated_at = ? WHERE id = ?",
                   Params{callback_url, retired, now_ms, id}) == 1;
}

std::optional<Partner> FindPartner(Connection& c, std::string_view code) {
  auto row = c.QueryOne(std::string("SELECT ") + kColumns + " WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::optional<Partner> FindPartnerById(Connection& c, int64_t id) {
  auto row = c.QueryOne(std::string("SELECT ") + kColumns + " WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::vector<Partner> ListPartners(Connection& c) {
  std::vector<Partner> out;
  for (const auto& r : c.Query(std::string("SELECT ") + kColumns + " ORDER BY id", Params{}))
    out.push_back(FromRow(r));
  return out;
}

std::optional<std::string> PartnerKey(Connection& c, const security::FieldCipher& cipher,
                                      int64_t id) {
  auto row = c.QueryOne("SELECT key_enc FROM partners WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return cipher.Decrypt(row->Text(0), AssociatedData("partners", "key", id));
}

bool SpendNonce(Connection& c, int64_t partner_id, std::string_view nonce, int64_t expires_ms,
                int64_t now_ms) {
  c.Execute("DELETE FROM partner_nonces WHERE expires_at < ?", Params{now_ms});
  return c.Execute(
             "INSERT INTO partner_nonces (partner_id, nonce, expires_at) VALUES (?,?,?) "
             "ON CONFLICT (partner_id, nonce) DO NOTHING",
             Params{partner_id, nonce, expires_ms}) == 1;
}

}  // namespace hejia::store
