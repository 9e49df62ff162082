// Volunteers and their service records through the API (issue 12, point 1): the record kit's
// routes as a town worker uses them — phone and ID number masked, sealed and blind-indexed, a
// link to a team or an account only inside her area, the member types and levels of the
// declaration; a service typed by hand lands in the volunteer's region. Trainings (point 4): a
// town's mediation lecture with the volunteers who came, each volunteer's trainings counted.
#include <atomic>

#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTown = "330784001";        // 东城街道, the demo `town` account's
constexpr const char* kVillage = "330784001002";  // one of its villages
constexpr const char* kOtherTown = "330784002";   // 西城街道
constexpr const char* kGrid = "330784001001001";
// A valid resident ID number (GB 11643 check character) of a woman born 1980-05-01.
constexpr const char* kIdNumber = "330784198005010020";

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::string UniqueName() {
  static std::atomic<int> n{0};
  return "测试志愿者" + std::to_string(++n);
}

json::object Body(const std::string& region, const std::string& name = UniqueName()) {
  return json::object{{"name", name},
                      {"gender", "female"},
                      {"phone", "13700001234"},
                      {"id_number", kIdNumber},
                      {"member_type", "womens_representative"},
                      {"region_code", region},
                      {"grid_sister", true},
                      {"joined_at", "2026-03-08T09:00:00+08:00"},
                      {"skills", "调解, 心理疏导"},
                      {"external_no", "ZJ-VOL-0001"}};
}

int64_t TeamIn(const std::string& region) {
  auto r = TestServer::Get().As("city").Post("/api/v1/teams",
                                             json::object{{"name", "志愿者测试队" + UniqueName()},
                                                          {"kind", "grid_sisters"},
                                                          {"region_code", region}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json.at("id").as_int64();
}

TEST(Volunteers, ATownWorkerAddsAVolunteerWhosePhoneAndIdAreMaskedAndSealed) {
  auto town = TestServer::Get().As("town");
  auto body = Body(kVillage);
  body["team_id"] = TeamIn(kVillage);
  auto r = town.Post("/api/v1/volunteers", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json, "phone"), "137****1234");
  EXPECT_EQ(Str(r.json, "id_number").find("19800501"), std::string::npos);
  EXPECT_EQ(Str(r.json, "level"), "village");
  EXPECT_EQ(Str(r.json, "member_type"), "womens_representative");
  EXPECT_TRUE(r.json.at("grid_sister").as_bool());
  EXPECT_EQ(r.json.at("left_at"), json::value(nullptr));
  EXPECT_EQ(r.json.at("user_id"), json::value(nullptr));
  const int64_t id = r.json.at("id").as_int64();
  const auto stored = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne(
        "SELECT phone_enc, id_number_enc, phone_bidx, id_number_bidx FROM volunteers WHERE id = ?",
        {id});
    return row->Text(0) + row->Text(1) + row->Text(2) + row->Text(3);
  });
  EXPECT_EQ(stored.find("13700001234"), std::string::npos);
  EXPECT_EQ(stored.find(kIdNumber), std::string::npos);
  auto shown = town.Get("/api/v1/volunteers/" + std::to_string(id) + "/sensitive");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(Str(shown.json, "id_number"), kIdNumber);
  EXPECT_EQ(Str(shown.json, "phone"), "13700001234");
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/volunteers").status, 403);
}

TEST(Volunteers, EveryMistakeNamesItsField) {
  auto town = TestServer::Get().As("town");
  auto with = [](json::object b, std::string_view key, json::value v) {
    b[key] = std::move(v);
    return b;
  };
  auto without = [](json::object b, std::string_view key) {
    b.erase(key);
    return b;
  };
  const int64_t other_team = TeamIn(kOtherTown);
  struct Case {
    json::object body;
    int status;
    std::string field;
  } cases[] = {
      {without(Body(kTown), "name"), 400, "name"},
      {with(Body(kTown), "id_number", "330784198005010029"), 400, "id_number"},
      {with(Body(kTown), "phone", "12345"), 400, "phone"},
      {with(Body(kTown), "member_type", "captain"), 400, "member_type"},
      {without(Body(kTown), "joined_at"), 400, "joined_at"},
      {Body(kGrid), 400, "region_code"},
      {Body(kOtherTown), 404, "region_code"},
      {with(Body(kTown), "team_id", other_team), 404, "team_id"},
      {with(Body(kTown), "team_id", 999999999), 404, "team_id"},
      {with(Body(kTown), "user_id", "7"), 400, "user_id"},
  };
  for (const auto& c : cases) {
    auto r = town.Post("/api/v1/volunteers", c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " -> " << r.body;
    EXPECT_EQ(r.ErrorField(), c.field) << json::serialize(c.body);
  }
}

TEST(Volunteers, ListsFilterByTypeGridSisterAndTeam) {
  auto town = TestServer::Get().As("town");
  const int64_t team = TeamIn(kTown);
  auto body = Body(kTown);
  body["team_id"] = team;
  body["member_type"] = "executive_member";
  body["grid_sister"] = false;
  ASSERT_EQ(town.Post("/api/v1/volunteers", body).status, 201);
  auto page = town.Get("/api/v1/volunteers?team_id=" + std::to_string(team));
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_EQ(page.json.at("total").as_int64(), 1);
  EXPECT_EQ(Str(page.json.at("items").at(0), "member_type"), "executive_member");
  auto typed = town.Get("/api/v1/volunteers?member_type=executive_member&grid_sister=0");
  for (const auto& item : typed.json.at("items").as_array()) {
    EXPECT_EQ(Str(item, "member_type"), "executive_member");
    EXPECT_FALSE(item.at("grid_sister").as_bool());
  }
  EXPECT_EQ(town.Get("/api/v1/volunteers?team_id=x").ErrorField(), "team_id");
  EXPECT_EQ(town.Get("/api/v1/volunteers?sort=phone").ErrorField(), "sort");
}

TEST(VolunteerServices, AServiceTypedByHandLandsInTheVolunteersRegion) {
  auto town = TestServer::Get().As("town");
  auto v = town.Post("/api/v1/volunteers", Body(kVillage));
  ASSERT_EQ(v.status, 201) << v.body;
  const int64_t id = v.json.at("id").as_int64();
  auto r = town.Post("/api/v1/volunteer-services",
                     json::object{{"volunteer_id", id},
                                  {"served_at", "2026-11-20T14:00:00+08:00"},
                                  {"minutes", 90},
                                  {"activity", "入户宣传反家暴法"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json, "region_code"), kVillage);
  EXPECT_EQ(Str(r.json, "source"), "hand");
  EXPECT_EQ(r.json.at("minutes").as_int64(), 90);
  auto list = town.Get("/api/v1/volunteer-services?volunteer_id=" + std::to_string(id));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json.at("total").as_int64(), 1);
  struct Case {
    json::object body;
    int status;
    std::string field;
  } cases[] = {
      {{{"volunteer_id", id}, {"served_at", "2026-11-20T14:00:00+08:00"}, {"activity", "x"}},
       400,
       "minutes"},
      {{{"volunteer_id", id},
        {"served_at", "2026-11-20T14:00:00+08:00"},
        {"minutes", 0},
        {"activity", "x"}},
       400,
       "minutes"},
      {{{"volunteer_id", id},
        {"served_at", "2099-01-01T14:00:00+08:00"},
        {"minutes", 30},
        {"activity", "x"}},
       400,
       "served_at"},
      {{{"volunteer_id", 999999999},
        {"served_at", "2026-11-20T14:00:00+08:00"},
        {"minutes", 30},
        {"activity", "x"}},
       404,
       "volunteer_id"},
      {{{"volunteer_id", id},
        {"served_at", "2026-11-20T14:00:00+08:00"},
        {"minutes", 30},
        {"activity", "x"},
        {"source", "visit"}},
       400,
       "source"},
  };
  for (const auto& c : cases) {
    auto bad = town.Post("/api/v1/volunteer-services", c.body);
    EXPECT_EQ(bad.status, c.status) << json::serialize(c.body) << " -> " << bad.body;
    EXPECT_EQ(bad.ErrorField(), c.field) << json::serialize(c.body);
  }
  // A volunteer of the neighbour town cannot be credited by her.
  auto west = TestServer::Get().As("city").Post("/api/v1/volunteers", Body(kOtherTown));
  ASSERT_EQ(west.status, 201);
  EXPECT_EQ(town.Post("/api/v1/volunteer-services",
                      json::object{{"volunteer_id", west.json.at("id").as_int64()},
                                   {"served_at", "2026-11-20T14:00:00+08:00"},
                                   {"minutes", 30},
                                   {"activity", "x"}})
                .status,
            404);
}

TEST(Trainings, ATownsLectureRecordsWhoCameAndEachVolunteerCountsIt) {
  auto town = TestServer::Get().As("town");
  auto created =
      town.Post("/api/v1/trainings", json::object{{"title", "家事调解培训讲座（测试）"},
                                                  {"kind", "mediation_lecture"},
                                                  {"held_at", "2026-11-20T14:00:00+08:00"},
                                                  {"region_code", kTown},
                                                  {"speakers", "调解指导员"},
                                                  {"topics", "反家庭暴力法"},
                                                  {"venue", "东城街道妇女之家"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("attendance").as_int64(), 0);
  const std::string path = "/api/v1/trainings/" + std::to_string(created.json.at("id").as_int64());
  std::vector<int64_t> ids;
  TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    c.QueryEach(
        "SELECT id FROM volunteers WHERE region_path LIKE '/330784/330784001/%' AND retired = 0 "
        "ORDER BY id LIMIT 3",
        std::vector<store::Value>{}, [&](const store::Row& r) { ids.push_back(r.Int(0)); });
  });
  ASSERT_EQ(ids.size(), 3u);
  const int64_t outsider =
      QueryInt("SELECT MIN(id) FROM volunteers WHERE region_path LIKE '/330784/330784002/%'");
  // A volunteer of another town is not in her area: nothing changes.
  auto refused = town.Put(path + "/attendance",
                          json::object{{"version", created.json.at("version")},
                                       {"volunteer_ids", json::array{ids[0], outsider}}});
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.ErrorField(), "volunteer_ids");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM training_attendance WHERE training_id = ?",
                     {created.json.at("id").as_int64()}),
            0);
  auto set = town.Put(path + "/attendance",
                      json::object{{"version", created.json.at("version")},
                                   {"volunteer_ids", json::array{ids[0], ids[1], ids[2], ids[1]}}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json.at("attendance").as_int64(), 3);
  // The version moved on: an old one is refused.
  EXPECT_EQ(town.Put(path + "/attendance", json::object{{"version", created.json.at("version")},
                                                        {"volunteer_ids", json::array{}}})
                .status,
            409);
  auto list = town.Get(path + "/attendance");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json.at("total").as_int64(), 3);
  auto mine = town.Get("/api/v1/volunteers/" + std::to_string(ids[1]) + "/trainings");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_GE(mine.json.at("count").as_int64(), 1);
  EXPECT_EQ(AuditCount("training", std::to_string(created.json.at("id").as_int64()), "attendance"),
            1);
  // 西城街道's worker does not see it; a grid sister has no trainings page.
  EXPECT_EQ(TestServer::Get().As("town2").Get(path).status, 404);
  EXPECT_EQ(TestServer::Get().As("gridsister").Get("/api/v1/trainings").status, 403);
  EXPECT_EQ(town.Post("/api/v1/trainings",
                      json::object{{"title", "无日期"}, {"kind", "skills"}, {"region_code", kTown}})
                .ErrorField(),
            "held_at");
}

}  // namespace
}  // namespace hejia::testing
