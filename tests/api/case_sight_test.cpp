// Who sees a case outside their jurisdiction: whoever took it in or holds it follows it — its
// progress, masked, read only — while it is handled by their own unit (a grid sister's: her
// village), and not after it is escalated past them or they move. Changes and reveals follow the
// handling unit's scope.
#include <set>

#include "accounts.hpp"
#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

std::set<int64_t> ListedIds(Client& as) {
  std::set<int64_t> out;
  const auto page = as.Get("/api/v1/cases?page_size=100");
  for (const auto& item : page.json.at("items").as_array()) out.insert(item.at("id").as_int64());
  return out;
}

/// A fresh grid sister of `grid`, signed in.
std::pair<Client, int64_t> NewGridSister(const std::string& grid) {
  const std::string login = UniqueLogin("sister");
  const int64_t id = CreateStaff(login, "grid_sister", grid);
  return {SignInFirstTime(login), id};
}

/// A grid of the demo city outside `village`.
std::string GridOutside(const std::string& village) {
  return QueryText(
      "SELECT MIN(code) FROM regions WHERE level = 'grid' AND retired = 0 AND parent_code <> ?",
      {village});
}

/// The grid sister's report of `grid`, handled by its village; returns the case id.
int64_t GridReport(Client& sister, const std::string& grid) {
  json::object body = Intake(grid);
  body["channel"] = "grid_report";
  auto r = sister.Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json.at("id").as_int64();
}

/// A fresh grid sister of kGrid with her report, which she follows.
struct Report {
  Client sister;
  int64_t sister_id = 0;
  int64_t id = 0;
  std::string path;
};
Report NewReport() {
  auto [sister, sister_id] = NewGridSister(kGrid);
  const int64_t id = GridReport(sister, kGrid);
  Report r{sister, sister_id, id, "/api/v1/cases/" + std::to_string(id)};
  EXPECT_EQ(r.sister.Get(r.path).status, 200);
  return r;
}

TEST(CaseSight, AGridSisterFollowsHerReportMaskedWithoutTextsOrActions) {
  auto [sister, sister_id, id, path] = NewReport();

  auto read = sister.Get(path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Str(read.json, "sight"), "follow");
  EXPECT_EQ(Str(read.json, "region_code"), kVillage);
  for (const char* text : {"facts", "wish", "safe_contact"})
    EXPECT_TRUE(read.json.at(text).is_null()) << text;
  EXPECT_TRUE(read.json.at("allowed_actions").as_array().empty());
  EXPECT_EQ(Str(read.json.at("parties").at(0), "phone").find("****") != std::string::npos, true);
  EXPECT_EQ(Str(read.json.at("parties").at(0), "name"), "王**") << "names masked when followed";
  EXPECT_TRUE(ListedIds(sister).count(id));
  // The timeline, the files and the rest of the case page are the handling unit's.
  for (const char* part : {"/events", "/attachments", "/obligations", "/follow-ups"})
    EXPECT_EQ(sister.Get(path + part).status, 404) << part;

  // The village handles it: it sees the texts and may act.
  auto village = TestServer::Get().As("village").Get(path);
  ASSERT_EQ(village.status, 200);
  EXPECT_EQ(Str(village.json, "sight"), "handle");
  EXPECT_EQ(Str(village.json, "facts"), "前夫拖欠抚养费三个月，共 1500 元。");
  EXPECT_FALSE(village.json.at("allowed_actions").as_array().empty());
}

TEST(CaseSight, EscalatedPastTheVillageTheReportLeavesHerSight) {
  auto [sister, sister_id, id, path] = NewReport();
  // Serious: the town's unit takes it over.
  auto town = TestServer::Get().As("town");
  auto current = town.Get(path).json;
  auto moved =
      town.Patch(path, json::object{{"version", current.at("version")}, {"severity", "serious"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  ASSERT_EQ(Str(moved.json, "level"), "town");
  EXPECT_EQ(sister.Get(path).status, 404);
  EXPECT_FALSE(ListedIds(sister).count(id));
}

TEST(CaseSight, AVillageWorkerLosesReadRevealAndChangesOnceTheCaseIsEscalatedPastHer) {
  auto village = TestServer::Get().As("village");
  auto created = village.Post("/api/v1/cases", Intake(kVillage));
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json.at("id").as_int64();
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  const std::string party =
      path + "/parties/" + std::to_string(created.json.at("parties").at(0).at("id").as_int64());
  ASSERT_EQ(Str(created.json, "level"), "village");
  EXPECT_EQ(village.Get(party + "/sensitive").status, 200);  // hers to handle: she may reveal

  auto town = TestServer::Get().As("town");
  auto moved = town.Patch(
      path, json::object{{"version", town.Get(path).json.at("version")}, {"severity", "serious"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  ASSERT_EQ(Str(moved.json, "level"), "town");

  EXPECT_EQ(village.Get(path).status, 404);
  EXPECT_EQ(village.Get(party + "/sensitive").status, 404);
  EXPECT_EQ(village
                .Post(path + "/events",
                      json::object{{"kind", "message"}, {"text", "回访"}, {"shared", true}})
                .status,
            404);
  EXPECT_EQ(village.Patch(path, json::object{{"version", moved.json.at("version")}, {"title", "x"}})
                .status,
            404);
}

TEST(CaseSight, AGridSisterMovedToAnotherVillageNoLongerFollowsHerOldReports) {
  auto [sister, sister_id, id, path] = NewReport();

  auto admin = TestServer::Get().As("admin");
  const auto user = admin.Get("/api/v1/users/" + std::to_string(sister_id));
  ASSERT_EQ(user.status, 200) << user.body;
  auto moved = admin.Patch(
      "/api/v1/users/" + std::to_string(sister_id),
      json::object{{"region_code", GridOutside(kVillage)}, {"version", user.json.at("version")}});
  ASSERT_EQ(moved.status, 200) << moved.body;

  // The move ended her sessions; signed in again, from her new grid, the old report is out of
  // sight.
  EXPECT_EQ(sister.Get(path).status, 401);
  Client relogged(TestServer::Get().port());
  ASSERT_EQ(relogged.SignIn(Str(user.json, "login"), kChosenPassword).status, 200);
  EXPECT_EQ(relogged.Get(path).status, 404);
  EXPECT_FALSE(ListedIds(relogged).count(id));
}

TEST(CaseSight, AMediatorSeesTheCasesItMediatesAndNoConsultations) {
  const int64_t me = UserIdOf("mediator");
  const int64_t record = QueryInt("SELECT id FROM mediators WHERE user_id = ?", {me});
  auto mediator = TestServer::Get().As("mediator");
  auto town = TestServer::Get().As("town");
  auto c = NewCase("town", Intake(kVillage));
  const int64_t id = c.at("id").as_int64();
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  // A case of its town that it does not mediate: out of sight, in the list and alone.
  EXPECT_EQ(mediator.Get(path).status, 404);
  EXPECT_FALSE(ListedIds(mediator).count(id));
  EXPECT_EQ(mediator.Get("/api/v1/consultations?page_size=100").json.at("total").as_int64(), 0);

  // Given to it to mediate: in sight, and its to work on.
  AssignTo(town, id, record, c.at("version").as_int64());
  auto read = mediator.Get(path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Str(read.json, "sight"), "handle");
  EXPECT_TRUE(ListedIds(mediator).count(id));
}

int64_t DuplicateAnswers(const std::string& login) {
  return QueryInt(
      "SELECT COUNT(*) FROM audit_log WHERE actor_login = ? AND entity = 'case' AND "
      "action = 'create' AND result = 'denied' AND detail LIKE 'possible_duplicate%'",
      {login});
}

TEST(CaseSight, TheDuplicateWarningNamesOnlyCasesTheCallerMayReadAndIsAudited) {
  const std::string phone = UniquePhone();
  auto existing = NewCase("village", Intake(kVillage, "child_support", phone));
  const std::string case_no = Str(existing, "case_no");

  // The police interface may take in requests but reads no case: it learns only "elsewhere".
  auto police = TestServer::Get().As("police");
  const int64_t before = DuplicateAnswers("police");
  auto r = police.Post("/api/v1/cases", Intake(kVillage, "child_support", phone));
  ASSERT_EQ(r.status, 409) << r.body;
  const auto& details = r.json.at("error").at("details");
  EXPECT_TRUE(details.at("matches").as_array().empty());
  EXPECT_TRUE(details.at("elsewhere").as_bool());
  EXPECT_EQ(r.body.find(case_no), std::string::npos);
  EXPECT_EQ(DuplicateAnswers("police"), before + 1);

  // The village that handles it is shown the case, and that answer is on record too.
  auto village = TestServer::Get().As("village");
  const int64_t village_before = DuplicateAnswers("village");
  auto mine = village.Post("/api/v1/cases", Intake(kVillage, "child_support", phone));
  ASSERT_EQ(mine.status, 409) << mine.body;
  EXPECT_EQ(Str(mine.json.at("error").at("details").at("matches").at(0), "case_no"), case_no);
  EXPECT_EQ(DuplicateAnswers("village"), village_before + 1);
}

}  // namespace
}  // namespace hejia::testing
