// Visits through the API (issue 12, point 2): a grid sister records a must-visit on a household
// of her grid; a problem found needs an action; a phone's upload retried twice makes one visit;
// a visit recorded more than three days late is marked late; a case opened on the visit lands in
// the village's list and is linked from the visit; a referral stays open until answered; the
// volunteers who went are credited with the time; findings are sealed and revealed only audited;
// outside the caller's area a visit does not exist.
#include <algorithm>
#include <atomic>

#include "case_helpers.hpp"
#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;
using namespace cases;

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

int64_t HouseholdOn(const std::string& grid_path) {
  return QueryInt("SELECT MIN(id) FROM households WHERE region_path = ?", {grid_path});
}

std::string ClientId() {
  static std::atomic<int> n{0};
  return "visit-test-" + std::to_string(++n);
}

json::object MustVisit(int64_t household, int64_t at = Now() - 60'000) {
  return json::object{{"household_id", household},
                      {"visited_at", FormatBeijing(at)},
                      {"kind", "must_visit"},
                      {"situations", "hardship,family_conflict"},
                      {"mode", "home"},
                      {"people_met", "户主及其配偶"},
                      {"findings", "夫妻因彩礼问题争吵，已劝解"}};
}

TEST(Visits, AGridSisterRecordsAMustVisitOnHerGridWithFindingsSealed) {
  auto sister = TestServer::Get().As("gridsister");
  const int64_t household = HouseholdOn(PathOf(kGrid));
  auto r = sister.Post("/api/v1/visits", MustVisit(household));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json, "region_code"), kGrid);
  EXPECT_EQ(Str(r.json, "situations"), ",family_conflict,hardship,");
  EXPECT_EQ(Str(r.json, "action"), "none");
  EXPECT_FALSE(r.json.at("late").as_bool());
  EXPECT_EQ(r.json.at("recorded_by").as_int64(), UserIdOf("gridsister"));
  EXPECT_EQ(r.json.at("visitor_user_ids").as_array().size(), 1u);
  // The demo's grid sister is a volunteer: she is credited with the hour.
  ASSERT_EQ(r.json.at("volunteers").as_array().size(), 1u);
  const int64_t id = r.json.at("id").as_int64();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM volunteer_services WHERE source = 'visit' AND "
                     "source_id = ? AND minutes = 60",
                     {id}),
            1);
  EXPECT_EQ(QueryText("SELECT findings_enc FROM visits WHERE id = ?", {id}).find("彩礼"),
            std::string::npos);
  auto shown = sister.Get("/api/v1/visits/" + std::to_string(id) + "/sensitive");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(Str(shown.json, "findings"), "夫妻因彩礼问题争吵，已劝解");
  EXPECT_EQ(AuditCount("visit", std::to_string(id), "read_sensitive"), 1);
  // 西城街道's worker does not see it; the leader sees no visit at all.
  EXPECT_EQ(TestServer::Get().As("town2").Get("/api/v1/visits/" + std::to_string(id)).status, 404);
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/visits").status, 403);
  // Nor can the grid sister record a visit outside her grid.
  const int64_t west = HouseholdOn(PathOf(kTown2Village + std::string("001")));
  auto outside = sister.Post("/api/v1/visits", MustVisit(west));
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(outside.ErrorField(), "household_id");
}

TEST(Visits, AProblemFoundNeedsAnActionAndNothingIsWrittenWithout) {
  auto sister = TestServer::Get().As("gridsister");
  const int64_t household = HouseholdOn(PathOf(kGrid));
  const int64_t before = CountRows("visits");
  auto body = MustVisit(household);
  body["problem_found"] = true;
  body["problem"] = "邻里宅基地纠纷";
  auto r = sister.Post("/api/v1/visits", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "action");
  body["action"] = "referral";
  EXPECT_EQ(sister.Post("/api/v1/visits", body).ErrorField(), "referral_to");
  auto must = MustVisit(household);
  must["situations"] = "";
  EXPECT_EQ(sister.Post("/api/v1/visits", must).ErrorField(), "situations");
  must["situations"] = "unknown_thing";
  EXPECT_EQ(sister.Post("/api/v1/visits", must).ErrorField(), "situations");
  auto future = MustVisit(household, Now() + kDayMs);
  EXPECT_EQ(sister.Post("/api/v1/visits", future).ErrorField(), "visited_at");
  EXPECT_EQ(CountRows("visits"), before);
  body["referral_to"] = "镇综治中心";
  auto ok = sister.Post("/api/v1/visits", body);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Str(ok.json, "referral_due_at"), FormatBeijing(Now() + 15 * kDayMs));
  // Open until the receiver answers.
  const std::string path = "/api/v1/visits/" + std::to_string(ok.json.at("id").as_int64());
  auto answered = TestServer::Get().As("town").Post(
      path + "/referral-answer", json::object{{"version", ok.json.at("version").as_int64()}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_FALSE(answered.json.at("referral_answered_at").is_null());
  // A correction cannot drop the action while the problem stands.
  auto dropped = sister.Patch(
      path, json::object{{"action", "none"}, {"version", answered.json.at("version")}});
  EXPECT_EQ(dropped.status, 400);
  EXPECT_EQ(dropped.ErrorField(), "action");
}

TEST(Visits, AnUploadRetriedTwiceMakesOneVisit) {
  auto sister = TestServer::Get().As("gridsister");
  auto body = MustVisit(HouseholdOn(PathOf(kGrid)));
  body["client_id"] = ClientId();
  const int64_t before = CountRows("visits");
  auto first = sister.Post("/api/v1/visits", body);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_FALSE(first.json.at("replayed").as_bool());
  for (int i = 0; i < 2; ++i) {
    auto again = sister.Post("/api/v1/visits", body);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_TRUE(again.json.at("replayed").as_bool());
    EXPECT_EQ(again.json.at("id"), first.json.at("id"));
  }
  EXPECT_EQ(CountRows("visits"), before + 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM volunteer_services WHERE source = 'visit' AND "
                     "source_id = ?",
                     {first.json.at("id").as_int64()}),
            1);
}

TEST(Visits, ARecordMoreThanThreeDaysLateIsMarkedLate) {
  auto sister = TestServer::Get().As("gridsister");
  const int64_t household = HouseholdOn(PathOf(kGrid));
  auto on_time = sister.Post("/api/v1/visits", MustVisit(household, Now() - 3 * kDayMs + 60'000));
  ASSERT_EQ(on_time.status, 201) << on_time.body;
  EXPECT_FALSE(on_time.json.at("late").as_bool());
  auto late = sister.Post("/api/v1/visits", MustVisit(household, Now() - 4 * kDayMs));
  ASSERT_EQ(late.status, 201) << late.body;
  EXPECT_TRUE(late.json.at("late").as_bool());
  auto list = sister.Get("/api/v1/visits?late=1&page_size=100");
  ASSERT_EQ(list.status, 200) << list.body;
  for (const auto& item : list.json.at("items").as_array()) EXPECT_TRUE(item.at("late").as_bool());
}

TEST(Visits, ACaseOpenedOnAVisitLandsInTheVillagesListLinkedFromTheVisit) {
  auto sister = TestServer::Get().As("gridsister");
  auto body = MustVisit(HouseholdOn(PathOf(kGrid)));
  body["problem_found"] = true;
  body["problem"] = "夫妻因家务分工长期争吵";
  body["action"] = "case_opened";
  body["case_category"] = "marriage";
  auto r = sister.Post("/api/v1/visits", body);
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_FALSE(r.json.at("case_id").is_null());
  const int64_t case_id = r.json.at("case_id").as_int64();
  EXPECT_EQ(QueryText("SELECT channel FROM cases WHERE id = ?", {case_id}), "grid_report");
  auto village = TestServer::Get().As("village");
  auto opened = village.Get("/api/v1/cases/" + std::to_string(case_id));
  EXPECT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM visits WHERE case_id = ?", {case_id}), 1);
  auto bad = MustVisit(HouseholdOn(PathOf(kGrid)));
  bad["problem_found"] = true;
  bad["problem"] = "x";
  bad["action"] = "case_opened";
  bad["case_category"] = "astrology";
  EXPECT_EQ(sister.Post("/api/v1/visits", bad).ErrorField(), "case_category");
}

TEST(Visits, AHouseholdInASituationIsOnTheDueListUntilItsMustVisit) {
  const int64_t household =
      QueryInt("SELECT MAX(id) FROM households WHERE region_path = ?", {PathOf(kGrid)});
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "UPDATE people SET tags = ',low_income,' WHERE id = (SELECT MIN(id) FROM people "
        "WHERE household_id = ?)",
        {household});
  });
  auto sister = TestServer::Get().As("gridsister");
  auto find = [&]() -> json::value {
    auto page = sister.Get("/api/v1/visits/due?page_size=100");
    EXPECT_EQ(page.status, 200) << page.body;
    for (const auto& item : page.json.at("items").as_array())
      if (item.at("household").at("id").as_int64() == household) return item;
    return nullptr;
  };
  auto before = find();
  ASSERT_FALSE(before.is_null());
  const auto& situations = before.at("situations").as_array();
  EXPECT_NE(std::find(situations.begin(), situations.end(), json::value("hardship")),
            situations.end());
  EXPECT_TRUE(before.at("last_visit_at").is_null());
  EXPECT_EQ(Str(before.at("household").at("grid"), "code"), kGrid);
  const int64_t at = Now() - 60'000;
  ASSERT_EQ(sister.Post("/api/v1/visits", MustVisit(household, at)).status, 201);
  auto after = find();
  ASSERT_FALSE(after.is_null());
  EXPECT_EQ(Str(after, "due_at"), FormatBeijing(at + 30 * kDayMs));
  EXPECT_FALSE(after.at("overdue").as_bool());
  // Another town's worker does not have it on her list.
  auto west = TestServer::Get().As("town2").Get("/api/v1/visits/due?page_size=100");
  ASSERT_EQ(west.status, 200);
  for (const auto& item : west.json.at("items").as_array())
    EXPECT_NE(item.at("household").at("id").as_int64(), household);
}

}  // namespace
}  // namespace hejia::testing
