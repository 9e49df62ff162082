#include "security/keys.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <vector>

#include "security/sodium_init.hpp"

namespace hejia::security {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 1 << 20;

// Wipes a string's bytes when it goes out of scope (file contents, generated text).
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& text) : text_(text) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() {
    if (!text_.empty()) sodium_memzero(text_.data(), text_.size());
  }

 private:
  std::string& text_;
};

std::string Base64Key(const Key& key) {
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(out, sizeof out, key.data(), key.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string text(out);
  sodium_memzero(out, sizeof out);
  return text;
}

std::string RandomKeyBase64() {
  Key key;
  randombytes_buf(key.data(), key.size());
  std::string text = Base64Key(key);
  sodium_memzero(key.data(), key.size());
  return text;
}

std::string RandomKeyId() {
  std::uint8_t bytes[4];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string("k") + hex;
}

bool DecodeKey(std::string_view text, Key& key) {
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(key.data(), key.size(), text.data(), text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  return length == key.size() && end == text.data() + text.size();
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

bool IsZero(const Key& key) {
  return sodium_is_zero(key.data(), key.size()) == 1;
}

bool SameKey(const Key& a, const Key& b) {
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string LineError(std::size_t line_number, std::string_view what) {
  return "key file line " + std::to_string(line_number) + ": " + std::string(what);
}

std::string ErrnoText(int error) {
  return std::strerror(error);
}

std::string ModeText(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// Writes all of `text` to `fd`; false on any error.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// fsyncs the directory holding `path`, so a newly linked key file survives a crash.
void SyncParentDirectory(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string directory =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

KeyRing::~KeyRing() {
  for (auto& [id, key] : data_keys) sodium_memzero(key.data(), key.size());
  sodium_memzero(index_key.data(), index_key.size());
  sodium_memzero(audit_key.data(), audit_key.size());
}

void PrintTo(const KeyRing& ring, std::ostream* out) {
  *out << "KeyRing{current_id=" << ring.current_id << ", data_key_ids=[";
  bool first = true;
  for (const auto& [id, key] : ring.data_keys) {
    *out << (first ? "" : ",") << id;
    first = false;
  }
  *out << "], keys redacted}";
}

bool IsValidKeyId(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (const char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string GenerateDataKeyLine() {
  EnsureSodium();
  return "data " + RandomKeyId() + " " + RandomKeyBase64() + "\n";
}

std::string GenerateKeyFileText() {
  EnsureSodium();
  std::string text =
      "# HeJia key file. Keep it secret (mode 0600) and back it up offline:\n"
      "# without it the encrypted fields cannot be read.\n"
      "# To rotate, append a new 'data' line; the last one encrypts, older ones still decrypt.\n";
  text += GenerateDataKeyLine();
  text += "index " + RandomKeyBase64() + "\n";
  text += "audit " + RandomKeyBase64() + "\n";
  return text;
}

std::variant<KeyRing, std::string> ParseKeyFile(std::string_view text) {
  EnsureSodium();
  KeyRing ring;
  bool have_index = false;
  bool have_audit = false;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);

    const std::vector<std::string_view> fields = SplitFields(line);
    if (fields.empty() || fields[0].starts_with('#')) continue;
    const std::string_view kind = fields[0];
    if (kind == "data") {
      if (fields.size() != 3) return LineError(line_number, "expected 'data <id> <base64 key>'");
      const std::string id(fields[1]);
      if (!IsValidKeyId(id)) {
        return LineError(line_number, "key id must be 1-32 characters of A-Z a-z 0-9 _ -");
      }
      if (ring.data_keys.contains(id)) {
        return LineError(line_number, "data key id '" + id + "' appears twice");
      }
      Key& key = ring.data_keys[id];
      if (!DecodeKey(fields[2], key)) {
        return LineError(line_number, "data key is not 32 bytes of base64");
      }
      ring.current_id = id;
      continue;
    }
    if (kind == "index" || kind == "audit") {
      const bool is_index = kind == "index";
      if (fields.size() != 2) {
        return LineError(line_number, "expected '" + std::string(kind) + " <base64 key>'");
      }
      bool& seen = is_index ? have_index : have_audit;
      if (seen) return LineError(line_number, std::string(kind) + " key appears twice");
      if (!DecodeKey(fields[1], is_index ? ring.index_key : ring.audit_key)) {
        return LineError(line_number, std::string(kind) + " key is not 32 bytes of base64");
      }
      seen = true;
      continue;
    }
    return LineError(line_number, "unknown entry (expected data, index, audit or # comment)");
  }

  if (ring.data_keys.empty()) return std::string("key file has no 'data' key");
  if (!have_index) return std::string("key file has no 'index' key");
  if (!have_audit) return std::string("key file has no 'audit' key");
  if (IsZero(ring.index_key) || IsZero(ring.audit_key)) {
    return std::string("key file contains an all-zero key");
  }
  if (SameKey(ring.index_key, ring.audit_key)) {
    return std::string("key file reuses one key for two purposes");
  }
  for (const auto& [id, key] : ring.data_keys) {
    if (IsZero(key)) return std::string("key file contains an all-zero key");
    if (SameKey(key, ring.index_key) || SameKey(key, ring.audit_key)) {
      return std::string("key file reuses one key for two purposes");
    }
  }
  return ring;
}

std::variant<KeyRing, std::string> LoadKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "cannot open key file " + path + ": " + ErrnoText(errno);
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};

  // fstat the open descriptor, not the path, so the file checked is the file read.
  struct stat info {};
  if (::fstat(fd, &info) != 0) return "cannot stat key file " + path + ": " + ErrnoText(errno);
  if (!S_ISREG(info.st_mode)) return "key file " + path + " is not a regular file";
  const mode_t permissions = info.st_mode & 07777;
  if (permissions != 0600 && permissions != 0400) {
    return "key file " + path + " has mode " + ModeText(permissions) +
           "; it must be 0600 or 0400 (run: chmod 600 " + path + ")";
  }
  if (static_cast<std::size_t>(info.st_size) > kMaxKeyFileBytes) {
    return "key file " + path + " is too large";
  }

  std::string text(static_cast<std::size_t>(info.st_size) + 1, '\0');
  WipeOnExit wipe(text);
  std::size_t length = 0;
  while (length < text.size()) {
    const ssize_t got = ::read(fd, text.data() + length, text.size() - length);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return "cannot read key file " + path + ": " + ErrnoText(errno);
    if (got == 0) break;
    length += static_cast<std::size_t>(got);
  }
  if (length == text.size()) return "key file " + path + " changed while being read";
  auto parsed = ParseKeyFile(std::string_view(text).substr(0, length));
  if (auto* error = std::get_if<std::string>(&parsed)) *error = path + ": " + *error;
  return parsed;
}

std::variant<KeyRing, std::string> LoadOrCreateKeyFile(const std::string& path) {
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) return LoadKeyFile(path);
  if (errno != ENOENT) return "cannot stat key file " + path + ": " + ErrnoText(errno);

  // Write a complete file under a temporary name, then link() it into place: link refuses to
  // replace an existing file, so a concurrent creator can never see or clobber a half-written one.
  std::string temporary = path + ".tmp.XXXXXX";
  const int fd = ::mkstemp(temporary.data());  // mode 0600
  if (fd < 0) return "cannot create key file " + path + ": " + ErrnoText(errno);
  std::string text = GenerateKeyFileText();
  WipeOnExit wipe(text);
  const bool written = ::fchmod(fd, 0600) == 0 && WriteAll(fd, text) && ::fsync(fd) == 0;
  const int write_errno = errno;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    return "cannot write key file " + path + ": " + ErrnoText(write_errno);
  }
  const int linked = ::link(temporary.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return "cannot create key file " + path + ": " + ErrnoText(link_errno);
  }
  SyncParentDirectory(path);
  return LoadKeyFile(path);
}

}  // namespace hejia::security
