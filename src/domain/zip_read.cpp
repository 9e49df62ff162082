#include "domain/zip_read.hpp"

#include <zlib.h>

#include <limits>
#include <memory>
#include <optional>

namespace hejia::domain {

namespace {

constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr uint32_t kCentralSignature = 0x02014b50;
constexpr uint32_t kLocalSignature = 0x04034b50;
constexpr size_t kEndSize = 22;
constexpr size_t kCentralSize = 46;
constexpr size_t kLocalSize = 30;
constexpr size_t kZip64LocatorSize = 20;
constexpr uint16_t kFlagEncrypted = 1 << 0;
constexpr uint16_t kFlagStrongEncryption = 1 << 6;
constexpr uint16_t kMethodStored = 0;
constexpr uint16_t kMethodDeflated = 8;
constexpr uint16_t kMethodAes = 99;

// Little-endian fields; the caller has checked that `at + width` lies inside `bytes`.
uint16_t U16(std::string_view bytes, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(bytes[at]) |
                               static_cast<unsigned char>(bytes[at + 1]) << 8);
}

uint32_t U32(std::string_view bytes, size_t at) {
  return static_cast<uint32_t>(U16(bytes, at)) | static_cast<uint32_t>(U16(bytes, at + 2)) << 16;
}

/// The last end-of-central-directory record whose comment fits in the archive; it sits in the
/// last 22 bytes plus at most a 64 KiB comment.
std::optional<size_t> FindEnd(std::string_view bytes) {
  if (bytes.size() < kEndSize) return std::nullopt;
  const size_t lowest = bytes.size() > kEndSize + 0xFFFF ? bytes.size() - kEndSize - 0xFFFF : 0;
  for (size_t at = bytes.size() - kEndSize + 1; at-- > lowest;) {
    if (U32(bytes, at) != kEndSignature) continue;
    if (at + kEndSize + U16(bytes, at + 20) <= bytes.size()) return at;
  }
  return std::nullopt;
}

/// A raw deflate stream (the ZIP's, without zlib's header) inflated into exactly `size` bytes.
std::optional<std::string> Inflate(std::string_view data, uint32_t size) {
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) return std::nullopt;
  const std::unique_ptr<z_stream, int (*)(z_stream*)> owner(&zs, inflateEnd);
  // One byte more than declared: a stream that fills it says more than its header did.
  std::string out(static_cast<size_t>(size) + 1, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (inflate(&zs, Z_FINISH) != Z_STREAM_END || zs.total_out != size) return std::nullopt;
  out.resize(size);
  return out;
}

}  // namespace

std::variant<ZipArchive, ZipProblem> ZipArchive::Open(std::string_view bytes) {
  const auto end = FindEnd(bytes);
  if (!end) {
    // A local header at the start and no directory at the end: a ZIP cut short.
    if (bytes.size() >= 4 && U32(bytes, 0) == kLocalSignature) return ZipProblem::kMalformed;
    return ZipProblem::kNotZip;
  }
  if (*end >= kZip64LocatorSize && U32(bytes, *end - kZip64LocatorSize) == kZip64LocatorSignature)
    return ZipProblem::kMalformed;
  const uint16_t disk = U16(bytes, *end + 4);
  const uint16_t directory_disk = U16(bytes, *end + 6);
  const uint16_t entries_here = U16(bytes, *end + 8);
  const uint16_t entry_count = U16(bytes, *end + 10);
  const uint32_t directory_size = U32(bytes, *end + 12);
  const uint32_t directory_offset = U32(bytes, *end + 16);
  if (disk != 0 || directory_disk != 0 || entries_here != entry_count)
    return ZipProblem::kMalformed;  // split over several disks
  if (entry_count == 0xFFFF || directory_size == 0xFFFFFFFF || directory_offset == 0xFFFFFFFF)
    return ZipProblem::kMalformed;  // ZIP64 markers
  if (static_cast<size_t>(directory_offset) + directory_size > *end) return ZipProblem::kMalformed;

  ZipArchive archive(bytes);
  archive.directory_offset_ = directory_offset;
  const std::string_view directory = bytes.substr(directory_offset, directory_size);
  size_t at = 0;
  for (uint16_t i = 0; i < entry_count; ++i) {
    if (directory.size() - at < kCentralSize || U32(directory, at) != kCentralSignature)
      return ZipProblem::kMalformed;
    Entry entry;
    entry.flags = U16(directory, at + 8);
    entry.method = U16(directory, at + 10);
    entry.crc = U32(directory, at + 16);
    entry.compressed_size = U32(directory, at + 20);
    entry.size = U32(directory, at + 24);
    const size_t name_length = U16(directory, at + 28);
    const size_t tail_length = name_length + U16(directory, at + 30) + U16(directory, at + 32);
    entry.local_offset = U32(directory, at + 42);
    if (entry.compressed_size == 0xFFFFFFFF || entry.size == 0xFFFFFFFF ||
        entry.local_offset == 0xFFFFFFFF)
      return ZipProblem::kMalformed;  // sizes or offset in a ZIP64 extra field
    if (directory.size() - at - kCentralSize < tail_length) return ZipProblem::kMalformed;
    std::string name(directory.substr(at + kCentralSize, name_length));
    // Two entries of one name would let two readers see two different files.
    if (!archive.entries_.emplace(std::move(name), entry).second) return ZipProblem::kMalformed;
    at += kCentralSize + tail_length;
  }
  return archive;
}

std::variant<std::string, ZipProblem> ZipArchive::Extract(std::string_view name,
                                                          size_t& budget) const {
  const auto found = entries_.find(name);
  if (found == entries_.end()) return ZipProblem::kMalformed;
  const Entry& entry = found->second;
  if ((entry.flags & (kFlagEncrypted | kFlagStrongEncryption)) || entry.method == kMethodAes)
    return ZipProblem::kEncrypted;
  if (entry.method != kMethodStored && entry.method != kMethodDeflated)
    return ZipProblem::kMalformed;
  if (entry.size > budget || entry.size >= std::numeric_limits<uInt>::max())
    return ZipProblem::kTooLarge;

  // The local header must lie before the central directory, name the same entry, and its data
  // must end before the directory starts.
  const size_t offset = entry.local_offset;
  if (offset > directory_offset_ || directory_offset_ - offset < kLocalSize)
    return ZipProblem::kMalformed;
  if (U32(bytes_, offset) != kLocalSignature) return ZipProblem::kMalformed;
  const size_t local_name_length = U16(bytes_, offset + 26);
  const size_t data_offset = offset + kLocalSize + local_name_length + U16(bytes_, offset + 28);
  if (data_offset > directory_offset_ || directory_offset_ - data_offset < entry.compressed_size ||
      bytes_.substr(offset + kLocalSize, local_name_length) != name)
    return ZipProblem::kMalformed;
  const std::string_view data = bytes_.substr(data_offset, entry.compressed_size);

  std::string out;
  if (entry.method == kMethodStored) {
    if (entry.compressed_size != entry.size) return ZipProblem::kMalformed;
    out.assign(data);
  } else {
    auto inflated = Inflate(data, entry.size);
    if (!inflated) return ZipProblem::kMalformed;
    out = std::move(*inflated);
  }
  if (crc32_z(0, reinterpret_cast<const Bytef*>(out.data()), out.size()) != entry.crc)
    return ZipProblem::kMalformed;
  budget -= entry.size;
  return out;
}

}  // namespace hejia::domain
