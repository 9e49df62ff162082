#include "security/field_cipher.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "security/sodium_init.hpp"
#include "security/tokens.hpp"

namespace hejia::security {
namespace {

constexpr std::string_view kVersionPrefix = "v1.";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kBlindIndexBytes = 16;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

FieldCipher::FieldCipher(std::shared_ptr<const KeyRing> keys) : keys_(std::move(keys)) {
  EnsureSodium();
  if (!keys_) throw std::invalid_argument("FieldCipher needs a key ring");
  if (!keys_->data_keys.contains(keys_->current_id)) {
    throw std::invalid_argument("FieldCipher: the current key id names no data key");
  }
}

std::string FieldCipher::Encrypt(std::string_view plaintext,
                                 std::string_view associated_data) const {
  if (plaintext.empty()) return {};
  const Key& key = keys_->data_keys.at(keys_->current_id);
  std::vector<unsigned char> sealed(kNonceBytes + plaintext.size() + kTagBytes);
  unsigned char* nonce = sealed.data();
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long sealed_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      sealed.data() + kNonceBytes, &sealed_length, Bytes(plaintext), plaintext.size(),
      Bytes(associated_data), associated_data.size(), nullptr, nonce, key.data());
  sealed.resize(kNonceBytes + static_cast<std::size_t>(sealed_length));

  std::string stored(kVersionPrefix);
  stored += keys_->current_id;
  stored += '.';
  stored += Base64Encode(sealed, Base64Variant::kUrlSafeNoPadding);
  return stored;
}

std::optional<std::string> FieldCipher::Decrypt(std::string_view stored,
                                                std::string_view associated_data) const {
  if (stored.empty()) return std::string();
  if (!stored.starts_with(kVersionPrefix)) return std::nullopt;
  stored.remove_prefix(kVersionPrefix.size());
  const std::size_t dot = stored.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto key_it = keys_->data_keys.find(std::string(stored.substr(0, dot)));
  if (key_it == keys_->data_keys.end()) return std::nullopt;

  const std::optional<std::string> sealed =
      Base64Decode(stored.substr(dot + 1), Base64Variant::kUrlSafeNoPadding);
  if (!sealed || sealed->size() < kNonceBytes + kTagBytes) return std::nullopt;
  const std::string_view nonce = std::string_view(*sealed).substr(0, kNonceBytes);
  const std::string_view ciphertext = std::string_view(*sealed).substr(kNonceBytes);

  std::string plaintext(ciphertext.size() - kTagBytes, '\0');
  unsigned long long plaintext_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plaintext.data()), &plaintext_length, nullptr,
          Bytes(ciphertext), ciphertext.size(), Bytes(associated_data), associated_data.size(),
          Bytes(nonce), key_it->second.data()) != 0) {
    return std::nullopt;
  }
  plaintext.resize(static_cast<std::size_t>(plaintext_length));
  return plaintext;
}

std::string FieldCipher::BlindIndex(std::string_view kind,
                                    std::string_view normalized_value) const {
  if (normalized_value.empty()) return {};
  crypto_generichash_state state;
  crypto_generichash_init(&state, keys_->index_key.data(), keys_->index_key.size(),
                          kBlindIndexBytes);
  crypto_generichash_update(&state, Bytes(kind), kind.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, Bytes(normalized_value), normalized_value.size());
  std::uint8_t digest[kBlindIndexBytes];
  crypto_generichash_final(&state, digest, sizeof digest);
  sodium_memzero(&state, sizeof state);
  return HexEncode(digest);
}

}  // namespace hejia::security
