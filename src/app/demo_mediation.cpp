// The demo city's family mediation: the city's mediation centre, a room in every town and in
// some villages (35 of them demonstration sites, the article's figure), about two mediators per
// town of mixed kinds including peace sisters (和姐), and two weeks of the night-clinic duty
// roster. Deterministic: the same city and the same load time give the same rows; names and
// numbers are generated, never real people's.
#include <array>
#include <random>
#include <vector>

#include "app/demo_city.hpp"
#include "domain/region.hpp"
#include "store/rooms_repo.hpp"

namespace hejia::app {
namespace {

constexpr int64_t kMinuteMs = 60LL * 1000, kHourMs = 60 * kMinuteMs, kDayMs = 24 * kHourMs;
constexpr int kDemonstrationTarget = 35;

constexpr std::array<const char*, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                   "吴", "周", "徐", "胡", "朱", "应", "程",
                                                   "吕", "楼", "施", "章", "俞", "潘"};
constexpr std::array<const char*, 20> kGiven = {"丽", "芳", "敏", "静", "霞", "萍", "红",
                                                "英", "华", "玲", "燕", "琴", "慧", "洁",
                                                "婷", "雯", "兰", "珍", "秀", "月"};

// The professional kinds take turns across the towns; each village's mediator is a peace sister.
constexpr std::array<const char*, 6> kTownTypes = {
    "social_worker", "psychological_counsellor", "police_officer", "judge", "prosecutor", "lawyer"};

std::vector<std::string> SpecialitiesOf(std::string_view type) {
  if (type == "judge") return {"divorce_property", "child_support", "inheritance"};
  if (type == "lawyer") return {"divorce_property", "inheritance", "bride_price"};
  if (type == "prosecutor") return {"domestic_violence", "minors"};
  if (type == "police_officer") return {"domestic_violence", "neighbours"};
  if (type == "psychological_counsellor") return {"marriage", "domestic_violence", "minors"};
  if (type == "social_worker") return {"elder_support", "in_law", "minors"};
  return {"marriage", "elder_support", "in_law", "neighbours"};  // peace sister
}

struct Rng {
  std::mt19937_64 gen;
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
  std::string Name() {
    std::string n = kSurnames[Uniform(0, static_cast<int>(kSurnames.size()) - 1)];
    n += kGiven[Uniform(0, static_cast<int>(kGiven.size()) - 1)];
    if (Uniform(0, 2) > 0) n += kGiven[Uniform(0, static_cast<int>(kGiven.size()) - 1)];
    return n;
  }
  std::string Mobile() {
    char buf[16];
    std::snprintf(buf, sizeof buf, "13%d%08d", Uniform(5, 9), Uniform(0, 99999999));
    return buf;
  }
  std::string Office() {
    char buf[16];
    std::snprintf(buf, sizeof buf, "057987%06d", Uniform(100000, 999999));
    return buf;
  }
};

struct Place {
  std::string code, name, path;
};

std::vector<Place> Children(store::Connection& c, const std::string& parent, const char* level,
                            int limit) {
  std::vector<Place> out;
  for (const auto& r :
       c.Query("SELECT code, name, path FROM regions WHERE parent_code = ? AND level = ? AND "
               "retired = 0 ORDER BY code LIMIT ?",
               {parent, level, limit}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2)});
  return out;
}

std::optional<int64_t> UserId(store::Connection& c, const std::string& login) {
  auto row = c.QueryOne("SELECT id FROM users WHERE login = ?", {login});
  if (!row) return std::nullopt;
  return row->Int(0);
}

/// The account of a staff member on the roster, made when missing (a demo account like the
/// others: same password, no forced change).
int64_t RosterAccount(store::Connection& c, const std::string& login, const std::string& name,
                      const char* role, const std::string& region, const std::string& password_hash,
                      int64_t now) {
  if (auto id = UserId(c, login)) return *id;
  auto row = c.QueryOne(
      "INSERT INTO users (login, display_name, role, region_code, password_hash, "
      "must_change_password, demo, created_at, updated_at) VALUES (?,?,?,?,?,0,1,?,?) "
      "RETURNING id",
      {login, name, role, region, password_hash, now, now});
  return row->Int(0);
}

/// Beijing calendar day number (days since 1970-01-01) of a day's start in Unix millis.
int64_t DayNumber(int64_t beijing_day_start) {
  return (beijing_day_start + 8 * kHourMs) / kDayMs;
}

bool Weekend(int64_t day_number) {
  const int64_t weekday = (day_number + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday == 0 || weekday == 6;
}

void RoomsAndMediators(store::Connection& c, const security::FieldCipher& cipher, const Place& city,
                       const std::vector<Place>& towns, int64_t now, MediationDemoCounts& counts) {
  Rng rng{std::mt19937_64(20261128u ^ 0x6d65646961746fULL)};
  int demonstration_left = kDemonstrationTarget;
  auto room = [&](const Place& at, const char* level, const std::string& name,
                  const std::string& address, const std::string& hours, bool demonstration) {
    store::RoomFields f;
    f.name = name;
    f.region_code = at.code;
    f.region_path = at.path;
    f.level = level;
    f.address = address;
    f.hours = hours;
    f.phone = rng.Office();
    // The 35 are the towns' and villages' sites; the city's centre is one besides them.
    const bool city_level = std::string_view(level) == "city";
    f.demonstration = demonstration && (city_level || demonstration_left > 0);
    if (f.demonstration && !city_level) --demonstration_left;
    store::InsertRoom(c, f, now);
    ++counts.rooms;
  };
  auto mediator = [&](const Place& at, const std::string& type, std::string name,
                      std::optional<int64_t> user_id) {
    store::MediatorFields f;
    f.name = std::move(name);
    f.type = type;
    f.region_code = at.code;
    f.region_path = at.path;
    f.user_id = user_id;
    f.specialities = SpecialitiesOf(type);
    store::InsertMediator(c, cipher, f, rng.Mobile(), now);
    ++counts.mediators;
  };

  const std::string city_hours = "周一至周五 8:30–17:30；法律夜门诊 17:30–次日 8:30 及周末";
  room(city, "city", city.name + "家事调解中心", city.name + "金城路 1 号妇女儿童活动中心一楼",
       city_hours, true);
  mediator(city, "judge", rng.Name(), std::nullopt);
  mediator(city, "lawyer", rng.Name(), std::nullopt);

  // Towns first, then their villages, so every town's room is a demonstration site and the
  // villages share what is left of the 35.
  for (const auto& town : towns)
    room(town, "town", town.name + "家事调解室", city.name + town.name + "便民服务中心二楼",
         "周一至周五 8:30–17:30", true);
  const auto mediator_user = UserId(c, "mediator");
  for (size_t t = 0; t < towns.size(); ++t) {
    const auto& town = towns[t];
    const auto villages = Children(c, town.code, "village", 2);
    for (size_t v = 0; v < villages.size(); ++v)
      room(villages[v], "village", villages[v].name + "家事调解室",
           city.name + town.name + villages[v].name + "党群服务中心一楼",
           v == 0 ? "每周二、周五 9:00–11:30，其余时间预约" : "预约调解", true);
    // 东城街道's town mediator is the demo account `mediator`.
    const bool first_town = t == 0;
    const std::string type = kTownTypes[t % kTownTypes.size()];
    if (first_town && mediator_user) {
      const auto name = c.QueryOne("SELECT display_name FROM users WHERE id = ?", {*mediator_user});
      mediator(town, type, name->Text(0), mediator_user);
    } else {
      mediator(town, type, rng.Name(), std::nullopt);
    }
    if (!villages.empty()) mediator(villages.front(), "peace_sister", rng.Name(), std::nullopt);
  }
  counts.demonstration = kDemonstrationTarget - demonstration_left;
}

void DutyRoster(store::Connection& c, const Place& city, const std::vector<Place>& towns,
                const std::string& password_hash, int64_t now, MediationDemoCounts& counts) {
  Rng rng{std::mt19937_64(20261128u ^ 0x6475747952ULL)};
  struct Team {
    Place region;
    int64_t first = 0, second = 0;
    bool first_every_night = false;
  };
  std::vector<Team> teams;
  auto team = [&](const Place& region, const char* role, const char* demo_login) {
    Team t{region};
    const std::string first_name = rng.Name(), second_name = rng.Name();
    std::optional<int64_t> demo;
    if (demo_login) demo = UserId(c, demo_login);
    t.first = demo ? *demo
                   : RosterAccount(c, "duty." + region.code + ".1", first_name, role, region.code,
                                   password_hash, now);
    t.second = RosterAccount(c, "duty." + region.code + ".2", second_name, role, region.code,
                             password_hash, now);
    return t;
  };
  teams.push_back(team(city, "city_staff", "city"));
  for (size_t i = 0; i < towns.size(); ++i) {
    const char* demo = i == 0 ? "town" : i == 1 ? "town2" : nullptr;
    teams.push_back(team(towns[i], "town_staff", demo));
    // The article's night: 东城街道's demo staff member takes every night.
    if (i == 0 && demo && UserId(c, demo)) teams.back().first_every_night = true;
  }

  auto add = [&](const Team& t, int64_t user, int64_t starts, int64_t ends, const char* note) {
    // A re-run adds only what is missing: nobody is put on duty twice at once, and a region's
    // slot already covered stays as it is.
    if (c.QueryOne("SELECT 1 FROM duty_shifts WHERE region_code = ? AND starts_at < ? AND "
                   "ends_at > ? LIMIT 1",
                   {t.region.code, ends, starts}))
      return;
    if (store::UserShiftOverlapping(c, user, starts, ends)) return;
    store::InsertShift(c, t.region.code, t.region.path, user, starts, ends, note, std::nullopt,
                       now);
    ++counts.shifts;
  };

  const int64_t today = BeijingDateStartMillis(FormatBeijing(now).substr(0, 10));
  // From last night (it may still be running) through the next 14 days.
  for (int d = -1; d < 14; ++d) {
    const int64_t day = today + d * kDayMs;
    const int64_t number = DayNumber(day);
    for (const auto& t : teams) {
      const int64_t night = t.first_every_night || number % 2 == 0 ? t.first : t.second;
      const int64_t day_staff = night == t.first ? t.second : t.first;
      if (d >= 0 && Weekend(number))
        add(t, day_staff, day + 8 * kHourMs + 30 * kMinuteMs, day + 17 * kHourMs + 30 * kMinuteMs,
            "周末日间值班");
      add(t, night, day + 17 * kHourMs + 30 * kMinuteMs,
          day + kDayMs + 8 * kHourMs + 30 * kMinuteMs, "法律夜门诊");
    }
  }
}

}  // namespace

MediationDemoCounts GenerateMediation(store::Connection& c, const security::FieldCipher& cipher,
                                      const std::string& password_hash, int64_t now) {
  MediationDemoCounts counts;
  auto city_row = c.QueryOne(
      "SELECT code, name, path FROM regions WHERE level = 'city' AND parent_code IS NULL "
      "ORDER BY code LIMIT 1");
  if (!city_row) return counts;
  const Place city{city_row->Text(0), city_row->Text(1), city_row->Text(2)};
  const auto towns = Children(c, city.code, "town", 100);
  if (!c.QueryOne("SELECT 1 FROM mediation_rooms LIMIT 1"))
    RoomsAndMediators(c, cipher, city, towns, now, counts);
  DutyRoster(c, city, towns, password_hash, now, counts);
  return counts;
}

}  // namespace hejia::app
