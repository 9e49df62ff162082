#include "store/audit_anchor.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "security/tokens.hpp"

namespace hejia::store {
namespace {

constexpr std::string_view kVersion = "v1";

using AnchorKey = std::array<unsigned char, crypto_auth_KEYBYTES>;

// The anchor key: keyed BLAKE2b of a fixed label under the audit key, so the anchor file's MACs
// never share a key with the chain's hashes and nothing of it is stored anywhere.
AnchorKey DeriveAnchorKey(const security::KeyRing& keys) {
  static constexpr std::string_view kLabel = "hejia audit anchor v1";
  AnchorKey key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(kLabel.data()),
                     kLabel.size(), keys.audit_key.data(), keys.audit_key.size());
  return key;
}

std::string Mac(const security::KeyRing& keys, std::string_view text) {
  AnchorKey key = DeriveAnchorKey(keys);
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(text.data()), text.size(), key.data());
  sodium_memzero(key.data(), key.size());
  return security::HexEncode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

bool IsLowerHex(std::string_view s, size_t size) {
  if (s.size() != size) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::optional<int64_t> ParseCount(std::string_view s) {
  if (s.empty() || s.size() > 18 || s.front() == '0') return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 1) return std::nullopt;
  return v;
}

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t space = line.find(' ', start);
    parts.push_back(line.substr(start, space - start));
    if (space == std::string_view::npos) return parts;
    start = space + 1;
  }
}

[[noreturn]] void Fail(const std::string& path, const char* what) {
  throw std::runtime_error("audit anchor file " + path + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

std::string FormatAnchorLine(const security::KeyRing& keys, const AuditAnchor& anchor) {
  std::string text = std::string(kVersion) + " " + std::to_string(anchor.seq) + " " + anchor.hash +
                     " " + std::to_string(anchor.at);
  return text + " " + Mac(keys, text);
}

std::optional<AuditAnchor> ParseAnchorLine(const security::KeyRing& keys, std::string_view line) {
  const auto parts = SplitSpaces(line);
  if (parts.size() != 5 || parts[0] != kVersion) return std::nullopt;
  const auto seq = ParseCount(parts[1]);
  const auto at = ParseCount(parts[3]);
  if (!seq || !at || !IsLowerHex(parts[2], 64) || !IsLowerHex(parts[4], crypto_auth_BYTES * 2))
    return std::nullopt;
  unsigned char mac[crypto_auth_BYTES];
  if (sodium_hex2bin(mac, sizeof mac, parts[4].data(), parts[4].size(), nullptr, nullptr,
                     nullptr) != 0)
    return std::nullopt;
  const std::string_view text = line.substr(0, line.rfind(' '));
  AnchorKey key = DeriveAnchorKey(keys);
  const bool genuine = crypto_auth_verify(mac, reinterpret_cast<const unsigned char*>(text.data()),
                                          text.size(), key.data()) == 0;
  sodium_memzero(key.data(), key.size());
  if (!genuine) return std::nullopt;
  return AuditAnchor{*seq, std::string(parts[2]), *at};
}

AnchorFile ReadAnchorFile(const std::string& path, const security::KeyRing& keys) {
  AnchorFile file;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
      file.problem = "the anchor file " + path + " cannot be read";
    return file;
  }
  file.exists = true;
  std::string line;
  for (int64_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    auto anchor = ParseAnchorLine(keys, line);
    if (!anchor) {
      file.problem = "line " + std::to_string(number) + " of the anchor file " + path +
                     " is not an anchor signed with this deployment's audit key (forged, "
                     "altered, or torn by a crash while it was written)";
      return file;
    }
    file.anchors.push_back(std::move(*anchor));
  }
  return file;
}

void AppendAnchorLine(const std::string& path, std::string_view line) {
  const std::string text = std::string(line) + "\n";
  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) Fail(path, "cannot open");
  // One write of the whole line: with O_APPEND, lines of several writers never interleave.
  const ssize_t written = ::write(fd, text.data(), text.size());
  int error = written < 0 ? errno : 0;
  if (written >= 0 && written != static_cast<ssize_t>(text.size())) error = EIO;
  if (error == 0 && (::fchmod(fd, 0600) != 0 || ::fdatasync(fd) != 0)) error = errno;
  if (error != 0) {
    ::close(fd);
    errno = error;
    Fail(path, "cannot append");
  }
  if (::close(fd) != 0) Fail(path, "cannot close");
  if (existed) return;
  // A new file: its directory entry must be on disk too.
  const auto dir = std::filesystem::absolute(path).parent_path();
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return;
  ::fsync(dir_fd);
  ::close(dir_fd);
}

AuditAnchor ReadAuditHead(Connection& conn) {
  auto head = conn.QueryOne("SELECT seq, last_hash FROM audit_head WHERE id = 1");
  if (!head) throw DbError("audit head missing");
  return AuditAnchor{head->Int(0), head->Text(1), 0};
}

AuditAnchor AnchorAuditHead(Database& db, const security::KeyRing& keys, const std::string& path,
                            int64_t now_ms, const std::optional<AuditAnchor>& last) {
  AuditAnchor head = db.ReadSync([](Connection& c) { return ReadAuditHead(c); });
  if (head.seq == 0) return head;
  if (last && last->seq == head.seq && last->hash == head.hash) return *last;
  head.at = now_ms;
  AppendAnchorLine(path, FormatAnchorLine(keys, head));
  return head;
}

AuditAnchorer::AuditAnchorer(Database& db, std::shared_ptr<const security::KeyRing> keys,
                             std::string path, const Clock& clock, Options options)
    : db_(db), keys_(std::move(keys)), path_(std::move(path)), clock_(clock), options_(options) {}

AuditAnchorer::~AuditAnchorer() {
  Stop();
}

void AuditAnchorer::Start() {
  if (thread_.joinable()) return;
  last_ = AnchorAuditHead(db_, *keys_, path_, clock_.NowMillis());
  thread_ = std::thread([this] { Loop(); });
}

void AuditAnchorer::Notify() {
  {
    std::lock_guard lock(mu_);
    dirty_ = true;
  }
  cv_.notify_one();
}

void AuditAnchorer::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void AuditAnchorer::Pass() {
  try {
    last_ = AnchorAuditHead(db_, *keys_, path_, clock_.NowMillis(), last_);
  } catch (const std::exception& e) {
    spdlog::error("the audit chain's head was not anchored: {}", e.what());
  }
}

void AuditAnchorer::Loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait_for(lock, options_.idle_period, [this] { return dirty_ || stop_; });
    const bool stopping = stop_;
    dirty_ = false;
    lock.unlock();
    Pass();
    lock.lock();
    if (stopping) return;
    // At most one line per min_gap: the commits meanwhile share the next one.
    cv_.wait_for(lock, options_.min_gap, [this] { return stop_; });
  }
}

void CommitNotifyingDatabase::SubmitWrite(Job job, JobDone done) {
  inner_->SubmitWrite(std::move(job), [this, done = std::move(done)](std::exception_ptr ep) {
    if (!ep && on_commit_) on_commit_();
    done(ep);
  });
}

}  // namespace hejia::store
