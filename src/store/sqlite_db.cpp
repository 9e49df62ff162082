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
    sqlite3_stmt* stmt = Prepare(sql, params);
    std::vector<Row> rows;
    const int ncol = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) Fail(stmt, rc);
      std::vector<Value> cells;
      cells.reserve(ncol);
      for (int i = 0; i < ncol; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER:
            cells.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, i)));
            break;
          case SQLITE_FLOAT:
            cells.emplace_back(sqlite3_column_double(stmt, i));
            break;
          case SQLITE_NULL:
            cells.emplace_back();
            break;
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            cells.emplace_back(std::string_view(p ? p : "", sqlite3_column_bytes(stmt, i)));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(stmt);
    return rows;
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
  SqliteDatabase(std::string path, const OpenOptions& options) : path_(std::move(path)) {
    // Open the writer first so the file and WAL mode exist before readers attach.
    // The writer never checkpoints (wal_autocheckpoint=0): a checkpoint copies pages into the
    // database file and fsyncs it, and inside the writer that stalls every queued commit. A
    // checkpointer thread on its own connection does it instead, after the WAL has grown.
    auto writer = std::make_shared<SqliteConnection>(
        path_, std::string(kSqliteServerPragmas) + "PRAGMA wal_autocheckpoint=0;");
    sqlite3_wal_hook(writer->handle(), &SqliteDatabase::WalHook, this);
    writer_thread_ = std::thread([this, writer] { WriterLoop(*writer); });
    auto checkpointer = std::make_shared<SqliteConnection>(path_, kSqliteServerPragmas);
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

  // Checkpoints from a connection of its own once the WAL holds kCheckpointFrames pages (the
  // writer's WAL hook reports its size after each commit), PASSIVE so it never waits for readers or
  // blocks the writer. Should the WAL still grow past kWalLimitFrames (readers holding old
  // snapshots), a RESTART checkpoint waits for them so the file cannot grow without bound. One last
  // checkpoint at shutdown.
  static constexpr int kCheckpointFrames = 1000;
  static constexpr int kWalLimitFrames = 64000;

  void CheckpointLoop(Connection& conn) {
    for (;;) {
      bool stop = false;
      {
        std::unique_lock lock(checkpoint_mu_);
        checkpoint_cv_.wait_for(lock, std::chrono::seconds(1), [&] {
          return checkpoint_stop_ || wal_frames_ >= kCheckpointFrames;
        });
        stop = checkpoint_stop_;
        wal_frames_ = 0;
      }
      try {
        auto row = conn.QueryOne("PRAGMA wal_checkpoint(PASSIVE)");
        if (row && row->Int(1) > kWalLimitFrames) conn.QueryOne("PRAGMA wal_checkpoint(RESTART)");
      } catch (const std::exception& e) {
        spdlog::warn("WAL checkpoint: {}", e.what());
      }
      if (stop) return;
    }
  }

  static int WalHook(void* self, sqlite3*, const char*, int frames) {
    auto* db = static_cast<SqliteDatabase*>(self);
    bool wake = false;
    {
      std::lock_guard lock(db->checkpoint_mu_);
      db->wal_frames_ = frames;
      wake = frames >= kCheckpointFrames;
    }
    if (wake) db->checkpoint_cv_.notify_one();
    return SQLITE_OK;
  }

  // Group commit: every job that queued while the previous fsync ran joins one transaction, each
  // inside its own savepoint, so one failing job rolls back alone.
  void WriterLoop(Connection& conn) {
    for (;;) {
      auto batch = writes_.Take(512);
      if (batch.empty()) return;
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
    }
  }

  std::string path_;
  JobQueue reads_;
  JobQueue writes_;
  std::thread writer_thread_;
  std::vector<std::thread> reader_threads_;
  std::thread checkpoint_thread_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  int wal_frames_ = 0;
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
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace hejia::store
