// Volunteer teams through the API: the record kit's routes as a town worker uses them — her
// teams and none of the neighbour town's, the leader's phone masked and revealed only audited,
// field-level errors, the optimistic version, retiring, and the OpenAPI taken from the
// declaration.
#include <atomic>
#include <cctype>

#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTown = "330784001";        // 东城街道, the demo `town` account's
constexpr const char* kVillage = "330784001002";  // one of its villages
constexpr const char* kOtherTown = "330784002";   // 西城街道
constexpr const char* kGrid = "330784001001001";  // a grid: teams are never per grid

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

/// A query value, percent-encoded as a browser sends it.
std::string UniqueTeamName(const std::string& stem) {
  static std::atomic<int> n{0};
  return stem + "志愿队" + std::to_string(++n);
}

HttpResult NewTeam(const std::string& login, const std::string& region,
                   const std::string& name = UniqueTeamName("东城")) {
  return TestServer::Get().As(login).Post("/api/v1/teams",
                                          json::object{{"name", name},
                                                       {"kind", "grid_sisters"},
                                                       {"region_code", region},
                                                       {"leader_name", "测试队长"},
                                                       {"leader_phone", "13800005678"}});
}

int64_t AuditCount(int64_t id, const std::string& action, const std::string& detail = "") {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'team' AND entity_id = ? AND "
            "action = ? AND (? = '' OR detail = ?)",
            {std::to_string(id), action, detail, detail})
        ->Int(0);
  });
}

TEST(Teams, ATownWorkerFormsATeamInHerVillageAndSeesTheLeadersPhoneMasked) {
  auto r = NewTeam("town", kVillage);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json, "level"), "village");
  EXPECT_EQ(Str(r.json, "kind"), "grid_sisters");
  EXPECT_EQ(Str(r.json, "region_path"), "/330784/330784001/330784001002/");
  EXPECT_EQ(Str(r.json, "leader_phone"), "138****5678");
  EXPECT_EQ(r.json.at("version").as_int64(), 1);
  const int64_t id = r.json.at("id").as_int64();
  EXPECT_EQ(AuditCount(id, "create", "fields=name,kind,region_code,leader_name,leader_phone"), 1);
  // Nothing in the database file shows the number.
  const auto stored = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT leader_phone_enc FROM volunteer_teams WHERE id = ?", {id})->Text(0);
  });
  EXPECT_EQ(stored.find("13800005678"), std::string::npos);
}

TEST(Teams, ANeighbourTownsTeamIsNotThere) {
  auto other = NewTeam("city", kOtherTown, UniqueTeamName("西城"));
  ASSERT_EQ(other.status, 201) << other.body;
  const int64_t id = other.json.at("id").as_int64();
  auto town = TestServer::Get().As("town");
  EXPECT_EQ(town.Get("/api/v1/teams/" + std::to_string(id)).status, 404);
  EXPECT_EQ(town.Get("/api/v1/teams/" + std::to_string(id) + "/sensitive").status, 404);
  EXPECT_EQ(AuditCount(id, "read_sensitive", "not_found"), 1);
  EXPECT_EQ(town.Patch("/api/v1/teams/" + std::to_string(id),
                       json::object{{"name", "改名"}, {"version", 1}})
                .status,
            404);
  auto page = town.Get("/api/v1/teams?page_size=100&name=" + Encoded("西城"));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.json.at("total").as_int64(), 0);
  auto city = TestServer::Get().As("city");
  auto all = city.Get("/api/v1/teams?page_size=100&name=" + Encoded("西城"));
  EXPECT_GE(all.json.at("total").as_int64(), 1);
}

TEST(Teams, EveryMistakeNamesItsField) {
  auto town = TestServer::Get().As("town");
  struct Case {
    json::object body;
    int status;
    std::string field;
  } cases[] = {
      {{{"kind", "volunteers"}, {"region_code", kTown}}, 400, "name"},
      {{{"name", "   "}, {"kind", "volunteers"}, {"region_code", kTown}}, 400, "name"},
      {{{"name", std::string(51 * 3, 'x')}, {"kind", "volunteers"}, {"region_code", kTown}},
       400,
       "name"},
      {{{"name", "队"}, {"kind", "choir"}, {"region_code", kTown}}, 400, "kind"},
      {{{"name", "队"}, {"region_code", kTown}}, 400, "kind"},
      {{{"name", "队"}, {"kind", "volunteers"}, {"region_code", kGrid}}, 400, "region_code"},
      {{{"name", "队"}, {"kind", "volunteers"}, {"region_code", kOtherTown}}, 404, "region_code"},
      {{{"name", "队"}, {"kind", "volunteers"}, {"region_code", kTown}, {"leader_phone", "12"}},
       400,
       "leader_phone"},
      {{{"name", "队"}, {"kind", "volunteers"}, {"region_code", kTown}, {"colour", "red"}},
       400,
       "colour"},
  };
  for (const auto& c : cases) {
    auto r = town.Post("/api/v1/teams", c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " -> " << r.body;
    EXPECT_EQ(r.ErrorField(), c.field) << json::serialize(c.body);
  }
}

TEST(Teams, AStaleVersionIsRefusedWithTheCurrentTeamAndNothingWritten) {
  auto town = TestServer::Get().As("town");
  auto r = NewTeam("town", kTown);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string path = "/api/v1/teams/" + std::to_string(r.json.at("id").as_int64());
  auto renamed = town.Patch(path, json::object{{"name", "东城格姐队"}, {"version", 1}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json.at("version").as_int64(), 2);
  EXPECT_EQ(AuditCount(r.json.at("id").as_int64(), "update", "fields=name"), 1);
  auto stale = town.Patch(path, json::object{{"note", "周末公益"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorField(), "version");
  EXPECT_EQ(Str(stale.json.at("error").at("details").at("current"), "name"), "东城格姐队");
  auto same = town.Patch(path, json::object{{"name", "东城格姐队"}, {"version", 2}});
  EXPECT_EQ(same.json.at("version").as_int64(), 2);  // nothing changed, nothing written
  EXPECT_EQ(town.Get(path).json.at("note"), json::value(nullptr));
}

TEST(Teams, TheLeadersPhoneIsRevealedOnlyWithThePermissionAndAudited) {
  auto r = NewTeam("town", kTown);
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = r.json.at("id").as_int64();
  const std::string path = "/api/v1/teams/" + std::to_string(id) + "/sensitive";
  auto shown = TestServer::Get().As("town").Get(path);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(Str(shown.json, "leader_phone"), "13800005678");
  EXPECT_EQ(AuditCount(id, "read_sensitive", "fields=leader_phone"), 1);
  EXPECT_EQ(TestServer::Get().As("leader").Get(path).status, 403);
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/teams").status, 403);
}

TEST(Teams, ACiphertextMovedToAnotherTeamDoesNotDecrypt) {
  auto a = NewTeam("town", kTown), b = NewTeam("town", kTown);
  ASSERT_EQ(a.status, 201);
  ASSERT_EQ(b.status, 201);
  const int64_t ida = a.json.at("id").as_int64(), idb = b.json.at("id").as_int64();
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "UPDATE volunteer_teams SET leader_phone_enc = (SELECT leader_phone_enc FROM "
        "volunteer_teams WHERE id = ?) WHERE id = ?",
        {ida, idb});
  });
  auto r = TestServer::Get().As("town").Get("/api/v1/teams/" + std::to_string(idb) + "/sensitive");
  EXPECT_EQ(r.status, 409);
}

TEST(Teams, ARetiredTeamLeavesTheListButCanStillBeOpened) {
  auto town = TestServer::Get().As("town");
  const std::string name = UniqueTeamName("退役");
  auto r = NewTeam("town", kTown, name);
  ASSERT_EQ(r.status, 201);
  const std::string path = "/api/v1/teams/" + std::to_string(r.json.at("id").as_int64());
  auto retired = town.Post(path + "/retire", json::object{});
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_TRUE(retired.json.at("retired").as_bool());
  EXPECT_EQ(town.Get("/api/v1/teams?name=" + Encoded(name)).json.at("total").as_int64(), 0);
  EXPECT_EQ(
      town.Get("/api/v1/teams?include_retired=1&name=" + Encoded(name)).json.at("total").as_int64(),
      1);
  EXPECT_EQ(town.Get(path).status, 200);
}

TEST(Teams, ListsFilterByKindAndSortOnlyByDeclaredFields) {
  auto town = TestServer::Get().As("town");
  ASSERT_EQ(NewTeam("town", kTown).status, 201);
  auto page = town.Get("/api/v1/teams?kind=grid_sisters&sort=name&page_size=100");
  ASSERT_EQ(page.status, 200) << page.body;
  for (const auto& item : page.json.at("items").as_array())
    EXPECT_EQ(Str(item, "kind"), "grid_sisters");
  EXPECT_EQ(town.Get("/api/v1/teams?kind=choir").ErrorField(), "kind");
  EXPECT_EQ(town.Get("/api/v1/teams?sort=leader_phone").ErrorField(), "sort");
}

TEST(Teams, TheOpenApiCarriesTheKindsAndLengthsOfTheDeclaration) {
  auto doc = TestServer::Get().As("town").Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto& post = doc.json.at("paths").at("/teams").at("post");
  const auto& props =
      post.at("requestBody").at("content").at("application/json").at("schema").at("properties");
  EXPECT_EQ(props.at("kind").at("enum").as_array().size(), 3u);
  EXPECT_EQ(props.at("name").at("maxLength").as_int64(), 50);
  EXPECT_TRUE(props.at("leader_phone").at("nullable").as_bool());
}

}  // namespace
}  // namespace hejia::testing
