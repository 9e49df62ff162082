// SQLite: WAL, synchronous=FULL, one writer thread with group commit, a pool of readers.
#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "store/db.hpp"
#include "store/job_queue.hpp"
#include "store/sqlite_connection.hpp"

namespace hejia::store {

const char* const kSqliteServerPragmas =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;"
    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;";

void BindSqliteParams(sqlite3_stmt* stmt, std::span<const Value> params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    const int idx = static_cast<int>(i + 1);
    if (v.IsNull())
      sqlite3_bind_null(stmt, idx);
    else if (v.IsInt())
      sqlite3_bind_int64(stmt, idx, v.Int());
    else if (v.IsReal())
      sqlite3_bind_double(stmt, idx, v.Real());
    else
      sqlite3_bind_text(stmt, idx, v.TextRef().data(), static_cast<int>(v.TextRef().size()),
                        SQLITE_STATIC);
  }
}

namespace {

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::string_view pragmas) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw DbError("cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    if (!pragmas.empty()) ExecuteScript(pragmas);
  }
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  sqlite3* handle() const { return db_; }

  std::vector<Row> Query(std::string_view sql, std::span<const Value> params) override {
    std::vector<Row> rows;
    QueryEach(sql, params, [&](const Row& r) { rows.push_back(r); });
    return rows;
  }

  void QueryEach(std::string_view sql, std::span<const Value> params,
                 const std::function<void(const Row&)>& each) override {
    sqlite3_stmt* stmt = Prepare(sql, params);
    // Reset however the loop ends (`each` may throw).
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() { sqlite3_reset(s); }
    } reset{stmt};
    const int ncol = sqlite3_column_count(stmt);
    Row row(std::vector<Value>(static_cast<size_t>(ncol)));
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Fail(stmt, rc);
      for (int i = 0; i < ncol; ++i) {
        Value& cell = row.Cell(static_cast<size_t>(i));
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER:
            cell.SetInt(sqlite3_column_int64(stmt, i));
            break;
          case SQLITE_FLOAT:
            cell.SetReal(sqlite3_column_double(stmt, i));
            break;
          case SQLITE_NULL:
            cell.SetNull();
            break;
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            cell.SetText(std::string_view(p ? p : "", sqlite3_column_bytes(stmt, i)));
          }
        }
      }
      each(row);
    }
  }

  int64_t Execute(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* stmt = Prepare(sql, params);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Fail(stmt, rc);
    }
    sqlite3_reset(stmt);
    return sqlite3_changes64(db_);
  }

  void ExecuteScript(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw DbError("SQLite: " + msg);
    }
  }

 private:
  sqlite3_stmt* Prepare(std::string_view sql, std::span<const Value> params) {
    auto it = cache_.find(sql);
    sqlite3_stmt* stmt = nullptr;
    if (it == cache_.end()) {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        throw DbError(std::string("SQLite prepare: ") + sqlite3_errmsg(db_));
      cache_.emplace(std::string(sql), stmt);
    } else {
      stmt = it->second;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      throw DbError("SQLite: wrong number of parameters");
    BindSqliteParams(stmt, params);
    return stmt;
  }

  [[noreturn]] void Fail(sqlite3_stmt* stmt, int rc) {
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(stmt);
    throw DbError("SQLite: " + msg, (rc & 0xff) == SQLITE_CONSTRAINT);
  }

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const OpenOptions& options)
      : path_(std::move(path)),
        linger_(options.group_commit_wait_us),
        checkpoint_frames_(std::max(1, options.checkpoint_frames)),
        wal_restart_frames_(std::max(checkpoint_frames_, options.wal_restart_frames)),
        wal_limit_frames_(2 * wal_restart_frames_) {
    // Open the writer first so the file and WAL mode exist before readers attach.
    // The writer does not checkpoint as it commits (wal_autocheckpoint=0): a checkpoint copies
    // pages into the database file and fsyncs it, and inside the writer that stalls every queued
    // commit. A checkpointer thread on its own connection does it instead (see CheckpointLoop).
    // Page caches: 32 MB on each reader (what lists and searches read), 8 MB on the writer (the
    // paths down the B-trees a write touches; what it appends is written once and not read back
    // by it) and 1 MB on the checkpointer (it copies WAL frames without the cache). Caches only
    // grow until full, so the server's memory stays under base + 8 + 1 + 32 MB per reader.
    auto writer = std::make_shared<SqliteConnection>(
        path_, std::string(kSqliteServerPragmas) +
                   "PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=-8000;");
    sqlite3_wal_hook(writer->handle(), &SqliteDatabase::WalHook, this);
    writer_thread_ = std::thread([this, writer] { WriterLoop(*writer); });
    auto checkpointer = std::make_shared<SqliteConnection>(
        path_, std::string(kSqliteServerPragmas) + "PRAGMA cache_size=-1000;");
    checkpoint_thread_ = std::thread([this, checkpointer] { CheckpointLoop(*checkpointer); });
    for (int i = 0; i < std::max(1, options.readers); ++i) {
      auto conn = std::make_shared<SqliteConnection>(
          path_, std::string(kSqliteServerPragmas) + "PRAGMA query_only=1;");
      reader_threads_.emplace_back([this, conn] { ReaderLoop(*conn); });
    }
  }
  ~SqliteDatabase() override { Stop(); }

  Dialect dialect() const override { return Dialect::kSqlite; }

  void SubmitRead(Job job, JobDone done) override {
    reads_.Push({std::move(job), std::move(done)});
  }
  void SubmitWrite(Job job, JobDone done) override {
    writes_.Push({std::move(job), std::move(done)});
  }

  void Stop() override {
    std::lock_guard lock(stop_mu_);
    if (stopped_) return;
    stopped_ = true;
    writes_.Stop();
    reads_.Stop();
    if (writer_thread_.joinable()) writer_thread_.join();
    {
      std::lock_guard cp_lock(checkpoint_mu_);
      checkpoint_stop_ = true;
    }
    checkpoint_cv_.notify_all();
    if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
    for (auto& t : reader_threads_)
      if (t.joinable()) t.join();
  }

 private:
  void ReaderLoop(Connection& conn) {
    for (;;) {
      auto batch = reads_.Take(1);
      if (batch.empty()) return;
      for (auto& p : batch) {
        std::exception_ptr ep;
        try {
          p.job(conn);
        } catch (...) {
          ep = std::current_exception();
        }
        p.done(ep);
      }
    }
  }

  // The WAL, and how it is kept short without stalling the writer:
  // - The checkpointer thread, on its own connection, copies pages back into the database file
  //   once checkpoint_frames_ frames have been appended since its last pass (the writer's WAL hook
  //   reports the WAL's size after each commit). PASSIVE: it never waits for readers or blocks
  //   the writer. (The WAL's size alone is no trigger: under a steady load the WAL does not start
  //   over by itself, and the checkpointer would run back to back, its fsyncs queueing with the
  //   writer's.)
  // - The WAL starts over only when a write begins after a checkpoint copied every frame back,
  //   which never happens while commits keep coming. So once the WAL is wal_restart_frames_ long,
  //   the checkpointer also flushes the database file (the long fsync, off the writer's path) and
  //   tells the writer, which then checkpoints the last few commits itself between two batches:
  //   the next batch starts the WAL over, and its file is overwritten in place from then on.
  // - Should readers pin the WAL past twice that, a RESTART checkpoint waits for them, so the file
  //   cannot grow without bound. One last checkpoint at shutdown.
  bool CheckpointDue() const { return wal_frames_ - checkpointed_frames_ >= checkpoint_frames_; }

  void CheckpointLoop(SqliteConnection& conn) {
    for (;;) {
      bool stop = false;
      int seen = 0;
      {
        std::unique_lock lock(checkpoint_mu_);
        checkpoint_cv_.wait(lock, [&] { return checkpoint_stop_ || CheckpointDue(); });
        stop = checkpoint_stop_;
        seen = wal_frames_;
      }
      bool restart_ready = false;
      try {
        auto row = conn.QueryOne("PRAGMA wal_checkpoint(PASSIVE)");
        if (row) seen = std::max(seen, static_cast<int>(row->Int(1)));
        if (row && row->Int(1) > wal_limit_frames_) conn.QueryOne("PRAGMA wal_checkpoint(RESTART)");
        if (seen >= wal_restart_frames_) restart_ready = SyncDatabaseFile(conn);
      } catch (const std::exception& e) {
        spdlog::warn("WAL checkpoint: {}", e.what());
      }
      {
        // What this pass looked at (copied back, or left for readers still using it) is not
        // looked at again until checkpoint_frames_ more frames have come.
        std::lock_guard lock(checkpoint_mu_);
        checkpointed_frames_ = std::max(checkpointed_frames_, seen);
        if (restart_ready) restart_ready_ = true;
      }
      if (stop) return;
    }
  }

  // fsyncs the database file through SQLite's own file handle (and its sync settings). A PASSIVE
  // checkpoint that does not reach the WAL's end leaves the pages it wrote to the kernel; this
  // writes them out before the writer's checkpoint would have to.
  static bool SyncDatabaseFile(SqliteConnection& conn) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(conn.handle(), "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
            SQLITE_OK ||
        file == nullptr || file->pMethods == nullptr)
      return false;
    return file->pMethods->xSync(file, SQLITE_SYNC_FULL) == SQLITE_OK;
  }

  // Between two batches, once the checkpointer has flushed the database file: checkpoint the last
  // commits so that the next batch starts the WAL over. PASSIVE, so it never waits: while the
  // checkpointer is in a pass, or a reader still uses the WAL, it is tried again after the next
  // batch.
  void RestartWal(Connection& conn) {
    {
      std::lock_guard lock(checkpoint_mu_);
      if (!restart_ready_) return;
      if (wal_frames_ < wal_restart_frames_) {  // started over already
        restart_ready_ = false;
        return;
      }
    }
    try {
      auto row = conn.QueryOne("PRAGMA wal_checkpoint(PASSIVE)");
      // Done when it was not busy and copied every frame: the next write starts the WAL over.
      if (row && row->Int(0) == 0 && row->Int(1) == row->Int(2)) {
        std::lock_guard lock(checkpoint_mu_);
        restart_ready_ = false;
      }
    } catch (const std::exception& e) {
      spdlog::warn("WAL checkpoint: {}", e.what());
    }
  }

  static int WalHook(void* self, sqlite3*, const char*, int frames) {
    auto* db = static_cast<SqliteDatabase*>(self);
    bool wake = false;
    {
      std::lock_guard lock(db->checkpoint_mu_);
      // Frames only grow within one WAL; fewer means the writer started it over.
      if (frames < db->wal_frames_) db->checkpointed_frames_ = 0;
      db->wal_frames_ = frames;
      wake = db->CheckpointDue();
    }
    if (wake) db->checkpoint_cv_.notify_one();
    return SQLITE_OK;
  }

  // Group commit: every job that queued while the previous fsync ran joins one transaction, each
  // inside its own savepoint, so one failing job rolls back alone. Under load, the requests
  // answered by one commit come back while the next batch runs, and would settle into two
  // alternating half batches, each waiting for the other's fsync; so when fewer jobs are queued
  // than the last batch held, the writer waits up to `linger_` for that many. One client alone
  // never waits (its last batch held one job).
  void WriterLoop(Connection& conn) {
    size_t last_batch = 1;
    for (;;) {
      auto batch = writes_.Take(512, last_batch, linger_);
      if (batch.empty()) return;
      last_batch = batch.size();
      std::vector<JobDone> committed;
      try {
        conn.Execute("BEGIN IMMEDIATE");
      } catch (...) {
        for (auto& p : batch) p.done(std::current_exception());
        continue;
      }
      for (auto& p : batch) {
        try {
          conn.Execute("SAVEPOINT job");
          p.job(conn);
          conn.Execute("RELEASE job");
          committed.push_back(std::move(p.done));
        } catch (...) {
          auto ep = std::current_exception();
          try {
            conn.Execute("ROLLBACK TO job");
            conn.Execute("RELEASE job");
          } catch (...) {
          }
          p.done(ep);
        }
      }
      std::exception_ptr commit_error;
      try {
        conn.Execute("COMMIT");
      } catch (...) {
        commit_error = std::current_exception();
        try {
          conn.Execute("ROLLBACK");
        } catch (...) {
        }
      }
      for (auto& d : committed) d(commit_error);
      RestartWal(conn);
    }
  }

  std::string path_;
  std::chrono::microseconds linger_;
  int checkpoint_frames_;
  int wal_restart_frames_;
  int wal_limit_frames_;
  JobQueue reads_;
  JobQueue writes_;
  std::thread writer_thread_;
  std::vector<std::thread> reader_threads_;
  std::thread checkpoint_thread_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  int wal_frames_ = 0;           // the WAL's size after the last commit, in frames
  int checkpointed_frames_ = 0;  // the WAL's size when the last checkpoint ran
  bool restart_ready_ = false;   // the database file was flushed at wal_restart_frames_
  bool checkpoint_stop_ = false;
  std::mutex stop_mu_;
  bool stopped_ = false;
};

}  // namespace

std::unique_ptr<Connection> OpenSqliteConnection(const std::string& path,
                                                 std::string_view pragmas) {
  return std::make_unique<SqliteConnection>(path, pragmas);
}

std::unique_ptr<Database> OpenSqlite(const std::string& path, const OpenOptions& options) {
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  auto db = std::make_unique<SqliteDatabase>(path, options);
  // The files hold applicants' names beside their categories: the owner's only, also when an
  // older version (or another program) made them readable to others.
  namespace fs = std::filesystem;
  for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
    std::error_code ec;
    if (fs::exists(file, ec))
      fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace, ec);
  }
  return db;
}

}  // namespace hejia::store
