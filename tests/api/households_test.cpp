// Households through the API: registration in a grid of my area, paged and filtered lists,
// optimistic versions.

#include "people_helpers.hpp"

namespace hejia::testing {
namespace {

using namespace people_tests;

TEST(Households, TownStaffRegistersAHouseholdAndAPersonInIt) {
  auto town = TestServer::Get().As("town");
  const std::string grid = GridOf(DemoRegionOf("town"));
  auto h = town.Post("/api/v1/households",
                     json::object{{"grid_code", grid},
                                  {"address_detail", "永康市东城街道金城路 88 号 2 单元"},
                                  {"head_name", "楼建华"},
                                  {"tags", json::array{"low_income"}}});
  ASSERT_EQ(h.status, 201) << h.body;
  EXPECT_EQ(Str(h.json, "grid_code"), grid);
  EXPECT_FALSE(Str(h.json, "grid_name").empty());
  EXPECT_EQ(Str(h.json, "region_path"), PathOf(grid));
  EXPECT_EQ(Str(h.json, "address_detail"), "永康市东城街****");
  EXPECT_EQ(h.json.at("members_count").as_int64(), 0);
  EXPECT_EQ(h.json.at("tags").as_array().at(0).as_string(), "low_income");
  EXPECT_EQ(h.json.at("version").as_int64(), 1);
  const int64_t hid = h.json.at("id").as_int64();

  const std::string name = UniqueName("楼小燕");
  auto p = town.Post("/api/v1/people", Woman(hid, name, "138 0579 1234"));
  ASSERT_EQ(p.status, 201) << p.body;
  EXPECT_EQ(p.json.at("household_id").as_int64(), hid);
  EXPECT_EQ(Str(p.json, "name"), name);
  EXPECT_EQ(Str(p.json, "gender"), "female");
  EXPECT_EQ(Str(p.json, "birth_date"), "1997-**-**") << "beside a masked ID, the year only";
  EXPECT_EQ(Str(p.json, "phone"), "138****1234");
  EXPECT_TRUE(p.json.at("id_number").is_null());
  EXPECT_EQ(Str(p.json, "region_code"), grid);
  EXPECT_EQ(Str(p.json, "relation"), "配偶");
  EXPECT_EQ(p.json.at("version").as_int64(), 1);
  EXPECT_EQ(Str(p.json, "created_at").size(), 25u);  // 2026-11-28T21:30:00+08:00

  auto detail = town.Get("/api/v1/households/" + std::to_string(hid));
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json.at("members_count").as_int64(), 1);
  ASSERT_EQ(detail.json.at("members").as_array().size(), 1u);
  EXPECT_EQ(Str(detail.json.at("members").as_array()[0], "phone"), "138****1234");

  auto audit = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne(
        "SELECT detail FROM audit_log WHERE entity = 'household' AND entity_id = ? "
        "AND action = 'create'",
        {std::to_string(hid)});
  });
  ASSERT_TRUE(audit.has_value());
  EXPECT_EQ(audit->Text(0), "fields=grid_code,address_detail,head_name,tags");
}

TEST(Households, AGridOfAnotherTownIsNotFoundAndAVillageIsNotAGrid) {
  auto town = TestServer::Get().As("town");
  const int64_t before = CountRows("households");
  auto r =
      town.Post("/api/v1/households", json::object{{"grid_code", GridOf("330784002")},
                                                   {"address_detail", "永康市西城街道某路 1 号"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorField(), "grid_code");
  r = town.Post("/api/v1/households", json::object{{"grid_code", DemoRegionOf("village")},
                                                   {"address_detail", "永康市东城街道某路 1 号"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "grid_code");
  r = town.Post("/api/v1/households", json::object{{"grid_code", GridOf("330784001")}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "address_detail");
  EXPECT_EQ(CountRows("households"), before);
}

TEST(Households, ListIsPagedNewestFirstAndFiltersByHeadName) {
  auto town = TestServer::Get().As("town");
  const std::string head = UniqueName("应春");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")), head);
  auto r = town.Get("/api/v1/households?page_size=5");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("page_size").as_int64(), 5);
  EXPECT_EQ(r.json.at("items").as_array().size(), 5u);
  EXPECT_EQ(r.json.at("items").as_array()[0].at("id").as_int64(), hid);
  for (const auto& h : r.json.at("items").as_array())
    EXPECT_EQ(Str(h, "region_path").rfind(kDongchengPath, 0), 0u);
  auto q = town.Get("/api/v1/households?q=" + Encoded(head));
  ASSERT_EQ(q.status, 200) << q.body;
  ASSERT_EQ(q.json.at("total").as_int64(), 1);
  EXPECT_EQ(q.json.at("items").as_array()[0].at("id").as_int64(), hid);
  EXPECT_EQ(town.Get("/api/v1/households?sort=address").ErrorField(), "sort");
  EXPECT_EQ(town.Get("/api/v1/households?sort=-head_name").status, 200);
  EXPECT_EQ(town.Get("/api/v1/households?tag=rich").ErrorField(), "tag");
}

TEST(Households, ACitysListsWalkNewestFirstAcrossTowns) {
  // The city scope has no level index of its own (migration 4): its newest-first pages walk the
  // tables in id order. Two towns' newest rows must come first, in id order, and the pages must
  // not overlap.
  auto town = TestServer::Get().As("town");
  auto city = TestServer::Get().As("city");
  const int64_t first = NewHousehold(town, GridOf(DemoRegionOf("town")), UniqueName("城序"));
  const int64_t second = NewHousehold(city, GridOf("330784002"), UniqueName("城序"));
  auto page1 = city.Get("/api/v1/households?page_size=2");
  ASSERT_EQ(page1.status, 200) << page1.body;
  ASSERT_EQ(page1.json.at("items").as_array().size(), 2u);
  EXPECT_EQ(page1.json.at("items").as_array()[0].at("id").as_int64(), second);
  EXPECT_EQ(page1.json.at("items").as_array()[1].at("id").as_int64(), first);
  auto page2 = city.Get("/api/v1/households?page_size=2&page=2");
  ASSERT_EQ(page2.status, 200) << page2.body;
  EXPECT_LT(page2.json.at("items").as_array()[0].at("id").as_int64(), first);
  EXPECT_EQ(page1.json.at("total").as_int64(), page2.json.at("total").as_int64());
  EXPECT_EQ(page1.json.at("total").as_int64(), CountRows("households"));

  const int64_t person =
      city.Post("/api/v1/people", Woman(second, UniqueName("城序"))).json.at("id").as_int64();
  auto people = city.Get("/api/v1/people?page_size=3");
  ASSERT_EQ(people.status, 200) << people.body;
  EXPECT_EQ(people.json.at("items").as_array()[0].at("id").as_int64(), person);
  int64_t previous = INT64_MAX;
  for (const auto& p : people.json.at("items").as_array()) {
    EXPECT_LT(p.at("id").as_int64(), previous);
    previous = p.at("id").as_int64();
  }
}

TEST(Households, AFilteredListPagesNewestFirstAndSeesANewHouseholdAtOnce) {
  auto town = TestServer::Get().As("town");
  const std::string grid = GridOf(DemoRegionOf("town"));
  const std::string stem = UniqueName("褚");
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i)
    ids.push_back(NewHousehold(town, grid, stem + "家" + std::to_string(i)));
  const std::string url = "/api/v1/households?page_size=2&q=" + Encoded(stem);
  auto first = town.Get(url + "&page=1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json.at("total").as_int64(), 3);
  ASSERT_EQ(first.json.at("items").as_array().size(), 2u);
  EXPECT_EQ(first.json.at("items").as_array()[0].at("id").as_int64(), ids[2]);
  EXPECT_EQ(first.json.at("items").as_array()[1].at("id").as_int64(), ids[1]);
  auto second = town.Get(url + "&page=2");
  ASSERT_EQ(second.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(second.json.at("items").as_array()[0].at("id").as_int64(), ids[0]);
  EXPECT_TRUE(town.Get(url + "&page=3").json.at("items").as_array().empty());
  auto by_name = town.Get(url + "&page=1&sort=head_name");
  EXPECT_EQ(by_name.json.at("items").as_array()[0].at("id").as_int64(), ids[0]);

  // A household registered now is counted and listed by the very next request.
  const int64_t newest = NewHousehold(town, grid, stem + "家9");
  auto again = town.Get(url + "&page=1");
  EXPECT_EQ(again.json.at("total").as_int64(), 4);
  EXPECT_EQ(again.json.at("items").as_array()[0].at("id").as_int64(), newest);
  // The same search from the next town finds none of them.
  EXPECT_EQ(TestServer::Get().As("town2").Get(url).json.at("total").as_int64(), 0);
}

TEST(Households, StaleVersionIsAConflictShowingTheCurrentHousehold) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const std::string url = "/api/v1/households/" + std::to_string(hid);
  auto ok = town.Patch(url, json::object{{"head_name", "新户主"}, {"version", 1}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("version").as_int64(), 2);
  auto stale = town.Patch(url, json::object{{"head_name", "另一户主"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "conflict");
  EXPECT_EQ(Str(stale.json.at("error").at("details").at("current"), "head_name"), "新户主");
  EXPECT_EQ(town.Patch(url, json::object{{"head_name", "x"}}).ErrorField(), "version");
}

}  // namespace
}  // namespace hejia::testing
