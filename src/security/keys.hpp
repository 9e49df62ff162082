// Key material for field encryption, blind indexes and the audit chain, and its key file.
//
// Key file format (what `hejia keygen` prints), one entry per line, '#' starts a comment line:
//   data <id> <base64 of 32 bytes>   one or more; the last one is the current encryption key
//   index <base64 of 32 bytes>       key of the blind indexes (never rotated: indexes depend on it)
//   audit <base64 of 32 bytes>       key of the audit chain checkpoints
// Key ids are 1-32 characters of [A-Za-z0-9_-]. Keys are never printed or logged.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace hejia::security {

/// A 256-bit symmetric key.
using Key = std::array<std::uint8_t, 32>;

/// All keys of one deployment. The destructor wipes the key bytes.
struct KeyRing {
  std::string current_id;                ///< id of the data key new ciphertexts use
  std::map<std::string, Key> data_keys;  ///< every data key still needed to decrypt, by id
  Key index_key{};                       ///< BLAKE2b key of the blind indexes
  Key audit_key{};                       ///< key of the audit chain checkpoints

  KeyRing() = default;
  KeyRing(const KeyRing&) = default;
  KeyRing(KeyRing&&) = default;
  KeyRing& operator=(const KeyRing&) = default;
  KeyRing& operator=(KeyRing&&) = default;
  ~KeyRing();
};

/// GoogleTest printer: shows key ids only, so a failing assertion cannot dump key bytes.
void PrintTo(const KeyRing& ring, std::ostream* out);

/// A fresh key file: one data key with a random id, an index key and an audit key.
std::string GenerateKeyFileText();

/// One new `data <id> <base64>` line to append to a key file when rotating the data key.
std::string GenerateDataKeyLine();

/// True for 1-32 characters of [A-Za-z0-9_-] (ids appear inside the "v1.<id>.<...>" format).
bool IsValidKeyId(std::string_view id);

/// Parses key file text. The error names the line but never echoes key material.
std::variant<KeyRing, std::string> ParseKeyFile(std::string_view text);

/// Reads and parses a key file. Refuses anything but a regular file of mode 0600 or 0400.
std::variant<KeyRing, std::string> LoadKeyFile(const std::string& path);

/// Loads the key file, or creates it (mode 0600, never overwriting a file that appears
/// meanwhile) with fresh keys when it does not exist.
std::variant<KeyRing, std::string> LoadOrCreateKeyFile(const std::string& path);

}  // namespace hejia::security
