// One sister per grid (一格一姐, issue 12, point 1) through the API: a grid sister's grids inside
// her region and the caller's area, at most the setting's number; a sister who leaves, is retired
// or stops being a grid sister opens a replacement task for each grid no other sister covers, due
// after the setting's days (the test clock); a new sister closes it; the coverage page and the
// tasks stay inside the caller's area; the settings are city staff's to change.
#include <atomic>

#include "common/clock.hpp"
#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTown = "330784001";       // 东城街道, the demo `town` account's
constexpr const char* kOtherTown = "330784002";  // 西城街道
constexpr int64_t kDay = 24LL * 60 * 60 * 1000;

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

HttpResult Put(Client& c, const std::string& target, const json::value& body) {
  return c.Request("PUT", target, json::serialize(body));
}

/// A village of `town` with `n` grids (made once per run): its code; the grids are code + 001...
std::string Village(const std::string& town, const std::string& suffix, int n) {
  auto admin = TestServer::Get().As("admin");
  const std::string village = town + suffix;
  auto made = [&](const std::string& code, const std::string& parent) {
    auto r = admin.Post("/api/v1/regions", json::object{{"code", code},
                                                        {"name", "覆盖测试" + code.substr(6)},
                                                        {"parent_code", parent}});
    EXPECT_TRUE(r.status == 201 || r.status == 409) << r.body;
  };
  made(village, town);
  for (int i = 1; i <= n; ++i) made(village + "00" + std::to_string(i), village);
  return village;
}

std::string Grid(const std::string& village, int i) {
  return village + "00" + std::to_string(i);
}

int64_t Sister(Client& as, const std::string& region, bool grid_sister = true) {
  static std::atomic<int> n{0};
  auto r = as.Post("/api/v1/volunteers", json::object{{"name", "覆盖格姐" + std::to_string(++n)},
                                                      {"gender", "female"},
                                                      {"member_type", "volunteer"},
                                                      {"region_code", region},
                                                      {"grid_sister", grid_sister},
                                                      {"joined_at", "2026-03-08T09:00:00+08:00"}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json.at("id").as_int64();
}

std::string GridsPath(int64_t id) {
  return "/api/v1/volunteers/" + std::to_string(id) + "/grids";
}

HttpResult Assign(Client& as, int64_t id, std::vector<std::string> codes) {
  json::array a;
  for (auto& c : codes) a.emplace_back(c);
  return Put(as, GridsPath(id), json::object{{"grid_codes", std::move(a)}});
}

HttpResult Change(Client& as, int64_t id, json::object body) {
  const std::string path = "/api/v1/volunteers/" + std::to_string(id);
  body["version"] = as.Get(path).json.at("version");
  return as.Patch(path, body);
}

void Settings(int64_t max_grids, int64_t due_days) {
  auto city = TestServer::Get().As("city");
  auto r =
      Put(city, "/api/v1/volunteer-settings",
          json::object{{"max_grids_per_sister", max_grids}, {"replacement_due_days", due_days}});
  ASSERT_EQ(r.status, 200) << r.body;
}

/// The uncovered grid `code` of the coverage page, or null.
json::value Uncovered(const json::value& page, const std::string& code) {
  for (const auto& g : page.at("uncovered").as_array())
    if (Str(g, "code") == code) return g;
  return nullptr;
}

TEST(Coverage, ASisterWhoLeavesOpensATaskDueInFifteenDaysAndANewSisterClosesIt) {
  Settings(3, 15);
  auto town = TestServer::Get().As("town");
  const std::string v = Village(kTown, "961", 3);
  const int64_t a = Sister(town, v);
  auto r = Assign(town, a, {Grid(v, 1), Grid(v, 2), Grid(v, 1)});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json.at("grids").as_array().size(), 2u);
  EXPECT_EQ(Str(r.json.at("grids").at(0), "code"), Grid(v, 1));
  EXPECT_EQ(town.Get(GridsPath(a)).json, r.json);

  auto page = town.Get("/api/v1/coverage?region=" + v);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json.at("grids").as_int64(), 3);
  EXPECT_EQ(page.json.at("covered").as_int64(), 2);
  EXPECT_EQ(page.json.at("sisters").as_int64(), 1);
  EXPECT_EQ(page.json.at("uncovered").as_array().size(), 1u);
  EXPECT_EQ(Uncovered(page.json, Grid(v, 3)).at("task"), json::value(nullptr));
  EXPECT_EQ(Str(Uncovered(page.json, Grid(v, 3)).at("village"), "code"), v);

  auto& clock = TestServer::Get().clock();
  const int64_t left = clock.NowMillis();
  ASSERT_EQ(Change(town, a, {{"left_at", FormatBeijing(left)}}).status, 200);
  EXPECT_EQ(town.Get(GridsPath(a)).json.at("grids").as_array().size(), 0u);
  auto tasks = town.Get("/api/v1/coverage-tasks?status=open&region=" + v);
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  ASSERT_EQ(tasks.json.at("total").as_int64(), 2);
  for (const auto& t : tasks.json.at("items").as_array()) {
    EXPECT_EQ(Str(t, "due_at"), FormatBeijing(left + 15 * kDay));
    EXPECT_EQ(t.at("left_volunteer_id").as_int64(), a);
    EXPECT_FALSE(t.at("overdue").as_bool());
  }
  page = town.Get("/api/v1/coverage?region=" + v);
  EXPECT_EQ(page.json.at("covered").as_int64(), 0);
  EXPECT_EQ(page.json.at("open_tasks").as_int64(), 2);
  EXPECT_EQ(Str(Uncovered(page.json, Grid(v, 1)).at("task"), "due_at"),
            FormatBeijing(left + 15 * kDay));

  clock.Advance(std::chrono::hours(24 * 16));
  town = TestServer::Get().As("town");  // signed in again: the session lapsed meanwhile
  page = town.Get("/api/v1/coverage?region=" + v);
  EXPECT_TRUE(Uncovered(page.json, Grid(v, 2)).at("task").at("overdue").as_bool());
  bool listed = false;
  const auto todo = town.Get("/api/v1/todo");
  for (const auto& item : todo.json.at("items").as_array())
    if (Str(item, "kind") == "coverage" && Str(item.at("grid"), "code") == Grid(v, 2))
      listed = item.at("overdue").as_bool();
  EXPECT_TRUE(listed);

  const int64_t b = Sister(town, v);
  ASSERT_EQ(Assign(town, b, {Grid(v, 1)}).status, 200);
  page = town.Get("/api/v1/coverage?region=" + v);
  EXPECT_EQ(page.json.at("covered").as_int64(), 1);
  EXPECT_EQ(Uncovered(page.json, Grid(v, 1)), json::value(nullptr));
  EXPECT_EQ(page.json.at("open_tasks").as_int64(), 1);
  auto closed = town.Get("/api/v1/coverage-tasks?status=closed&region=" + v);
  ASSERT_EQ(closed.json.at("total").as_int64(), 1);
  EXPECT_EQ(Str(closed.json.at("items").at(0), "grid_code"), Grid(v, 1));
  EXPECT_EQ(closed.json.at("items").at(0).at("closed_by_volunteer_id").as_int64(), b);
  EXPECT_EQ(Str(closed.json.at("items").at(0), "status"), "closed");
}

TEST(Coverage, RetiringASisterOrClearingHerFlagOpensTasksOnlyForGridsNoOtherSisterCovers) {
  Settings(3, 15);
  auto town = TestServer::Get().As("town");
  const std::string v = Village(kTown, "962", 3);
  const int64_t a = Sister(town, v), b = Sister(town, v);
  ASSERT_EQ(Assign(town, a, {Grid(v, 1), Grid(v, 2)}).status, 200);
  ASSERT_EQ(Assign(town, b, {Grid(v, 2), Grid(v, 3)}).status, 200);
  ASSERT_EQ(town.Post("/api/v1/volunteers/" + std::to_string(a) + "/retire", json::object{}).status,
            200);
  auto tasks = town.Get("/api/v1/coverage-tasks?status=open&region=" + v);
  ASSERT_EQ(tasks.json.at("total").as_int64(), 1);  // grid 2 still has b
  EXPECT_EQ(Str(tasks.json.at("items").at(0), "grid_code"), Grid(v, 1));
  ASSERT_EQ(Change(town, b, {{"grid_sister", false}}).status, 200);
  EXPECT_EQ(town.Get("/api/v1/coverage-tasks?status=open&region=" + v).json.at("total").as_int64(),
            3);
  // Neither can be given grids now.
  auto r = Assign(town, a, {Grid(v, 1)});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "grid_codes");
  r = Assign(town, b, {Grid(v, 1)});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("grid sister"), std::string::npos) << r.body;
}

TEST(Coverage, ASisterCoversAtMostTheSettingsNumberAndLoweringItListsHerAsOverloaded) {
  Settings(2, 15);
  auto town = TestServer::Get().As("town");
  const std::string v = Village(kTown, "963", 3);
  const int64_t a = Sister(town, v);
  auto r = Assign(town, a, {Grid(v, 1), Grid(v, 2), Grid(v, 3)});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "grid_codes");
  EXPECT_EQ(Assign(town, a, {Grid(v, 1), Grid(v, 2)}).status, 200);
  Settings(3, 15);
  EXPECT_EQ(Assign(town, a, {Grid(v, 1), Grid(v, 2), Grid(v, 3)}).status, 200);
  Settings(1, 15);
  auto page = town.Get("/api/v1/coverage?region=" + v);
  EXPECT_EQ(page.json.at("max_grids_per_sister").as_int64(), 1);
  ASSERT_EQ(page.json.at("overloaded").as_array().size(), 1u);
  const auto& o = page.json.at("overloaded").at(0);
  EXPECT_EQ(o.at("id").as_int64(), a);
  EXPECT_EQ(o.at("grids").as_int64(), 3);
  EXPECT_EQ(Str(o, "region_code"), v);
  Settings(3, 15);
  EXPECT_EQ(town.Get("/api/v1/coverage?region=" + v).json.at("overloaded").as_array().size(), 0u);
}

TEST(Coverage, ATownWorkerSeesOnlyHerTownsGridsAndTasks) {
  Settings(3, 15);
  auto town = TestServer::Get().As("town");
  auto city = TestServer::Get().As("city");
  const std::string mine = Village(kTown, "964", 1), other = Village(kOtherTown, "964", 1);
  const int64_t a = Sister(town, mine), b = Sister(city, other);
  ASSERT_EQ(Assign(town, a, {Grid(mine, 1)}).status, 200);
  ASSERT_EQ(Assign(city, b, {Grid(other, 1)}).status, 200);
  ASSERT_EQ(Change(town, a, {{"grid_sister", false}}).status, 200);
  ASSERT_EQ(Change(city, b, {{"grid_sister", false}}).status, 200);
  auto has = [](const json::value& list, const std::string& code) {
    for (const auto& t : list.at("items").as_array())
      if (Str(t, "grid_code") == code) return true;
    return false;
  };
  auto tasks = town.Get("/api/v1/coverage-tasks?status=open&page_size=100");
  ASSERT_EQ(tasks.status, 200) << tasks.body;
  EXPECT_TRUE(has(tasks.json, Grid(mine, 1)));
  EXPECT_FALSE(has(tasks.json, Grid(other, 1)));
  EXPECT_TRUE(
      has(city.Get("/api/v1/coverage-tasks?status=open&region=" + other).json, Grid(other, 1)));
  EXPECT_EQ(town.Get("/api/v1/coverage-tasks?region=" + other).status, 404);
  EXPECT_EQ(town.Get("/api/v1/coverage?region=" + other).status, 404);
  auto page = town.Get("/api/v1/coverage");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(Uncovered(page.json, Grid(mine, 1)), json::value(nullptr));
  EXPECT_EQ(Uncovered(page.json, Grid(other, 1)), json::value(nullptr));
  EXPECT_NE(Uncovered(city.Get("/api/v1/coverage").json, Grid(other, 1)), json::value(nullptr));
  const auto todo = town.Get("/api/v1/todo");
  for (const auto& item : todo.json.at("items").as_array())
    if (Str(item, "kind") == "coverage") EXPECT_NE(Str(item.at("grid"), "code"), Grid(other, 1));
  EXPECT_EQ(town.Get("/api/v1/coverage-tasks?status=maybe").ErrorField(), "status");
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/coverage").status, 403);
}

TEST(Coverage, GridsOutsideMyAreaAnswerLikeMissingOnesAndOthersNameTheirField) {
  Settings(3, 15);
  auto town = TestServer::Get().As("town");
  auto city = TestServer::Get().As("city");
  const std::string v = Village(kTown, "965", 1), next = Village(kTown, "966", 1),
                    other = Village(kOtherTown, "965", 1);
  const int64_t a = Sister(town, v);
  struct Case {
    std::vector<std::string> codes;
    int status;
  } cases[] = {
      {{Grid(other, 1)}, 404}, {{"330784001969999"}, 404},          {{v}, 400},
      {{Grid(next, 1)}, 400},  {{Grid(v, 1), Grid(other, 1)}, 404},
  };
  for (const auto& c : cases) {
    auto r = Assign(town, a, c.codes);
    EXPECT_EQ(r.status, c.status) << c.codes.front() << " -> " << r.body;
    EXPECT_EQ(r.ErrorField(), "grid_codes") << r.body;
  }
  EXPECT_EQ(town.Get(GridsPath(a)).json.at("grids").as_array().size(), 0u);
  EXPECT_EQ(Put(town, GridsPath(a), json::object{}).ErrorField(), "grid_codes");
  const int64_t outside = Sister(city, other);
  EXPECT_EQ(town.Get(GridsPath(outside)).status, 404);
  EXPECT_EQ(Assign(town, outside, {Grid(other, 1)}).status, 404);
  const int64_t plain = Sister(town, v, false);
  EXPECT_EQ(Assign(town, plain, {Grid(v, 1)}).status, 400);
}

TEST(Coverage, OnlyCityStaffChangeTheSettingsAndEachMistakeNamesItsField) {
  auto town = TestServer::Get().As("town");
  auto city = TestServer::Get().As("city");
  auto got = town.Get("/api/v1/volunteer-settings");
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_TRUE(got.json.at("max_grids_per_sister").is_int64());
  const json::object ok{{"max_grids_per_sister", 3}, {"replacement_due_days", 15}};
  EXPECT_EQ(Put(town, "/api/v1/volunteer-settings", ok).status, 403);
  struct Case {
    json::object body;
    std::string field;
  } cases[] = {
      {{{"max_grids_per_sister", 0}, {"replacement_due_days", 15}}, "max_grids_per_sister"},
      {{{"max_grids_per_sister", 21}, {"replacement_due_days", 15}}, "max_grids_per_sister"},
      {{{"max_grids_per_sister", 3}, {"replacement_due_days", 91}}, "replacement_due_days"},
      {{{"max_grids_per_sister", 3}}, "replacement_due_days"},
      {{{"max_grids_per_sister", "3"}, {"replacement_due_days", 15}}, "max_grids_per_sister"},
  };
  for (const auto& c : cases) {
    auto r = Put(city, "/api/v1/volunteer-settings", c.body);
    EXPECT_EQ(r.status, 400) << json::serialize(c.body) << " -> " << r.body;
    EXPECT_EQ(r.ErrorField(), c.field) << r.body;
  }
  auto r = Put(city, "/api/v1/volunteer-settings",
               json::object{{"max_grids_per_sister", 5}, {"replacement_due_days", 30}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(town.Get("/api/v1/volunteer-settings").json.at("replacement_due_days").as_int64(), 30);
  EXPECT_EQ(Put(city, "/api/v1/volunteer-settings", ok).status, 200);
}

}  // namespace
}  // namespace hejia::testing
