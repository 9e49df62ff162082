// Mediation rooms through the API: a room's level follows its region, another town's rooms stay
// invisible, the rooms above one's area can be opened, optimistic versions, retiring, the
// calendar without case content, and the overlap rule the case workflow books sessions by.
#include <atomic>
#include <set>

#include "common/clock.hpp"
#include "harness.hpp"
#include "store/rooms_repo.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr int64_t kHour = 3600LL * 1000;

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

/// A room name no other test uses (the database lives for the whole binary).
std::string UniqueRoomName(const std::string& stem) {
  static std::atomic<int> n{0};
  return stem + "调解室" + std::to_string(++n);
}

int64_t AuditCount(const std::string& entity, int64_t id, const std::string& action) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ?",
            {entity, std::to_string(id), action})
        ->Int(0);
  });
}

std::set<int64_t> Ids(const HttpResult& page) {
  std::set<int64_t> out;
  for (const auto& item : page.json.at("items").as_array()) out.insert(item.at("id").as_int64());
  return out;
}

/// Opens a room as `login` in `region`; returns the answer.
HttpResult NewRoom(const std::string& login, const std::string& region,
                   const std::string& name = UniqueRoomName("测试"), bool demonstration = false) {
  auto as = TestServer::Get().As(login);
  return as.Post("/api/v1/rooms", json::object{{"name", name},
                                               {"region_code", region},
                                               {"address", "永康市测试路 8 号"},
                                               {"hours", "周一至周五 8:30–17:30"},
                                               {"phone", "0579-87001234"},
                                               {"demonstration", demonstration}});
}

/// A room opened as `login` in `region`: its id and path. The test fails (and stops) when the room
/// cannot be opened.
struct MadeRoom {
  int64_t id;
  std::string path;
};
MadeRoom OpenRoom(const std::string& login, const std::string& region, const std::string& name) {
  auto created = NewRoom(login, region, name);
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) throw std::runtime_error("the room was not opened");
  const int64_t id = created.json.at("id").as_int64();
  return {id, "/api/v1/rooms/" + std::to_string(id)};
}

/// A case row for sessions to hang on (the cases API is another area's; only the columns a
/// session and the case load need are filled).
int64_t InsertCase(const std::string& region_code, const std::string& status,
                   std::optional<int64_t> mediator_id = std::nullopt) {
  static std::atomic<int> seq{0};
  return TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    const std::string path =
        c.QueryOne("SELECT path FROM regions WHERE code = ?", {region_code})->Text(0);
    const int64_t now = TestServer::Get().clock().NowMillis();
    return c
        .QueryOne(
            "INSERT INTO cases (case_no, channel, category, status, level, region_code, "
            "region_path, mediator_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "RETURNING id",
            {"ROOMTEST-" + std::to_string(++seq), "walk_in", "marriage", status, "town",
             region_code, path, store::Value(mediator_id), now, now})
        ->Int(0);
  });
}

int64_t InsertSession(int64_t case_id, int64_t room_id, int64_t starts, int64_t ends,
                      const std::string& status = "scheduled") {
  return TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "INSERT INTO mediation_sessions (case_id, room_id, online, starts_at, ends_at, status, "
            "created_at) VALUES (?,?,0,?,?,?,?) RETURNING id",
            {case_id, room_id, starts, ends, status, starts})
        ->Int(0);
  });
}

bool SlotFree(int64_t room_id, int64_t starts, int64_t ends,
              std::optional<int64_t> except = std::nullopt) {
  return TestServer::Get().app().db().ReadSync(
      [&](store::Connection& c) { return store::RoomSlotFree(c, room_id, starts, ends, except); });
}

/// Ten o'clock in the morning Beijing time, `days` days from the server's today.
int64_t MorningIn(int days) {
  const std::string today = FormatBeijing(TestServer::Get().clock().NowMillis()).substr(0, 10);
  return BeijingDateStartMillis(today) + days * 24 * kHour + 10 * kHour;
}

TEST(Rooms, ARoomsLevelFollowsItsRegionAndEveryOpeningIsAudited) {
  auto village = NewRoom("town", "330784001002");
  ASSERT_EQ(village.status, 201) << village.body;
  EXPECT_EQ(Str(village.json, "level"), "village");
  EXPECT_EQ(Str(village.json, "region_path"), "/330784/330784001/330784001002/");
  EXPECT_EQ(Str(village.json, "phone"), "057987001234");
  EXPECT_EQ(village.json.at("version").as_int64(), 1);
  EXPECT_FALSE(village.json.at("retired").as_bool());
  EXPECT_EQ(AuditCount("room", village.json.at("id").as_int64(), "create"), 1);

  auto town = NewRoom("town", "330784001");
  ASSERT_EQ(town.status, 201) << town.body;
  EXPECT_EQ(Str(town.json, "level"), "town");
  EXPECT_EQ(Str(town.json, "region_name"), "东城街道");

  auto city = NewRoom("city", "330784");
  ASSERT_EQ(city.status, 201) << city.body;
  EXPECT_EQ(Str(city.json, "level"), "city");
}

TEST(Rooms, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  const int64_t before = TestServer::Get().app().db().ReadSync([](store::Connection& c) {
    return c.QueryOne("SELECT COUNT(*) FROM mediation_rooms")->Int(0);
  });
  auto town = TestServer::Get().As("town");
  struct Case {
    json::object body;
    int status;
    const char* field;
  };
  const std::vector<Case> cases = {
      {{{"region_code", "330784001"}}, 400, "name"},
      {{{"name", "   "}, {"region_code", "330784001"}}, 400, "name"},
      {{{"name", std::string(51 * 3, 'x')}, {"region_code", "330784001"}}, 400, "name"},
      {{{"name", "网格调解室"}, {"region_code", "330784001001001"}}, 400, "region_code"},
      {{{"name", "西城调解室"}, {"region_code", "330784002"}}, 404, "region_code"},
      {{{"name", "无此区划"}, {"region_code", "330784999"}}, 404, "region_code"},
      {{{"name", "电话错误"}, {"region_code", "330784001"}, {"phone", "12345"}}, 400, "phone"},
      {{{"name", "示范"}, {"region_code", "330784001"}, {"demonstration", "yes"}},
       400,
       "demonstration"},
      {{{"name", "多余字段"}, {"region_code", "330784001"}, {"level", "city"}}, 400, "level"},
  };
  for (const auto& c : cases) {
    auto r = town.Post("/api/v1/rooms", c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " " << r.body;
    EXPECT_EQ(r.ErrorField(), c.field) << json::serialize(c.body);
  }
  const int64_t after = TestServer::Get().app().db().ReadSync([](store::Connection& c) {
    return c.QueryOne("SELECT COUNT(*) FROM mediation_rooms")->Int(0);
  });
  EXPECT_EQ(after, before);
}

TEST(Rooms, AnotherTownsRoomsAnswer404AndStayOutOfItsLists) {
  const auto [id, path] = OpenRoom("town", "330784001003", UniqueRoomName("东城"));

  auto town = TestServer::Get().As("town");
  EXPECT_EQ(town.Get(path).status, 200);
  EXPECT_TRUE(Ids(town.Get("/api/v1/rooms?page_size=100&region=330784001003")).count(id));

  auto west = TestServer::Get().As("town2");
  auto seen = west.Get(path);
  EXPECT_EQ(seen.status, 404);
  EXPECT_EQ(seen.ErrorCode(), "not_found");
  EXPECT_EQ(west.Get(path + "/calendar").status, 404);
  EXPECT_EQ(west.Patch(path, json::object{{"name", "改名"}, {"version", 1}}).status, 404);
  EXPECT_EQ(west.Post(path + "/retire", json::object{}).status, 404);
  for (int page = 1; page <= 5; ++page) {
    auto list = west.Get("/api/v1/rooms?page_size=100&serving=1&page=" + std::to_string(page));
    ASSERT_EQ(list.status, 200);
    EXPECT_FALSE(Ids(list).count(id));
    for (const auto& item : list.json.at("items").as_array()) {
      const std::string p = Str(item, "region_path");
      EXPECT_TRUE(p.rfind("/330784/330784002/", 0) == 0 || p == "/330784/") << p;
    }
  }
  // A region outside the caller's area cannot narrow a list either.
  EXPECT_EQ(west.Get("/api/v1/rooms?region=330784001").status, 404);
}

TEST(Rooms, TheRoomsAboveMyAreaCanBeOpenedButNotChanged) {
  const auto [id, path] = OpenRoom("town", "330784001001", UniqueRoomName("一村"));

  // The grid sister's grid lies in that village: the room serves her families.
  auto sister = TestServer::Get().As("gridsister");
  EXPECT_EQ(sister.Get(path).status, 200);
  EXPECT_EQ(sister.Get(path + "/calendar").status, 200);
  EXPECT_FALSE(Ids(sister.Get("/api/v1/rooms?page_size=100")).count(id));
  EXPECT_TRUE(Ids(sister.Get("/api/v1/rooms?page_size=100&serving=1")).count(id));

  // The village cadre of that village may not change the town's room above her.
  const std::string town_path = OpenRoom("town", "330784001", UniqueRoomName("街道")).path;
  auto village = TestServer::Get().As("village");
  EXPECT_EQ(village.Get(town_path).status, 200);
  // village_cadre has no room.write at all; the town staff of another town sees nothing.
  EXPECT_EQ(village.Patch(town_path, json::object{{"version", 1}, {"name", "x"}}).status, 403);
  const std::string city_path = OpenRoom("city", "330784", UniqueRoomName("市")).path;
  auto town = TestServer::Get().As("town");
  EXPECT_EQ(town.Get(city_path).status, 200);
  auto refused = town.Patch(city_path, json::object{{"version", 1}, {"name", "东城改的"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(town.Post(city_path + "/retire", json::object{}).status, 403);
}

TEST(Rooms, AStaleVersionIsRefusedWithTheCurrentRoom) {
  const auto [id, path] = OpenRoom("town", "330784001", UniqueRoomName("版本"));
  auto town = TestServer::Get().As("town");

  auto first = town.Patch(path, json::object{{"version", 1},
                                             {"hours", "周一至周六 8:30–20:00"},
                                             {"demonstration", true},
                                             {"phone", ""}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json.at("version").as_int64(), 2);
  EXPECT_TRUE(first.json.at("demonstration").as_bool());
  EXPECT_EQ(Str(first.json, "phone"), "");
  EXPECT_EQ(AuditCount("room", id, "update"), 1);

  auto stale = town.Patch(path, json::object{{"version", 1}, {"name", "旧版本改名"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "conflict");
  EXPECT_EQ(stale.ErrorField(), "version");
  EXPECT_EQ(stale.json.at("error").at("details").at("current").at("version").as_int64(), 2);
  EXPECT_EQ(Str(town.Get(path).json, "hours"), "周一至周六 8:30–20:00");

  // Nothing changed: no new version, no audit entry.
  auto same = town.Patch(path, json::object{{"version", 2}, {"demonstration", true}});
  ASSERT_EQ(same.status, 200);
  EXPECT_EQ(same.json.at("version").as_int64(), 2);
  EXPECT_EQ(AuditCount("room", id, "update"), 1);

  auto moved = town.Patch(path, json::object{{"version", 2}, {"region_code", "330784001002"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Str(moved.json, "level"), "village");
  auto grid = town.Patch(path, json::object{{"version", 3}, {"region_code", "330784001002001"}});
  EXPECT_EQ(grid.status, 400);
  EXPECT_EQ(grid.ErrorField(), "region_code");
  EXPECT_EQ(town.Patch(path, json::object{{"name", "缺版本"}}).ErrorField(), "version");
}

TEST(Rooms, ListsFilterByLevelDemonstrationAndName) {
  const std::string name = UniqueRoomName("筛选示范");
  ASSERT_EQ(NewRoom("town", "330784001004", name, true).status, 201);
  auto town = TestServer::Get().As("town");
  auto demo = town.Get("/api/v1/rooms?page_size=100&demonstration=1");
  ASSERT_EQ(demo.status, 200);
  EXPECT_GT(demo.json.at("total").as_int64(), 0);
  for (const auto& r : demo.json.at("items").as_array())
    EXPECT_TRUE(r.at("demonstration").as_bool());
  auto towns = town.Get("/api/v1/rooms?page_size=100&level=town");
  for (const auto& r : towns.json.at("items").as_array()) EXPECT_EQ(Str(r, "level"), "town");
  auto by_name = town.Get("/api/v1/rooms?q=" + std::string("%E7%AD%9B%E9%80%89"));  // 筛选
  ASSERT_EQ(by_name.status, 200);
  ASSERT_GE(by_name.json.at("total").as_int64(), 1);
  EXPECT_EQ(Str(by_name.json.at("items").at(0), "name").find("筛选"), 0u);
  EXPECT_EQ(town.Get("/api/v1/rooms?level=grid").ErrorField(), "level");
  EXPECT_EQ(town.Get("/api/v1/rooms?demonstration=maybe").ErrorField(), "demonstration");
}

// The article's 35 are the towns' and villages' sites; the city's centre is one besides them.
TEST(Rooms, TheDemoCityHas35DemonstrationSitesInItsTownsAndVillages) {
  auto city = TestServer::Get().As("city");
  auto demo = city.Get("/api/v1/rooms?page_size=100&demonstration=1&q=%E5%AE%B6%E4%BA%8B");  // 家事
  ASSERT_EQ(demo.status, 200);
  int64_t generated = 0;
  std::set<std::string> levels;
  for (const auto& r : demo.json.at("items").as_array()) {
    if (Str(r, "name").find("测试") != std::string::npos) continue;
    if (Str(r, "name").find("筛选") != std::string::npos) continue;
    if (Str(r, "level") != "city") ++generated;
    levels.insert(Str(r, "level"));
  }
  EXPECT_EQ(generated, 35);
  auto sites =
      city.Get("/api/v1/rooms?page_size=1&demonstration=1&level=town,village&q=%E5%AE%B6%E4%BA%8B");
  ASSERT_EQ(sites.status, 200) << sites.body;
  EXPECT_GE(sites.json.at("total").as_int64(), 35);
  EXPECT_EQ(city.Get("/api/v1/rooms?level=town,grid").ErrorField(), "level");
  EXPECT_EQ(levels, (std::set<std::string>{"city", "town", "village"}));
}

TEST(Rooms, RetiringHidesTheRoomUnlessAskedAndWaitsForBookedSessions) {
  const auto [id, path] = OpenRoom("town", "330784001", UniqueRoomName("停用"));
  auto town = TestServer::Get().As("town");

  const int64_t case_id = InsertCase("330784001", "mediating");
  const int64_t session = InsertSession(case_id, id, MorningIn(2), MorningIn(2) + kHour);
  auto booked = town.Post(path + "/retire", json::object{});
  EXPECT_EQ(booked.status, 409) << booked.body;
  EXPECT_EQ(booked.json.at("error").at("details").at("upcoming_sessions").as_int64(), 1);
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute("UPDATE mediation_sessions SET status = 'cancelled' WHERE id = ?", {session});
  });

  auto retired = town.Post(path + "/retire", json::object{});
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_TRUE(retired.json.at("retired").as_bool());
  EXPECT_EQ(town.Post(path + "/retire", json::object{}).status, 200);
  EXPECT_EQ(AuditCount("room", id, "retire"), 1);
  EXPECT_FALSE(
      Ids(town.Get("/api/v1/rooms?page_size=100&region=330784001&q=%E5%81%9C%E7%94%A8")).count(id));
  EXPECT_TRUE(
      Ids(town.Get("/api/v1/"
                   "rooms?page_size=100&region=330784001&include_retired=1&q=%E5%81%9C%E7%94%A8"))
          .count(id));
}

TEST(Rooms, ASlotIsFreeUnlessALiveSessionOverlapsIt) {
  auto created = NewRoom("town", "330784001", UniqueRoomName("预约"));
  ASSERT_EQ(created.status, 201);
  const int64_t room = created.json.at("id").as_int64();
  const int64_t case_id = InsertCase("330784001", "mediating");
  const int64_t ten = MorningIn(3);
  const int64_t s1 = InsertSession(case_id, room, ten, ten + kHour);        // 10–11
  InsertSession(case_id, room, ten + kHour, ten + 2 * kHour, "cancelled");  // 11–12
  InsertSession(case_id, room, ten + 4 * kHour, ten + 5 * kHour);           // 14–15

  EXPECT_FALSE(SlotFree(room, ten + kHour / 2, ten + kHour * 3 / 4));  // inside 10–11
  EXPECT_FALSE(SlotFree(room, ten - kHour / 2, ten + 60 * 1000));      // runs into it
  EXPECT_FALSE(SlotFree(room, ten - kHour, ten + 6 * kHour));          // covers everything
  EXPECT_TRUE(SlotFree(room, ten - kHour, ten));                       // ends as it starts
  EXPECT_TRUE(SlotFree(room, ten + kHour, ten + 2 * kHour));           // the cancelled one
  EXPECT_TRUE(SlotFree(room, ten + 2 * kHour, ten + 4 * kHour));       // between the two
  EXPECT_FALSE(SlotFree(room, ten + 3 * kHour, ten + 4 * kHour + 1));
  // Moving a session within its own slot does not collide with itself.
  EXPECT_TRUE(SlotFree(room, ten + kHour / 4, ten + kHour, s1));
  EXPECT_FALSE(SlotFree(room, ten + kHour / 4, ten + 5 * kHour, s1));
  // Another room is free at the same time.
  EXPECT_TRUE(SlotFree(room + 100000, ten, ten + kHour));
}

TEST(Rooms, TheCalendarListsSessionsByDayWithoutCaseContent) {
  auto created = NewRoom("city", "330784", UniqueRoomName("日历"));
  ASSERT_EQ(created.status, 201);
  const int64_t room = created.json.at("id").as_int64();
  const int64_t east_case = InsertCase("330784001", "mediating");
  const int64_t west_case = InsertCase("330784002", "mediating");
  const int64_t day = MorningIn(4);
  InsertSession(east_case, room, day, day + kHour);
  InsertSession(west_case, room, day + 2 * kHour, day + 3 * kHour);
  InsertSession(east_case, room, day + 24 * kHour, day + 25 * kHour);  // the day after
  const std::string date = FormatBeijing(day).substr(0, 10);
  const std::string path = "/api/v1/rooms/" + std::to_string(room) + "/calendar";

  auto city = TestServer::Get().As("city");
  auto one_day = city.Get(path + "?from=" + date + "&to=" + date);
  ASSERT_EQ(one_day.status, 200) << one_day.body;
  EXPECT_EQ(Str(one_day.json, "from"), date);
  const auto& sessions = one_day.json.at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions.at(0).at("case_id").as_int64(), east_case);
  EXPECT_EQ(Str(sessions.at(0), "starts_at"), FormatBeijing(day));
  EXPECT_EQ(Str(sessions.at(0), "status"), "scheduled");
  EXPECT_FALSE(sessions.at(0).at("online").as_bool());
  for (const auto& s : sessions)
    EXPECT_EQ(s.as_object().size(), 6u)
        << json::serialize(s);  // id case_id starts ends online status

  // 东城's staff see the city room; 西城's booking there shows only as busy.
  auto town = TestServer::Get().As("town");
  auto east_view = town.Get(path + "?from=" + date + "&to=" + date);
  ASSERT_EQ(east_view.status, 200);
  EXPECT_EQ(east_view.json.at("sessions").at(0).at("case_id").as_int64(), east_case);
  EXPECT_TRUE(east_view.json.at("sessions").at(1).at("case_id").is_null());

  auto week = city.Get(path + "?from=" + date);
  ASSERT_EQ(week.status, 200);
  EXPECT_EQ(week.json.at("sessions").as_array().size(), 3u);
  EXPECT_EQ(city.Get(path + "?from=" + date + "&to=2000-01-01").ErrorField(), "to");
  EXPECT_EQ(city.Get(path + "?from=2026-02-30").ErrorField(), "from");
  EXPECT_EQ(city.Get(path + "?from=2026-01-01&to=2026-12-31").ErrorField(), "to");
}

}  // namespace
}  // namespace hejia::testing
