// The duty roster through the API: who may be put on duty where and when, no one on duty twice
// at once, the roster's scope, and "who is on duty now" walking up from a village to its town
// (and to the city) as the clock moves.
#include <set>

#include "accounts.hpp"
#include "common/clock.hpp"
#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr int64_t kMinute = 60LL * 1000, kHour = 60 * kMinute;
// A town and a village of their own, so the demo roster never covers them.
constexpr const char* kTown = "330784961";
constexpr const char* kVillage = "330784961001";

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::string Iso(int64_t millis) {
  return FormatBeijing(millis);
}

int64_t Now() {
  return TestServer::Get().clock().NowMillis();
}

int64_t UserIdOf(const std::string& login) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT id FROM users WHERE login = ?", {login})->Int(0);
  });
}

int64_t AuditCount(int64_t id, const std::string& action) {
  return hejia::testing::AuditCount("duty_shift", std::to_string(id), action);
}

/// The test town and village with one staff member each (made once for the binary).
struct Roster {
  int64_t town_staff = 0, village_cadre = 0, grid_sister = 0;
};
const Roster& TestRoster() {
  static const Roster r = [] {
    auto admin = TestServer::Get().As("admin");
    for (const auto& [code, name, parent] :
         {std::tuple<std::string, std::string, std::string>{kTown, "值班测试镇", "330784"},
          {kVillage, "值班测试村", kTown},
          {std::string(kVillage) + "001", "值班测试网格", kVillage}}) {
      auto res = admin.Post("/api/v1/regions",
                            json::object{{"code", code}, {"name", name}, {"parent_code", parent}});
      if (res.status != 201) throw std::runtime_error("region " + code + ": " + res.body);
    }
    Roster out;
    out.town_staff = CreateStaff(UniqueLogin("dutytown"), "town_staff", kTown);
    out.village_cadre = CreateStaff(UniqueLogin("dutyvillage"), "village_cadre", kVillage);
    out.grid_sister =
        CreateStaff(UniqueLogin("dutygrid"), "grid_sister", std::string(kVillage) + "001");
    return out;
  }();
  return r;
}

json::object Shift(const std::string& region, int64_t user, int64_t starts, int64_t ends,
                   const std::string& note = "") {
  json::object o{{"region_code", region},
                 {"user_id", user},
                 {"starts_at", Iso(starts)},
                 {"ends_at", Iso(ends)}};
  if (!note.empty()) o["note"] = note;
  return o;
}

/// Midnight of a day well ahead of the server's clock (Beijing), so nothing of ours is running.
int64_t DayAhead(int days) {
  return BeijingDateStartMillis(Iso(Now()).substr(0, 10)) + days * 24 * kHour;
}

TEST(DutyRoster, AShiftIsCheckedBeforeItIsAdded) {
  const auto& roster = TestRoster();
  auto city = TestServer::Get().As("city");
  const int64_t start = DayAhead(30) + 17 * kHour + 30 * kMinute;
  const int64_t end = start + 15 * kHour;
  struct Case {
    json::object body;
    int status;
    const char* field;
  };
  json::object no_offset = Shift(kTown, roster.town_staff, start, end);
  no_offset["starts_at"] = Iso(start).substr(0, 19);  // no offset
  const std::vector<Case> cases = {
      {no_offset, 400, "starts_at"},
      {Shift(kTown, roster.town_staff, end, start), 400, "ends_at"},
      {Shift(kTown, roster.town_staff, start, start + 8 * 24 * kHour), 400, "ends_at"},
      {Shift(kTown, roster.town_staff, Now() - 5 * kHour, Now() - kHour), 400, "ends_at"},
      {Shift(kTown, UserIdOf("town"), start, end), 400, "user_id"},    // 东城's, not related
      {Shift(kTown, roster.grid_sister, start, end), 400, "user_id"},  // does not handle cases
      {Shift(kTown, UserIdOf("admin"), start, end), 400, "user_id"},
      {Shift(kTown, 999999999, start, end), 404, "user_id"},
      {Shift("330784999", roster.town_staff, start, end), 404, "region_code"},
      {Shift(std::string(kVillage) + "001", roster.town_staff, start, end), 400, "region_code"},
  };
  for (const auto& c : cases) {
    auto r = city.Post("/api/v1/duty-shifts", c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " " << r.body;
    EXPECT_EQ(r.ErrorField(), c.field) << json::serialize(c.body);
  }
  // 东城's staff cannot roster a town outside their area.
  auto east = TestServer::Get().As("town");
  auto outside = east.Post("/api/v1/duty-shifts", Shift(kTown, roster.town_staff, start, end));
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(outside.ErrorField(), "region_code");
  // Someone of the village may hold the town's shift; someone of the city too.
  auto from_below =
      city.Post("/api/v1/duty-shifts", Shift(kTown, roster.village_cadre, start, end));
  EXPECT_EQ(from_below.status, 201) << from_below.body;
  auto from_above = city.Post("/api/v1/duty-shifts", Shift(kVillage, UserIdOf("city"),
                                                           start + 24 * kHour, end + 24 * kHour));
  EXPECT_EQ(from_above.status, 201) << from_above.body;
}

TEST(DutyRoster, NobodyIsOnDutyTwiceAtOnce) {
  const auto& roster = TestRoster();
  auto city = TestServer::Get().As("city");
  const int64_t start = DayAhead(40) + 17 * kHour + 30 * kMinute;
  auto first = city.Post("/api/v1/duty-shifts",
                         Shift(kTown, roster.town_staff, start, start + 15 * kHour, "夜班"));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(Str(first.json, "note"), "夜班");
  EXPECT_EQ(Str(first.json, "starts_at"), Iso(start));
  EXPECT_EQ(Str(first.json, "region_name"), "值班测试镇");
  const int64_t first_id = first.json.at("id").as_int64();
  EXPECT_EQ(AuditCount(first_id, "create"), 1);

  auto twice = city.Post("/api/v1/duty-shifts", Shift(kVillage, roster.town_staff,
                                                      start + 14 * kHour, start + 20 * kHour));
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.ErrorField(), "user_id");
  EXPECT_EQ(twice.json.at("error").at("details").at("overlapping").at("id").as_int64(), first_id);
  // Back to back is fine: one shift ends as the next begins.
  auto next = city.Post("/api/v1/duty-shifts",
                        Shift(kVillage, roster.town_staff, start + 15 * kHour, start + 24 * kHour));
  EXPECT_EQ(next.status, 201) << next.body;
}

TEST(DutyRoster, AClashWithAnotherAreasShiftSaysOnlyThatOneExists) {
  // The city's worker holds a night at 东城 (rostered by the city); 西城 asking for her the same
  // night learns that she is on duty elsewhere, not where or when.
  auto city = TestServer::Get().As("city");
  const int64_t start = DayAhead(45) + 17 * kHour + 30 * kMinute;
  auto east = city.Post("/api/v1/duty-shifts",
                        Shift("330784001", UserIdOf("city"), start, start + 15 * kHour));
  ASSERT_EQ(east.status, 201) << east.body;
  auto west = TestServer::Get().As("town2").Post(
      "/api/v1/duty-shifts",
      Shift("330784002", UserIdOf("city"), start + kHour, start + 9 * kHour));
  EXPECT_EQ(west.status, 409) << west.body;
  EXPECT_EQ(west.ErrorField(), "user_id");
  EXPECT_EQ(west.json.at("error").at("details").at("overlapping"),
            (json::object{{"elsewhere", true}}));
  EXPECT_EQ(west.body.find("330784001"), std::string::npos) << west.body;
  EXPECT_EQ(west.body.find(Str(east.json, "region_name")), std::string::npos) << west.body;
}

TEST(DutyRoster, TheRosterListsShiftsInScopeWithWhoIsOnDuty) {
  const auto& roster = TestRoster();
  auto city = TestServer::Get().As("city");
  const int64_t day = DayAhead(50);
  const int64_t start = day + 17 * kHour + 30 * kMinute;
  auto made = city.Post("/api/v1/duty-shifts",
                        Shift(kVillage, roster.village_cadre, start, start + 15 * kHour));
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t id = made.json.at("id").as_int64();
  const std::string date = Iso(day).substr(0, 10);

  auto listed = city.Get(std::string("/api/v1/duty-shifts?region=") + kTown + "&from=" + date +
                         "&to=" + date);
  ASSERT_EQ(listed.status, 200) << listed.body;
  bool found = false;
  for (const auto& s : listed.json.at("items").as_array())
    if (s.at("id").as_int64() == id) {
      found = true;
      EXPECT_EQ(Str(s, "user_display_name").rfind("测试 dutyvillage", 0), 0u);
      EXPECT_EQ(Str(s, "region_code"), kVillage);
    }
  EXPECT_TRUE(found);
  // exact=1 keeps only the town's own shifts.
  auto exact = city.Get(std::string("/api/v1/duty-shifts?exact=1&region=") + kTown +
                        "&from=" + date + "&to=" + date);
  for (const auto& s : exact.json.at("items").as_array()) EXPECT_EQ(Str(s, "region_code"), kTown);

  // Outside 东城: invisible to its staff, in lists and for deletion.
  auto east = TestServer::Get().As("town");
  auto east_list = east.Get("/api/v1/duty-shifts?page_size=100&from=" + date + "&to=" + date);
  ASSERT_EQ(east_list.status, 200);
  for (const auto& s : east_list.json.at("items").as_array())
    EXPECT_EQ(Str(s, "region_path").rfind("/330784/330784001/", 0), 0u);
  EXPECT_EQ(east.Get(std::string("/api/v1/duty-shifts?region=") + kTown).status, 404);
  EXPECT_EQ(east.Delete("/api/v1/duty-shifts/" + std::to_string(id)).status, 404);
  // A grid sister reads the roster but does not make it.
  auto sister = TestServer::Get().As("gridsister");
  EXPECT_EQ(sister.Get("/api/v1/duty-shifts").status, 200);
  EXPECT_EQ(sister.Delete("/api/v1/duty-shifts/" + std::to_string(id)).status, 403);

  auto deleted = city.Delete("/api/v1/duty-shifts/" + std::to_string(id));
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_EQ(AuditCount(id, "delete"), 1);
  EXPECT_EQ(city.Delete("/api/v1/duty-shifts/" + std::to_string(id)).status, 404);
}

TEST(DutyRoster, WhoIsOnDutyNowWalksUpFromTheVillageAsTheClockMoves) {
  const auto& roster = TestRoster();
  auto& clock = TestServer::Get().clock();
  const int64_t t0 = Now();
  auto city = TestServer::Get().As("city");
  auto town_shift =
      city.Post("/api/v1/duty-shifts", Shift(kTown, roster.town_staff, t0 - kHour, t0 + 3 * kHour));
  ASSERT_EQ(town_shift.status, 201) << town_shift.body;
  const int64_t town_id = town_shift.json.at("id").as_int64();
  const std::string village_now = std::string("/api/v1/duty-shifts/current?region=") + kVillage;

  // Nobody in the village: the town's person answers for it.
  auto answer = city.Get(village_now);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(Str(answer.json, "region_code"), kVillage);
  ASSERT_TRUE(answer.json.at("on_duty").is_object()) << answer.body;
  EXPECT_EQ(answer.json.at("on_duty").at("id").as_int64(), town_id);
  EXPECT_EQ(answer.json.at("on_duty").at("user_id").as_int64(), roster.town_staff);

  auto village_shift = city.Post(
      "/api/v1/duty-shifts", Shift(kVillage, roster.village_cadre, t0 - 30 * kMinute, t0 + kHour));
  ASSERT_EQ(village_shift.status, 201) << village_shift.body;
  const int64_t village_id = village_shift.json.at("id").as_int64();
  EXPECT_EQ(city.Get(village_now).json.at("on_duty").at("id").as_int64(), village_id);
  // The town itself still has its own.
  EXPECT_EQ(city.Get(std::string("/api/v1/duty-shifts/current?region=") + kTown)
                .json.at("on_duty")
                .at("id")
                .as_int64(),
            town_id);

  // 90 minutes later the village's shift is over and the town answers again.
  clock.Advance(std::chrono::minutes(90));
  city = TestServer::Get().As("city");
  EXPECT_EQ(city.Get(village_now).json.at("on_duty").at("id").as_int64(), town_id);
  // A past shift stays as the record of who was on duty.
  auto past = city.Delete("/api/v1/duty-shifts/" + std::to_string(village_id));
  EXPECT_EQ(past.status, 409) << past.body;

  // Ending the running town shift now leaves the village to the city's roster, if any.
  auto ended = city.Delete("/api/v1/duty-shifts/" + std::to_string(town_id));
  EXPECT_EQ(ended.status, 204) << ended.body;
  EXPECT_EQ(AuditCount(town_id, "end"), 1);
  auto after = city.Get(village_now);
  ASSERT_EQ(after.status, 200);
  if (!after.json.at("on_duty").is_null())
    EXPECT_EQ(Str(after.json.at("on_duty"), "region_code"), "330784") << after.body;
  // The ended shift is still listed, ending now.
  const std::string date = Iso(t0).substr(0, 10);
  auto listed = city.Get(std::string("/api/v1/duty-shifts?exact=1&region=") + kTown +
                         "&from=" + Iso(t0 - 24 * kHour).substr(0, 10) + "&to=" + date);
  bool kept = false;
  for (const auto& s : listed.json.at("items").as_array())
    if (s.at("id").as_int64() == town_id) {
      kept = true;
      EXPECT_EQ(Str(s, "ends_at"), Iso(Now()));
    }
  EXPECT_TRUE(kept) << listed.body;

  // Out of scope for 东城's staff; a grid sister asks for her own grid by default.
  EXPECT_EQ(TestServer::Get().As("town").Get(village_now).status, 404);
  auto sister = TestServer::Get().As("gridsister").Get("/api/v1/duty-shifts/current");
  ASSERT_EQ(sister.status, 200);
  EXPECT_EQ(Str(sister.json, "region_code"), "330784001001001");
}

TEST(DutyRoster, TheDemoRosterPutsTheTownAccountOnDutyEveryNight) {
  // The roster runs 14 days from the demo load; other tests move the clock on, so the days are
  // counted from the load.
  const int64_t loaded = TestServer::Get().app().db().ReadSync([](store::Connection& c) {
    return c.QueryOne("SELECT MIN(at) FROM audit_log WHERE entity = 'demo_data'")->Int(0);
  });
  auto town = TestServer::Get().As("town");
  const std::string today = Iso(loaded).substr(0, 10);
  const std::string later = Iso(loaded + 13 * 24 * kHour).substr(0, 10);
  auto nights = town.Get(
      "/api/v1/duty-shifts?page_size=100&exact=1&region=330784001&from=" + today + "&to=" + later);
  ASSERT_EQ(nights.status, 200) << nights.body;
  const int64_t town_id = UserIdOf("town");
  std::set<std::string> nights_of_town;
  for (const auto& s : nights.json.at("items").as_array()) {
    const std::string starts = Str(s, "starts_at");
    if (starts.substr(11, 5) != "17:30") continue;
    EXPECT_EQ(s.at("user_id").as_int64(), town_id) << starts;
    nights_of_town.insert(starts.substr(0, 10));
  }
  EXPECT_GE(nights_of_town.size(), 13u);

  // Every town and the city have someone on duty tonight at 21:30.
  const int64_t tonight = BeijingDateStartMillis(today) + 21 * kHour + 30 * kMinute;
  auto city = TestServer::Get().As("city");
  auto shifts = city.Get("/api/v1/duty-shifts?page_size=100&from=" + today + "&to=" + today);
  std::set<std::string> covered;
  for (const auto& s : shifts.json.at("items").as_array()) {
    const auto from = ParseIsoTime(Str(s, "starts_at")), to = ParseIsoTime(Str(s, "ends_at"));
    if (from && to && *from <= tonight && tonight < *to) covered.insert(Str(s, "region_code"));
  }
  for (int t = 1; t <= 14; ++t) {
    char code[16];
    std::snprintf(code, sizeof code, "330784%03d", t);
    EXPECT_TRUE(covered.count(code)) << code;
  }
  EXPECT_TRUE(covered.count("330784"));
}

TEST(DutyRoster, CandidatesAreTheCaseHandlersOfTheRegionAboveAndBelow) {
  const auto& roster = TestRoster();
  auto city = TestServer::Get().As("city");
  auto list = city.Get(std::string("/api/v1/duty-shifts/candidates?region=") + kTown);
  ASSERT_EQ(list.status, 200) << list.body;
  std::set<int64_t> ids;
  for (const auto& u : list.json.as_array()) ids.insert(u.at("id").as_int64());
  EXPECT_TRUE(ids.count(roster.town_staff));
  EXPECT_TRUE(ids.count(roster.village_cadre));
  EXPECT_TRUE(ids.count(UserIdOf("city")));
  EXPECT_FALSE(ids.count(roster.grid_sister));
  EXPECT_FALSE(ids.count(UserIdOf("town")));
  EXPECT_FALSE(ids.count(UserIdOf("admin")));
  EXPECT_EQ(TestServer::Get()
                .As("town")
                .Get(std::string("/api/v1/duty-shifts/candidates?region=") + kTown)
                .status,
            404);
}

}  // namespace
}  // namespace hejia::testing
