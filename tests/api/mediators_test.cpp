// Mediators through the API: registration with its checks, the phone encrypted and masked, the
// case load counted from the cases each one carries, scope, and optimistic versions.
#include <atomic>
#include <set>

#include "accounts.hpp"
#include "harness.hpp"
#include "store/rooms_repo.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::string UniqueMediatorName() {
  static std::atomic<int> n{0};
  static const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out = "测调";
  for (char d : std::to_string(++n)) out += kDigits[d - '0'];
  return out;
}

int64_t AuditCount(int64_t id, const std::string& action) {
  return hejia::testing::AuditCount("mediator", std::to_string(id), action);
}

json::object Lawyer(const std::string& region = "330784001") {
  return json::object{{"name", UniqueMediatorName()},
                      {"type", "lawyer"},
                      {"region_code", region},
                      {"specialities", json::array{"inheritance", "divorce_property"}},
                      {"phone", "138 1234 5678"}};
}

void InsertCaseFor(int64_t mediator_id, const std::string& status) {
  static std::atomic<int> seq{0};
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    const int64_t now = TestServer::Get().clock().NowMillis();
    c.Execute(
        "INSERT INTO cases (case_no, channel, category, status, level, region_code, region_path, "
        "mediator_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        {"MEDTEST-" + std::to_string(++seq), "walk_in", "inheritance", status, "town", "330784001",
         "/330784/330784001/", mediator_id, now, now});
  });
}

TEST(Mediators, ARegisteredMediatorsPhoneIsEncryptedAndShownMasked) {
  auto town = TestServer::Get().As("town");
  auto created = town.Post("/api/v1/mediators", Lawyer());
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json.at("id").as_int64();
  EXPECT_EQ(Str(created.json, "phone"), "138****5678");
  EXPECT_EQ(Str(created.json, "type"), "lawyer");
  EXPECT_EQ(Str(created.json, "region_path"), "/330784/330784001/");
  // Stored in the vocabulary's order, whatever order they came in.
  EXPECT_EQ(created.json.at("specialities"), (json::array{"divorce_property", "inheritance"}));
  EXPECT_TRUE(created.json.at("active").as_bool());
  EXPECT_EQ(created.json.at("case_load").as_int64(), 0);
  EXPECT_TRUE(created.json.at("user_id").is_null());

  auto& server = TestServer::Get();
  const auto stored = server.app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT phone_enc, phone_mask FROM mediators WHERE id = ?", {id});
  });
  EXPECT_EQ(stored->Text(0).find("13812345678"), std::string::npos);
  EXPECT_EQ(stored->Text(1), "138****5678");
  const auto phone = server.app().db().ReadSync([&](store::Connection& c) {
    return store::DecryptMediatorPhone(c, server.app().services().cipher, id);
  });
  EXPECT_EQ(phone, "13812345678");

  // The audit entry names the fields, never the number.
  EXPECT_EQ(AuditCount(id, "create"), 1);
  const auto details = server.app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%5678%' AND entity = "
            "'mediator'")
        ->Int(0);
  });
  EXPECT_EQ(details, 0);

  auto cleared = town.Patch("/api/v1/mediators/" + std::to_string(id),
                            json::object{{"phone", nullptr}, {"version", 1}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.json.at("phone").is_null());
  EXPECT_EQ(AuditCount(id, "update"), 1);
}

TEST(Mediators, BadInputIsRefusedNamingTheField) {
  auto town = TestServer::Get().As("town");
  auto with = [](const char* key, json::value v) {
    json::object o = Lawyer();
    o[key] = std::move(v);
    return o;
  };
  struct Case {
    json::object body;
    int status;
    const char* field;
  };
  const std::vector<Case> cases = {
      {with("type", "fortune_teller"), 400, "type"},
      {with("specialities", json::array{"marriage", "astrology"}), 400, "specialities"},
      {with("phone", "12345"), 400, "phone"},
      {with("name", ""), 400, "name"},
      {with("region_code", "330784001001001"), 400, "region_code"},
      {with("region_code", "330784002"), 404, "region_code"},
      {with("person_id", 999999999), 404, "person_id"},
      {with("user_id", 999999999), 404, "user_id"},
  };
  for (const auto& c : cases) {
    auto r = town.Post("/api/v1/mediators", c.body);
    EXPECT_EQ(r.status, c.status) << json::serialize(c.body) << " " << r.body;
    EXPECT_EQ(r.ErrorField(), c.field) << json::serialize(c.body);
  }
  // An account of another town is not the caller's to link.
  const int64_t west_user = TestServer::Get().app().db().ReadSync([](store::Connection& c) {
    return c.QueryOne("SELECT id FROM users WHERE login = 'town2'")->Int(0);
  });
  auto other = town.Post("/api/v1/mediators", with("user_id", west_user));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.ErrorField(), "user_id");
  // The demo account `mediator` is already 东城's town mediator.
  const int64_t mediator_user = TestServer::Get().app().db().ReadSync([](store::Connection& c) {
    return c.QueryOne("SELECT id FROM users WHERE login = 'mediator'")->Int(0);
  });
  auto taken = town.Post("/api/v1/mediators", with("user_id", mediator_user));
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.ErrorField(), "user_id");
}

TEST(Mediators, TheCaseLoadCountsAssignedAndMediatingCasesOnly) {
  auto town = TestServer::Get().As("town");
  auto created = town.Post("/api/v1/mediators", Lawyer("330784001002"));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json.at("id").as_int64();
  InsertCaseFor(id, "assigned");
  InsertCaseFor(id, "mediating");
  InsertCaseFor(id, "mediating");
  InsertCaseFor(id, "agreed");
  InsertCaseFor(id, "closed");
  auto one = town.Get("/api/v1/mediators/" + std::to_string(id));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json.at("case_load").as_int64(), 3);
  auto list = town.Get("/api/v1/mediators?page_size=100&region=330784001002&type=lawyer");
  ASSERT_EQ(list.status, 200);
  bool found = false;
  for (const auto& m : list.json.at("items").as_array())
    if (m.at("id").as_int64() == id) {
      found = true;
      EXPECT_EQ(m.at("case_load").as_int64(), 3);
    }
  EXPECT_TRUE(found);
}

TEST(Mediators, AnotherTownsMediatorsAnswer404AndStayOutOfItsLists) {
  auto town = TestServer::Get().As("town");
  auto created = town.Post("/api/v1/mediators", Lawyer());
  ASSERT_EQ(created.status, 201);
  const int64_t id = created.json.at("id").as_int64();
  auto west = TestServer::Get().As("town2");
  const std::string path = "/api/v1/mediators/" + std::to_string(id);
  EXPECT_EQ(west.Get(path).status, 404);
  EXPECT_EQ(west.Patch(path, json::object{{"version", 1}, {"active", false}}).status, 404);
  auto list = west.Get("/api/v1/mediators?page_size=100");
  ASSERT_EQ(list.status, 200);
  for (const auto& m : list.json.at("items").as_array())
    EXPECT_EQ(Str(m, "region_path").rfind("/330784/330784002/", 0), 0u);
  EXPECT_EQ(west.Get("/api/v1/mediators?region=330784001").status, 404);
}

TEST(Mediators, AStaleVersionIsRefusedAndFiltersFindWhatChanged) {
  auto town = TestServer::Get().As("town");
  auto created = town.Post("/api/v1/mediators", Lawyer());
  ASSERT_EQ(created.status, 201);
  const int64_t id = created.json.at("id").as_int64();
  const std::string path = "/api/v1/mediators/" + std::to_string(id);

  auto changed = town.Patch(path, json::object{{"version", 1},
                                               {"type", "peace_sister"},
                                               {"specialities", json::array{"marriage"}},
                                               {"active", false}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json.at("version").as_int64(), 2);
  EXPECT_EQ(Str(changed.json, "phone"), "138****5678");  // untouched

  auto stale = town.Patch(path, json::object{{"version", 1}, {"name", "过期"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorField(), "version");
  EXPECT_EQ(stale.json.at("error").at("details").at("current").at("version").as_int64(), 2);

  auto inactive = town.Get("/api/v1/mediators?page_size=100&active=0&type=peace_sister");
  ASSERT_EQ(inactive.status, 200);
  std::set<int64_t> ids;
  for (const auto& m : inactive.json.at("items").as_array()) {
    ids.insert(m.at("id").as_int64());
    EXPECT_FALSE(m.at("active").as_bool());
    EXPECT_EQ(Str(m, "type"), "peace_sister");
  }
  EXPECT_TRUE(ids.count(id));
  auto by_speciality = town.Get("/api/v1/mediators?page_size=100&speciality=marriage&active=0");
  bool found = false;
  for (const auto& m : by_speciality.json.at("items").as_array())
    found = found || m.at("id").as_int64() == id;
  EXPECT_TRUE(found);
  EXPECT_EQ(town.Get("/api/v1/mediators?speciality=astrology").ErrorField(), "speciality");
  EXPECT_EQ(town.Get("/api/v1/mediators?type=x").ErrorField(), "type");
}

TEST(Mediators, TheDemoCityHasMediatorsOfEveryKindAndTheMediatorAccountIsOne) {
  auto city = TestServer::Get().As("city");
  std::set<std::string> types;
  for (int page = 1; page <= 3; ++page) {
    auto list = city.Get("/api/v1/mediators?page_size=100&page=" + std::to_string(page));
    ASSERT_EQ(list.status, 200);
    for (const auto& m : list.json.at("items").as_array()) types.insert(Str(m, "type"));
  }
  EXPECT_EQ(types.size(), 7u);
  auto mediator = TestServer::Get().As("mediator");
  auto mine = mediator.Get("/api/v1/mediators?page_size=100&region=330784001");
  ASSERT_EQ(mine.status, 200);
  bool linked = false;
  for (const auto& m : mine.json.at("items").as_array())
    linked = linked || (!m.at("user_id").is_null() && Str(m, "user_display_name") == "演示调解员");
  EXPECT_TRUE(linked);
}

}  // namespace
}  // namespace hejia::testing
