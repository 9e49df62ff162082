// The city-scale dataset: the application's own demo generator (app::GenerateCity, the same
// columns, ciphertexts, blind indexes and masks the API writes), scaled up and written through a
// plain connection without fsync. It is a throwaway file, rebuilt whenever it is incomplete.
// Also the roster of volunteers the import run uploads, in the import template's columns.
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "app/app.hpp"
#include "app/demo_city.hpp"
#include "bench.hpp"
#include "common/clock.hpp"
#include "domain/id_card.hpp"
#include "domain/region.hpp"
#include "domain/volunteer_import.hpp"
#include "security/password_hash.hpp"
#include "store/audit.hpp"
#include "store/migrations.hpp"

namespace hejia::bench {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int64_t Count(store::Connection& c, const std::string& sql) {
  return c.QueryOne(sql)->Int(0);
}

}  // namespace

int Generate(const CityOptions& o) {
  const auto start = Clock::now();
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(o.db_path + suffix);
  if (const auto dir = std::filesystem::path(o.db_path).parent_path(); !dir.empty())
    std::filesystem::create_directories(dir);
  auto keys = app::LoadKeys("sqlite:" + o.db_path, "");  // creates PATH.keys beside it
  security::FieldCipher cipher(keys);
  const std::string hash = security::HashPassword(o.password);
  const int64_t now = SystemClock().NowMillis();

  int64_t households = 0;
  {
    // A bulk load of a file nobody else has open: no fsync, no rollback journal on disk, and a
    // page cache large enough to hold the indexes while a million rows go in.
    RawConnection c(o.db_path,
                    "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; "
                    "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-1500000; "
                    "PRAGMA temp_store=MEMORY;");
    c.Execute("BEGIN");
    app::DemoScale scale;
    scale.villages_per_town = 18;
    scale.grids_per_village = 12;
    scale.households_per_grid = o.households_per_grid;
    scale.seed = o.seed;
    std::ostringstream accounts;
    households = app::LoadCity(c, cipher, *keys, hash, now, scale, accounts);
    c.Execute("COMMIT");
    std::cout << "generate_seconds=" << SecondsSince(start) << '\n';
    std::cout << "households=" << Count(c, "SELECT COUNT(*) FROM households") << '\n'
              << "people=" << Count(c, "SELECT COUNT(*) FROM people") << '\n'
              << "grids=" << Count(c, "SELECT COUNT(*) FROM regions WHERE level = 'grid'") << '\n'
              << "towns=" << Count(c, "SELECT COUNT(*) FROM regions WHERE level = 'town'") << '\n';
    c.ExecuteScript("PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=WAL;");
  }
  std::cout << "db_bytes=" << std::filesystem::file_size(o.db_path) << '\n'
            << "total_seconds=" << SecondsSince(start) << '\n';
  return households > 0 ? 0 : 1;
}

int Prepare(const std::string& db_path, const std::string& town_code, const std::string& out_dir) {
  RawConnection c(db_path, "PRAGMA query_only=1;");
  auto town = c.QueryOne("SELECT path FROM regions WHERE code = ?", {town_code});
  if (!town) {
    std::cerr << "no region " << town_code << '\n';
    return 1;
  }
  const std::string lower = town->Text(0), upper = domain::PathUpperBound(lower);
  std::filesystem::create_directories(out_dir);
  // A fixed shuffle: requests hit the town's rows in no particular order (no lucky locality),
  // and every run and the baseline walk the same sequence.
  std::mt19937_64 rng(7);
  auto write_ids = [&](const std::string& sql, const std::string& file) {
    std::vector<int64_t> ids;
    for (const auto& r : c.Query(sql, {lower, upper})) ids.push_back(r.Int(0));
    std::shuffle(ids.begin(), ids.end(), rng);
    std::ofstream out(out_dir + "/" + file);
    for (int64_t id : ids) out << id << '\n';
    return ids.size();
  };
  const size_t people = write_ids(
      "SELECT id FROM people WHERE region_path >= ? AND region_path < ?", "people_ids.txt");
  const size_t households = write_ids(
      "SELECT id FROM households WHERE region_path >= ? AND region_path < ?", "household_ids.txt");
  std::cout << "town_path=" << lower << '\n'
            << "town_people=" << people << '\n'
            << "town_households=" << households << '\n'
            << "people=" << Count(c, "SELECT COUNT(*) FROM people") << '\n'
            << "households=" << Count(c, "SELECT COUNT(*) FROM households") << '\n'
            << "grids=" << Count(c, "SELECT COUNT(*) FROM regions WHERE level = 'grid'") << '\n';
  return people > 0 && households > 0 ? 0 : 1;
}

}  // namespace hejia::bench

namespace hejia::bench {

int VolunteerRoster(const RosterOptions& o) {
  RawConnection conn(o.db_path, "");
  std::vector<std::string> villages;
  conn.QueryEach(
      "SELECT code FROM regions WHERE parent_code = ? AND level = 'village' AND retired = 0 "
      "ORDER BY code",
      std::vector<store::Value>{o.town_code},
      [&](const store::Row& r) { villages.push_back(r.Text(0)); });
  if (villages.empty()) throw std::runtime_error("no village in " + o.town_code);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(o.out_file.c_str(), &options);
  if (!wb) throw std::runtime_error("cannot write " + o.out_file);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  for (size_t c = 0; c < domain::kVolunteerImportColumns.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c),
                           std::string(domain::kVolunteerImportColumns[c].header).c_str(), nullptr);
  for (int i = 0; i < o.count; ++i) {
    // Region 330783 never occurs in the generated city: no number is a duplicate.
    const int day = i / 400;
    char birthday[9], phone[12];
    std::snprintf(birthday, sizeof birthday, "1981%02d%02d", day / 28 % 12 + 1, day % 28 + 1);
    std::snprintf(phone, sizeof phone, "136%08d", i);
    const std::string row[] = {"基准志愿者" + std::to_string(i),
                               "女",
                               phone,
                               domain::MakeIdCard("330783", birthday, (i % 400) * 2, true),
                               "巾帼志愿者",
                               villages[static_cast<size_t>(i) % villages.size()],
                               "",
                               "否",
                               "",
                               "2025-03-08",
                               "",
                               i % 2 ? "心理疏导" : "",
                               ""};
    for (size_t c = 0; c < std::size(row); ++c)
      if (!row[c].empty())
        worksheet_write_string(ws, static_cast<lxw_row_t>(i + 1), static_cast<lxw_col_t>(c),
                               row[c].c_str(), nullptr);
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + o.out_file);
  std::cout << "rows=" << o.count << '\n';
  return 0;
}

}  // namespace hejia::bench
