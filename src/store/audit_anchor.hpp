// The audit chain's anchor: the committed head of the chain (entry number and hash), MACed with
// a key derived from the audit key (never in the database) and appended to a file outside the
// database. `hejia audit verify` checks that the chain still reaches every anchor with the
// anchored hash, so whoever can rewrite the database cannot cut the chain back to a head seen
// earlier (in a backup, say) and restore it unnoticed.
//
// Anchor file: one line per anchor, "v1 SEQ HASH AT MAC" (AT in unix millis, MAC the hex
// HMAC-SHA-512-256 of the text before it), written with O_APPEND, mode 0600, each line flushed
// to disk (fdatasync) before the next. The server anchors after commits, off the writer's path:
// at most one line per `min_gap`, so the anchor lags the committed chain by at most that plus one
// flush (and by `idle_period` for what other nodes of a PostgreSQL deployment commit).
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/clock.hpp"
#include "security/keys.hpp"
#include "store/audit.hpp"
#include "store/db.hpp"

namespace hejia::store {

/// One signed anchor line, without its newline.
std::string FormatAnchorLine(const security::KeyRing& keys, const AuditAnchor& anchor);

/// The anchor one line records; nullopt when the line is malformed or not MACed with `keys`.
std::optional<AuditAnchor> ParseAnchorLine(const security::KeyRing& keys, std::string_view line);

/// What an anchor file holds.
struct AnchorFile {
  bool exists = false;
  std::vector<AuditAnchor> anchors;
  std::string problem;  // non-empty: a line is malformed, forged or altered (names the line)
};

/// Reads and checks every line of an anchor file; a missing file is no problem (exists=false).
AnchorFile ReadAnchorFile(const std::string& path, const security::KeyRing& keys);

/// Appends one line and flushes it to disk (creates the file with mode 0600). Throws
/// std::runtime_error naming the path.
void AppendAnchorLine(const std::string& path, std::string_view line);

/// The committed head of the chain (seq 0 and no hash while it is empty); `at` is left 0.
AuditAnchor ReadAuditHead(Connection& conn);

/// Reads the head through `db` and appends it to `path` unless it equals `last` or the chain is
/// empty. Returns the head anchored (or read). For the command line and the anchorer.
AuditAnchor AnchorAuditHead(Database& db, const security::KeyRing& keys, const std::string& path,
                            int64_t now_ms, const std::optional<AuditAnchor>& last = {});

/// Anchors the head on its own thread: whenever Notify() says a write committed (at most once per
/// `min_gap`), and every `idle_period` for the commits of other nodes. Stop() anchors a last time.
class AuditAnchorer {
 public:
  struct Options {
    std::chrono::milliseconds min_gap = std::chrono::seconds(2);
    std::chrono::milliseconds idle_period = std::chrono::minutes(1);
  };
  AuditAnchorer(Database& db, std::shared_ptr<const security::KeyRing> keys, std::string path,
                const Clock& clock, Options options);
  ~AuditAnchorer();
  AuditAnchorer(const AuditAnchorer&) = delete;
  AuditAnchorer& operator=(const AuditAnchorer&) = delete;

  /// Anchors the current head on the caller's thread (throws when the file cannot be written),
  /// then starts the thread.
  void Start();
  /// A write committed: anchor soon. Cheap; any thread.
  void Notify();
  /// Anchors a last time and joins the thread. Call before the database stops.
  void Stop();
  const std::string& path() const { return path_; }

 private:
  void Loop();
  void Pass();

  Database& db_;
  std::shared_ptr<const security::KeyRing> keys_;
  std::string path_;
  const Clock& clock_;
  Options options_;
  std::optional<AuditAnchor> last_;  // the anchor thread's only
  std::mutex mu_;
  std::condition_variable cv_;
  bool dirty_ = false;
  bool stop_ = false;
  std::thread thread_;
};

/// A database that calls `on_commit` (on the committing thread) after each write that committed;
/// everything else goes to the database it wraps.
class CommitNotifyingDatabase final : public Database {
 public:
  CommitNotifyingDatabase(std::unique_ptr<Database> inner, std::function<void()> on_commit)
      : inner_(std::move(inner)), on_commit_(std::move(on_commit)) {}
  Dialect dialect() const override { return inner_->dialect(); }
  void SubmitRead(Job job, JobDone done) override {
    inner_->SubmitRead(std::move(job), std::move(done));
  }
  void SubmitWrite(Job job, JobDone done) override;
  void Stop() override { inner_->Stop(); }

 private:
  std::unique_ptr<Database> inner_;
  std::function<void()> on_commit_;
};

}  // namespace hejia::store
