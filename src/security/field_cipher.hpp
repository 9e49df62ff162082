// Encryption of sensitive columns and their blind indexes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "security/keys.hpp"

namespace hejia::security {

/// Encrypts sensitive fields with XChaCha20-Poly1305 and computes blind indexes for exact search.
///
/// Stored form: "v1.<key_id>.<base64url(nonce || ciphertext || tag)>". The associated data names
/// the place the value belongs ("person/phone/123"), so a ciphertext copied to another row or
/// column does not decrypt. The key id lets old values decrypt after the data key rotates.
/// Thread-safe: all methods are const and the key ring is immutable.
class FieldCipher {
 public:
  /// `keys` must be non-null and its current_id must name one of its data keys
  /// (throws std::invalid_argument otherwise: a startup misconfiguration).
  explicit FieldCipher(std::shared_ptr<const KeyRing> keys);

  /// Encrypts with the current data key and a fresh random nonce. "" stays "" (absent value).
  std::string Encrypt(std::string_view plaintext, std::string_view associated_data) const;

  /// Decrypts a value made by Encrypt with the same associated data, using the key its id names.
  /// nullopt if it is malformed, tampered with, moved, or its key is gone. "" gives "".
  std::optional<std::string> Decrypt(std::string_view stored,
                                     std::string_view associated_data) const;

  /// Keyed BLAKE2b-128 of kind + '\0' + value as 32 lowercase hex characters. `kind` (e.g.
  /// "phone", "id_card") separates the index spaces; the caller normalises the value first.
  /// An empty value gives "" (absent values are not indexed).
  std::string BlindIndex(std::string_view kind, std::string_view normalized_value) const;

 private:
  std::shared_ptr<const KeyRing> keys_;
};

}  // namespace hejia::security
