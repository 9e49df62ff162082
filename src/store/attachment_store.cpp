#include "store/attachment_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "security/tokens.hpp"

namespace hejia::store {

namespace fs = std::filesystem;

namespace {

bool IsDigest(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string Ad(std::string_view sha256) {
  return "attachments/" + std::string(sha256);
}

// A directory only its owner can enter (evidence files must not be readable by other accounts).
void PrivateDirectory(const fs::path& dir) {
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
}

[[noreturn]] void Fail(const std::string& what) {
  throw std::runtime_error("attachment store: " + what + ": " + std::strerror(errno));
}

// Writes all of `data` to `fd`, synced.
void WriteAll(int fd, std::string_view data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Fail("write");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) Fail("fsync");
}

// Writes `data` to a temporary file beside `target` (created 0600, then given `mode`), synced,
// and renames it over `target`: a reader never sees half a file.
void WriteInPlace(const fs::path& target, std::string_view data, mode_t mode) {
  std::string temp = (target.parent_path() / ".upload-XXXXXX").string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) Fail("create a temporary file");
  try {
    WriteAll(fd, data);
    if (mode != 0600 && ::fchmod(fd, mode) != 0) Fail("set the file's mode");
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    Fail("rename into place");
  }
}

}  // namespace

bool IsAttachmentType(std::string_view mime) {
  return AttachmentExtension(mime) != "bin";
}

std::string_view SniffAttachmentType(std::string_view c) {
  if (c.size() >= 3 && c.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
  if (c.size() >= 8 && c.substr(0, 8) == "\x89PNG\r\n\x1A\n") return "image/png";
  if (c.size() >= 12 && c.substr(0, 4) == "RIFF" && c.substr(8, 4) == "WEBP") return "image/webp";
  if (c.size() >= 5 && c.substr(0, 5) == "%PDF-") return "application/pdf";
  return "";
}

std::string_view AttachmentExtension(std::string_view mime) {
  for (const auto& type : kAttachmentTypes)
    if (type.mime == mime) return type.extension;
  return "bin";
}

fs::path AttachmentStore::PathOf(std::string_view sha256) const {
  if (!IsDigest(sha256)) throw std::invalid_argument("not a SHA-256 digest");
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2));
}

AttachmentStore::Stored AttachmentStore::Put(const security::FieldCipher& cipher,
                                             std::string_view content) const {
  if (content.empty()) throw std::invalid_argument("an attachment cannot be empty");
  Stored out;
  out.sha256 = security::Sha256Hex(content);
  const fs::path target = PathOf(out.sha256);
  // The same content is stored once, under its digest. A second upload still does a first
  // one's whole work (seal, write, sync, rename over the stored copy), so its timing does not tell
  // that someone else, in another case, stored the same file before; the rename also replaces a
  // copy that no longer decrypts (damaged, or sealed under keys this deployment no longer has).
  std::error_code ec;
  const bool existed = fs::exists(target, ec);
  PrivateDirectory(root_);
  PrivateDirectory(target.parent_path());
  const std::string sealed = cipher.Encrypt(content, Ad(out.sha256));
  // Two uploads of the same content may race here; either file decrypts to the same bytes.
  WriteInPlace(target, sealed, 0600);
  out.created = !existed;
  return out;
}

AttachmentStore::ReadResult AttachmentStore::Get(const security::FieldCipher& cipher,
                                                 std::string_view sha256) const {
  ReadResult out;
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return out;
  std::ostringstream sealed;
  sealed << in.rdbuf();
  auto plain = cipher.Decrypt(sealed.str(), Ad(sha256));
  if (!plain || plain->empty() || security::Sha256Hex(*plain) != sha256) {
    out.status = ReadStatus::kIntegrityFailed;
    return out;
  }
  out.status = ReadStatus::kOk;
  out.content = std::move(*plain);
  return out;
}

fs::path MediaStore::PathOf(std::string_view sha256) const {
  if (!IsDigest(sha256)) throw std::invalid_argument("not a SHA-256 digest");
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2));
}

std::string MediaStore::Put(std::string_view content) const {
  if (content.empty()) throw std::invalid_argument("a media file cannot be empty");
  std::string sha256 = security::Sha256Hex(content);
  const fs::path target = PathOf(sha256);
  fs::create_directories(target.parent_path());
  WriteInPlace(target, content, 0644);
  return sha256;
}

std::optional<uint64_t> MediaStore::Size(std::string_view sha256) const {
  std::error_code ec;
  const auto size = fs::file_size(PathOf(sha256), ec);
  if (ec) return std::nullopt;
  return size;
}

std::optional<std::string> MediaStore::Read(std::string_view sha256, uint64_t offset,
                                            uint64_t length) const {
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(static_cast<std::streamoff>(offset));
  std::string out(length, '\0');
  in.read(out.data(), static_cast<std::streamsize>(length));
  if (static_cast<uint64_t>(in.gcount()) != length) return std::nullopt;
  return out;
}

}  // namespace hejia::store
