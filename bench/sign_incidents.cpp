// `hejia_bench sign-incidents`: the police incidents `make bench` sends, each signed with the
// partner's key at the time of signing (the server takes a timestamp within 5 minutes, so they
// are made just before the run) and with its own nonce: one line per request, "timestamp TAB
// nonce TAB signature TAB body", split between the wrk threads. The addresses name the town's
// villages (placed at the village, flagged), the parties' phones are new each time and their names
// generated (so the repeat check runs and rarely finds anything), a tenth carry an urgent flag.
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>

#include "bench.hpp"
#include "common/clock.hpp"
#include "security/partner_signature.hpp"
#include "security/tokens.hpp"

namespace hejia::bench {
namespace {

/// A generated name: 10 surnames x 20 x 20 given characters, so that a name recurs now and then
/// across the run (as names do in a city) and a victim's and an actor's pair almost never — the
/// repeat check's name lookup works as on real data instead of on one name shared by all.
std::string NameOf(int n, std::mt19937_64& rng) {
  static const char* const kSurnames[] = {"王", "李", "张", "刘", "陈",
                                          "杨", "黄", "赵", "吴", "周"};
  static const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳",
                                       "勇", "军", "杰", "娟", "涛", "明", "超", "秀", "霞", "平"};
  const uint64_t r = rng() + static_cast<uint64_t>(n);
  return std::string(kSurnames[r % 10]) + kGiven[r / 10 % 20] + kGiven[r / 200 % 20];
}

}  // namespace

int SignIncidents(const SignOptions& o) {
  RawConnection c(o.db_path, "PRAGMA query_only=1;");
  auto town = c.QueryOne("SELECT name FROM regions WHERE code = ?", {o.town_code});
  if (!town) {
    std::cerr << "no region " << o.town_code << '\n';
    return 1;
  }
  std::vector<std::string> villages;
  for (const auto& r : c.Query(
           "SELECT name FROM regions WHERE parent_code = ? AND level = 'village'", {o.town_code}))
    villages.push_back(r.Text(0));
  if (villages.empty()) return 1;
  const int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  const std::string path = "/api/v1/police/incidents";
  std::mt19937_64 rng(11);
  std::ofstream out(o.out_file);
  const std::string ts = std::to_string(now_s);
  for (int n = 0; n < o.count; ++n) {
    boost::json::object body{
        {"incident_no", "B" + std::to_string(now_s) + "-" + std::to_string(n)},
        {"station", town->Text(0) + "派出所"},
        {"officer", "基准警官"},
        {"reported_at", FormatBeijing((now_s - 600) * 1000)},
        {"kind", n % 3 == 0 ? "domestic_violence" : "family_dispute"},
        {"address", town->Text(0) + villages[n % villages.size()] + "基准路 " +
                        std::to_string(rng() % 300 + 1) + " 号"},
        {"injury", n % 10 == 0},
        {"alcohol", n % 4 == 0},
        {"disposition", "现场劝解"},
        {"parties", boost::json::array{
                        boost::json::object{
                            {"role", "victim"},
                            {"name", NameOf(n, rng)},
                            {"gender", "female"},
                            {"phone", "136" + std::to_string(10000000 + (n * 7919) % 89999999)}},
                        boost::json::object{
                            {"role", "actor"}, {"name", NameOf(n + 7, rng)}, {"gender", "male"}}}}};
    const std::string text = boost::json::serialize(body);
    const std::string nonce = security::RandomToken(16);
    const security::SignedRequest r{"POST", path, ts, nonce, text, ""};
    out << ts << '\t' << nonce << '\t' << security::SignRequest(o.key, r) << '\t' << text << '\n';
  }
  std::cout << "signed=" << o.count << '\n';
  return 0;
}

}  // namespace hejia::bench
