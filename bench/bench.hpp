// `hejia_bench`: the city-scale dataset and the sqlite3 C API baseline that `make bench`
// (scripts/bench.sh) prints beside the server's figures measured with wrk.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/db.hpp"
#include "store/sqlite_connection.hpp"

namespace hejia::bench {

/// What `hejia_bench generate` builds: 14 towns x 18 villages x 12 grids = 3,024 grids.
struct CityOptions {
  std::string db_path;
  std::string password;           // of the demo accounts
  int households_per_grid = 110;  // 3,024 x 110 = ~332,600 households, ~1,000,000 people
  uint64_t seed = 20261128;
};

/// Creates the database with the schema, the city and the demo accounts; prints counts and time.
int Generate(const CityOptions& options);

/// Writes the ids the wrk scripts use (people and households inside `town_code`) into `out_dir`
/// and prints `key=value` lines (the town's path, counts) for scripts/bench.sh.
int Prepare(const std::string& db_path, const std::string& town_code, const std::string& out_dir);

/// What `hejia_bench sign-incidents` writes: `count` signed police incident requests for the
/// partner `code` with `key`, in the town's villages, into `out_file` (sign_incidents.cpp).
struct SignOptions {
  std::string db_path, town_code, code, key, out_file;
  int count = 80000;
};
int SignIncidents(const SignOptions& options);

/// What `hejia_bench list-families` writes: `count` key families over the city's households
/// (list_families.cpp), for the key-families list's run.
struct FamilyOptions {
  std::string db_path;
  int count = 100000;
};
int ListFamilies(const FamilyOptions& options);

/// What `hejia_bench volunteer-roster` writes: an XLSX of `count` volunteers in the import
/// template's columns, in the villages of `town_code` (generate.cpp), for the import's run.
struct RosterOptions {
  std::string db_path, town_code, out_file;
  int count = 11656;
};
int VolunteerRoster(const RosterOptions& options);

/// What `hejia_bench cockpit-data` adds to the run's copy (cockpit_data.cpp): help requests and
/// visits over last year and this one, for the cockpit's run.
struct CockpitDataOptions {
  std::string db_path;
  int cases = 100000;
  int visits = 1000000;
};
int CockpitData(const CockpitDataOptions& options);

/// What `hejia_bench baseline` measures.
struct BaselineOptions {
  std::string db_path;
  std::string ids_dir;  // from Prepare
  std::string town_code;
  std::string name_filter;  // the households list's `q`
  bool families = false;    // also the key-families list (after list-families)
  int pages = 4;            // pages 1..pages are cycled, as the wrk script does
  int page_size = 25;
  double seconds = 3;
  bool explain = false;  // print the statements, their plans and times instead
};

/// The same SQL as the server's handlers, through the sqlite3 C API in a loop; prints
/// `baseline <name> <threads> <queries per second>` lines.
int Baseline(const BaselineOptions& options);

/// The server's own SQLite connection (store::OpenSqliteConnection) with pragmas of the caller's,
/// able to record what the application runs through it: the generator writes through it with
/// generation-only pragmas, and the baseline replays exactly the SQL the repository functions run.
class RawConnection final : public store::Connection {
 public:
  /// Opens (creating) `path`; `pragmas` run once after opening.
  RawConnection(const std::string& path, const std::string& pragmas)
      : path_(path), conn_(store::OpenSqliteConnection(path, pragmas)) {}

  store::Dialect dialect() const override { return store::Dialect::kSqlite; }
  std::vector<store::Row> Query(std::string_view sql,
                                std::span<const store::Value> params) override {
    Record(sql, params);
    return conn_->Query(sql, params);
  }
  int64_t Execute(std::string_view sql, std::span<const store::Value> params) override {
    Record(sql, params);
    return conn_->Execute(sql, params);
  }
  void ExecuteScript(std::string_view sql) override { conn_->ExecuteScript(sql); }
  using store::Connection::Execute;
  using store::Connection::Query;

  const std::string& path() const { return path_; }

  /// One statement as the application issued it.
  struct Recorded {
    std::string sql;
    std::vector<store::Value> params;
  };
  /// While set, every Query and Execute is also appended to `*sink` (null stops recording).
  void RecordInto(std::vector<Recorded>* sink) { sink_ = sink; }

 private:
  void Record(std::string_view sql, std::span<const store::Value> params) {
    if (sink_) sink_->push_back({std::string(sql), {params.begin(), params.end()}});
  }

  std::string path_;
  std::unique_ptr<store::Connection> conn_;
  std::vector<Recorded>* sink_ = nullptr;
};

}  // namespace hejia::bench
