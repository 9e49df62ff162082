// A reader for the ZIP archives of uploads (an XLSX is one), written for hostile input: the
// central directory is read first and checked against the archive's bounds, an entry is found
// through it and then its local header, and nothing is inflated past what the caller's budget
// allows. Stored and deflated entries only; ZIP64, split archives and encrypted entries are
// refused. No I/O.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace hejia::domain {

/// Why an archive or one of its entries could not be read.
enum class ZipProblem {
  kNotZip,     ///< no end-of-central-directory record: not a ZIP archive at all
  kEncrypted,  ///< the entry is encrypted
  kTooLarge,   ///< the entry would take more than the budget left once unpacked
  kMalformed,  ///< damaged, truncated, inconsistent, or a form refused here (ZIP64, split)
};

/// The central directory of an archive held in memory; entries are extracted on demand.
class ZipArchive {
 public:
  /// Reads the central directory of `bytes`, which must outlive the archive.
  static std::variant<ZipArchive, ZipProblem> Open(std::string_view bytes);

  bool Contains(std::string_view name) const { return entries_.contains(name); }

  /// The unpacked bytes of entry `name` (which must be contained), checked against its CRC-32.
  /// Its declared size is taken from `budget` before anything is inflated; an entry whose data
  /// would exceed its declared size is refused as soon as it does.
  std::variant<std::string, ZipProblem> Extract(std::string_view name, size_t& budget) const;

 private:
  struct Entry {
    uint16_t flags = 0;
    uint16_t method = 0;
    uint32_t crc = 0;
    uint32_t compressed_size = 0;
    uint32_t size = 0;
    uint32_t local_offset = 0;
  };

  explicit ZipArchive(std::string_view bytes) : bytes_(bytes) {}

  std::string_view bytes_;
  /// Where the central directory starts: every entry's header and data must end before it.
  size_t directory_offset_ = 0;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace hejia::domain
