// Visits through the API (issue 12, point 2): a grid sister records a must-visit on a household
// of her grid; a problem found needs an action; a phone's upload retried twice makes one visit;
// a visit recorded more than three days late is marked late; a case opened on the visit lands in
// the village's list and is linked from the visit; a referral stays open until answered; the
// volunteers who went are credited with the time; findings are sealed and revealed only audited;
// outside the caller's area a visit does not exist. Weekend care (point 3): the people met and
// what they were given, a team's visit crediting every member, person-visits counted by
// category, level and town, the tagged people never visited; the counts a leader sees (point 6);
// a phone's batch (point 5) with one bad visit kept out and a retried batch making nothing twice;
// a grid sister's house numbers of her own grid, audited; her own service time.
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
  EXPECT_EQ(Str(r.json.at("visitor_users").at(0), "name"), "演示格姐");
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
  EXPECT_EQ(dropped.ErrorField(), "action") << dropped.body;
  // Nor change what kind of visit it was (a family's contact, an incident's follow-up …).
  auto retyped = sister.Patch(
      path, json::object{{"kind", "key_family_contact"}, {"version", answered.json.at("version")}});
  EXPECT_EQ(retyped.ErrorField(), "kind") << retyped.body;
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
  // A household of her grid with people and no must-visit yet (other tests add some).
  const int64_t household = QueryInt(
      "SELECT MAX(h.id) FROM households h WHERE h.region_path = ? AND EXISTS (SELECT 1 FROM "
      "people p WHERE p.household_id = h.id) AND NOT EXISTS (SELECT 1 FROM visits v WHERE "
      "v.household_id = h.id AND v.kind = 'must_visit')",
      {PathOf(kGrid)});
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

/// Two people of a household on `grid_path`, tagged; their ids.
std::pair<int64_t, int64_t> TaggedPair(const std::string& grid_path, const std::string& tag1,
                                       const std::string& tag2) {
  const int64_t household = QueryInt(
      "SELECT MIN(h.id) FROM households h WHERE h.region_path = ? AND "
      "(SELECT COUNT(*) FROM people p WHERE p.household_id = h.id) >= 2 AND NOT EXISTS "
      "(SELECT 1 FROM visits v WHERE v.household_id = h.id)",
      {grid_path});
  const int64_t first = QueryInt("SELECT MIN(id) FROM people WHERE household_id = ?", {household});
  const int64_t second =
      QueryInt("SELECT MIN(id) FROM people WHERE household_id = ? AND id > ?", {household, first});
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute("UPDATE people SET tags = ? WHERE id = ?", {"," + tag1 + ",", first});
    c.Execute("UPDATE people SET tags = ? WHERE id = ?", {"," + tag2 + ",", second});
  });
  return {first, second};
}

json::object CareVisit(int64_t household, std::vector<std::pair<int64_t, json::array>> people,
                       int64_t at = Now() - 60'000) {
  json::array met;
  for (auto& [id, given] : people)
    met.push_back(json::object{{"person_id", id}, {"given", std::move(given)}});
  return json::object{{"household_id", household},
                      {"visited_at", FormatBeijing(at)},
                      {"kind", "care"},
                      {"mode", "home"},
                      {"campaign", "周末公益"},
                      {"findings", "送去米油，了解就医困难"},
                      {"people", std::move(met)}};
}

int64_t HouseholdOf(int64_t person) {
  return QueryInt("SELECT household_id FROM people WHERE id = ?", {person});
}

int64_t Figure(const json::value& v, std::string_view key) {
  return v.at(key).as_int64();
}

int64_t CountIn(const json::value& list, std::string_view key, std::string_view code) {
  for (const auto& x : list.as_array())
    if (x.at(key).as_string() == code) return x.at("count").as_int64();
  return 0;
}

TEST(CareVisits, ATeamsVisitMeetsPeopleCreditsEveryMemberAndCountsPersonVisits) {
  auto village = TestServer::Get().As("village");
  auto stats = [&] {
    // The last month: the late visit below took place in it even on 1 January.
    auto r = village.Get(
        "/api/v1/visits/care-stats?from=" + FormatBeijing(Now() - 30 * kDayMs).substr(0, 10) +
        "&to=" + FormatBeijing(Now()).substr(0, 10));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  };
  const auto before = stats();
  const auto [mother, son] = TaggedPair(PathOf(kGrid), "single_parent", "left_behind_child");
  const int64_t household = HouseholdOf(mother);
  const int64_t team =
      QueryInt("SELECT MIN(id) FROM volunteer_teams WHERE region_code = ? AND kind = 'volunteers'",
               {std::string(kVillage)});
  const int64_t members = QueryInt(
      "SELECT COUNT(*) FROM volunteers WHERE team_id = ? AND retired = 0 AND left_at IS NULL",
      {team});
  ASSERT_GT(members, 1);
  auto body =
      CareVisit(household, {{mother, {"money", "referral_civil_affairs"}}, {son, {"goods"}}});
  body["team_id"] = team;
  body["whole_team"] = true;
  body["minutes"] = 90;
  auto r = village.Post("/api/v1/visits", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json, "visitor_level"), "village");
  EXPECT_EQ(r.json.at("team_id").as_int64(), team);
  ASSERT_EQ(r.json.at("people").as_array().size(), 2u);
  const auto& first = r.json.at("people").as_array()[0];
  EXPECT_EQ(first.at("person_id").as_int64(), mother);
  EXPECT_EQ(first.at("given"), (json::array{"money", "referral_civil_affairs"}));
  EXPECT_EQ(first.at("tags"), (json::array{"single_parent"}));
  const int64_t id = r.json.at("id").as_int64();
  // Read back later, it shows the same people and everyone who went.
  auto shown = village.Get("/api/v1/visits/" + std::to_string(id));
  EXPECT_EQ(shown.json.at("people"), r.json.at("people")) << shown.body;
  EXPECT_EQ(shown.json.at("volunteers"), r.json.at("volunteers"));
  // Every member of the team is credited the hour and a half, as weekend care (a whole team's
  // visit credits at most 200).
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM volunteer_services WHERE source = 'care_visit' AND "
                     "source_id = ? AND minutes = 90",
                     {id}),
            std::min<int64_t>(members, 200));
  // Two person-visits: one single parent, one left-behind child, at the village level, in the
  // town; the visit is not late.
  const auto after = stats();
  EXPECT_EQ(Figure(after, "visits") - Figure(before, "visits"), 1);
  EXPECT_EQ(Figure(after, "person_visits") - Figure(before, "person_visits"), 2);
  EXPECT_EQ(Figure(after, "late"), Figure(before, "late"));
  EXPECT_EQ(CountIn(after.at("by_category"), "code", "single_parent") -
                CountIn(before.at("by_category"), "code", "single_parent"),
            1);
  EXPECT_EQ(CountIn(after.at("by_category"), "code", "left_behind_child") -
                CountIn(before.at("by_category"), "code", "left_behind_child"),
            1);
  EXPECT_EQ(CountIn(after.at("by_level"), "level", "village") -
                CountIn(before.at("by_level"), "level", "village"),
            2);
  EXPECT_EQ(
      CountIn(after.at("by_town"), "code", kTown) - CountIn(before.at("by_town"), "code", kTown),
      2);
  int64_t categories = 0;
  for (const auto& c : after.at("by_category").as_array()) categories += c.at("count").as_int64();
  EXPECT_EQ(categories, Figure(after, "person_visits"));
  // Met again a week later and recorded late: person-visits count again, the people once more
  // only in person-visits, and the late mark is counted.
  auto again = village.Post("/api/v1/visits",
                            CareVisit(household, {{mother, {"counselling"}}}, Now() - 5 * kDayMs));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_TRUE(again.json.at("late").as_bool());
  const auto third = stats();
  EXPECT_EQ(Figure(third, "person_visits") - Figure(after, "person_visits"), 1);
  EXPECT_EQ(Figure(third, "people"), Figure(after, "people"));
  EXPECT_EQ(Figure(third, "late") - Figure(after, "late"), 1);
}

TEST(CareVisits, ACareVisitMeetsPeopleOfTheHouseholdWithKnownHelpOrNothingIsWritten) {
  auto village = TestServer::Get().As("village");
  const auto [mother, son] = TaggedPair(PathOf(kGrid), "disability", "low_income");
  const int64_t household = HouseholdOf(mother);
  const int64_t before = CountRows("visits"), people_before = CountRows("visit_people");
  auto none = CareVisit(household, {});
  EXPECT_EQ(village.Post("/api/v1/visits", none).ErrorField(), "people");
  auto unknown = CareVisit(household, {{mother, {"lottery_ticket"}}});
  EXPECT_EQ(village.Post("/api/v1/visits", unknown).ErrorField(), "people");
  auto twice = CareVisit(household, {{mother, {}}, {mother, {}}});
  EXPECT_EQ(village.Post("/api/v1/visits", twice).ErrorField(), "people");
  const int64_t stranger =
      QueryInt("SELECT MIN(id) FROM people WHERE household_id <> ?", {household});
  auto other = village.Post("/api/v1/visits", CareVisit(household, {{stranger, {}}}));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.ErrorField(), "people");
  auto team_elsewhere = CareVisit(household, {{son, {}}});
  team_elsewhere["team_id"] = QueryInt("SELECT MIN(id) FROM volunteer_teams WHERE region_code = ?",
                                       {std::string(kTown2Village)});
  EXPECT_EQ(village.Post("/api/v1/visits", team_elsewhere).ErrorField(), "team_id");
  auto whole_without_team = CareVisit(household, {{son, {}}});
  whole_without_team["whole_team"] = true;
  EXPECT_EQ(village.Post("/api/v1/visits", whole_without_team).ErrorField(), "team_id");
  EXPECT_EQ(CountRows("visits"), before);
  EXPECT_EQ(CountRows("visit_people"), people_before);
}

TEST(CareVisits, TaggedPeopleNeverVisitedAreListedUntilACareVisitMeetsThem) {
  auto village = TestServer::Get().As("village");
  const auto [mother, son] = TaggedPair(PathOf(kGrid), "two_cancers", "elderly_alone");
  auto listed = [&](int64_t person) {
    auto page = village.Get("/api/v1/visits/care-unvisited?tag=two_cancers&page_size=100");
    EXPECT_EQ(page.status, 200) << page.body;
    for (const auto& item : page.json.at("items").as_array())
      if (item.at("person_id").as_int64() == person) return true;
    return false;
  };
  EXPECT_TRUE(listed(mother));
  ASSERT_EQ(
      village.Post("/api/v1/visits", CareVisit(HouseholdOf(mother), {{mother, {"goods"}}})).status,
      201);
  EXPECT_FALSE(listed(mother));
  EXPECT_EQ(village.Get("/api/v1/visits/care-unvisited?tag=astrology").ErrorField(), "tag");
  // Another town's worker does not have her on the list.
  auto west = TestServer::Get().As("town2").Get("/api/v1/visits/care-unvisited?page_size=100");
  ASSERT_EQ(west.status, 200);
  for (const auto& item : west.json.at("items").as_array())
    EXPECT_NE(item.at("person_id").as_int64(), son);
}

TEST(VisitFigures, ALeaderSeesCountsOfDistinctHouseholdsAndNoRecord) {
  auto leader = TestServer::Get().As("leader");
  auto summary = [&] {
    auto r = leader.Get("/api/v1/visits/summary");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  };
  const auto before = summary();
  // Two visits to one household of 西城街道 that nobody visited yet.
  const int64_t household = QueryInt(
      "SELECT MAX(h.id) FROM households h WHERE h.region_path LIKE ? AND NOT EXISTS "
      "(SELECT 1 FROM visits v WHERE v.household_id = h.id)",
      {PathOf(kTown2Village) + "%"});
  auto town2 = TestServer::Get().As("town2");
  auto problem = MustVisit(household);
  problem["problem_found"] = true;
  problem["problem"] = "婆媳矛盾";
  problem["action"] = "settled";
  ASSERT_EQ(town2.Post("/api/v1/visits", problem).status, 201);
  ASSERT_EQ(town2.Post("/api/v1/visits", MustVisit(household)).status, 201);
  const auto after = summary();
  EXPECT_EQ(Figure(after, "visits") - Figure(before, "visits"), 2);
  EXPECT_EQ(Figure(after, "households") - Figure(before, "households"), 1);
  EXPECT_EQ(Figure(after, "must_visit_households") - Figure(before, "must_visit_households"), 1);
  EXPECT_EQ(Figure(after, "problems_found") - Figure(before, "problems_found"), 1);
  EXPECT_EQ(Figure(after, "settled_on_spot") - Figure(before, "settled_on_spot"), 1);
  int64_t by_town = 0;
  for (const auto& t : after.at("by_town").as_array()) by_town += t.at("households").as_int64();
  EXPECT_EQ(by_town, Figure(after, "households"));
  // Counts only: no name, address or finding in the answer; the records stay closed to her.
  EXPECT_EQ(serialize(after).find("婆媳"), std::string::npos);
  EXPECT_EQ(leader.Get("/api/v1/visits").status, 403);
  EXPECT_EQ(leader.Get("/api/v1/visits/care-unvisited").status, 403);
  EXPECT_EQ(leader.Get("/api/v1/visits/care-stats").status, 200);
  EXPECT_EQ(leader.Get("/api/v1/visits/summary?from=2026-13-01").ErrorField(), "from");
  // A town's worker sees her town's counts only.
  auto west = town2.Get("/api/v1/visits/summary");
  ASSERT_EQ(west.status, 200) << west.body;
  for (const auto& t : west.json.at("by_town").as_array())
    EXPECT_EQ(t.at("code").as_string(), "330784002");
}

TEST(VisitBatch, APhonesBatchKeepsTheGoodVisitsAndARetryMakesNothingTwice) {
  auto sister = TestServer::Get().As("gridsister");
  const int64_t household = HouseholdOn(PathOf(kGrid));
  auto good1 = MustVisit(household);
  good1["client_id"] = ClientId();
  auto good2 = MustVisit(household);
  good2["client_id"] = ClientId();
  auto bad = MustVisit(household);
  bad["client_id"] = ClientId();
  bad["problem_found"] = true;
  bad["problem"] = "无处置";
  const json::object batch{{"visits", json::array{good1, bad, good2}}};
  const int64_t before = CountRows("visits");
  auto first = sister.Post("/api/v1/visits/batch", batch);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Figure(first.json, "created"), 2);
  EXPECT_EQ(Figure(first.json, "failed"), 1);
  const auto& results = first.json.at("results").as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[1].at("status").as_string(), "error");
  EXPECT_EQ(results[1].at("error").at("field").as_string(), "action");
  EXPECT_EQ(results[2].at("status").as_string(), "created");
  EXPECT_EQ(CountRows("visits"), before + 2);
  // One audit entry names both visits made.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'batch' AND detail LIKE ?",
                     {"%ids=" + std::to_string(results[0].at("id").as_int64()) + "," +
                      std::to_string(results[2].at("id").as_int64())}),
            1);
  for (int i = 0; i < 2; ++i) {
    auto retry = sister.Post("/api/v1/visits/batch", batch);
    ASSERT_EQ(retry.status, 200) << retry.body;
    EXPECT_EQ(Figure(retry.json, "replayed"), 2);
    EXPECT_EQ(Figure(retry.json, "created"), 0);
    EXPECT_EQ(retry.json.at("results").as_array()[0].at("id"), results[0].at("id"));
  }
  EXPECT_EQ(CountRows("visits"), before + 2);
  // A full outbox: 200 visits with findings of 2,000 characters (over a megabyte) go up at once.
  json::array full;
  std::string findings;
  for (int i = 0; i < 2000; ++i) findings += "访";
  for (int i = 0; i < 200; ++i) {
    auto v = MustVisit(household);
    v["client_id"] = ClientId();
    v["findings"] = findings;
    full.push_back(std::move(v));
  }
  auto big = sister.Post("/api/v1/visits/batch", json::object{{"visits", full}});
  ASSERT_EQ(big.status, 200) << big.body.substr(0, 300);
  EXPECT_EQ(Figure(big.json, "created"), 200);
  EXPECT_EQ(CountRows("visits"), before + 202);
  // Each visit needs its client id; a batch is 1 to 200 visits.
  EXPECT_EQ(
      sister
          .Post("/api/v1/visits/batch", json::object{{"visits", json::array{MustVisit(household)}}})
          .ErrorField(),
      "visits");
  EXPECT_EQ(
      sister.Post("/api/v1/visits/batch", json::object{{"visits", json::array{}}}).ErrorField(),
      "visits");
  EXPECT_EQ(CountRows("visits"), before + 202);
}

TEST(VisitDue, AGridSisterSeesHerGridsHouseNumbersAuditedAndNobodyElseDoes) {
  auto sister = TestServer::Get().As("gridsister");
  const int64_t before = QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'reveal_address'");
  auto page = sister.Get("/api/v1/visits/due?page_size=20");
  ASSERT_EQ(page.status, 200) << page.body;
  ASSERT_FALSE(page.json.at("items").as_array().empty());
  for (const auto& item : page.json.at("items").as_array()) {
    ASSERT_TRUE(item.at("address").is_string()) << serialize(item);
    EXPECT_EQ(item.at("address").as_string().find("****"), std::string::npos);
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'reveal_address'"), before + 1);
  // Her village's cadre sees the same households masked, and nothing is revealed.
  auto village = TestServer::Get().As("village").Get("/api/v1/visits/due?page_size=20");
  ASSERT_EQ(village.status, 200);
  for (const auto& item : village.json.at("items").as_array())
    EXPECT_TRUE(item.at("address").is_null());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'reveal_address'"), before + 1);
}

TEST(MyService, AGridSisterSeesHerOwnServiceTime) {
  auto sister = TestServer::Get().As("gridsister");
  auto before = sister.Get("/api/v1/me/service");
  ASSERT_EQ(before.status, 200) << before.body;
  ASSERT_TRUE(before.json.at("volunteer").is_object());
  auto body = MustVisit(HouseholdOn(PathOf(kGrid)));
  body["minutes"] = 45;
  ASSERT_EQ(sister.Post("/api/v1/visits", body).status, 201);
  auto after = sister.Get("/api/v1/me/service");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(Figure(after.json, "minutes_total") - Figure(before.json, "minutes_total"), 45);
  EXPECT_EQ(Figure(after.json, "visits_total") - Figure(before.json, "visits_total"), 1);
  EXPECT_EQ(after.json.at("recent").as_array()[0].at("minutes").as_int64(), 45);
  // A town worker who is no volunteer has no service of her own; the leader has no such page.
  auto town = TestServer::Get().As("town").Get("/api/v1/me/service");
  ASSERT_EQ(town.status, 200);
  EXPECT_TRUE(town.json.at("volunteer").is_null());
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/me/service").status, 403);
}

TEST(VisitSettings, TheFederationSetsTheSituationsAVisitNamesAndTheDueListReads) {
  auto city = TestServer::Get().As("city");
  auto defaults = city.Get("/api/v1/visit-settings");
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  ASSERT_EQ(defaults.json.at("situations").as_array().size(), 5u);
  // Whatever happens below, the article's five come back for the other tests.
  struct Restore {
    Client& c;
    json::value body;
    ~Restore() { c.Put("/api/v1/visit-settings", body); }
  } restore{city, defaults.json};
  json::array next;
  for (const auto& x : defaults.json.at("situations").as_array())
    if (x.at("code") != "hardship") next.push_back(x);
  next.push_back(json::object{
      {"code", "elder_care"}, {"label_zh", "高龄空巢"}, {"label_en", "elderly living alone"}});
  auto set = city.Put("/api/v1/visit-settings", json::object{{"situations", next}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json.at("situations").as_array().back().at("code"), "elder_care");
  EXPECT_EQ(AuditCount("visit_settings", "1", "update"), 1);
  // A visit names the situations set: hardship is gone, elder care is there.
  auto sister = TestServer::Get().As("gridsister");
  const int64_t household = HouseholdOn(PathOf(kGrid));
  EXPECT_EQ(sister.Post("/api/v1/visits", MustVisit(household)).ErrorField(), "situations");
  auto elder = MustVisit(household);
  elder["situations"] = "elder_care";
  EXPECT_EQ(sister.Post("/api/v1/visits", elder).status, 201);
  // No household is on the due list for hardship alone any more.
  auto due = sister.Get("/api/v1/visits/due?page_size=100");
  ASSERT_EQ(due.status, 200);
  for (const auto& item : due.json.at("items").as_array()) {
    EXPECT_FALSE(item.at("situations").as_array().empty());
    for (const auto& code : item.at("situations").as_array()) EXPECT_NE(code, "hardship");
  }
  // Only the city sets them; a bad list changes nothing.
  EXPECT_EQ(TestServer::Get()
                .As("town")
                .Put("/api/v1/visit-settings", json::object{{"situations", next}})
                .status,
            403);
  EXPECT_EQ(
      city.Put("/api/v1/visit-settings", json::object{{"situations", json::array{}}}).ErrorField(),
      "situations");
  auto twice = next;
  twice.push_back(next.back());
  EXPECT_EQ(city.Put("/api/v1/visit-settings", json::object{{"situations", twice}}).ErrorField(),
            "situations");
  EXPECT_EQ(city.Get("/api/v1/visit-settings").json.at("situations").as_array().size(), 5u);
}

}  // namespace
}  // namespace hejia::testing
