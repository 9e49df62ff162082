// People through the API: scope by jurisdiction, the duplicate warning, optimistic versions and
// nothing written when a request fails. Households: households_test.cpp; masking, exact search
// and the audited read of full values: people_reveal_test.cpp.

#include "people_helpers.hpp"

namespace hejia::testing {
namespace {

using namespace people_tests;

TEST(People, TownStaffListsOnlyPeopleOfHerTown) {
  auto town = TestServer::Get().As("town");
  auto r = town.Get("/api/v1/people?page_size=100");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& items = r.json.at("items").as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_GT(r.json.at("total").as_int64(), static_cast<int64_t>(items.size()));
  for (const auto& p : items) {
    EXPECT_EQ(Str(p, "region_path").rfind(kDongchengPath, 0), 0u) << Str(p, "region_path");
    EXPECT_EQ(Str(p, "region_path").find(kXichengPath), std::string::npos);
  }
  // Newest first by default.
  EXPECT_GT(items.front().at("id").as_int64(), items.back().at("id").as_int64());
}

TEST(People, APersonOfAnotherTownAnswers404LikeAMissingOne) {
  auto town2 = TestServer::Get().As("town2");
  auto theirs = town2.Get("/api/v1/people?page_size=1");
  ASSERT_EQ(theirs.status, 200);
  const int64_t id = theirs.json.at("items").as_array().at(0).at("id").as_int64();
  auto town = TestServer::Get().As("town");
  auto r = town.Get("/api/v1/people/" + std::to_string(id));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "not_found");
  EXPECT_EQ(town.Get("/api/v1/people/" + std::to_string(id) + "/sensitive").status, 404);
  EXPECT_EQ(town.Get("/api/v1/people/999999999").status, 404);
  EXPECT_EQ(town.Get("/api/v1/people/abc").status, 404);
  EXPECT_EQ(town2.Get("/api/v1/people/" + std::to_string(id)).status, 200);
}

TEST(People, ARegionOutsideMyTownAnswers404AndOneInsideNarrowsTheList) {
  auto town = TestServer::Get().As("town");
  EXPECT_EQ(town.Get("/api/v1/people?region=330784002").status, 404);
  EXPECT_EQ(town.Get("/api/v1/households?region=330784002").status, 404);
  EXPECT_EQ(town.Get("/api/v1/people?region=999999999").status, 404);
  const std::string village = DemoRegionOf("village");
  const std::string village_path = PathOf(village);
  auto r = town.Get("/api/v1/people?page_size=50&region=" + village);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_FALSE(r.json.at("items").as_array().empty());
  for (const auto& p : r.json.at("items").as_array())
    EXPECT_EQ(Str(p, "region_path").rfind(village_path, 0), 0u);
}

TEST(People, AGridSisterSeesOnlyHerGrid) {
  auto sister = TestServer::Get().As("gridsister");
  const std::string grid_path = PathOf(DemoRegionOf("gridsister"));
  for (const char* list : {"/api/v1/people?page_size=100", "/api/v1/households?page_size=100"}) {
    auto r = sister.Get(list);
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_FALSE(r.json.at("items").as_array().empty());
    EXPECT_EQ(r.json.at("total").as_int64(),
              static_cast<int64_t>(r.json.at("items").as_array().size()));
    for (const auto& item : r.json.at("items").as_array())
      EXPECT_EQ(Str(item, "region_path"), grid_path);
  }
}

TEST(People, ADuplicateIsWarnedAboutThenCreatedWhenConfirmed) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto body = Woman(hid, UniqueName("陈秀英"));
  body["id_number"] = WomanId("1997-06-12");
  auto first = town.Post("/api/v1/people", body);
  ASSERT_EQ(first.status, 201) << first.body;
  const int64_t people_before = CountRows("people");
  const int64_t audit_before = CountRows("audit_log");

  body["name"] = UniqueName("陈秀瑛");  // a typo in the name; the ID number is the same
  auto warned = town.Post("/api/v1/people", body);
  EXPECT_EQ(warned.status, 409);
  EXPECT_EQ(warned.ErrorCode(), "possible_duplicate");
  const auto& matches = warned.json.at("error").at("details").at("matches").as_array();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].at("id"), first.json.at("id"));
  EXPECT_NE(Str(matches[0], "id_number").find("**********"), std::string::npos);
  EXPECT_EQ(CountRows("people"), people_before);
  EXPECT_EQ(CountRows("audit_log"), audit_before);

  body["confirm_duplicate"] = true;
  auto confirmed = town.Post("/api/v1/people", body);
  EXPECT_EQ(confirmed.status, 201) << confirmed.body;
  EXPECT_EQ(CountRows("people"), people_before + 1);
}

TEST(People, SameNameBirthDateAndPhoneIsADuplicateToo) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto body = Woman(hid, UniqueName("潘玉兰"), UniquePhone());
  ASSERT_EQ(town.Post("/api/v1/people", body).status, 201);
  EXPECT_EQ(town.Post("/api/v1/people", body).ErrorCode(), "possible_duplicate");
}

TEST(People, AMatchInAnotherTownBlocksWithoutShowingThePerson) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto body = Woman(hid, UniqueName("俞彩凤"));
  body["id_number"] = WomanId("1997-06-12");
  ASSERT_EQ(town.Post("/api/v1/people", body).status, 201);

  auto town2 = TestServer::Get().As("town2");
  const int64_t hid2 = NewHousehold(town2, GridOf("330784002"));
  body["household_id"] = hid2;
  auto r = town2.Post("/api/v1/people", body);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.ErrorCode(), "possible_duplicate");
  EXPECT_TRUE(r.json.at("error").at("details").at("matches").as_array().empty());
  EXPECT_TRUE(r.json.at("error").at("details").at("elsewhere").as_bool());
  EXPECT_NE(Str(r.json.at("error"), "message").find("市妇联"), std::string::npos);
}

TEST(People, AStaleVersionIsAConflictShowingTheCurrentPerson) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto created = town.Post("/api/v1/people", Woman(hid, UniqueName("蒋丽")));
  ASSERT_EQ(created.status, 201);
  const std::string url = "/api/v1/people/" + std::to_string(created.json.at("id").as_int64());
  const std::string phone = UniquePhone();
  auto ok = town.Patch(url, json::object{{"phone", phone}, {"version", 1}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("version").as_int64(), 2);
  EXPECT_EQ(Str(ok.json, "phone"), phone.substr(0, 3) + "****" + phone.substr(7));
  // The new number is searchable and revealed; the change is audited by field name only.
  EXPECT_EQ(town.Get("/api/v1/people?phone=" + phone).json.at("total").as_int64(), 1);
  EXPECT_EQ(Str(town.Get(url + "/sensitive").json, "phone"), phone);
  auto detail = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT detail FROM audit_log WHERE entity = 'person' AND entity_id = ? AND "
            "action = 'update'",
            {std::to_string(created.json.at("id").as_int64())})
        ->Text(0);
  });
  EXPECT_EQ(detail, "fields=phone");

  auto stale = town.Patch(url, json::object{{"relation", "户主"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "conflict");
  EXPECT_EQ(stale.json.at("error").at("details").at("current").at("version").as_int64(), 2);
  EXPECT_EQ(town.Patch(url, json::object{{"relation", "户主"}}).ErrorField(), "version");
}

TEST(People, MovingAPersonToAnotherHouseholdMovesTheMemberCount) {
  auto town = TestServer::Get().As("town");
  const std::string grid = GridOf(DemoRegionOf("town"));
  const int64_t from = NewHousehold(town, grid), to = NewHousehold(town, grid);
  auto created = town.Post("/api/v1/people", Woman(from, UniqueName("朱小芳")));
  ASSERT_EQ(created.status, 201);
  const std::string url = "/api/v1/people/" + std::to_string(created.json.at("id").as_int64());
  auto moved = town.Patch(url, json::object{{"household_id", to}, {"version", 1}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json.at("household_id").as_int64(), to);
  auto count = [&](int64_t hid) {
    return town.Get("/api/v1/households/" + std::to_string(hid))
        .json.at("members_count")
        .as_int64();
  };
  EXPECT_EQ(count(from), 0);
  EXPECT_EQ(count(to), 1);
  // A household of another town is not found, and nothing moves.
  auto town2 = TestServer::Get().As("town2");
  const int64_t theirs = NewHousehold(town2, GridOf("330784002"));
  auto r = town.Patch(url, json::object{{"household_id", theirs}, {"version", 2}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorField(), "household_id");
  EXPECT_EQ(count(to), 1);
}

TEST(People, UnknownFieldsAndOverLongNamesAreRefusedAndNothingIsWritten) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const int64_t people_before = CountRows("people");
  const int64_t audit_before = CountRows("audit_log");
  const int64_t members_before =
      town.Get("/api/v1/households/" + std::to_string(hid)).json.at("members_count").as_int64();

  auto body = Woman(hid, UniqueName("王"));
  body["nickname"] = "小王";
  auto r = town.Post("/api/v1/people", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "unknown_field");
  EXPECT_EQ(r.ErrorField(), "nickname");

  std::string long_name;
  for (int i = 0; i < 31; ++i) long_name += "王";
  r = town.Post("/api/v1/people", Woman(hid, long_name));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "name");

  auto future = Woman(hid, UniqueName("王"));
  future["birth_date"] = "2099-01-01";
  EXPECT_EQ(town.Post("/api/v1/people", future).ErrorField(), "birth_date");
  auto bad_tag = Woman(hid, UniqueName("王"));
  bad_tag["tags"] = json::array{"rich"};
  EXPECT_EQ(town.Post("/api/v1/people", bad_tag).ErrorField(), "tags");
  auto bad_gender = Woman(hid, UniqueName("王"));
  bad_gender["gender"] = "f";
  EXPECT_EQ(town.Post("/api/v1/people", bad_gender).ErrorField(), "gender");
  auto bad_phone = Woman(hid, UniqueName("王"), "12345");
  EXPECT_EQ(town.Post("/api/v1/people", bad_phone).ErrorField(), "phone");
  auto long_relation = Woman(hid, UniqueName("王"));
  long_relation["relation"] = std::string(21, 'x');
  EXPECT_EQ(town.Post("/api/v1/people", long_relation).ErrorField(), "relation");
  auto nowhere = Woman(999999999, UniqueName("王"));
  auto missing = town.Post("/api/v1/people", nowhere);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.ErrorField(), "household_id");

  EXPECT_EQ(CountRows("people"), people_before);
  EXPECT_EQ(CountRows("audit_log"), audit_before);
  EXPECT_EQ(
      town.Get("/api/v1/households/" + std::to_string(hid)).json.at("members_count").as_int64(),
      members_before);
}

}  // namespace
}  // namespace hejia::testing
