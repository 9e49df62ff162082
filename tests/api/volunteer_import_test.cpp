// Volunteers from a spreadsheet and back (issue 12, point 1): the template, a city's roster of
// 11,656 rows imported in one go (a dry run first writes nothing), a file with mistakes imports
// nothing and names each one by row and column, and the export holds only the caller's area,
// masked.
#include <xlsxwriter.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "domain/id_card.hpp"
#include "domain/volunteer_import.hpp"
#include "harness.hpp"
#include "security/tokens.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTown = "330784001";       // 东城街道, the demo `town` account's
constexpr const char* kOtherTown = "330784002";  // 西城街道
constexpr size_t kRoster = 11656;

using Rows = std::vector<std::vector<std::string>>;

/// A workbook of the template's header and `rows`; a cell "@date:2024-05-06" is written as an
/// Excel date (a number shown as a date), as a spreadsheet program stores a typed date.
std::string Workbook(const Rows& rows) {
  const std::string file =
      ::testing::TempDir() + "/volunteers-" + security::RandomToken(6) + ".xlsx";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  for (size_t c = 0; c < domain::kVolunteerImportColumns.size(); ++c)
    worksheet_write_string(ws, 0, c, std::string(domain::kVolunteerImportColumns[c].header).c_str(),
                           nullptr);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& cell = rows[r][c];
      if (cell.starts_with("@date:")) {
        lxw_datetime d{std::stoi(cell.substr(6, 4)),
                       std::stoi(cell.substr(11, 2)),
                       std::stoi(cell.substr(14, 2)),
                       0,
                       0,
                       0};
        worksheet_write_datetime(ws, r + 1, c, &d, date);
      } else if (!cell.empty()) {
        worksheet_write_string(ws, r + 1, c, cell.c_str(), nullptr);
      }
    }
  workbook_close(wb);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(file);
  return bytes.str();
}

/// Sends the workbook as the console does: the raw file as the body.
HttpResult Upload(Client& c, const std::string& path, const std::string& workbook) {
  return c.Request(
      "POST", path, workbook,
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
}

std::vector<std::string> Codes(const std::string& sql, const store::Params& params) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    std::vector<std::string> out;
    for (const auto& r : c.Query(sql, params)) out.push_back(r.Text(0));
    return out;
  });
}

/// The active villages of `town` and, for each, one of its active grids ("" when none).
std::vector<std::pair<std::string, std::string>> VillagesWithAGrid(const std::string& town) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& village : Codes("SELECT code FROM regions WHERE parent_code = ? AND level = "
                                   "'village' AND retired = 0 ORDER BY code",
                                   {town})) {
    auto grids = Codes(
        "SELECT code FROM regions WHERE parent_code = ? AND level = 'grid' AND "
        "retired = 0 ORDER BY code",
        {village});
    out.emplace_back(village, grids.empty() ? "" : grids.front());
  }
  return out;
}

int64_t TeamIn(const std::string& region, const std::string& name) {
  auto r = TestServer::Get().As("city").Post(
      "/api/v1/teams",
      json::object{{"name", name}, {"kind", "grid_sisters"}, {"region_code", region}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json.at("id").as_int64();
}

/// A valid ID number of a woman: `region6`, a birthday in 1980 chosen by `n` and a sequence.
std::string IdNumber(const std::string& region6, size_t n) {
  const size_t day = n / 400;  // 400 sequences a day (even: a woman's)
  char birthday[9];
  std::snprintf(birthday, sizeof birthday, "1980%02zu%02zu", day / 28 + 1, day % 28 + 1);
  return domain::MakeIdCard(region6, birthday, static_cast<int>((n % 400) * 2), true);
}

std::string Phone(int prefix, size_t n) {
  char phone[12];
  std::snprintf(phone, sizeof phone, "%03d%08zu", prefix, n);
  return phone;
}

/// A row of the template: a woman of `region` joined on 2024-03-08.
std::vector<std::string> Row(const std::string& name, const std::string& phone,
                             const std::string& id, const std::string& region) {
  return {name, "女", phone, id, "巾帼志愿者", region, "", "否", "", "2024-03-08", "", "", ""};
}

std::vector<std::vector<json::value>> ErrorRows(const HttpResult& r) {
  std::vector<std::vector<json::value>> out;
  for (const auto& e : r.json.at("error").at("details").at("rows").as_array())
    out.push_back({e.at("row"), e.at("column"), e.at("field")});
  return out;
}

TEST(VolunteerImport, TheTemplateHoldsTheColumnsAnExampleThatPassesAndItsExplanation) {
  auto town = TestServer::Get().As("town");
  auto tpl = town.Get("/api/v1/volunteers/import-template");
  ASSERT_EQ(tpl.status, 200) << tpl.body;
  EXPECT_NE(tpl.Header("content-type").find("spreadsheetml"), std::string::npos);
  auto sheet = domain::ReadFirstSheet(tpl.body);
  ASSERT_EQ(sheet.index(), 0u);
  const auto& rows = std::get<0>(sheet);
  ASSERT_EQ(rows.size(), 2u);
  for (size_t c = 0; c < domain::kVolunteerImportColumns.size(); ++c)
    EXPECT_EQ(rows[0].cells.at(c), domain::kVolunteerImportColumns[c].header);
  EXPECT_EQ(rows[1].cells.at(5), kTown);  // the example lies in the caller's own region
  EXPECT_NE(XlsxText(tpl.body).find("填写说明"), std::string::npos);
  // The template as it comes passes a dry run.
  const int64_t before = CountRows("volunteers");
  auto dry = Upload(town, "/api/v1/volunteers/import?dry_run=1", tpl.body);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(dry.json.at("dry_run").as_bool());
  EXPECT_EQ(dry.json.at("rows").as_int64(), 1);
  EXPECT_EQ(dry.json.at("created").as_int64(), 0);
  EXPECT_EQ(CountRows("volunteers"), before);
  // Also as JSON, like the incident import; any other type of body is refused.
  auto json_dry = town.Post("/api/v1/volunteers/import?dry_run=1",
                            json::object{{"xlsx", security::Base64Encode(tpl.body)}});
  EXPECT_EQ(json_dry.status, 200) << json_dry.body;
  auto form = town.Request("POST", "/api/v1/volunteers/import", "a=1",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 400);
  EXPECT_EQ(form.ErrorField(), "content_type");
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/volunteers/import-template").status, 403);
}

TEST(VolunteerImport, ACitysRosterOfElevenThousandRowsImportsInOneGo) {
  const auto villages = VillagesWithAGrid(kTown);
  ASSERT_FALSE(villages.empty());
  const std::string team = "导入测试队" + security::RandomToken(4);
  TeamIn(kTown, team);
  Rows rows;
  rows.reserve(kRoster);
  size_t sisters = 0;
  for (size_t i = 0; i < kRoster; ++i) {
    const auto& [village, grid] = villages[i % villages.size()];
    auto row = Row("导入志愿者" + std::to_string(i), Phone(139, i), IdNumber("330783", i),
                   i % 5 == 0 ? kTown : village);
    row[4] = std::string(domain::Label(domain::kMemberTypes[i % domain::kMemberTypes.size()]));
    if (i % 3 == 0) row[4] = std::string(ToString(domain::kMemberTypes[i % 5]));  // codes too
    if (i % 5 == 0) row[6] = team;
    if (i % 5 != 0 && i % 7 == 1 && !grid.empty()) {
      row[7] = "是";
      row[8] = grid;
      ++sisters;
    }
    if (i % 11 == 0) row[9] = "@date:2023-09-01";
    row[11] = i % 2 ? "心理疏导" : "";
    rows.push_back(std::move(row));
  }
  const std::string file = Workbook(rows);
  auto town = TestServer::Get().As("town");
  const int64_t before = CountRows("volunteers"), grids_before = CountRows("volunteer_grids");

  auto t0 = std::chrono::steady_clock::now();
  auto dry = Upload(town, "/api/v1/volunteers/import?dry_run=1", file);
  auto t1 = std::chrono::steady_clock::now();
  ASSERT_EQ(dry.status, 200) << dry.body.substr(0, 2000);
  EXPECT_EQ(dry.json.at("rows").as_int64(), static_cast<int64_t>(kRoster));
  EXPECT_EQ(dry.json.at("created").as_int64(), 0);
  EXPECT_EQ(CountRows("volunteers"), before);

  auto done = Upload(town, "/api/v1/volunteers/import", file);
  auto t2 = std::chrono::steady_clock::now();
  ASSERT_EQ(done.status, 200) << done.body.substr(0, 2000);
  EXPECT_FALSE(done.json.at("dry_run").as_bool());
  EXPECT_EQ(done.json.at("created").as_int64(), static_cast<int64_t>(kRoster));
  EXPECT_EQ(CountRows("volunteers"), before + static_cast<int64_t>(kRoster));
  EXPECT_EQ(CountRows("volunteer_grids"), grids_before + static_cast<int64_t>(sisters));
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
  };
  // Reported, never asserted: tests do not depend on the machine's speed.
  std::cout << "[ import  ] " << kRoster << " rows (" << file.size() << " bytes): dry run "
            << ms(t0, t1) << " ms, import " << ms(t1, t2) << " ms (" << TestServer::Get().DbKind()
            << ")\n";
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'volunteer' AND action = "
                     "'import' AND detail = ?",
                     {"imported=" + std::to_string(kRoster)}),
            1);
  // Stored as the record kit stores one: sealed, masked, placed, linked.
  const auto one = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne(
        "SELECT phone_enc, phone_mask, id_number_bidx, region_path, team_id, member_type, "
        "joined_at FROM volunteers WHERE name = ?",
        {std::string("导入志愿者55")});
  });
  ASSERT_TRUE(one);
  EXPECT_EQ(one->Text(0).find(Phone(139, 55)), std::string::npos);
  EXPECT_EQ(one->Text(1), "139****0055");
  EXPECT_FALSE(one->Text(2).empty());
  EXPECT_FALSE(one->IsNull(4));                                  // 55 % 5 == 0: the town's team
  EXPECT_EQ(one->Int(6), BeijingDateStartMillis("2023-09-01"));  // 55 % 11 == 0: a date cell
  auto listed = town.Get("/api/v1/volunteers?name=" + Encoded("导入志愿者11655"));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json.at("total").as_int64(), 1);

  // The same file again: every ID number is now an active volunteer's; nothing is stored.
  auto again = Upload(town, "/api/v1/volunteers/import", file);
  ASSERT_EQ(again.status, 400);
  EXPECT_EQ(again.json.at("error").at("details").at("error_count").as_int64(),
            static_cast<int64_t>(kRoster));
  EXPECT_TRUE(again.json.at("error").at("details").at("truncated").as_bool());
  EXPECT_EQ(CountRows("volunteers"), before + static_cast<int64_t>(kRoster));
}

TEST(VolunteerImport, AFileWithMistakesImportsNothingAndNamesEachByRowAndColumn) {
  const auto villages = VillagesWithAGrid(kTown);
  ASSERT_GE(villages.size(), 2u);
  const std::string village = villages[0].first, other_village = villages[1].first;
  const std::string other_grid = villages[1].second;
  const std::string tag = security::RandomToken(4);
  size_t n = 0;
  const auto row = [&](const std::string& region) {
    ++n;
    return Row("错误测试" + tag + std::to_string(n), Phone(137, 50000 + n),
               IdNumber("330782", 100 + n), region);
  };
  auto bad_id = row(village);
  bad_id[3] = bad_id[3].substr(0, 17) + (bad_id[3][17] == '1' ? "2" : "1");
  auto duplicate = row(village);
  auto missing = row(village);
  missing[0] = "";
  missing[9] = "";
  auto no_team = row(village);
  no_team[6] = "没有这支队伍" + tag;
  auto foreign_grid = row(village);
  foreign_grid[7] = "是";
  foreign_grid[8] = other_grid;
  Rows rows{row(village),         // 2: good
            bad_id,               // 3
            row("330784999999"),  // 4: no such region
            row(kOtherTown),      // 5: outside the town worker's area
            duplicate,            // 6: repeats row 2's phone
            missing,              // 7
            no_team,              // 8
            foreign_grid,         // 9
            row(other_village)};  // 10: good
  rows[4][2] = rows[0][2];
  const std::string file = Workbook(rows);
  auto town = TestServer::Get().As("town");
  const int64_t before = CountRows("volunteers");
  for (const char* path : {"/api/v1/volunteers/import?dry_run=1", "/api/v1/volunteers/import"}) {
    auto r = Upload(town, path, file);
    ASSERT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.ErrorCode(), "validation_failed");
    EXPECT_EQ(r.ErrorField(), "xlsx");
    const std::vector<std::vector<json::value>> want{{3, "身份证号", "id_number"},
                                                     {4, "所属区划代码*", "region_code"},
                                                     {5, "所属区划代码*", "region_code"},
                                                     {6, "手机号", "phone"},
                                                     {7, "姓名*", "name"},
                                                     {7, "加入日期*", "joined_at"},
                                                     {8, "队伍", "team"},
                                                     {9, "网格代码", "grid_codes"}};
    EXPECT_EQ(ErrorRows(r), want) << r.body;
    EXPECT_EQ(CountRows("volunteers"), before);
  }
  // Not a workbook at all.
  auto junk = Upload(town, "/api/v1/volunteers/import", "a,b,c");
  EXPECT_EQ(junk.status, 400);
  EXPECT_EQ(junk.ErrorField(), "xlsx");
}

TEST(VolunteerImport, TheExportHoldsOnlyMyAreaMasked) {
  const auto villages = VillagesWithAGrid(kTown);
  const std::string tag = security::RandomToken(4);
  const std::string mine = "导出本镇" + tag, theirs = "导出他镇" + tag;
  const std::string my_id = IdNumber("330781", 7), my_phone = Phone(136, 7);
  auto city = TestServer::Get().As("city");
  const std::vector<std::pair<std::string, std::string>> placed{{mine, villages[0].first},
                                                                {theirs, kOtherTown}};
  for (const auto& [name, region] : placed) {
    auto r =
        city.Post("/api/v1/volunteers", json::object{{"name", name},
                                                     {"gender", "female"},
                                                     {"phone", my_phone},
                                                     {"id_number", my_id},
                                                     {"member_type", "peace_sister"},
                                                     {"region_code", region},
                                                     {"joined_at", "2025-01-01T00:00:00+08:00"}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto town = TestServer::Get().As("town");
  auto r = town.Get("/api/v1/volunteers/export?member_type=peace_sister&name=" + Encoded(tag));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.Header("content-disposition").find(".xlsx"), std::string::npos);
  auto sheet = domain::ReadFirstSheet(r.body);
  ASSERT_EQ(sheet.index(), 0u);
  const auto& rows = std::get<0>(sheet);
  ASSERT_EQ(rows.size(), 3u);  // the title, the header, her
  EXPECT_EQ(rows[1].cells.at(0), "姓名");
  EXPECT_EQ(rows[2].cells.at(0), mine);
  EXPECT_EQ(rows[2].cells.at(2), "136****0007");
  EXPECT_EQ(rows[2].cells.at(3).find(my_id.substr(6, 8)), std::string::npos);
  EXPECT_EQ(rows[2].cells.at(4), "和姐");
  EXPECT_EQ(rows[2].cells.at(6), villages[0].first);
  EXPECT_EQ(r.body.find(my_phone), std::string::npos);
  EXPECT_EQ(XlsxText(r.body).find(my_id), std::string::npos);
  EXPECT_EQ(XlsxText(r.body).find(theirs), std::string::npos);
  // The whole area: every row of it lies in the town.
  auto all = town.Get("/api/v1/volunteers/export");
  ASSERT_EQ(all.status, 200);
  auto whole = domain::ReadFirstSheet(all.body, {.max_uncompressed = 96 << 20, .max_rows = 60000});
  ASSERT_EQ(whole.index(), 0u);
  for (size_t i = 2; i < std::get<0>(whole).size(); ++i)
    ASSERT_TRUE(std::get<0>(whole)[i].cells.at(6).starts_with(kTown)) << i;
  EXPECT_GE(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'volunteer' AND action = "
                     "'export' AND detail LIKE 'rows=1;%'"),
            1);
  EXPECT_EQ(AuditEntriesCarrying(tag), 0);  // the name searched is recorded only as given
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/volunteers/export").status, 403);
}

}  // namespace
}  // namespace hejia::testing
