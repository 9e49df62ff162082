// Free text that may name someone, sealed like the other sensitive fields: a case's full title
// (cases.title keeps the masked one lists and exports show) and a consultation's answer. Both
// were once stored in clear; SealLegacyText seals such rows when the server starts.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// A consultation's answer sealed for its row.
std::string SealConsultationAnswer(const security::FieldCipher& cipher, int64_t id,
                                   std::string_view answer);
/// A consultation's answer: `answer_enc` opened, or the `legacy` clear answer of a row not yet
/// sealed; nullopt when the ciphertext fails authentication.
std::optional<std::string> OpenConsultationAnswer(const security::FieldCipher& cipher, int64_t id,
                                                  std::string_view answer_enc,
                                                  std::string_view legacy);

/// Seals what an older version stored in clear: each case title without title_enc (encrypted,
/// and masked in place) and each clear consultation answer (encrypted, the clear one emptied).
/// Returns how many rows it sealed; a second run seals none.
int64_t SealLegacyText(Connection& conn, const security::FieldCipher& cipher);

}  // namespace hejia::store
