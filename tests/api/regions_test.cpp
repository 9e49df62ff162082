// The region tree through the API: browsing within one's own area, creating, renaming, moving
// (scoped rows follow), retiring and importing. Tests share one server and its demo city, so each
// creates its own towns under the city (codes 330784901..) instead of changing the demo ones.
#include <set>

#include "harness.hpp"
#include "security/password_hash.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kCity = "330784";
constexpr const char* kDongcheng = "330784001";  // 东城街道, home of `town`
constexpr const char* kXicheng = "330784002";    // 西城街道, home of `town2`

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::set<std::string> Codes(const HttpResult& r) {
  std::set<std::string> out;
  for (const auto& item : r.json.at("items").as_array()) out.insert(Str(item, "code"));
  return out;
}

/// Creates a region as the system administrator and insists it worked.
json::value MustCreate(const std::string& code, const std::string& name,
                       const std::string& parent) {
  auto admin = TestServer::Get().As("admin");
  auto r = admin.Post("/api/v1/regions",
                      json::object{{"code", code}, {"name", name}, {"parent_code", parent}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json;
}

std::string PathOf(const std::string& code) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne("SELECT path FROM regions WHERE code = ?", {code});
    return row ? row->Text(0) : std::string();
  });
}

int64_t AuditCount(const std::string& entity_id, const std::string& action) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'region' AND entity_id = ? AND "
            "action = ?",
            {entity_id, action})
        ->Int(0);
  });
}

/// A household with one member in `grid`, written straight to the database so the region tests
/// do not depend on the household API. Returns the household id.
int64_t AddHouseholdWithMember(const std::string& grid, const std::string& person_name) {
  const std::string path = PathOf(grid);
  const int64_t now = TestServer::Get().clock().NowMillis();
  return TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    const int64_t hid =
        c.QueryOne(
             "INSERT INTO households (grid_code, region_path, address_mask, head_name, tags, "
             "members_count, created_at, updated_at) VALUES (?, ?, '', ?, '', 1, ?, ?) RETURNING "
             "id",
             {grid, path, person_name, now, now})
            ->Int(0);
    c.Execute(
        "INSERT INTO people (household_id, region_path, name, gender, birth_date, created_at, "
        "updated_at) VALUES (?, ?, ?, 'female', '1980-01-01', ?, ?)",
        {hid, path, person_name, now, now});
    return hid;
  });
}

/// An account of `role` homed in `region`, written straight to the database (demo flag: no TOTP,
/// no forced password change), signed in with the demo password.
void AddStaff(const std::string& login, const std::string& role, const std::string& region) {
  const int64_t now = TestServer::Get().clock().NowMillis();
  const std::string hash = security::HashPassword(kDemoPassword);
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "INSERT INTO users (login, display_name, role, region_code, password_hash, "
        "must_change_password, demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?)",
        {login, login, role, region, hash, now, now});
  });
}

// ---- browsing and scope ----

TEST(Regions, TheCityAdministratorBrowsesTheTownsOfTheCity) {
  auto admin = TestServer::Get().As("admin");
  auto root = admin.Get("/api/v1/regions?root=1");
  ASSERT_EQ(root.status, 200) << root.body;
  ASSERT_EQ(root.json.at("items").as_array().size(), 1u);
  const auto& city = root.json.at("items").at(0);
  EXPECT_EQ(Str(city, "code"), kCity);
  EXPECT_EQ(Str(city, "level"), "city");
  EXPECT_TRUE(city.at("parent_code").is_null());
  EXPECT_GE(city.at("children_count").as_int64(), 14);

  auto towns = admin.Get("/api/v1/regions?page_size=100");
  ASSERT_EQ(towns.status, 200) << towns.body;
  auto codes = Codes(towns);
  EXPECT_TRUE(codes.count(kDongcheng));
  EXPECT_TRUE(codes.count(kXicheng));
  for (const auto& t : towns.json.at("items").as_array()) {
    EXPECT_EQ(Str(t, "level"), "town");
    EXPECT_EQ(Str(t, "parent_code"), kCity);
  }
  const auto& first = towns.json.at("items").at(0);
  EXPECT_EQ(Str(first, "code"), kDongcheng);
  EXPECT_EQ(Str(first, "path"), "/330784/330784001/");
  EXPECT_GT(first.at("children_count").as_int64(), 0);
}

TEST(Regions, ChildrenOfATownAreItsVillagesAndADetailCarriesItsAncestors) {
  auto city = TestServer::Get().As("city");
  auto villages = city.Get(std::string("/api/v1/regions?parent=") + kDongcheng);
  ASSERT_EQ(villages.status, 200) << villages.body;
  ASSERT_FALSE(villages.json.at("items").as_array().empty());
  const std::string village = Str(villages.json.at("items").at(0), "code");
  EXPECT_EQ(village.substr(0, 9), kDongcheng);
  EXPECT_EQ(Str(villages.json.at("items").at(0), "level"), "village");

  auto detail = city.Get("/api/v1/regions/" + village);
  ASSERT_EQ(detail.status, 200) << detail.body;
  const auto& ancestors = detail.json.at("ancestors").as_array();
  ASSERT_EQ(ancestors.size(), 2u);
  EXPECT_EQ(Str(ancestors[0], "code"), kCity);
  EXPECT_EQ(Str(ancestors[0], "level"), "city");
  EXPECT_EQ(Str(ancestors[1], "code"), kDongcheng);
  EXPECT_EQ(Str(ancestors[1], "name"), "东城街道");
}

TEST(Regions, TownStaffSeeTheirTownAndBelowButNotAnotherTown) {
  auto town = TestServer::Get().As("town");
  auto root = town.Get("/api/v1/regions?root=1");
  ASSERT_EQ(root.status, 200) << root.body;
  ASSERT_EQ(root.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(root.json.at("items").at(0), "code"), kDongcheng);

  // By default the list is the children of one's own region: the town's villages.
  auto mine = town.Get("/api/v1/regions");
  ASSERT_EQ(mine.status, 200);
  for (const auto& v : mine.json.at("items").as_array())
    EXPECT_EQ(Str(v, "parent_code"), kDongcheng);

  // Another town answers exactly like a missing one.
  auto other = town.Get(std::string("/api/v1/regions/") + kXicheng);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.ErrorCode(), "not_found");
  EXPECT_EQ(town.Get("/api/v1/regions/330784999").status, 404);
  EXPECT_EQ(town.Get(std::string("/api/v1/regions?parent=") + kXicheng).status, 404);
  EXPECT_EQ(town.Get(std::string("/api/v1/regions?parent=") + kCity).status, 404);
  // A village of the other town is just as invisible.
  EXPECT_EQ(town.Get(std::string("/api/v1/regions/") + kXicheng + "001").status, 404);
  // A search of the whole tree stays within the town.
  auto villages = town.Get("/api/v1/regions?level=village&page_size=100");
  ASSERT_EQ(villages.status, 200);
  EXPECT_GT(villages.json.at("total").as_int64(), 0);
  for (const auto& v : villages.json.at("items").as_array())
    EXPECT_EQ(Str(v, "code").substr(0, 9), kDongcheng);
}

TEST(Regions, ASearchByNameLooksThroughTheSubtreeAndTakesWildcardsLiterally) {
  MustCreate("330784901", "检索_测试镇", kCity);
  MustCreate("330784901001", "百分%村", "330784901");
  MustCreate("330784901002", "普通村", "330784901");
  auto admin = TestServer::Get().As("admin");
  auto found = admin.Get("/api/v1/regions?q=%25%E6%9D%91");  // "%村"
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(Codes(found), std::set<std::string>{"330784901001"});
  auto underscore = admin.Get("/api/v1/regions?q=_%E6%B5%8B");  // "_测"
  ASSERT_EQ(underscore.status, 200);
  EXPECT_EQ(Codes(underscore), std::set<std::string>{"330784901"});
  auto in_town = admin.Get("/api/v1/regions?parent=330784901&level=village");
  ASSERT_EQ(in_town.status, 200);
  EXPECT_EQ(Codes(in_town), (std::set<std::string>{"330784901001", "330784901002"}));
  EXPECT_EQ(admin.Get("/api/v1/regions?level=province").ErrorField(), "level");
  EXPECT_EQ(admin.Get("/api/v1/regions?sort=path").ErrorField(), "sort");
}

TEST(Regions, StaffWithoutRegionWriteCannotChangeTheTree) {
  auto city = TestServer::Get().As("city");
  auto r = city.Post(
      "/api/v1/regions",
      json::object{{"code", "330784950"}, {"name", "不该出现镇"}, {"parent_code", kCity}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "forbidden");
  EXPECT_EQ(city.Post("/api/v1/regions/330784001/retire", json::object{}).status, 403);
}

// ---- create, rename ----

TEST(Regions, TheAdministratorCreatesATownAndAVillageAndRenamesIt) {
  auto created = MustCreate("330784904", "新建镇", kCity);
  EXPECT_EQ(Str(created, "level"), "town");
  EXPECT_EQ(Str(created, "path"), "/330784/330784904/");
  EXPECT_EQ(created.at("children_count").as_int64(), 0);
  auto village = MustCreate("330784904001", "新建村", "330784904");
  EXPECT_EQ(Str(village, "level"), "village");
  EXPECT_EQ(Str(village, "path"), "/330784/330784904/330784904001/");
  EXPECT_EQ(AuditCount("330784904001", "create"), 1);

  auto admin = TestServer::Get().As("admin");
  auto renamed = admin.Patch("/api/v1/regions/330784904001", json::object{{"name", "更名村"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(Str(renamed.json, "name"), "更名村");
  EXPECT_EQ(Str(admin.Get("/api/v1/regions/330784904001").json, "name"), "更名村");
  EXPECT_EQ(admin.Get("/api/v1/regions/330784904").json.at("children_count").as_int64(), 1);
  EXPECT_EQ(AuditCount("330784904001", "update"), 1);
}

TEST(Regions, BadInputIsRefusedNamingTheField) {
  auto admin = TestServer::Get().As("admin");
  auto post = [&](json::object body) { return admin.Post("/api/v1/regions", body); };
  auto unknown =
      post({{"code", "330784912"}, {"name", "x"}, {"parent_code", kCity}, {"level", "town"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.ErrorCode(), "unknown_field");
  EXPECT_EQ(unknown.ErrorField(), "level");

  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "镇";
  auto too_long = post({{"code", "330784912"}, {"name", long_name}, {"parent_code", kCity}});
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.ErrorCode(), "validation_failed");
  EXPECT_EQ(too_long.ErrorField(), "name");

  auto short_code = post({{"code", "33078491"}, {"name", "短码镇"}, {"parent_code", kCity}});
  EXPECT_EQ(short_code.status, 400);
  EXPECT_EQ(short_code.ErrorField(), "code");
  auto village_code_for_town =
      post({{"code", "330784912001"}, {"name", "长码镇"}, {"parent_code", kCity}});
  EXPECT_EQ(village_code_for_town.ErrorField(), "code");
  auto foreign_prefix = post({{"code", "330785001"}, {"name", "外市镇"}, {"parent_code", kCity}});
  EXPECT_EQ(foreign_prefix.ErrorField(), "code");
  auto letters = post({{"code", "33078491a"}, {"name", "字母镇"}, {"parent_code", kCity}});
  EXPECT_EQ(letters.ErrorField(), "code");
  auto no_name = post({{"code", "330784912"}, {"parent_code", kCity}});
  EXPECT_EQ(no_name.ErrorField(), "name");
  auto no_parent = post({{"code", "330784912"}, {"name", "无上级"}, {"parent_code", "330784999"}});
  EXPECT_EQ(no_parent.status, 400);
  EXPECT_EQ(no_parent.ErrorField(), "parent_code");
  auto wrong_type = post({{"code", 330784912}, {"name", "数字"}, {"parent_code", kCity}});
  EXPECT_EQ(wrong_type.ErrorField(), "code");

  auto taken = post({{"code", kDongcheng}, {"name", "重复"}, {"parent_code", kCity}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.ErrorField(), "code");

  // A grid is the bottom of the tree.
  auto towns = admin.Get(std::string("/api/v1/regions?parent=") + kDongcheng);
  const std::string village = Str(towns.json.at("items").at(0), "code");
  const std::string grid =
      Str(admin.Get("/api/v1/regions?parent=" + village).json.at("items").at(0), "code");
  auto under_grid = post({{"code", grid + "001"}, {"name", "格下"}, {"parent_code", grid}});
  EXPECT_EQ(under_grid.ErrorField(), "parent_code");

  EXPECT_EQ(admin.Get("/api/v1/regions/330784912").status, 404);  // nothing was written
  EXPECT_EQ(admin.Patch("/api/v1/regions/330784001", json::object{}).status, 400);
  EXPECT_EQ(admin.Patch("/api/v1/regions/330784001", json::object{{"name", ""}}).ErrorField(),
            "name");
}

// ---- move ----

TEST(Regions, MovingAVillageCarriesItsGridsHouseholdsAndPeopleToTheNewTown) {
  MustCreate("330784902", "迁出镇", kCity);
  MustCreate("330784903", "迁入镇", kCity);
  MustCreate("330784902001", "搬家村", "330784902");
  MustCreate("330784902001001", "搬家村一格", "330784902001");
  MustCreate("330784902001002", "搬家村二格", "330784902001");
  const int64_t hid = AddHouseholdWithMember("330784902001001", "迁移测试人");
  AddHouseholdWithMember("330784902001002", "迁移测试人二");
  AddStaff("regions_moved_cadre", "village_cadre", "330784902001");
  auto cadre = TestServer::Get().As("regions_moved_cadre");
  ASSERT_EQ(Str(cadre.Get("/api/v1/regions?root=1").json.at("items").at(0), "path"),
            "/330784/330784902/330784902001/");

  auto admin = TestServer::Get().As("admin");
  // A village's new parent must be a town, like its old one.
  auto to_city = admin.Patch("/api/v1/regions/330784902001", json::object{{"parent_code", kCity}});
  EXPECT_EQ(to_city.status, 400);
  EXPECT_EQ(to_city.ErrorField(), "parent_code");
  auto to_self_child =
      admin.Patch("/api/v1/regions/330784902001", json::object{{"parent_code", "330784902001001"}});
  EXPECT_EQ(to_self_child.ErrorField(), "parent_code");
  EXPECT_EQ(
      admin.Patch("/api/v1/regions/330784", json::object{{"parent_code", kDongcheng}}).ErrorField(),
      "parent_code");

  auto moved = admin.Patch("/api/v1/regions/330784902001",
                           json::object{{"parent_code", "330784903"}, {"name", "已搬家村"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Str(moved.json, "parent_code"), "330784903");
  EXPECT_EQ(Str(moved.json, "path"), "/330784/330784903/330784902001/");
  EXPECT_EQ(Str(moved.json, "name"), "已搬家村");
  EXPECT_EQ(moved.json.at("children_count").as_int64(), 2);

  // Descendants follow, and the detail shows the new ancestry.
  auto grid = admin.Get("/api/v1/regions/330784902001001");
  ASSERT_EQ(grid.status, 200);
  EXPECT_EQ(Str(grid.json, "path"), "/330784/330784903/330784902001/330784902001001/");
  EXPECT_EQ(Str(grid.json.at("ancestors").at(1), "code"), "330784903");
  EXPECT_EQ(admin.Get("/api/v1/regions/330784902").json.at("children_count").as_int64(), 0);

  // Every scoped row of the subtree moved in the same transaction.
  TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto h = c.QueryOne("SELECT region_path FROM households WHERE id = ?", {hid});
    EXPECT_EQ(h->Text(0), "/330784/330784903/330784902001/330784902001001/");
    auto p = c.QueryOne("SELECT region_path FROM people WHERE household_id = ?", {hid});
    EXPECT_EQ(p->Text(0), "/330784/330784903/330784902001/330784902001001/");
    EXPECT_EQ(c.QueryOne("SELECT COUNT(*) FROM households WHERE region_path LIKE "
                         "'/330784/330784902/%'")
                  ->Int(0),
              0);
    EXPECT_EQ(c.QueryOne("SELECT COUNT(*) FROM people WHERE region_path LIKE "
                         "'/330784/330784903/330784902001/%'")
                  ->Int(0),
              2);
  });

  // A people list of the new town finds them; the old town has nobody.
  auto city = TestServer::Get().As("city");
  auto in_new = city.Get("/api/v1/people?region=330784903");
  if (in_new.status != 404 || in_new.ErrorCode() != "not_found") {
    ASSERT_EQ(in_new.status, 200) << in_new.body;
    EXPECT_EQ(in_new.json.at("total").as_int64(), 2);
    auto in_old = city.Get("/api/v1/people?region=330784902");
    ASSERT_EQ(in_old.status, 200);
    EXPECT_EQ(in_old.json.at("total").as_int64(), 0);
  }
  EXPECT_EQ(AuditCount("330784902001", "update"), 1);

  // A signed-in cadre of the village works on in its new place at once, not after a cache expiry.
  auto home = cadre.Get("/api/v1/regions?root=1");
  ASSERT_EQ(home.status, 200);
  ASSERT_EQ(home.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(home.json.at("items").at(0), "path"), "/330784/330784903/330784902001/");
}

// ---- retire ----

TEST(Regions, RetiringIsRefusedWhileAnythingReferencesTheRegion) {
  MustCreate("330784905", "撤销测试镇", kCity);
  MustCreate("330784905001", "撤销测试村", "330784905");
  MustCreate("330784905001001", "有户网格", "330784905001");
  MustCreate("330784905001002", "空网格", "330784905001");
  AddHouseholdWithMember("330784905001001", "撤销测试人");
  auto admin = TestServer::Get().As("admin");

  auto with_children = admin.Post("/api/v1/regions/330784905001/retire", json::object{});
  EXPECT_EQ(with_children.status, 409);
  EXPECT_EQ(with_children.ErrorCode(), "conflict");
  EXPECT_EQ(with_children.json.at("error").at("details").at("references").at("children").as_int64(),
            2);

  auto with_households = admin.Post("/api/v1/regions/330784905001001/retire", json::object{});
  EXPECT_EQ(with_households.status, 409);
  const auto& refs = with_households.json.at("error").at("details").at("references");
  EXPECT_EQ(refs.at("households").as_int64(), 1);
  EXPECT_EQ(refs.at("people").as_int64(), 1);

  // Demo towns have their staff's accounts (and households) in them.
  auto with_users =
      admin.Post(std::string("/api/v1/regions/") + kXicheng + "/retire", json::object{});
  EXPECT_EQ(with_users.status, 409);

  auto empty = admin.Post("/api/v1/regions/330784905001002/retire", json::object{});
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json.at("retired").as_bool());
  EXPECT_EQ(admin.Post("/api/v1/regions/330784905001002/retire", json::object{}).status, 200);
  EXPECT_EQ(AuditCount("330784905001002", "retire"), 1);
  // Its parent now counts one active child.
  EXPECT_EQ(admin.Get("/api/v1/regions/330784905001").json.at("children_count").as_int64(), 1);
  // No route deletes a region.
  EXPECT_EQ(admin.Delete("/api/v1/regions/330784905001002").status, 405);
}

TEST(Regions, ARetiredRegionIsNotOfferedAsAParent) {
  MustCreate("330784906", "将撤销镇", kCity);
  auto admin = TestServer::Get().As("admin");
  ASSERT_EQ(admin.Post("/api/v1/regions/330784906/retire", json::object{}).status, 200);

  auto active = admin.Get("/api/v1/regions?page_size=100");
  EXPECT_FALSE(Codes(active).count("330784906"));
  auto all = admin.Get("/api/v1/regions?page_size=100&include_retired=1");
  ASSERT_TRUE(Codes(all).count("330784906"));
  auto detail = admin.Get("/api/v1/regions/330784906");
  ASSERT_EQ(detail.status, 200);
  EXPECT_TRUE(detail.json.at("retired").as_bool());

  auto child = admin.Post(
      "/api/v1/regions",
      json::object{{"code", "330784906001"}, {"name", "不能建村"}, {"parent_code", "330784906"}});
  EXPECT_EQ(child.status, 400);
  EXPECT_EQ(child.ErrorField(), "parent_code");
  MustCreate("330784907", "留守镇", kCity);
  MustCreate("330784907001", "想搬村", "330784907");
  auto move =
      admin.Patch("/api/v1/regions/330784907001", json::object{{"parent_code", "330784906"}});
  EXPECT_EQ(move.status, 400);
  EXPECT_EQ(move.ErrorField(), "parent_code");
}

// ---- import ----

TEST(Regions, ImportAddsAWholeBranchInOneTransaction) {
  const std::string csv =
      "code,name,parent_code\r\n"
      "330784910,导入镇,330784\r\n"
      "330784910001,\"导入村,东片\",330784910\r\n"
      "330784910002,\"名为\"\"新村\"\"\",330784910\r\n"
      "\r\n"
      "330784910001001,导入村一格,330784910001\r\n";
  auto admin = TestServer::Get().As("admin");
  const int64_t imports_before = AuditCount("", "import");
  auto r = admin.Post("/api/v1/regions/import", json::object{{"csv", csv}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("imported").as_int64(), 4);
  auto village = admin.Get("/api/v1/regions/330784910001");
  ASSERT_EQ(village.status, 200);
  EXPECT_EQ(Str(village.json, "name"), "导入村,东片");
  EXPECT_EQ(Str(village.json, "level"), "village");
  EXPECT_EQ(Str(admin.Get("/api/v1/regions/330784910002").json, "name"), "名为\"新村\"");
  auto grid = admin.Get("/api/v1/regions/330784910001001");
  EXPECT_EQ(Str(grid.json, "path"), "/330784/330784910/330784910001/330784910001001/");
  EXPECT_EQ(AuditCount("", "import"), imports_before + 1);  // once for the whole file
}

TEST(Regions, AnImportOfFiveThousandRowsIsAcceptedAndOneMoreIsNot) {
  // One town, 50 villages and 99 grids in each but the last, which has 98: 5000 rows.
  std::string csv = "code,name,parent_code\n330784920,大批导入镇,330784\n";
  size_t rows = 1;
  char code[32];
  for (int v = 1; v <= 50; ++v) {
    std::snprintf(code, sizeof code, "330784920%03d", v);
    const std::string village = code;
    csv += village + ",第" + std::to_string(v) + "村,330784920\n";
    ++rows;
    for (int g = 1; g <= 99 && rows < 5000; ++g, ++rows) {
      std::snprintf(code, sizeof code, "%s%03d", village.c_str(), g);
      csv += std::string(code) + ",第" + std::to_string(g) + "网格," + village + "\n";
    }
  }
  ASSERT_EQ(rows, 5000u);
  auto admin = TestServer::Get().As("admin");
  auto one_more = admin.Post("/api/v1/regions/import",
                             json::object{{"csv", csv + "330784920050099,多一格,330784920050\n"}});
  EXPECT_EQ(one_more.status, 400);
  EXPECT_EQ(one_more.ErrorField(), "csv");
  auto r = admin.Post("/api/v1/regions/import", json::object{{"csv", csv}});
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  EXPECT_EQ(r.json.at("imported").as_int64(), 5000);
  EXPECT_EQ(admin.Get("/api/v1/regions/330784920").json.at("children_count").as_int64(), 50);
  EXPECT_EQ(admin.Get("/api/v1/regions?parent=330784920050").json.at("total").as_int64(), 98);
}

TEST(Regions, AnImportWithAnyBadRowImportsNothingAndReportsEachRow) {
  std::string long_name;
  for (int i = 0; i < 51; ++i) long_name += "村";
  const std::string csv =
      "code,name,parent_code\n"
      "330784911,全有或全无镇,330784\n"  // line 2: fine on its own
      "330784911001,好村,330784911\n"    // 3: fine
      "330784911001,重复村,330784911\n"  // 4: code repeats line 3
      "330784911002,孤村,330784999\n"    // 5: unknown parent
      "330784911003," +
      long_name +
      ",330784911\n"                           // 6: name too long
      "33078491100,短码村,330784911\n"         // 7: code length
      "330784911004,多列村,330784911,extra\n"  // 8: extra column
      "330784911005,缺列村\n"                  // 9: missing parent_code
      "330784001,已有镇,330784\n"              // 10: code already in the database
      "330784911006001,早到格,330784911006\n"  // 11: parent comes later
      "330784911006,晚到村,330784911\n"        // 12: fine
      "330784911007,\"未加\"引号,330784911\n"  // 13: bad quoting
      "330784911008,,330784911\n";             // 14: empty name
  auto admin = TestServer::Get().As("admin");
  auto r = admin.Post("/api/v1/regions/import", json::object{{"csv", csv}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorCode(), "validation_failed");
  std::set<std::pair<int64_t, std::string>> got;
  for (const auto& row : r.json.at("error").at("details").at("rows").as_array()) {
    got.emplace(row.at("row").as_int64(), Str(row, "field"));
    EXPECT_FALSE(Str(row, "message").empty());
  }
  const std::set<std::pair<int64_t, std::string>> want = {
      {4, "code"},        {5, "parent_code"}, {6, "name"},         {7, "code"},     {8, "columns"},
      {9, "parent_code"}, {10, "code"},       {11, "parent_code"}, {13, "columns"}, {14, "name"}};
  EXPECT_EQ(got, want) << r.body;
  // Nothing at all was imported, not even the good rows.
  EXPECT_EQ(admin.Get("/api/v1/regions/330784911").status, 404);
  EXPECT_EQ(admin.Get("/api/v1/regions/330784911006").status, 404);
}

TEST(Regions, AnImportNeedsTheHeaderAndAStringBody) {
  auto admin = TestServer::Get().As("admin");
  auto no_header =
      admin.Post("/api/v1/regions/import", json::object{{"csv", "330784913,无表头镇,330784\n"}});
  EXPECT_EQ(no_header.status, 400);
  EXPECT_EQ(no_header.ErrorField(), "csv");
  auto only_header =
      admin.Post("/api/v1/regions/import", json::object{{"csv", "code,name,parent_code\n"}});
  EXPECT_EQ(only_header.ErrorField(), "csv");
  auto not_text = admin.Post("/api/v1/regions/import", json::object{{"csv", 5}});
  EXPECT_EQ(not_text.ErrorField(), "csv");
  auto extra = admin.Post("/api/v1/regions/import",
                          json::object{{"csv", "code,name,parent_code\n"}, {"dry_run", true}});
  EXPECT_EQ(extra.ErrorCode(), "unknown_field");
  EXPECT_EQ(extra.ErrorField(), "dry_run");
  std::string many = "code,name,parent_code\n";
  for (int i = 0; i < 5001; ++i)
    many += "330784914" + std::to_string(100 + i % 800) + ",x,330784914\n";
  auto too_many = admin.Post("/api/v1/regions/import", json::object{{"csv", many}});
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.ErrorField(), "csv");
}

// ---- writes stay inside the writer's own area ----

TEST(Regions, ATownLevelAdministratorCannotTouchAnotherTown) {
  // No demo administrator sits below the city, so make one in 西城街道.
  AddStaff("regions_town_admin", "system_admin", kXicheng);
  auto west = TestServer::Get().As("regions_town_admin");
  EXPECT_EQ(west.Get(std::string("/api/v1/regions/") + kDongcheng).status, 404);
  EXPECT_EQ(west.Get(std::string("/api/v1/regions/") + kCity).status, 404);
  auto create = west.Post(
      "/api/v1/regions",
      json::object{{"code", "330784001990"}, {"name", "越界村"}, {"parent_code", kDongcheng}});
  EXPECT_EQ(create.status, 400);
  EXPECT_EQ(create.ErrorField(), "parent_code");
  EXPECT_EQ(west.Patch(std::string("/api/v1/regions/") + kDongcheng, json::object{{"name", "改名"}})
                .status,
            404);
  EXPECT_EQ(
      west.Post(std::string("/api/v1/regions/") + kDongcheng + "/retire", json::object{}).status,
      404);
  // Moving one of its own villages out to another town is refused too.
  auto own = west.Get("/api/v1/regions");
  ASSERT_EQ(own.status, 200);
  ASSERT_FALSE(own.json.at("items").as_array().empty());
  const std::string village = Str(own.json.at("items").at(0), "code");
  auto out = west.Patch("/api/v1/regions/" + village, json::object{{"parent_code", kDongcheng}});
  EXPECT_EQ(out.status, 400);
  EXPECT_EQ(out.ErrorField(), "parent_code");
  auto import =
      west.Post("/api/v1/regions/import",
                json::object{{"csv", "code,name,parent_code\n330784001991,越界村,330784001\n"}});
  EXPECT_EQ(import.status, 400);
  EXPECT_EQ(Str(import.json.at("error").at("details").at("rows").at(0), "field"), "parent_code");
  EXPECT_EQ(
      Str(TestServer::Get().As("admin").Get(std::string("/api/v1/regions/") + kDongcheng).json,
          "name"),
      "东城街道");
}

}  // namespace
}  // namespace hejia::testing
