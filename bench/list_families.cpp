// `hejia_bench list-families`: lists `count` households of the city-scale dataset as key families
// (三色预警) for the key-families list's run of `make bench` — every n-th household across the
// city, so that a town's scope holds its share; 60% blue, 30% yellow, 10% red, listed in the last
// year, most contacted since. Through the application's own repository (store::InsertFamily: the
// same columns the API writes), in one transaction without fsync, on the run's throwaway copy.
#include <chrono>
#include <iostream>
#include <random>

#include "app/app.hpp"
#include "bench.hpp"
#include "common/clock.hpp"
#include "domain/key_family_record.hpp"
#include "security/field_cipher.hpp"
#include "store/key_family_repo.hpp"
#include "store/scope.hpp"

namespace hejia::bench {

int ListFamilies(const FamilyOptions& o) {
  auto keys = app::LoadKeys("sqlite:" + o.db_path, "");
  security::FieldCipher cipher(keys);
  constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
  RawConnection c(o.db_path, "PRAGMA synchronous=OFF;");
  std::vector<int64_t> households;
  for (const auto& r :
       c.Query("SELECT id FROM households WHERE id NOT IN "
               "(SELECT household_id FROM key_families WHERE retired = 0) ORDER BY id"))
    households.push_back(r.Int(0));
  if (households.size() < static_cast<size_t>(o.count)) {
    std::cerr << "only " << households.size() << " households\n";
    return 1;
  }
  const int64_t now = SystemClock().NowMillis();
  const auto everywhere = store::ScopeFilter::Within("/");
  const double step = static_cast<double>(households.size()) / o.count;
  std::mt19937_64 gen(20261203);
  c.Execute("BEGIN IMMEDIATE");
  int64_t made = 0;
  for (int i = 0; i < o.count; ++i) {
    const auto household =
        store::FindListableHousehold(c, everywhere, households[static_cast<size_t>(i * step)]);
    if (!household) continue;
    const int roll = static_cast<int>(gen() % 10);
    const auto colour = roll == 0  ? domain::RiskColour::kRed
                        : roll < 4 ? domain::RiskColour::kYellow
                                   : domain::RiskColour::kBlue;
    const int64_t listed = now - static_cast<int64_t>(1 + gen() % 365) * kDayMs;
    domain::KeyFamily family;
    family.name = household->head_name;
    family.region = household->grid;
    family.household_id = household->id;
    family.listed_at = listed;
    domain::TakeColour(family, colour, listed);
    family.assessed_at = listed;
    if (gen() % 5 != 0)
      domain::RecordContact(family, domain::FamilyContactKind::kVisit,
                            std::min(now, listed + static_cast<int64_t>(gen() % 40) * kDayMs),
                            false);
    store::InsertFamily(c, cipher, family, listed);
    ++made;
  }
  c.Execute("COMMIT");
  std::cout << "families=" << made << '\n';
  return made == o.count ? 0 : 1;
}

}  // namespace hejia::bench
