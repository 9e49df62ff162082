#include <array>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <random>
#include <sstream>
#include <vector>

#include "app/commands.hpp"
#include "app/demo_city.hpp"
#include "domain/id_card.hpp"
#include "domain/legal_education.hpp"
#include "domain/password_policy.hpp"
#include "domain/region.hpp"
#include "security/mask.hpp"
#include "security/password_hash.hpp"
#include "store/attachment_store.hpp"
#include "store/audit.hpp"
#include "store/migrations.hpp"
#include "store/people_repo.hpp"
#include "store/sign_in_guard.hpp"
#include "store/user_repo.hpp"

namespace hejia::app {
namespace {

constexpr const char* kCityCode = "330784";
constexpr const char* kCityName = "永康市";

struct TownDef {
  const char* name;
  bool street;  // 街道: communities instead of villages
};
// The brief's 3 streets and 11 towns, in this order: codes 330784001 .. 330784014.
constexpr std::array<TownDef, 14> kTowns = {{{"东城街道", true},
                                             {"西城街道", true},
                                             {"江南街道", true},
                                             {"石柱镇", false},
                                             {"前仓镇", false},
                                             {"舟山镇", false},
                                             {"古山镇", false},
                                             {"方岩镇", false},
                                             {"龙山镇", false},
                                             {"西溪镇", false},
                                             {"象珠镇", false},
                                             {"唐先镇", false},
                                             {"花街镇", false},
                                             {"芝英镇", false}}};

constexpr std::array<const char*, 40> kVillageStems = {
    "新华", "联合", "光明", "和平", "胜利", "红星", "团结", "青山", "清溪", "石桥",
    "下宅", "上塘", "前山", "后垄", "溪口", "塘里", "桥头", "新屋", "湖西", "东山",
    "南岙", "北岸", "中央", "荷花", "枫林", "杨梅", "竹园", "金竹", "松溪", "柳塘",
    "兴旺", "长乐", "永宁", "安和", "丰收", "春晖", "玉泉", "双龙", "明珠", "凤凰"};
constexpr std::array<const char*, 12> kGridNames = {
    "第一网格", "第二网格", "第三网格", "第四网格", "第五网格",   "第六网格",
    "第七网格", "第八网格", "第九网格", "第十网格", "第十一网格", "第十二网格"};
constexpr std::array<const char*, 30> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "应", "程", "吕", "楼", "施", "章", "俞", "蒋", "潘", "陆"};
constexpr std::array<const char*, 40> kGivenChars = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟",
    "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玲", "红", "文", "辉",
    "建", "雪", "梅", "琴", "云", "晨", "欣", "怡", "浩", "宇", "佳", "悦"};

std::string Code(const std::string& parent, int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", n);
  return parent + buf;
}

void InsertRegion(store::Connection& c, const std::string& code, const std::string& name,
                  domain::RegionLevel level, const std::string& parent, const std::string& path,
                  int64_t now, const std::string& phone = "") {
  c.Execute(
      "INSERT INTO regions (code, name, level, parent_code, path, retired, phone, created_at, "
      "updated_at) VALUES (?,?,?,?,?,0,?,?,?)",
      {code, name, domain::ToString(level), parent.empty() ? store::Value() : store::Value(parent),
       path, phone, now, now});
}

struct Rng {
  std::mt19937_64 gen;
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
  template <class A>
  const char* Pick(const A& a) {
    return a[Uniform(0, static_cast<int>(a.size()) - 1)];
  }
};

}  // namespace

int64_t GenerateCity(store::Connection& c, const security::FieldCipher& cipher, int64_t now,
                     const DemoScale& scale) {
  Rng rng{std::mt19937_64(scale.seed)};
  // The federations' office phones have a generator of their own, so the people generated from
  // `rng` stay the same city they always were.
  Rng offices{std::mt19937_64(scale.seed + 1)};
  auto office = [&] {
    char buf[16];
    std::snprintf(buf, sizeof buf, "05798%07d", offices.Uniform(1000000, 9999999));
    return std::string(buf);
  };
  struct Grid {
    std::string code, path, address_prefix;
  };
  std::vector<Grid> grids;
  const bool have_city =
      c.QueryOne("SELECT 1 FROM regions WHERE code = ?", {kCityCode}).has_value();
  const std::string city_path = domain::ChildPath("/", kCityCode);
  if (!have_city)
    InsertRegion(c, kCityCode, kCityName, domain::RegionLevel::kCity, "", city_path, now, office());
  for (size_t t = 0; t < kTowns.size(); ++t) {
    const std::string town = Code(kCityCode, static_cast<int>(t + 1));
    const std::string town_path = domain::ChildPath(city_path, town);
    if (!have_city)
      InsertRegion(c, town, kTowns[t].name, domain::RegionLevel::kTown, kCityCode, town_path, now,
                   office());
    for (int v = 0; v < scale.villages_per_town; ++v) {
      const std::string village = Code(town, v + 1);
      const std::string village_path = domain::ChildPath(town_path, village);
      std::string vname = kVillageStems[(t * 7 + v) % kVillageStems.size()];
      if (v >= static_cast<int>(kVillageStems.size()))
        vname += std::to_string(v / kVillageStems.size() + 1);
      vname += kTowns[t].street ? "社区" : "村";
      if (!have_city)
        InsertRegion(c, village, vname, domain::RegionLevel::kVillage, town, village_path, now);
      for (int g = 0; g < scale.grids_per_village; ++g) {
        const std::string grid = Code(village, g + 1);
        const std::string grid_path = domain::ChildPath(village_path, grid);
        const std::string gname = g < static_cast<int>(kGridNames.size())
                                      ? kGridNames[g]
                                      : "第" + std::to_string(g + 1) + "网格";
        if (!have_city)
          InsertRegion(c, grid, gname, domain::RegionLevel::kGrid, village, grid_path, now);
        grids.push_back({grid, grid_path, std::string(kCityName) + kTowns[t].name + vname});
      }
    }
  }
  if (c.QueryOne("SELECT 1 FROM households LIMIT 1")) return 0;

  int64_t households = 0;
  int seq = 0;
  for (const auto& grid : grids) {
    const int n = std::max(1, scale.households_per_grid + rng.Uniform(-3, 3));
    for (int h = 0; h < n; ++h) {
      const std::string surname = rng.Pick(kSurnames);
      const std::string address = grid.address_prefix + std::to_string(rng.Uniform(1, 299)) + "号";
      const int members = rng.Uniform(1, 5);
      std::string head_name;
      std::vector<std::array<std::string, 8>> people;  // name gender birth id phone tags relation
      for (int m = 0; m < members; ++m) {
        const bool female = m == 0 ? rng.Uniform(0, 1) == 1 : rng.Uniform(0, 1) == 1;
        const int year = m < 2 ? rng.Uniform(1950, 1995) : rng.Uniform(2000, 2020);
        char birth[16];
        std::snprintf(birth, sizeof birth, "%04d%02d%02d", year, rng.Uniform(1, 12),
                      rng.Uniform(1, 28));
        const std::string birth_dash = std::string(birth, 4) + "-" + std::string(birth + 4, 2) +
                                       "-" + std::string(birth + 6, 2);
        std::string name = (m == 0 || m >= 2) ? surname : std::string(rng.Pick(kSurnames));
        name += rng.Pick(kGivenChars);
        if (rng.Uniform(0, 2) > 0) name += rng.Pick(kGivenChars);
        if (m == 0) head_name = name;
        const std::string id = domain::MakeIdCard(kCityCode, birth, (seq++) % 1000, female);
        char phone[16];
        std::snprintf(phone, sizeof phone, "1%d%d%08d", rng.Uniform(3, 9), rng.Uniform(0, 9),
                      rng.Uniform(0, 99999999));
        // About one in ten people has a difficulty category that fits who they are.
        std::string tags;
        if (rng.Uniform(0, 9) == 0) {
          std::vector<const char*> fits = {"disability", "low_income"};
          if (year >= 2008) fits.push_back("left_behind_child");
          if (female && year < 2008)
            fits.insert(fits.end(), {"two_cancers", "single_parent", "left_behind_woman"});
          if (year < 1962) fits.insert(fits.end(), {"elderly_alone", "loss_of_self_care"});
          tags = std::string(",") + fits[rng.Uniform(0, static_cast<int>(fits.size()) - 1)] + ",";
        }
        const char* relation = m == 0 ? "head" : m == 1 ? "spouse" : "child";
        people.push_back({name, female ? "female" : "male", birth_dash, id,
                          year >= 2008 ? std::string() : std::string(phone), tags, relation, ""});
      }
      auto hrow = c.QueryOne(
          "INSERT INTO households (grid_code, region_path, address_mask, head_name, tags, "
          "members_count, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
          {grid.code, grid.path, security::MaskAddress(address), head_name, "",
           static_cast<int>(people.size()), now, now});
      const int64_t hid = hrow->Int(0);
      c.Execute("UPDATE households SET address_enc = ?, address_bidx = ? WHERE id = ?",
                {cipher.Encrypt(address, "households/address/" + std::to_string(hid)),
                 store::HouseholdAddressIndex(cipher, address), hid});
      for (const auto& p : people) {
        auto prow = c.QueryOne(
            "INSERT INTO people (household_id, region_path, name, gender, birth_date, id_mask, "
            "id_bidx, phone_mask, phone_bidx, address_mask, tags, relation, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            {hid, grid.path, p[0], p[1], p[2], security::MaskIdNumber(p[3]),
             cipher.BlindIndex("id_number", p[3]), security::MaskPhone(p[4]),
             p[4].empty() ? store::Value() : store::Value(cipher.BlindIndex("phone", p[4])),
             security::MaskAddress(address), p[5], p[6], now, now});
        const std::string pid = std::to_string(prow->Int(0));
        c.Execute("UPDATE people SET id_enc = ?, phone_enc = ?, address_enc = ? WHERE id = ?",
                  {cipher.Encrypt(p[3], "people/id_number/" + pid),
                   cipher.Encrypt(p[4], "people/phone/" + pid),
                   cipher.Encrypt(address, "people/address/" + pid), prow->Int(0)});
      }
      ++households;
    }
  }
  return households;
}

void EnsureDemoAccounts(store::Connection& c, const security::FieldCipher& cipher,
                        const std::string& password_hash, int64_t now, std::ostream& out) {
  const std::string town = Code(kCityCode, 1), town2 = Code(kCityCode, 2);
  const std::string village = Code(town, 1), grid = Code(village, 1);
  struct Account {
    const char* login;
    const char* name;
    const char* role;
    std::string region;
  };
  const std::vector<Account> accounts = {
      {"admin", "演示系统管理员", "system_admin", kCityCode},
      {"secadmin", "演示安全管理员", "security_admin", kCityCode},
      {"auditor", "演示审计管理员", "audit_admin", kCityCode},
      {"city", "市妇联演示干部", "city_staff", kCityCode},
      {"town", "东城街道演示干部", "town_staff", town},
      {"town2", "西城街道演示干部", "town_staff", town2},
      {"village", "演示村社干部", "village_cadre", village},
      {"gridsister", "演示格姐", "grid_sister", grid},
      {"mediator", "演示调解员", "mediator", town},
      {"leader", "演示领导", "leader", kCityCode},
      {"police", "公安接口(演示)", "integration", kCityCode},
      {"screen", "大厅数据大屏", "screen", kCityCode},
  };
  int n = 0;
  for (const auto& a : accounts) {
    ++n;
    if (!c.QueryOne("SELECT 1 FROM users WHERE login = ?", {a.login})) {
      const int64_t id =
          c.QueryOne(
               "INSERT INTO users (login, display_name, role, region_code, password_hash, "
               "must_change_password, demo, created_at, updated_at) VALUES (?,?,?,?,?,0,1,?,?) "
               "RETURNING id",
               {a.login, a.name, a.role, a.region, password_hash, now, now})
              ->Int(0);
      // The staff who take night duty have a (generated) phone for the night clinic's SMS.
      if (std::string_view(a.role).ends_with("_staff") ||
          std::string_view(a.role) == "village_cadre") {
        char phone[16];
        std::snprintf(phone, sizeof phone, "139000000%02d", n);
        store::SetUserPhone(c, id, store::SealStaffPhone(cipher, id, phone),
                            security::MaskPhone(phone));
      }
    }
    out << a.login << '\t' << a.role << '\t' << a.region << '\n';
  }
}

int64_t LoadCity(store::Connection& c, const security::FieldCipher& cipher,
                 const security::KeyRing& keys, const std::string& password_hash, int64_t now,
                 const DemoScale& scale, std::ostream& accounts, const DemoMedia& media) {
  store::Migrate(c);
  const int64_t households = GenerateCity(c, cipher, now, scale);
  EnsureDemoAccounts(c, cipher, password_hash, now, accounts);
  // The demo is tried at once: staff accounts made in it need no second factor (the setting is
  // on in every database that is not a demo; the security administrator may turn it back on).
  if (store::LoadSecuritySettings(c).version == 0)
    store::SaveSecuritySettings(c, {.staff_totp_required = false}, std::nullopt, now);
  const auto mediation = GenerateMediation(c, cipher, password_hash, now);
  const int64_t cases = GenerateDemoCases(c, cipher, now);
  GenerateDemoFamilies(c, cipher, now);
  GenerateDemoPlans(c, cipher, now);
  const int64_t incidents = GenerateDemoIncidents(c, cipher, now);
  const int64_t volunteers = GenerateDemoVolunteers(c, cipher, now);
  const int64_t visits = GenerateDemoVisits(c, cipher, now, scale);
  const int64_t calls = GenerateDemoHotline(c, cipher, now);
  const int64_t consultations = GenerateDemoConsultations(c, cipher, now);
  GenerateDemoOdr(c, cipher, now);
  const int64_t legal = GenerateDemoLegal(c, cipher, now, media);
  store::Audit(
      c, keys, now, store::Actor::CommandLine(), "demo_data", "", "load", "ok",
      "households=" + std::to_string(households) + ";rooms=" + std::to_string(mediation.rooms) +
          ";mediators=" + std::to_string(mediation.mediators) +
          ";shifts=" + std::to_string(mediation.shifts) + ";cases=" + std::to_string(cases) +
          ";incidents=" + std::to_string(incidents) + ";volunteers=" + std::to_string(volunteers) +
          ";visits=" + std::to_string(visits) + ";hotline_calls=" + std::to_string(calls) +
          ";consultations=" + std::to_string(consultations) +
          ";legal_contents=" + std::to_string(legal));
  return households;
}

DemoMedia InstallDemoMedia(const std::filesystem::path& media_root) {
  DemoMedia media;
  if (media_root.empty()) return media;
  std::vector<std::filesystem::path> places;
  if (const char* env = std::getenv("HEJIA_DEMO_ASSETS")) places.emplace_back(env);
  places.emplace_back("assets/demo");
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) places.push_back(exe.parent_path().parent_path() / "assets" / "demo");
  const auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  };
  for (const auto& dir : places) {
    if (!std::filesystem::exists(dir / "clip.webm", ec)) continue;
    const store::MediaStore store(media_root);
    const std::string clip = read(dir / "clip.webm");
    if (clip.empty()) continue;
    media.clip_sha = store.Put(clip);
    media.clip_size = static_cast<int64_t>(clip.size());
    for (auto topic : domain::kLegalTopics) {
      const std::string code(domain::ToString(topic));
      const std::string poster = read(dir / ("poster-" + code + ".jpg"));
      if (!poster.empty()) media.posters[code] = store.Put(poster);
    }
    break;
  }
  return media;
}

void LoadDemoData(store::Database& db, const security::KeyRing& keys, const Clock& clock,
                  const std::string& password, std::ostream& out, DemoSize size,
                  const std::filesystem::path& media_root) {
  for (const char* login : {"admin", "secadmin", "auditor", "city", "town", "town2", "village",
                            "gridsister", "mediator", "leader", "police", "screen"})
    if (auto problem = domain::CheckPasswordPolicy(login, password))
      throw std::runtime_error("demo password: " + domain::PasswordPolicyMessage(*problem));
  auto ring = std::make_shared<const security::KeyRing>(keys);
  security::FieldCipher cipher(ring);
  const std::string hash = security::HashPassword(password);
  const int64_t now = clock.NowMillis();
  std::ostringstream lines;
  DemoScale scale;
  if (size == DemoSize::kSmall) {
    scale.households_per_grid = 12;
    scale.households_visited = scale.care_person_visits = scale.lectures = 0;
  }
  // The media files go to disk before the transaction; a second load finds them stored already.
  const DemoMedia media = InstallDemoMedia(media_root);
  db.WriteSync(
      [&](store::Connection& c) { LoadCity(c, cipher, keys, hash, now, scale, lines, media); });
  out << lines.str();
}

}  // namespace hejia::app
