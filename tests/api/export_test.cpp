// The case list's Excel export and the saved filters: the export takes the list's filters and
// gives the list's rows (scope, masking) as an .xlsx, refuses more than 10,000 rows and is
// audited without personal values; each user keeps their own named filters.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

/// A title no other test uses, for the `q` filter.
std::string Marker(const std::string& what) {
  static int n = 0;
  return "导出测试" + what + std::to_string(++n) + "-" + std::to_string(Now() % 100000);
}

json::object TitledIntake(const std::string& home, const std::string& title,
                          const std::string& phone) {
  auto body = Intake(home, "child_support", phone);
  body["title"] = title;
  return body;
}

TEST(CaseExport, TheWorkbookHoldsTheListsRowsMaskedWithAChineseHeader) {
  const std::string marker = Marker("甲");
  const std::string phone1 = UniquePhone(), phone2 = UniquePhone();
  auto c1 = NewCase("town", TitledIntake(kVillage, marker + "一", phone1));
  auto c2 = NewCase("town", TitledIntake(kVillage, marker + "二", phone2));
  auto elsewhere = NewCase("town2", TitledIntake(kTown2Village, marker + "西", UniquePhone()));
  Client town = TestServer::Get().As("town");

  // The list and the export take the same filters and give the same rows.
  const std::string query = "?q=" + Encoded(marker) + "&status=registered";
  auto list = town.Get("/api/v1/cases" + query);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.at("total").as_int64(), 2);
  auto r = town.Get("/api/v1/cases/export" + query);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.Header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const std::string disposition = r.Header("content-disposition");
  EXPECT_EQ(disposition.rfind("attachment; filename=\"cases-", 0), 0u) << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''%E6%A1%88%E4%BB%B6%E6%B8%85%E5%8D%95-"),
            std::string::npos)
      << disposition;  // 案件清单-
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_EQ(r.body.substr(0, 2), "PK");  // a zip

  const std::string xml = XlsxText(r.body);
  ASSERT_FALSE(xml.empty());
  EXPECT_NE(xml.find(Str(c1, "case_no")), std::string::npos);
  EXPECT_NE(xml.find(Str(c2, "case_no")), std::string::npos);
  EXPECT_EQ(xml.find(Str(elsewhere, "case_no")), std::string::npos);  // another town's
  EXPECT_NE(xml.find("王**"), std::string::npos);                     // masked as in the list
  EXPECT_EQ(xml.find("王晓丽"), std::string::npos);
  // No phone in any form: neither whole nor masked (four digits alone would also match a
  // number or a date of the sheet, whichever phone the test happens to get).
  for (const auto& phone : {phone1, phone2}) {
    EXPECT_EQ(xml.find(phone), std::string::npos);
    EXPECT_EQ(xml.find("*" + phone.substr(7)), std::string::npos);
    EXPECT_EQ(xml.find(phone.substr(0, 3) + "*"), std::string::npos);
  }
  EXPECT_EQ(xml.find("金城路"), std::string::npos);
  for (const char* header : {"案件编号", "纠纷类型", "申请人", "承办单位", "状态"})
    EXPECT_NE(xml.find(header), std::string::npos) << header;
  EXPECT_NE(xml.find("抚养与探望"), std::string::npos);  // the category's label
  EXPECT_NE(xml.find("已登记"), std::string::npos) << "status label";
  EXPECT_NE(xml.find("状态：已登记"), std::string::npos) << "the filter in the title row";
  EXPECT_NE(xml.find("导出时间"), std::string::npos);
  EXPECT_NE(xml.find("ySplit=\"2\""), std::string::npos) << "frozen header";

  // Audited with the filter's codes and the row count, never the search text.
  const auto detail = TestServer::Get().app().db().ReadSync([](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT detail FROM audit_log WHERE entity = 'case' AND action = 'export' ORDER BY "
            "id DESC LIMIT 1")
        ->Text(0);
  });
  EXPECT_NE(detail.find("rows=2"), std::string::npos) << detail;
  EXPECT_NE(detail.find("status=registered"), std::string::npos) << detail;
  EXPECT_NE(detail.find("q=given"), std::string::npos) << detail;
  EXPECT_EQ(detail.find(marker), std::string::npos) << detail;
}

TEST(CaseExport, ScopeFiltersAndPermissionAreTheLists) {
  const std::string marker = Marker("乙");
  auto mine = NewCase("town", TitledIntake(kVillage, marker, UniquePhone()));
  // 西城街道 exports nothing of 东城街道's, and cannot name its region.
  auto west = TestServer::Get().As("town2").Get("/api/v1/cases/export?q=" + Encoded(marker));
  ASSERT_EQ(west.status, 200);
  EXPECT_EQ(XlsxText(west.body).find(Str(mine, "case_no")), std::string::npos);
  EXPECT_EQ(
      TestServer::Get().As("town2").Get("/api/v1/cases/export?region=" + std::string(kTown)).status,
      404);
  // The city sees it.
  auto city = TestServer::Get().As("city").Get("/api/v1/cases/export?q=" + Encoded(marker));
  ASSERT_EQ(city.status, 200);
  EXPECT_NE(XlsxText(city.body).find(Str(mine, "case_no")), std::string::npos);
  // A filter the list refuses, the export refuses the same way.
  Client town = TestServer::Get().As("town");
  EXPECT_EQ(town.Get("/api/v1/cases/export?status=bogus").ErrorField(), "status");
  EXPECT_EQ(town.Get("/api/v1/cases/export?category=bogus").ErrorField(), "category");
  // Roles without case.export.
  for (const char* login : {"mediator", "gridsister", "leader", "admin"})
    EXPECT_EQ(TestServer::Get().As(login).Get("/api/v1/cases/export").status, 403) << login;
}

TEST(CaseExport, MoreThanTenThousandRowsAskToNarrowTheFilters) {
  const std::string marker = Marker("丙");
  auto& db = TestServer::Get().app().db();
  const std::string village_path = PathOf(kVillage);
  db.WriteSync([&](store::Connection& c) {
    const int64_t now = Now();
    for (int i = 0; i < 10001; ++i)
      c.Execute(
          "INSERT INTO cases (case_no, channel, category, status, level, region_code, "
          "region_path, title, created_at, updated_at) VALUES (?, 'hotline', 'neighbours', "
          "'registered', 'village', ?, ?, ?, ?, ?)",
          {"EXPORT-" + marker + "-" + std::to_string(i), kVillage, village_path, marker, now, now});
  });
  auto r = TestServer::Get().As("town").Get("/api/v1/cases/export?q=" + Encoded(marker));
  db.WriteSync(
      [&](store::Connection& c) { c.Execute("DELETE FROM cases WHERE title = ?", {marker}); });
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorCode(), "too_many_rows");
  EXPECT_EQ(r.json.at("error").at("details").at("total").as_int64(), 10001);
  EXPECT_EQ(r.json.at("error").at("details").at("max").as_int64(), 10000);
}

// ---- saved filters ----

TEST(SavedFilters, EachUserKeepsAndSeesOnlyTheirOwn) {
  Client town = TestServer::Get().As("town");
  Client village = TestServer::Get().As("village");
  const std::string name = "超期黄牌" + std::to_string(Now() % 100000);
  auto made = town.Post("/api/v1/saved-filters",
                        json::object{{"name", name},
                                     {"query", json::object{{"status", "registered,accepted"},
                                                            {"supervision", "yellow"},
                                                            {"overdue", 1},
                                                            {"night_clinic", true}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t id = made.json.at("id").as_int64();
  EXPECT_EQ(Str(made.json, "name"), name);
  EXPECT_EQ(Str(made.json.at("query"), "status"), "registered,accepted");
  EXPECT_EQ(Str(made.json.at("query"), "overdue"), "1");
  EXPECT_EQ(Str(made.json.at("query"), "night_clinic"), "1");

  auto mine = town.Get("/api/v1/saved-filters?page_size=100");
  ASSERT_EQ(mine.status, 200);
  bool found = false;
  for (const auto& f : mine.json.at("items").as_array()) found |= f.at("id").as_int64() == id;
  EXPECT_TRUE(found);
  // Another user sees none of it, and cannot delete it.
  auto theirs = village.Get("/api/v1/saved-filters?page_size=100");
  for (const auto& f : theirs.json.at("items").as_array()) EXPECT_NE(f.at("id").as_int64(), id);
  EXPECT_EQ(village.Delete("/api/v1/saved-filters/" + std::to_string(id)).status, 404);
  // The same name twice is a conflict; a filter the list would refuse is refused, naming it.
  auto again =
      town.Post("/api/v1/saved-filters", json::object{{"name", name}, {"query", json::object{}}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorField(), "name");
  auto bad =
      town.Post("/api/v1/saved-filters",
                json::object{{"name", name + "x"}, {"query", json::object{{"category", "bogus"}}}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "query.category");
  auto unknown = town.Post(
      "/api/v1/saved-filters",
      json::object{{"name", name + "y"}, {"query", json::object{{"phone", "13800000000"}}}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.ErrorField(), "query.phone");
  EXPECT_EQ(town.Post("/api/v1/saved-filters", json::object{{"name", name + "z"}}).ErrorField(),
            "query");
  // The owner deletes it.
  EXPECT_EQ(town.Delete("/api/v1/saved-filters/" + std::to_string(id)).status, 204);
  EXPECT_EQ(town.Delete("/api/v1/saved-filters/" + std::to_string(id)).status, 404);
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/saved-filters").status, 403);
}

}  // namespace
}  // namespace hejia::testing
