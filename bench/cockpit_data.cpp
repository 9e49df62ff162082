// `hejia_bench cockpit-data`: the records the cockpit's run reads besides the city (issue 13,
// point 8): `cases` help requests and `visits` visits spread over last year and this one up to
// now, on the run's copy of the database. Plain rows through the server's own SQLite connection:
// the figures read codes, paths and times only, so the sealed texts stay empty.
#include <iostream>
#include <random>

#include "bench.hpp"
#include "common/clock.hpp"

namespace hejia::bench {

int CockpitData(const CockpitDataOptions& o) {
  constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
  RawConnection c(o.db_path, "PRAGMA synchronous=OFF;");
  std::vector<std::pair<std::string, std::string>> villages;  // code, path
  for (const auto& r : c.Query("SELECT code, path FROM regions WHERE level = 'village' AND "
                               "retired = 0 ORDER BY code"))
    villages.emplace_back(r.Text(0), r.Text(1));
  struct Household {
    int64_t id;
    std::string grid, path;
  };
  std::vector<Household> households;
  for (const auto& r : c.Query("SELECT id, grid_code, region_path FROM households ORDER BY id"))
    households.push_back({r.Int(0), r.Text(1), r.Text(2)});
  std::vector<int64_t> people;
  for (const auto& r : c.Query("SELECT id FROM people ORDER BY id LIMIT 300000"))
    people.push_back(r.Int(0));
  if (villages.empty() || households.empty() || people.empty()) {
    std::cerr << "no city to add to: run generate first\n";
    return 1;
  }
  const int64_t now = SystemClock().NowMillis();
  const int year = std::stoi(FormatBeijing(now).substr(0, 4));
  const int64_t from = BeijingDateStartMillis(std::to_string(year - 1) + "-01-01");
  const auto span = static_cast<uint64_t>(now - kDayMs - from);
  std::mt19937_64 gen(20261205);
  c.Execute("BEGIN IMMEDIATE");
  static constexpr const char* kCategories[] = {"marriage", "family", "neighbour", "property",
                                                "domestic_violence"};
  for (int i = 0; i < o.cases; ++i) {
    const auto& [code, path] = villages[gen() % villages.size()];
    const int64_t created = from + static_cast<int64_t>(gen() % span);
    const int roll = static_cast<int>(gen() % 100);
    // 75% agreed and closed, 10% rejected or withdrawn, the rest open.
    const char* status = roll < 60   ? "closed"
                         : roll < 75 ? "fulfilled"
                         : roll < 80 ? "rejected"
                         : roll < 85 ? "withdrawn"
                         : roll < 92 ? "mediating"
                                     : "registered";
    const bool resolved = roll < 75;
    c.Execute(
        "INSERT INTO cases (case_no, channel, category, status, level, region_code, region_path, "
        "night_clinic, created_at, updated_at, decided_at, resolved_at) "
        "VALUES (?, 'portal', ?, ?, 'village', ?, ?, ?, ?, ?, ?, ?)",
        {"BENCH" + std::to_string(1000000 + i), std::string(kCategories[gen() % 5]),
         std::string(status), code, path, int64_t{gen() % 12 == 0 ? 1 : 0}, created, created,
         roll < 80 || roll >= 85 ? store::Value(created + kDayMs) : store::Value(),
         resolved ? store::Value(created + static_cast<int64_t>(3 + gen() % 20) * kDayMs)
                  : store::Value()});
  }
  int64_t visit_id = c.QueryOne("SELECT COALESCE(MAX(id), 0) FROM visits")->Int(0);
  for (int i = 0; i < o.visits; ++i) {
    const int roll = static_cast<int>(gen() % 10);
    // 70% must-visits over 90% of the households, 20% care visits, 10% key-family contacts.
    const auto& h = households[gen() % (households.size() * 9 / 10)];
    const char* kind = roll < 7 ? "must_visit" : roll < 9 ? "care" : "key_family_contact";
    const bool problem = roll < 7 && gen() % 30 == 0;
    const int64_t at = from + static_cast<int64_t>(gen() % span);
    c.Execute(
        "INSERT INTO visits (id, household_id, region_code, region_path, level, visited_at, kind, "
        "mode, problem_found, action, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, 'grid', ?, ?, 'home', ?, ?, ?, ?)",
        {++visit_id, h.id, h.grid, h.path, at, std::string(kind), int64_t{problem ? 1 : 0},
         std::string(problem && gen() % 5 != 0 ? "settled" : "none"), at, at});
    if (roll == 7 || roll == 8) {
      const int met = 1 + static_cast<int>(gen() % 3);
      for (int k = 0; k < met; ++k)
        c.Execute(
            "INSERT INTO visit_people (visit_id, person_id, category) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            {visit_id, people[gen() % people.size()],
             std::string(gen() % 2 ? "low_income" : "elderly_alone")});
    }
  }
  c.Execute("COMMIT");
  std::cout << "cockpit_cases=" << o.cases << "\ncockpit_visits=" << o.visits << '\n';
  return 0;
}

}  // namespace hejia::bench
