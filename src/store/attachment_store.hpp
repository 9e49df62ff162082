// Files attached to cases (victim evidence: photos of injuries, medical and police papers) on
// disk, outside the web root. Each content is stored once, under the SHA-256 of its plaintext
// (<root>/ab/cdef…), encrypted whole with the FieldCipher (XChaCha20-Poly1305, associated data
// "attachments/<sha256>", the data key's id in the stored form so rotated keys still decrypt):
// a copy of the disk shows nothing, and a file moved to another name does not decrypt. The
// database keeps the metadata (table `attachments`).
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "security/field_cipher.hpp"

namespace hejia::store {

/// The types an attachment may have, with their usual file extensions.
struct AttachmentType {
  std::string_view mime, extension;
};
inline constexpr AttachmentType kAttachmentTypes[] = {{"image/jpeg", "jpg"},
                                                      {"image/png", "png"},
                                                      {"image/webp", "webp"},
                                                      {"application/pdf", "pdf"}};

/// Whether `mime` is one of kAttachmentTypes.
bool IsAttachmentType(std::string_view mime);
/// The type the first bytes of `content` show (JPEG, PNG, WebP or PDF magic), or "" when none.
std::string_view SniffAttachmentType(std::string_view content);
/// The usual file extension of an attachment type ("bin" for another type).
std::string_view AttachmentExtension(std::string_view mime);

/// The attachments directory. Thread-safe: every method works on its own files.
class AttachmentStore {
 public:
  /// `root` is created (mode 0700) on the first write when it does not exist.
  explicit AttachmentStore(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& root() const { return root_; }

  /// Where the file of a digest lives; std::invalid_argument unless `sha256` is 64 lowercase hex.
  std::filesystem::path PathOf(std::string_view sha256) const;

  struct Stored {
    std::string sha256;
    bool created = false;  // false: a file of this digest was there already (now rewritten)
  };
  /// The digest is security::Sha256Hex(content). Encrypts and writes `content` (not empty), the
  /// same work whether or not a file of that digest exists (it is replaced: no timing tells a
  /// second upload from a first). The write goes to a temporary file of mode 0600 that is synced
  /// and renamed into place, so a reader never sees half a file. std::runtime_error when the disk
  /// refuses.
  Stored Put(const security::FieldCipher& cipher, std::string_view content) const;

  enum class ReadStatus { kOk, kMissing, kIntegrityFailed };
  struct ReadResult {
    ReadStatus status = ReadStatus::kMissing;
    std::string content;  // the plaintext when kOk
  };
  /// Reads and decrypts the file of `sha256`; kIntegrityFailed when it does not authenticate or
  /// its plaintext does not hash to `sha256`.
  ReadResult Get(const security::FieldCipher& cipher, std::string_view sha256) const;

 private:
  std::filesystem::path root_;
};

/// Published media (legal-education videos, audio and their poster frames, issue 13): public
/// content, stored plain (so a player's byte ranges are read straight from disk) under the SHA-256
/// of the content (<root>/ab/cdef…), written like an attachment (temporary file, synced, renamed).
/// Nothing sensitive may be stored here. Thread-safe.
class MediaStore {
 public:
  explicit MediaStore(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& root() const { return root_; }
  /// std::invalid_argument unless `sha256` is 64 lowercase hex.
  std::filesystem::path PathOf(std::string_view sha256) const;
  /// Writes `content` (not empty) and returns its digest; std::runtime_error when the disk refuses.
  std::string Put(std::string_view content) const;
  /// The size of the stored file, or nullopt when it is missing.
  std::optional<uint64_t> Size(std::string_view sha256) const;
  /// `length` bytes from `offset` of the stored file, or nullopt when it is missing or shorter.
  std::optional<std::string> Read(std::string_view sha256, uint64_t offset, uint64_t length) const;

 private:
  std::filesystem::path root_;
};

}  // namespace hejia::store
