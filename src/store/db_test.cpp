#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <thread>

#include "store/db.hpp"
#include "store/job_queue.hpp"
#include "store/migrations.hpp"

namespace hejia::store {
namespace {

std::string TempDbUrl(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("hejia-db-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  return "sqlite:" + path.string();
}

TEST(SqliteGroupCommit, AFailingWriteRollsBackAloneWhileItsBatchCommits) {
  auto db = OpenDatabase(TempDbUrl("batch.db"));
  db->WriteSync([](Connection& c) { c.Execute("CREATE TABLE t (v INTEGER NOT NULL UNIQUE)"); });
  // Many writers at once so that jobs share batches; every tenth one violates the constraint
  // after writing a row, which must vanish with it.
  std::vector<std::future<bool>> results;
  for (int i = 0; i < 200; ++i) {
    results.push_back(std::async(std::launch::async, [&db, i] {
      try {
        db->WriteSync([i](Connection& c) {
          c.Execute("INSERT INTO t (v) VALUES (?)", {i + 1000});
          if (i % 10 == 0) c.Execute("INSERT INTO t (v) VALUES (?)", {i + 1000});  // duplicate
        });
        return true;
      } catch (const DbError& e) {
        EXPECT_TRUE(e.constraint());
        return false;
      }
    }));
  }
  int ok = 0;
  for (auto& r : results) ok += r.get() ? 1 : 0;
  EXPECT_EQ(ok, 180);
  const int64_t rows =
      db->ReadSync([](Connection& c) { return c.QueryOne("SELECT COUNT(*) FROM t")->Int(0); });
  EXPECT_EQ(rows, 180);
  const int64_t failed_rows = db->ReadSync([](Connection& c) {
    return c.QueryOne("SELECT COUNT(*) FROM t WHERE (v - 1000) % 10 = 0")->Int(0);
  });
  EXPECT_EQ(failed_rows, 0);
  db->Stop();
}

TEST(SqliteGroupCommit, TheWriterSurvivesAnyExceptionAJobThrows) {
  auto db = OpenDatabase(TempDbUrl("survive.db"));
  db->WriteSync([](Connection& c) { c.Execute("CREATE TABLE t (v INTEGER NOT NULL)"); });
  // A job's failure is its caller's alone, whatever it throws; the writer goes on.
  EXPECT_THROW(db->WriteSync([](Connection& c) {
    c.Execute("INSERT INTO t (v) VALUES (1)");
    return std::optional<int>{}.value();
  }),
               std::bad_optional_access);
  EXPECT_ANY_THROW(db->WriteSync([](Connection& c) {
    c.Execute("INSERT INTO t (v) VALUES (2)");
    throw 42;
  }));
  db->WriteSync([](Connection& c) { c.Execute("INSERT INTO t (v) VALUES (3)"); });
  EXPECT_EQ(db->ReadSync([](Connection& c) { return c.QueryOne("SELECT SUM(v) FROM t")->Int(0); }),
            3);
  db->Stop();
}

TEST(SqliteGroupCommit, AWriteIsVisibleToReadersOnceItCompletes) {
  auto db = OpenDatabase(TempDbUrl("visible.db"));
  db->WriteSync([](Connection& c) { c.Execute("CREATE TABLE t (v INTEGER)"); });
  for (int i = 0; i < 50; ++i) {
    db->WriteSync([i](Connection& c) { c.Execute("INSERT INTO t (v) VALUES (?)", {i}); });
    const int64_t n =
        db->ReadSync([](Connection& c) { return c.QueryOne("SELECT COUNT(*) FROM t")->Int(0); });
    ASSERT_EQ(n, i + 1);
  }
  db->Stop();
}

/// The WAL file's checkpoint sequence number (bytes 12-15 of its header, big-endian): SQLite
/// adds one each time the WAL starts over.
uint32_t WalCheckpointSequence(const std::filesystem::path& wal) {
  std::ifstream in(wal, std::ios::binary);
  unsigned char header[16] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  if (in.gcount() != sizeof header) return 0;
  return (uint32_t{header[12]} << 24) | (uint32_t{header[13]} << 16) | (uint32_t{header[14]} << 8) |
         uint32_t{header[15]};
}

TEST(SqliteWal, StartsOverUnderASteadyLoad) {
  // Small thresholds so that a few thousand commits cross them many times. Without the writer's
  // help the WAL never starts over while commits keep coming, and its file would hold every frame.
  // How long it grows between two restarts depends on how fast the checkpointer runs beside the
  // writer (a busy machine lets it grow longer), so the test looks for what must hold on any
  // machine: while commits keep coming, the WAL starts over (its header's checkpoint sequence
  // number moves on), and no row is lost.
  OpenOptions options;
  options.checkpoint_frames = 20;
  options.wal_restart_frames = 200;
  const std::string url = TempDbUrl("wal.db");
  auto db = OpenDatabase(url, options);
  db->WriteSync([](Connection& c) { c.Execute("CREATE TABLE t (v TEXT NOT NULL)"); });
  const auto wal = std::filesystem::path(url.substr(7) + "-wal");
  ASSERT_TRUE(std::filesystem::exists(wal));
  const uint32_t before = WalCheckpointSequence(wal);
  const std::string blob(3000, 'x');  // about a page per row
  auto insert = [&db, &blob] {
    db->WriteSync([&blob](Connection& c) { c.Execute("INSERT INTO t (v) VALUES (?)", {blob}); });
  };
  std::vector<std::future<void>> writers;
  for (int w = 0; w < 16; ++w)
    writers.push_back(std::async(std::launch::async, [&insert] {
      for (int i = 0; i < 250; ++i) insert();
    }));
  for (auto& w : writers) w.get();
  // Commits keep coming, one after another, until the WAL has started over: at once on an idle
  // machine; a busy one may need the checkpointer to catch up first. A minute is plenty for that.
  int64_t more = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (WalCheckpointSequence(wal) == before && std::chrono::steady_clock::now() < deadline) {
    insert();
    ++more;
  }
  EXPECT_NE(WalCheckpointSequence(wal), before) << "the WAL never started over";
  const int64_t rows =
      db->ReadSync([](Connection& c) { return c.QueryOne("SELECT COUNT(*) FROM t")->Int(0); });
  EXPECT_EQ(rows, 4000 + more);
  db->Stop();
}

TEST(JobQueue, LingersForAsManyJobsAsWantedButNoLonger) {
  // Waits are long and bounds generous: "no wait" means returning long before a minute's linger
  // ran out, which holds on the busiest machine.
  JobQueue q;
  auto push = [&q] { q.Push({[](Connection&) {}, [](std::exception_ptr) {}}); };
  push();
  // Enough already: no wait.
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(q.Take(8, 1, std::chrono::seconds(60)).size(), 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(30));
  // Fewer than wanted: waits, then takes what came.
  push();
  t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(q.Take(8, 3, std::chrono::milliseconds(50)).size(), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(50));
  // The wanted count arriving ends the wait at once.
  push();
  auto later = std::async(std::launch::async, [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    push();
  });
  t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(q.Take(8, 2, std::chrono::seconds(60)).size(), 2u);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(30));
  later.get();
}

TEST(Values, AreBoundNeverSpliced) {
  auto db = OpenDatabase(TempDbUrl("bind.db"));
  db->WriteSync([](Connection& c) {
    c.Execute("CREATE TABLE t (s TEXT)");
    c.Execute("INSERT INTO t (s) VALUES (?)", {"x'); DROP TABLE t; --"});
  });
  auto s = db->ReadSync([](Connection& c) { return c.QueryOne("SELECT s FROM t")->Text(0); });
  EXPECT_EQ(s, "x'); DROP TABLE t; --");
  db->Stop();
}

// QueryEach reuses one row for every row it reads: each row passed holds exactly what Query gives
// (a long text after a short one, a NULL or a number where a text was), and a callback that throws
// leaves the statement ready to run again.
TEST(QueryEach, PassesWhatQueryReturnsRowByRow) {
  auto db = OpenDatabase(TempDbUrl("each.db"));
  db->WriteSync([](Connection& c) {
    c.Execute("CREATE TABLE t (id INTEGER, v)");
    c.Execute(
        "INSERT INTO t VALUES (1, 'short'), (2, ?), (3, NULL), (4, 42), (5, '中文'), (6, 2.5)",
        {std::string(300, 'x')});
  });
  db->ReadSync([](Connection& c) {
    const std::string sql = "SELECT id, v FROM t WHERE id >= ? ORDER BY id";
    const Params from{int64_t{1}};
    const auto rows = c.Query(sql, from);
    size_t n = 0;
    c.QueryEach(sql, from, [&](const Row& r) {
      ASSERT_LT(n, rows.size());
      EXPECT_EQ(r.Int(0), rows[n].Int(0));
      EXPECT_EQ(r.IsNull(1), rows[n].IsNull(1)) << n;
      EXPECT_EQ(r[1].IsInt(), rows[n][1].IsInt()) << n;
      EXPECT_EQ(r.Text(1), rows[n].Text(1)) << n;
      ++n;
    });
    EXPECT_EQ(n, 6u);
    EXPECT_THROW(c.QueryEach(sql, from, [](const Row&) { throw std::runtime_error("stop"); }),
                 std::runtime_error);
    n = 0;
    c.QueryEach(sql, from, [&](const Row&) { ++n; });
    EXPECT_EQ(n, 6u);
    return 0;
  });
  db->Stop();
}

// View reads a text in place: "" for NULL, and a number is refused rather than shown as "".
TEST(RowView, ReadsATextInPlaceAndRefusesANumber) {
  const Row row(std::vector<Value>{Value("中文"), Value(), Value(int64_t{42})});
  EXPECT_EQ(row.View(0), "中文");
  EXPECT_EQ(row.View(0).data(), row[0].TextRef().data());
  EXPECT_EQ(row.View(1), "");
  EXPECT_THROW(row.View(2), DbError);
  EXPECT_THROW(row.View(3), std::out_of_range);
}

TEST(Migrations, AreIdempotentAndRefuseANewerSchema) {
  auto db = OpenDatabase(TempDbUrl("migrate.db"));
  EXPECT_EQ(db->WriteSync([](Connection& c) { return Migrate(c); }), LatestSchemaVersion());
  EXPECT_EQ(db->WriteSync([](Connection& c) { return Migrate(c); }), LatestSchemaVersion());
  db->WriteSync([](Connection& c) {
    c.Execute("INSERT INTO schema_version (version) VALUES (?)", {LatestSchemaVersion() + 1});
  });
  EXPECT_THROW(db->WriteSync([](Connection& c) { return Migrate(c); }), DbError);
  db->Stop();
}

TEST(RedactUrl, HidesThePasswordOfAPostgresUrl) {
  EXPECT_EQ(RedactUrl("postgresql://hejia:s3cret@db.local:5432/hejia"),
            "postgresql://hejia:***@db.local:5432/hejia");
  EXPECT_EQ(RedactUrl("sqlite:data/hejia.db"), "sqlite:data/hejia.db");
}

}  // namespace
}  // namespace hejia::store
