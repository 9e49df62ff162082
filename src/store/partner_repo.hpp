// The partners whose servers call us with signed requests (the police 110 system): their keys,
// kept encrypted ("partners/key/<id>"), and the nonces they have spent. SQL and rows only;
// security/partner_signature.hpp checks a signature, api/police_api.cpp decides.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/partner.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::store {

struct Partner {
  int64_t id = 0;
  std::string code, name, kind, callback_url;
  bool retired = false;
  int64_t created_at = 0, updated_at = 0;
};

using domain::kCallbackUrlMax;
using domain::kPartnerCodeMax;
inline constexpr std::size_t kPartnerNameMax = 60;

/// Adds a partner with its raw key (at least 32 bytes); returns its id. A code in use is a
/// constraint error.
int64_t CreatePartner(Connection& c, const security::FieldCipher& cipher, const Partner& p,
                      std::string_view key, int64_t now_ms);
/// Replaces the key (a rotation); false when there is no such partner.
bool SetPartnerKey(Connection& c, const security::FieldCipher& cipher, int64_t id,
                   std::string_view key, int64_t now_ms);
/// Sets the callback address and whether the partner is retired; false when there is none.
bool UpdatePartner(Connection& c, int64_t id, const std::string& callback_url, bool retired,
                   int64_t now_ms);
std::optional<Partner> FindPartner(Connection& c, std::string_view code);
std::optional<Partner> FindPartnerById(Connection& c, int64_t id);
std::vector<Partner> ListPartners(Connection& c);
/// The partner's key, or nullopt when it does not decrypt.
std::optional<std::string> PartnerKey(Connection& c, const security::FieldCipher& cipher,
                                      int64_t id);

/// Spends `nonce` for the partner until `expires_ms`: false when it was spent before (a replay).
/// Nonces past their time are dropped on the way.
bool SpendNonce(Connection& c, int64_t partner_id, std::string_view nonce, int64_t expires_ms,
                int64_t now_ms);

}  // namespace hejia::store
