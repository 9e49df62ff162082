// The sqlite3 C API baseline: exactly the statements the server's handlers run, replayed in a
// loop with plain prepared statements. The statements are not copied by hand: the repository
// functions the handlers call are run once per request in the cycle through a recording
// connection, so the baseline follows the repository when its SQL changes.
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>
#include <unordered_map>

#include "api/people_common.hpp"
#include "app/app.hpp"
#include "bench.hpp"
#include "domain/id_card.hpp"
#include "security/field_cipher.hpp"
#include "store/audit.hpp"
#include "store/key_family_repo.hpp"
#include "store/people_repo.hpp"
#include "store/visit_repo.hpp"
#include "store/visits_table.hpp"

namespace hejia::bench {
namespace {

using Recorded = RawConnection::Recorded;
/// One request's statements.
using Request = std::vector<Recorded>;

// The pragmas of the server's connections (store/sqlite_db.cpp).
const char* const kServerPragmas = store::kSqliteServerPragmas;

std::vector<int64_t> ReadIds(const std::string& file) {
  std::ifstream in(file);
  std::vector<int64_t> ids;
  for (int64_t id; in >> id;) ids.push_back(id);
  if (ids.empty()) throw std::runtime_error("no ids in " + file);
  return ids;
}

/// Replays recorded requests on its own connection, statements prepared once.
class Replayer {
 public:
  explicit Replayer(const std::string& db_path) {
    if (sqlite3_open_v2(db_path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + db_path);
    Exec(kServerPragmas);
    Exec("PRAGMA query_only=1;");
  }
  ~Replayer() {
    for (auto& [sql, stmt] : stmts_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Replayer(const Replayer&) = delete;
  Replayer& operator=(const Replayer&) = delete;

  /// Runs every statement of `r` to the end, reading every column; returns the rows seen.
  int64_t Run(const Request& r) {
    int64_t rows = 0;
    for (const auto& q : r) {
      sqlite3_stmt* stmt = Statement(q.sql);
      store::BindSqliteParams(stmt, q.params);
      int rc;
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ++rows;
        const int n = sqlite3_column_count(stmt);
        for (int i = 0; i < n; ++i) {
          if (sqlite3_column_type(stmt, i) == SQLITE_INTEGER)
            sink_ += sqlite3_column_int64(stmt, i);
          else
            sink_ += sqlite3_column_bytes(stmt, i) + (sqlite3_column_text(stmt, i) != nullptr);
        }
      }
      if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
      sqlite3_reset(stmt);
    }
    return rows;
  }

 private:
  void Exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db_));
  }
  sqlite3_stmt* Statement(const std::string& sql) {
    auto it = stmts_.find(sql);
    if (it != stmts_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_));
    stmts_.emplace(sql, stmt);
    return stmt;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> stmts_;
  int64_t sink_ = 0;
};

/// Runs `body(thread, iteration)` on `threads` threads for `seconds`; returns calls per second.
template <class F>
double Loop(int threads, double seconds, F body) {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> total{0};
  std::vector<std::thread> pool;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      int64_t n = 0;
      while (!stop.load(std::memory_order_relaxed)) body(t, n++);
      total += n;
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(total.load()) / elapsed;
}

/// Replays `requests` in a cycle, each thread from its own offset, on 1 and 2 threads.
void MeasureReads(const std::string& name, const std::string& db_path,
                  const std::vector<Request>& requests, double seconds) {
  for (int threads : {1, 2}) {
    std::vector<std::unique_ptr<Replayer>> conns;
    for (int t = 0; t < threads; ++t) conns.push_back(std::make_unique<Replayer>(db_path));
    const size_t n = requests.size();
    const double qps = Loop(threads, seconds, [&](int t, int64_t i) {
      conns[t]->Run(requests[(static_cast<size_t>(i) + t * n / 2) % n]);
    });
    std::cout << "baseline " << name << ' ' << threads << ' ' << static_cast<int64_t>(qps)
              << std::endl;
  }
}

/// Prints each statement of `r` with its bound values, its query plan and its mean time.
void Explain(RawConnection& c, const std::string& name, const Request& r) {
  for (const auto& q : r) {
    std::cout << "-- " << name << ": " << q.sql << "\n   values:";
    for (const auto& v : q.params) std::cout << " [" << v.Text() << ']';
    std::cout << '\n';
    for (const auto& row : c.Query("EXPLAIN QUERY PLAN " + q.sql, q.params))
      std::cout << "   plan: " << row.Text(3) << '\n';
    const Request one{q};
    Replayer replay(c.path());
    int64_t rows = replay.Run(one);
    const double qps = Loop(1, 0.5, [&](int, int64_t) { replay.Run(one); });
    std::cout << "   rows " << rows << ", " << 1e6 / qps << " us each\n";
  }
}

http::Principal TownStaff(const std::string& town_code, const std::string& town_path) {
  http::Principal p;
  p.login = "town";
  p.role = domain::Role::kTownStaff;
  p.region_code = town_code;
  p.region_path = town_path;
  return p;
}

domain::PersonFields NewPerson(int64_t n) {
  // Birth dates and sequence numbers that no generated person has (region 330798 is not used).
  char birth[16];
  std::snprintf(birth, sizeof birth, "%04d%02d%02d", 1960 + static_cast<int>(n / 28000 % 40),
                static_cast<int>(n / 1000 % 28 % 12) + 1, static_cast<int>(n / 1000 % 28) + 1);
  domain::PersonFields p;
  const bool female = n % 2 == 0;
  // Names vary as in bench/create_person.lua, so the duplicate lookups find what a real create
  // finds.
  static const char* const kSurnames[] = {"王", "李", "张", "刘", "陈",
                                          "杨", "黄", "赵", "吴", "周"};
  static const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳",
                                       "勇", "军", "杰", "娟", "涛", "明", "超", "秀", "霞", "平"};
  p.name = std::string(kSurnames[n % 10]) + kGiven[n / 10 % 20] + kGiven[n / 200 % 20];
  p.gender = female ? "female" : "male";
  p.birth_date =
      std::string(birth, 4) + "-" + std::string(birth + 4, 2) + "-" + std::string(birth + 6, 2);
  p.id_number = domain::MakeIdCard("330798", birth, static_cast<int>(n % 1000), female);
  char phone[16];
  std::snprintf(phone, sizeof phone, "137%08lld", static_cast<long long>(n % 100000000));
  p.phone = phone;
  p.address_detail = "永康市东城街道基准路" + std::to_string(n % 300 + 1) + "号";
  p.relation = "子女";
  return p;
}

}  // namespace

int Baseline(const BaselineOptions& o) {
  const auto person_ids = ReadIds(o.ids_dir + "/people_ids.txt");
  const auto household_ids = ReadIds(o.ids_dir + "/household_ids.txt");
  auto keys = app::LoadKeys("sqlite:" + o.db_path, "");
  security::FieldCipher cipher(keys);

  RawConnection rec(o.db_path, kServerPragmas);
  auto town = rec.QueryOne("SELECT path FROM regions WHERE code = ?", {o.town_code});
  if (!town) throw std::runtime_error("no region " + o.town_code);
  const http::Principal caller = TownStaff(o.town_code, town->Text(0));
  const api::ScopeFilter scope = api::ScopeOf(caller);

  // GET /people/{id}: the handler's one read job.
  std::vector<Request> show;
  for (int64_t id : person_ids) {
    Request r;
    rec.RecordInto(&r);
    if (!store::FindPerson(rec, scope, id)) throw std::runtime_error("person not in scope");
    rec.RecordInto(nullptr);
    show.push_back(std::move(r));
  }
  // GET /households?region=TOWN&q=NAME&page=1..N&page_size=25: the read job of the list, twice
  // per page: "cold", with the repository's in-process caches (list totals, matching ids) dropped
  // first, and "warm", the same call again at once, i.e. what the server runs while its caches
  // are fresh (they live a few seconds and every household or person write drops them). Also
  // without the filter, to tell the filter's cost from the rest.
  auto record_pages = [&](const std::string& name_filter, std::vector<Request>& cold,
                          std::vector<Request>& warm) {
    int64_t total = -1;
    for (int page = 1; page <= o.pages; ++page) {
      store::HouseholdFilter filter;
      filter.head_name_contains = name_filter;
      const store::PageSpec spec{o.page_size, static_cast<int64_t>(page - 1) * o.page_size, true};
      for (auto* into : {&cold, &warm}) {
        if (into == &cold) store::ListTotalsChanged();
        Request r;
        rec.RecordInto(&r);
        const api::ScopeFilter narrowed =
            api::people::RequestScope(rec, caller, std::optional<std::string>(o.town_code));
        auto result = store::ListHouseholds(rec, narrowed, filter, store::HouseholdSort::kId, spec);
        rec.RecordInto(nullptr);
        if (result.items.size() != static_cast<size_t>(o.page_size))
          throw std::runtime_error("page " + std::to_string(page) + " is not full");
        total = result.total;
        into->push_back(std::move(r));
      }
    }
    return total;
  };
  std::vector<Request> page_cold, page_warm, all_cold, all_warm;
  const int64_t total = record_pages(o.name_filter, page_cold, page_warm);
  record_pages("", all_cold, all_warm);
  std::cout << "households_total " << total << '\n';
  // GET /key-families?page=1..N&page_size=25: the town's key families, newest first, cold and
  // warm as above (after `hejia_bench list-families`).
  std::vector<Request> families_cold, families_warm;
  if (o.families) {
    store::RegionNames warm_names;
    warm_names.Names(rec);  // read once before recording, as the server's copy is
    for (int page = 1; page <= o.pages; ++page) {
      const store::PageSpec spec{o.page_size, static_cast<int64_t>(page - 1) * o.page_size, true};
      for (auto* into : {&families_cold, &families_warm}) {
        // Cold: the region names are read afresh too (a new copy); warm: the server's copy.
        store::RegionNames cold_names;
        store::RegionNames& names = into == &families_cold ? cold_names : warm_names;
        if (into == &families_cold) store::ListTotalsChanged();
        Request r;
        rec.RecordInto(&r);
        const api::ScopeFilter narrowed = api::people::RequestScope(rec, caller, std::nullopt);
        std::vector<domain::KeyFamily> rows;
        const int64_t families = store::ListFamilies(rec, names, narrowed, {}, "id", spec, rows);
        rec.RecordInto(nullptr);
        if (rows.size() != static_cast<size_t>(o.page_size))
          throw std::runtime_error("families page " + std::to_string(page) + " is not full");
        if (page == 1 && into == &families_cold) std::cout << "families_total " << families << '\n';
        into->push_back(std::move(r));
      }
    }
  }
  if (o.explain) {
    Explain(rec, "show", show.front());
    for (const auto& r : page_cold) Explain(rec, "page (cold)", r);
    for (const auto& r : page_warm) Explain(rec, "page (warm)", r);
    Explain(rec, "page without filter (cold)", all_cold.back());
    Explain(rec, "page without filter (warm)", all_warm.back());
    if (o.families) {
      Explain(rec, "families (cold)", families_cold.front());
      Explain(rec, "families (warm)", families_warm.back());
    }
    return 0;
  }
  std::cout << "statements show " << show.front().size() << " page_cold "
            << page_cold.front().size() << " page_warm " << page_warm.front().size() << '\n';

  MeasureReads("show", o.db_path, show, o.seconds);
  MeasureReads("page", o.db_path, page_warm, o.seconds);
  MeasureReads("page_cold", o.db_path, page_cold, o.seconds);
  MeasureReads("page_nofilter", o.db_path, all_warm, o.seconds);
  MeasureReads("page_nofilter_cold", o.db_path, all_cold, o.seconds);
  if (o.families) {
    MeasureReads("families", o.db_path, families_warm, o.seconds);
    MeasureReads("families_cold", o.db_path, families_cold, o.seconds);
  }

  // POST /people, the statements alone: the id, then one INSERT with the ciphertexts (bound to
  // the row id) per transaction, synchronous=FULL, one thread.
  const int64_t now = SystemClock().NowMillis();
  const std::string hh_path = [&] {
    auto row = rec.QueryOne("SELECT region_path FROM households WHERE id = ?", {household_ids[0]});
    return row->Text(0);
  }();
  const double inserts = Loop(1, o.seconds, [&](int, int64_t i) {
    const domain::PersonFields p = NewPerson(i);
    rec.Execute("BEGIN IMMEDIATE");
    store::InsertPerson(rec, cipher, household_ids[0], hh_path, p, now);
    rec.Execute("COMMIT");
  });
  std::cout << "baseline create_insert 1 " << static_cast<int64_t>(inserts) << std::endl;

  // The whole create handler's SQL in one transaction per request: household check, duplicate
  // lookups, insert + ciphertexts, member count, audit row, the masked person read back. Once as
  // the server commits (synchronous=FULL), once without waiting for the disk (NORMAL: the CPU
  // alone), which tells how much of a create is the fsync.
  // The audit row a create writes.
  auto audit_create = [&](const char* entity, int64_t id, const std::string& detail) {
    store::AuditEntry e;
    e.at = now;
    e.actor_login = caller.login;
    e.actor_role = std::string(domain::ToString(caller.role));
    e.ip = "127.0.0.1";
    e.entity = entity;
    e.entity_id = std::to_string(id);
    e.action = "create";
    e.result = "ok";
    e.detail = detail;
    store::AppendAudit(rec, *keys, e);
  };
  auto create = [&](int64_t first) {
    return Loop(1, o.seconds, [&](int, int64_t i) {
      const domain::PersonFields p = NewPerson(first + i);
      const int64_t hid = household_ids[static_cast<size_t>(i) % household_ids.size()];
      const domain::IdentityKey key{store::IdNumberIndex(cipher, p.id_number), p.name, p.birth_date,
                                    store::PhoneIndex(cipher, p.phone)};
      rec.Execute("BEGIN IMMEDIATE");
      auto household = store::LoadHousehold(rec, scope, hid);
      if (!household) throw std::runtime_error("household not in scope");
      store::FindPossibleDuplicates(rec, key, 0);
      const int64_t id = store::InsertPerson(rec, cipher, hid, household->row.region_path, p, now);
      store::AdjustMembers(rec, hid, +1);
      audit_create("person", id,
                   "fields=household_id,name,gender,birth_date,id_number,phone,address_detail");
      store::FindPerson(rec, scope, id);
      rec.Execute("COMMIT");
    });
  };
  std::cout << "baseline create_handler_sql 1 " << static_cast<int64_t>(create(1'000'000))
            << std::endl;
  rec.ExecuteScript("PRAGMA synchronous=NORMAL;");
  std::cout << "baseline create_handler_sql_nosync 1 " << static_cast<int64_t>(create(2'000'000))
            << std::endl;
  rec.ExecuteScript("PRAGMA synchronous=FULL;");

  // POST /visits/batch, the statements alone: per visit the household's check, the visit (its
  // findings sealed), its visitor and the volunteer's service record, and its audit row; 200
  // visits per transaction, synchronous=FULL, one thread. Visits per second.
  const int64_t volunteer = [&] {
    auto row = rec.QueryOne("SELECT MIN(id) FROM volunteers WHERE region_path LIKE ?",
                            {hh_path.substr(0, hh_path.find('/', 8) + 1) + "%"});
    return row && !row->IsNull(0) ? row->Int(0) : int64_t{0};
  }();
  constexpr int64_t kBatch = 200;
  const double batches = Loop(1, o.seconds, [&](int, int64_t i) {
    rec.Execute("BEGIN IMMEDIATE");
    for (int64_t k = 0; k < kBatch; ++k) {
      const int64_t hid = household_ids[static_cast<size_t>(i * kBatch + k) % household_ids.size()];
      auto household = store::LoadHousehold(rec, scope, hid);
      if (!household) throw std::runtime_error("household not in scope");
      domain::Visit v;
      v.household_id = hid;
      v.region = {household->row.grid_code, household->row.region_path, domain::RegionLevel::kGrid,
                  ""};
      v.visited_at = now - 3'600'000;
      v.situations = ",hardship,";
      v.people_met = "户主";
      v.findings = {"家庭情况稳定，已宣传求助渠道", true};
      v.client_id = "baseline-" + std::to_string(i) + "-" + std::to_string(k);
      const int64_t id = store::kit::Insert(rec, cipher, v, now);
      store::AddVisitors(rec, v, {},
                         volunteer ? std::vector<int64_t>{volunteer} : std::vector<int64_t>{}, 30,
                         now);
      audit_create("visit", id,
                   "fields=household_id,visited_at,kind,situations,mode,people_met,findings");
    }
    rec.Execute("COMMIT");
  });
  std::cout << "baseline visit_batch_sql 1 " << static_cast<int64_t>(batches * kBatch) << std::endl;
  return 0;
}

}  // namespace hejia::bench
