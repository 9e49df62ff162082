// Households and people through the API: scope by jurisdiction, masking by default, the audited
// read of full values, exact search through blind indexes, the duplicate warning, optimistic
// versions and nothing written when a request fails.
#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "domain/id_card.hpp"
#include "harness.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kDongchengPath = "/330784/330784001/";  // `town`
constexpr const char* kXichengPath = "/330784/330784002/";    // `town2`

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::string DemoRegionOf(const std::string& login) {
  return TestServer::Get().demo_regions().at(login);
}

std::string PathOf(const std::string& code) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne("SELECT path FROM regions WHERE code = ?", {code});
    return row ? row->Text(0) : std::string();
  });
}

int64_t CountRows(const std::string& table) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    // `table` is one of this file's constants.
    return c.QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
  });
}

/// Percent-encodes a query value (names are Chinese, phones may start with '+').
std::string Enc(std::string_view v) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : v) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

/// A phone number no other test uses: 139 + 8 digits from a counter.
std::string UniquePhone() {
  static std::atomic<int> n{0};
  char buf[16];
  std::snprintf(buf, sizeof buf, "139%08d", 27180000 + ++n);
  return buf;
}

/// A name no other test uses (the database lives for the whole binary).
std::string UniqueName(const std::string& stem) {
  static std::atomic<int> n{0};
  static const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out = stem;
  for (char d : std::to_string(++n)) out += kDigits[d - '0'];
  return out;
}

/// A valid ID number for a woman born on `birth` (YYYY-MM-DD), unique per call.
std::string WomanId(const std::string& birth) {
  static std::atomic<int> seq{100};
  std::string compact = birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
  return domain::MakeIdCard("330784", compact, (seq += 2) % 1000, true);
}

/// Registers a household in `grid` and returns its id.
int64_t NewHousehold(Client& as, const std::string& grid, const std::string& head = "测试户主") {
  auto r =
      as.Post("/api/v1/households", json::object{{"grid_code", grid},
                                                 {"address_detail", "永康市东城街道金城路 18 号"},
                                                 {"head_name", head}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json.at("id").as_int64() : 0;
}

/// The last active grid under a region: the tests register their households there, away from the
/// grid sister's first grid, whose lists another test reads in full.
std::string GridOf(const std::string& region_code) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    const std::string path =
        c.QueryOne("SELECT path FROM regions WHERE code = ?", {region_code})->Text(0);
    std::string upper = path;
    upper.back() = static_cast<char>(upper.back() + 1);
    auto row = c.QueryOne(
        "SELECT code FROM regions WHERE level = 'grid' AND retired = 0 AND path >= ? AND path < ? "
        "ORDER BY code DESC LIMIT 1",
        {path, upper});
    return row ? row->Text(0) : std::string();
  });
}

json::object Woman(int64_t household_id, const std::string& name, const std::string& phone = "") {
  json::object p{{"household_id", household_id}, {"name", name},
                 {"gender", "female"},           {"birth_date", "1997-06-12"},
                 {"relation", "配偶"},           {"tags", json::array{"single_parent"}}};
  if (!phone.empty()) p["phone"] = phone;
  return p;
}

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
  EXPECT_EQ(Str(p.json, "birth_date"), "1997-06-12");
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
  auto q = town.Get("/api/v1/households?q=" + Enc(head));
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
  const std::string url = "/api/v1/households?page_size=2&q=" + Enc(stem);
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

TEST(People, PhoneIsMaskedInListsAndDetailsAndShownInFullOnlyByTheAuditedRead) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const std::string phone = UniquePhone();
  const std::string masked = phone.substr(0, 3) + "****" + phone.substr(7);
  const std::string name = UniqueName("胡晓梅");
  auto created = town.Post("/api/v1/people", Woman(hid, name, phone));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.json.at("id").as_int64());

  auto list = town.Get("/api/v1/people?page_size=100&q=" + Enc(name));
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(list.json.at("items").as_array()[0], "phone"), masked);
  EXPECT_EQ(list.body.find(phone), std::string::npos);
  auto detail = town.Get("/api/v1/people/" + id);
  EXPECT_EQ(Str(detail.json, "phone"), masked);
  EXPECT_EQ(detail.body.find(phone), std::string::npos);

  auto reads_before = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'person' AND entity_id = ? "
            "AND action = 'read_sensitive'",
            {id})
        ->Int(0);
  });
  EXPECT_EQ(reads_before, 0);  // masked reads are not audited
  auto full = town.Get("/api/v1/people/" + id + "/sensitive");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(Str(full.json, "phone"), phone);
  EXPECT_TRUE(full.json.at("id_number").is_null());

  auto audit = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.Query(
        "SELECT actor_login, result, detail, entity_id, ip, actor_role FROM audit_log "
        "WHERE entity = 'person' AND entity_id = ? AND action = 'read_sensitive'",
        {id});
  });
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].Text(0), "town");
  EXPECT_EQ(audit[0].Text(1), "ok");
  EXPECT_EQ(audit[0].Text(2), "fields=id_number,phone,address_detail");
  // The full number is nowhere in the audit trail.
  auto leaks = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE detail LIKE ? OR entity_id LIKE ? OR "
            "action LIKE ?",
            {"%" + phone + "%", "%" + phone + "%", "%" + phone + "%"})
        ->Int(0);
  });
  EXPECT_EQ(leaks, 0);
}

TEST(People, AMediatorReadsMaskedPeopleButMayNotRevealThem) {
  auto mediator = TestServer::Get().As("mediator");
  auto list = mediator.Get("/api/v1/people?page_size=1");
  ASSERT_EQ(list.status, 200);
  const std::string id = std::to_string(list.json.at("items").as_array()[0].at("id").as_int64());
  auto r = mediator.Get("/api/v1/people/" + id + "/sensitive");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "forbidden");
  EXPECT_EQ(mediator.Post("/api/v1/people", json::object{}).status, 403);
}

TEST(People, ExactPhoneSearchFindsThePerson) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const std::string phone = UniquePhone();
  auto created = town.Post("/api/v1/people", Woman(hid, UniqueName("施美英"), phone));
  ASSERT_EQ(created.status, 201) << created.body;
  // Written differently, found the same: the search normalises before the blind index.
  const std::string dashed =
      "+86-" + phone.substr(0, 3) + "-" + phone.substr(3, 4) + "-" + phone.substr(7);
  auto r = town.Get("/api/v1/people?phone=" + Enc(dashed));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json.at("total").as_int64(), 1);
  EXPECT_EQ(r.json.at("items").as_array()[0].at("id"), created.json.at("id"));
  // Another town searching the same number finds nothing.
  auto other = TestServer::Get().As("town2").Get("/api/v1/people?phone=" + phone);
  EXPECT_EQ(other.json.at("total").as_int64(), 0);
  auto bad = town.Get("/api/v1/people?phone=12345");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "phone");
}

TEST(People, ExactIdNumberSearchFindsThePerson) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto body = Woman(hid, UniqueName("吕红"));
  const std::string id_number = WomanId("1997-06-12");
  body["id_number"] = id_number;
  auto created = town.Post("/api/v1/people", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Str(created.json, "id_number"),
            id_number.substr(0, 6) + "**********" + id_number.substr(16));
  auto r = town.Get("/api/v1/people?id_number=" + id_number);
  ASSERT_EQ(r.json.at("total").as_int64(), 1);
  EXPECT_EQ(r.json.at("items").as_array()[0].at("id"), created.json.at("id"));
  std::string wrong = id_number;
  wrong[17] = wrong[17] == '1' ? '2' : '1';
  EXPECT_EQ(town.Get("/api/v1/people?id_number=" + wrong).ErrorField(), "id_number");
}

TEST(People, AnIdNumberWithAWrongCheckDigitIsRefusedOnItsField) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto body = Woman(hid, UniqueName("章丽"));
  std::string id_number = WomanId("1997-06-12");
  id_number[17] = id_number[17] == '1' ? '2' : '1';
  body["id_number"] = id_number;
  auto r = town.Post("/api/v1/people", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "validation_failed");
  EXPECT_EQ(r.ErrorField(), "id_number");
  // A valid number of someone born on another day is refused on the same field.
  body["id_number"] = WomanId("1997-06-13");
  EXPECT_EQ(town.Post("/api/v1/people", body).ErrorField(), "id_number");
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

TEST(People, AMovedCiphertextFailsItsIntegrityCheckAndTheFailureIsAudited) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto a = town.Post("/api/v1/people", Woman(hid, UniqueName("孙丽"), UniquePhone()));
  auto b = town.Post("/api/v1/people", Woman(hid, UniqueName("孙梅"), UniquePhone()));
  ASSERT_EQ(a.status, 201);
  ASSERT_EQ(b.status, 201);
  const int64_t a_id = a.json.at("id").as_int64(), b_id = b.json.at("id").as_int64();
  // Someone with database access copies a's phone ciphertext onto b's row.
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "UPDATE people SET phone_enc = (SELECT phone_enc FROM people WHERE id = ?) "
        "WHERE id = ?",
        {a_id, b_id});
  });
  auto r = town.Get("/api/v1/people/" + std::to_string(b_id) + "/sensitive");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.ErrorCode(), "integrity_failed");
  auto result = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT result FROM audit_log WHERE entity = 'person' AND entity_id = ? AND "
            "action = 'read_sensitive'",
            {std::to_string(b_id)})
        ->Text(0);
  });
  EXPECT_EQ(result, "failed");
}

TEST(People, TheDatabaseFileNeverHoldsAPlaintextPhone) {
  if (TestServer::Get().DbKind() != "sqlite") GTEST_SKIP() << "reads the SQLite file";
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const std::string phone = "13957" + std::to_string(100000 + getpid() % 800000);
  auto body = Woman(hid, UniqueName("徐丹"), phone);
  body["address_detail"] = "永康市东城街道秘密巷 7 号 301 室";
  ASSERT_EQ(town.Post("/api/v1/people", body).status, 201);
  // The write has committed; whatever has not been checkpointed yet is in the -wal file.
  const auto dir =
      std::filesystem::temp_directory_path() / ("hejia-api-" + std::to_string(getpid()));
  int files = 0;
  for (const char* name : {"test.db", "test.db-wal"}) {
    std::ifstream in(dir / name, std::ios::binary);
    if (!in) continue;
    ++files;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(phone), std::string::npos) << name;
    EXPECT_EQ(bytes.find("秘密巷"), std::string::npos) << name;
  }
  EXPECT_GE(files, 1);
}

}  // namespace
}  // namespace hejia::testing
