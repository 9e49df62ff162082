// Working on police incidents (issue 11): who may record a push's steps, the watch that texts an
// unacknowledged night push and raises the supervision mark (yellow, then red) telling the level
// above, staff entering an incident by hand, the case one click makes of it, and the settings.
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "accounts.hpp"
#include "domain/incident_import.hpp"
#include "police_helpers.hpp"

namespace hejia::testing {
namespace {

using namespace police;

std::string PushPath(int64_t id, const json::value& push) {
  return "/api/v1/incidents/" + std::to_string(id) + "/pushes/" +
         std::to_string(push.at("id").as_int64()) + "/steps";
}

TEST(IncidentWork, OnlyThePushHolderOrItsUnitRecordsItsSteps) {
  MoveClockTo(NextWeekdayMorning());
  const Partner p = NewPartner();
  const std::string number = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress())).status, 201);
  const int64_t id = IncidentIdOf(number);
  auto village = TestServer::Get().As("village");
  auto town = TestServer::Get().As("town");
  const auto pushes = Work(town, id).at("pushes").as_array();
  // The village cadre does not act on the town's push; the town does, and then holds it.
  auto refused =
      village.Post(PushPath(id, pushes[0]),
                   json::object{{"stage", "acknowledged"}, {"version", pushes[0].at("version")}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorCode(), "not_your_push");
  auto acked =
      town.Post(PushPath(id, pushes[0]),
                json::object{{"stage", "acknowledged"}, {"version", pushes[0].at("version")}});
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_EQ(acked.json.at("assignee").at("id").as_int64(), UserIdOf("town"));
  EXPECT_EQ(Str(acked.json, "stage"), "acknowledged");
  // A stale version is refused with the push as it is now.
  auto stale =
      town.Post(PushPath(id, pushes[0]),
                json::object{{"stage", "contacted"}, {"version", pushes[0].at("version")}});
  EXPECT_EQ(stale.status, 409);
  // The step is audited without the note's text.
  EXPECT_EQ(AuditCount("incident", std::to_string(id), "push_step"), 1);
  // A leader or a mediator has no door to it.
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/incidents").status, 403);
}

TEST(IncidentWatch, AMissedAcknowledgementTurnsYellowThenRedAndTellsTheLevelAbove) {
  const int64_t morning = NextWeekdayMorning();
  MoveClockTo(morning);
  const Partner p = NewPartner();
  const std::string number = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress())).status, 201);
  const int64_t id = IncidentIdOf(number);
  auto& app = TestServer::Get().app();
  auto city = TestServer::Get().As("city");
  const auto mark = [&] {
    return Str(city.Get("/api/v1/incidents/" + std::to_string(id)).json, "mark");
  };
  app.RunIncidentWatch(morning + 2 * kHour);
  EXPECT_EQ(mark(), "none") << "due at two hours: on time";
  app.RunIncidentWatch(morning + 2 * kHour + kMinute);
  EXPECT_EQ(mark(), "yellow");
  const int64_t told = AuditCount("incident", std::to_string(id), "supervise");
  EXPECT_EQ(told, 3) << "each of the three pushes is late";
  app.RunIncidentWatch(morning + 3 * kHour);
  EXPECT_EQ(AuditCount("incident", std::to_string(id), "supervise"), 3) << "each mark once";
  app.RunIncidentWatch(morning + 4 * kHour + kMinute);
  EXPECT_EQ(mark(), "red");
  EXPECT_EQ(AuditCount("incident", std::to_string(id), "supervise"), 6);
  // The red incidents are listed for the city.
  auto red = city.Get("/api/v1/incidents?mark=red&page_size=100");
  bool listed = false;
  for (const auto& i : red.json.at("items").as_array()) listed |= i.at("id").as_int64() == id;
  EXPECT_TRUE(listed);
  // Acknowledging clears the push's own mark: the next step runs on its own time.
  auto town = TestServer::Get().As("town");
  const auto push = Work(town, id).at("pushes").as_array()[0];
  EXPECT_EQ(Str(push, "mark"), "red");
  auto acked = town.Post(PushPath(id, push),
                         json::object{{"stage", "acknowledged"}, {"version", push.at("version")}});
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_EQ(Str(acked.json, "mark"), "none");
}

TEST(IncidentWatch, AnUnacknowledgedNightPushIsTextedToItsOnDutyHolderOnce) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  // A cadre of a village of her own, rostered alone there, so the roster names her.
  const std::string other_village = QueryText(
      "SELECT MAX(code) FROM regions WHERE parent_code = ? AND level = 'village'", {kTown});
  const std::string login = UniqueLogin("nightpush");
  const int64_t cadre = CreateStaff(login, "village_cadre", other_village);
  auto admin = TestServer::Get().As("admin");
  const std::string phone = "137" + std::to_string(10000000 + cadre % 89999999);
  auto user = admin.Get("/api/v1/users/" + std::to_string(cadre));
  ASSERT_EQ(admin
                .Patch("/api/v1/users/" + std::to_string(cadre),
                       json::object{{"phone", phone}, {"version", user.json.at("version")}})
                .status,
            200);
  OnDutyAround(other_village, cadre, evening);
  const Partner p = NewPartner();
  const std::string number = UniqueNumber();
  const std::string village_name =
      QueryText("SELECT name FROM regions WHERE code = ?", {other_village});
  const std::string town_name = QueryText("SELECT name FROM regions WHERE code = ?", {kTown});
  ASSERT_EQ(Send(p, Incident(number, town_name + village_name + "某路 1 号")).status, 201);
  const int64_t id = IncidentIdOf(number);
  auto city = TestServer::Get().As("city");
  const auto village_push = Work(city, id).at("pushes").as_array()[1];
  ASSERT_TRUE(village_push.at("assignee").is_object()) << village_push;
  ASSERT_EQ(village_push.at("assignee").at("id").as_int64(), cadre) << village_push;
  auto& app = TestServer::Get().app();
  app.RunIncidentWatch(evening + 4 * kMinute);
  EXPECT_TRUE(MessagesTo(phone, "incident_alert").empty()) << "within the five minutes";
  app.RunIncidentWatch(evening + 5 * kMinute + 1000);
  auto texts = MessagesTo(phone, "incident_alert");
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_NE(texts[0].find(number), std::string::npos) << texts[0];
  EXPECT_EQ(texts[0].find("测试甲"), std::string::npos) << texts[0];
  EXPECT_EQ(texts[0].find(village_name), std::string::npos) << "no address in a text";
  app.RunIncidentWatch(evening + 7 * kMinute);
  EXPECT_EQ(MessagesTo(phone, "incident_alert").size(), 1u) << "once";
}

TEST(IncidentEntry, StaffEnterAnIncidentByHandInTheirAreaOnly) {
  MoveClockTo(NextWeekdayMorning());
  auto town = TestServer::Get().As("town");
  const std::string number = UniqueNumber();
  auto body = Incident(number, "某地址 3 号", json::object{{"region_code", kGrid}});
  auto r = town.Post("/api/v1/incidents", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json, "source"), "manual");
  EXPECT_EQ(Str(r.json, "region_code"), kGrid);
  EXPECT_FALSE(r.json.at("needs_placement").as_bool());
  EXPECT_EQ(Work(town, r.json.at("id").as_int64()).at("pushes").as_array().size(), 3u);
  // The same number again: 409 naming it.
  auto again = town.Post("/api/v1/incidents", body);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorCode(), "incident_exists");
  EXPECT_EQ(again.json.at("error").at("details").at("id"), r.json.at("id"));
  // A region of another town is answered like a missing one; an address of another town asks
  // for a region of hers.
  auto elsewhere =
      town.Post("/api/v1/incidents",
                Incident(UniqueNumber(), "x", json::object{{"region_code", kTown2Village}}));
  EXPECT_EQ(elsewhere.status, 404);
  const std::string town2 = QueryText("SELECT name FROM regions WHERE code = '330784002'");
  auto outside = town.Post("/api/v1/incidents", Incident(UniqueNumber(), town2 + "某路"));
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(outside.json.at("error").at("field").as_string(), "region_code");
  // A grid sister reads and acts, but does not enter.
  EXPECT_EQ(TestServer::Get().As("gridsister").Post("/api/v1/incidents", body).status, 403);
}

TEST(IncidentCase, OneClickMakesALinkedPoliceCaseWithThePartiesPrefilled) {
  auto town = TestServer::Get().As("town");
  auto r = town.Post(
      "/api/v1/incidents",
      Incident(UniqueNumber(), "某地址", json::object{{"region_code", kGrid}, {"injury", true}}));
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = r.json.at("id").as_int64();
  auto made = town.Post("/api/v1/incidents/" + std::to_string(id) + "/case",
                        json::object{{"version", r.json.at("version")}});
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t case_id = made.json.at("case_id").as_int64();
  // Critical (an injury): the city handles it.
  auto c = TestServer::Get().As("city").Get("/api/v1/cases/" + std::to_string(case_id));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(Str(c.json, "channel"), "police");
  EXPECT_EQ(Str(c.json, "category"), "domestic_violence");
  EXPECT_EQ(Str(c.json, "severity"), "critical");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM case_parties WHERE case_id = ?", {case_id}), 2);
  EXPECT_EQ(Work(town, id).at("case").at("id").as_int64(), case_id);
  auto rec = town.Get("/api/v1/incidents/" + std::to_string(id));
  auto again = town.Post("/api/v1/incidents/" + std::to_string(id) + "/case",
                         json::object{{"version", rec.json.at("version")}});
  EXPECT_EQ(again.ErrorCode(), "case_exists");
}

TEST(IncidentSettings, TheCityChangesTheTimeLimitsAndOthersMayNot) {
  auto city = TestServer::Get().As("city");
  auto now = city.Get("/api/v1/incident-settings");
  ASSERT_EQ(now.status, 200) << now.body;
  auto body = now.json.as_object();
  body["contact_urgent_hours"] = 48;  // longer than the usual 24
  auto bad = city.Request("PUT", "/api/v1/incident-settings", json::serialize(body));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json.at("error").at("field").as_string(), "contact_urgent_hours");
  body["contact_urgent_hours"] = 2;
  body["recipients"] = json::array{};
  EXPECT_EQ(city.Request("PUT", "/api/v1/incident-settings", json::serialize(body)).status, 400);
  EXPECT_EQ(TestServer::Get()
                .As("town")
                .Request("PUT", "/api/v1/incident-settings", json::serialize(now.json))
                .status,
            403);
}

/// A workbook of the template's header and `rows`, written by libxlsxwriter.
std::string Workbook(const std::vector<std::vector<std::string>>& rows) {
  const std::string file =
      ::testing::TempDir() + "/incidents-" + security::RandomToken(6) + ".xlsx";
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  for (size_t c = 0; c < domain::kIncidentImportColumns.size(); ++c)
    worksheet_write_string(ws, 0, c, std::string(domain::kIncidentImportColumns[c]).c_str(),
                           nullptr);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c)
      if (!rows[r][c].empty()) worksheet_write_string(ws, r + 1, c, rows[r][c].c_str(), nullptr);
  workbook_close(wb);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(file);
  return bytes.str();
}

std::vector<std::string> Row(const std::string& number, const std::string& address) {
  return {number, "2026-11-03 22:10", "东城派出所", "", "家庭纠纷", address, "", "", "", "", "", "",
          "",     "测试甲",           "女",         "", "测试乙",   "男"};
}

TEST(IncidentImport, TheTemplateComesBackAndImportsAllRowsOrNone) {
  auto town = TestServer::Get().As("town");
  auto tpl = town.Get("/api/v1/incidents/import/template");
  ASSERT_EQ(tpl.status, 200);
  EXPECT_NE(XlsxText(tpl.body).find("警情编号"), std::string::npos);
  const std::string village = QueryText("SELECT name FROM regions WHERE code = ?", {kVillage});
  const std::string town_name = QueryText("SELECT name FROM regions WHERE code = ?", {kTown});
  const std::string first = UniqueNumber(), second = UniqueNumber();
  const int64_t before = CountRows("police_incidents");
  // One bad row among good ones: nothing is stored, every problem is named.
  auto bad = Row(UniqueNumber(), town_name + village + "1 号");
  bad[4] = "盗窃";
  auto refused = town.Post(
      "/api/v1/incidents/import",
      json::object{{"xlsx", security::Base64Encode(
                                Workbook({Row(first, town_name + village + "2 号"), bad}))}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "validation_failed");
  const auto& rows = refused.json.at("error").at("details").at("rows").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("row").as_int64(), 3);
  EXPECT_EQ(Str(rows[0], "field"), "警情类型");
  EXPECT_EQ(CountRows("police_incidents"), before);
  // An address of another town is refused by row, and the good row is not kept either.
  const std::string town2 = QueryText("SELECT name FROM regions WHERE code = '330784002'");
  auto outside = town.Post(
      "/api/v1/incidents/import",
      json::object{
          {"xlsx", security::Base64Encode(Workbook(
                       {Row(first, town_name + village + "2 号"), Row(second, town2 + "某路")}))}});
  EXPECT_EQ(outside.status, 400) << outside.body;
  EXPECT_EQ(Str(outside.json.at("error").at("details").at("rows").as_array()[0], "field"), "地址");
  EXPECT_EQ(CountRows("police_incidents"), before);
  // All good: both taken in, each with its three pushes.
  auto ok = town.Post(
      "/api/v1/incidents/import",
      json::object{
          {"xlsx", security::Base64Encode(Workbook({Row(first, town_name + village + "2 号"),
                                                    Row(second, town_name + "某路 3 号")}))}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("imported").as_int64(), 2);
  EXPECT_EQ(
      Str(town.Get("/api/v1/incidents/" + std::to_string(IncidentIdOf(first))).json, "source"),
      "import");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM incident_pushes WHERE incident_id = ?",
                     {IncidentIdOf(second)}),
            3);
  // Not a workbook.
  auto junk = town.Post("/api/v1/incidents/import",
                        json::object{{"xlsx", security::Base64Encode(std::string("a,b,c"))}});
  EXPECT_EQ(junk.status, 400);
  EXPECT_EQ(junk.json.at("error").at("field").as_string(), "xlsx");
}

}  // namespace
}  // namespace hejia::testing
