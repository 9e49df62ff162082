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
  std::string temp = (target.parent_path() / ".upload-XXXXXX").string();
  const int fd = ::mkstemp(temp.data());  // mode 0600
  if (fd < 0) Fail("create a temporary file");
  try {
    WriteAll(fd, sealed);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  // Two uploads of the same content may race here; either file decrypts to the same bytes.
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    Fail("rename into place");
  }
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

}  // namespace hejia::store
