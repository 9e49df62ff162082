// Key families through the API (issue points 3 and 5): a household listed with a checklist whose
// weighted score suggests the colour, a person's other choice only with a reason, an upgrade at
// once and in the history, a step down refused before the stable period, then waiting, refused to
// the person who asked and approved by the owning level; a new incident asking for reassessment;
// a grid sister's phone list with names and dates and nothing of the risk; contacts that are
// visits; a leader's counts; every read of the assessments audited.
#include <chrono>
#include <map>
#include <memory>

#include "api/case_stream.hpp"
#include "harness.hpp"
#include "people_helpers.hpp"
#include "store/key_family_repo.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kGrid = "330784001001001";  // the grid sister's grid (东城街道)
constexpr const char* kTownCode = "330784001";    // 东城街道, the `town` account's
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
const std::string kBase = "/api/v1/key-families";

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::string PathOf(int64_t id, const std::string& tail = "") {
  return kBase + "/" + std::to_string(id) + tail;
}

int64_t Household(const std::string& grid = kGrid, const std::string& login = "town") {
  Client as = TestServer::Get().As(login);
  return people_tests::NewHousehold(as, grid, "重点测试户主");
}

json::object Answers(std::initializer_list<const char*> yes) {
  json::object a;
  for (const char* f : yes) a[f] = "yes";
  return a;
}

HttpResult List(const std::string& login, int64_t household, json::object answers,
                const std::string& colour, const std::string& reason = "") {
  json::object body{{"household_id", household},
                    {"source", "manual"},
                    {"listing_reason", "网格走访发现家暴迹象"},
                    {"answers", std::move(answers)},
                    {"colour", colour}};
  if (!reason.empty()) body["reason"] = reason;
  return TestServer::Get().As(login).Post(kBase, body);
}

int64_t Listed(const std::string& colour, const std::string& grid = kGrid) {
  json::object answers = colour == "red"      ? Answers({"weapon"})
                         : colour == "yellow" ? Answers({"escalation", "separation"})
                                              : json::object{{"children", "no"}};
  auto r = List("town", Household(grid), answers, colour);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json.at("family").at("id").as_int64() : 0;
}

int64_t Audits(int64_t id, const std::string& action, const std::string& detail) {
  return QueryInt(
      "SELECT COUNT(*) FROM audit_log WHERE entity = 'key_family' AND entity_id = ? AND "
      "action = ? AND detail = ?",
      {std::to_string(id), action, detail});
}

int64_t Now() {
  return TestServer::Get().clock().NowMillis();
}

TEST(KeyFamilies, AListingTakesTheColourTheThresholdsSuggestAndTellsTheOwningTown) {
  const int64_t household = Household();
  // Escalation and separation weigh 3 each: 6 is the yellow threshold.
  auto r = List("village", household, Answers({"escalation", "separation"}), "yellow");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& family = r.json.at("family");
  const auto& assessment = r.json.at("assessment");
  EXPECT_EQ(Str(r.json, "change"), "list");
  EXPECT_EQ(Str(family, "colour"), "yellow");
  EXPECT_EQ(Str(family, "level"), "grid");
  EXPECT_EQ(Str(family, "region_code"), kGrid);
  EXPECT_EQ(Str(family, "name"), "重点测试户主");
  EXPECT_EQ(family.at("household_id").as_int64(), household);
  EXPECT_EQ(assessment.at("score").as_int64(), 6);
  EXPECT_EQ(Str(assessment, "suggested"), "yellow");
  EXPECT_EQ(Str(assessment, "case_risk_level"), "medium");
  EXPECT_EQ(Str(assessment.at("answers"), "weapon"), "unknown");
  EXPECT_EQ(r.json.at("told"), json::value(json::array{"town"}));
  // Contact within 14 days of the listing; the plan within 7.
  EXPECT_EQ(Str(family, "next_contact_due"), FormatBeijing(Now() + 14 * kDayMs));
  EXPECT_EQ(Str(family, "plan_due_at"), FormatBeijing(Now() + 7 * kDayMs));
  const int64_t id = family.at("id").as_int64();
  EXPECT_EQ(Audits(id, "create", "fields=household_id,source,listing_reason,answers,colour"), 1);
  // One listing per household.
  auto again = List("town", household, Answers({}), "blue");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.ErrorField(), "household_id");
  // Where a listing comes from: a case by its id in the caller's area, by hand with a reason.
  Client town = TestServer::Get().As("town");
  const int64_t other = Household();
  auto listing = [&](json::object extra) {
    json::object body{{"household_id", other},
                      {"answers", json::object{}},
                      {"colour", "blue"},
                      {"source", "manual"}};
    for (const auto& [k, v] : extra) body[k] = v;
    return town.Post(kBase, body);
  };
  EXPECT_EQ(listing({}).ErrorField(), "listing_reason");
  EXPECT_EQ(listing({{"source", "case"}}).ErrorField(), "source_id");
  auto no_case = listing({{"source", "case"}, {"source_id", 999999999}});
  EXPECT_EQ(no_case.status, 404);
  EXPECT_EQ(no_case.ErrorField(), "source_id");
  EXPECT_EQ(listing({{"source", "manual"}, {"source_id", 1}, {"listing_reason", "走访发现"}})
                .ErrorField(),
            "source_id");
  auto by_police = listing({{"source", "incident"}, {"source_id", 42}});
  ASSERT_EQ(by_police.status, 201) << by_police.body;
  EXPECT_EQ(Str(by_police.json.at("family"), "source"), "incident");
  EXPECT_EQ(by_police.json.at("family").at("source_id").as_int64(), 42);
  // A household outside the caller's area is not there.
  auto west = List("town2", Household(), Answers({}), "blue");
  EXPECT_EQ(west.status, 404);
  EXPECT_EQ(west.ErrorField(), "household_id");
}

TEST(KeyFamilies, TheSuggestionIsShownBeforeAPersonDecides) {
  Client town = TestServer::Get().As("town");
  auto r = town.Post(kBase + "/suggest", json::object{{"answers", Answers({"threats_to_kill"})}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.json, "colour"), "red");
  EXPECT_EQ(Str(r.json, "by_score"), "blue");  // 5, below the yellow threshold of 6
  EXPECT_EQ(r.json.at("floors"), json::value(json::array{"threats_to_kill"}));
  EXPECT_EQ(r.json.at("score").as_int64(), 5);
  EXPECT_EQ(r.json.at("unknown").as_int64(), 11);
  EXPECT_TRUE(r.json.at("mostly_unknown").as_bool());
  EXPECT_EQ(Str(r.json, "if_unknown_yes"), "red");
  EXPECT_EQ(town.Post(kBase + "/suggest", json::object{{"answers", json::object{{"x", "yes"}}}})
                .ErrorField(),
            "answers.x");
  EXPECT_EQ(TestServer::Get()
                .As("gridsister")
                .Post(kBase + "/suggest", json::object{{"answers", json::object{}}})
                .status,
            403);
}

TEST(KeyFamilies, AnotherColourThanTheSuggestionNeedsAReason) {
  const int64_t household = Household();
  // A yes to strangulation suggests red whatever the score.
  auto bare = List("town", household, Answers({"strangulation"}), "yellow");
  EXPECT_EQ(bare.status, 400) << bare.body;
  EXPECT_EQ(bare.ErrorField(), "reason");
  auto short_reason = List("town", household, Answers({"strangulation"}), "yellow", "她说还好");
  EXPECT_EQ(short_reason.ErrorField(), "reason");
  auto bad_answer = List("town", household, json::object{{"strangulation", "maybe"}}, "red");
  EXPECT_EQ(bad_answer.ErrorField(), "answers.strangulation");
  auto unknown_factor = List("town", household, json::object{{"poverty", "yes"}}, "red");
  EXPECT_EQ(unknown_factor.ErrorField(), "answers.poverty");
  const std::string reason = "对方已被拘留，近期无接触可能，由镇街跟进";
  auto r = List("town", household, Answers({"strangulation"}), "yellow", reason);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json.at("assessment"), "suggested"), "red");
  EXPECT_EQ(Str(r.json.at("assessment"), "chosen"), "yellow");
  EXPECT_EQ(Str(r.json.at("assessment"), "reason"), reason);
  // The reason is sealed in the database.
  const int64_t id = r.json.at("family").at("id").as_int64();
  const auto stored =
      QueryText("SELECT reason_enc FROM risk_assessments WHERE family_id = ?", {id});
  EXPECT_EQ(stored.find("拘留"), std::string::npos);
  EXPECT_EQ(AuditEntriesCarrying("拘留"), 0);
}

TEST(KeyFamilies, AnUpgradeTakesEffectAtOnceEntersTheHistoryAndIsToldUpward) {
  const int64_t id = Listed("blue");
  ASSERT_NE(id, 0);
  // The town's and the city's staff hear of it on their live streams; the village does not.
  auto& hub = *TestServer::Get().app().services().case_stream;
  std::map<std::string, std::shared_ptr<api::CaseStream::Listener>> streams;
  for (const char* login : {"town", "city", "village"})
    streams[login] =
        hub.Subscribe(QueryInt("SELECT id FROM users WHERE login = ?", {login}), [] {});
  Client village = TestServer::Get().As("village");
  auto r = village.Post(PathOf(id, "/assessments"),
                        json::object{{"answers", Answers({"threats_to_kill"})}, {"colour", "red"}});
  ASSERT_EQ(r.status, 201) << r.body;
  for (auto& [login, stream] : streams) {
    bool heard = false;
    for (const auto& frame : stream->Take())
      heard = heard || (frame.find("event: key_family_upgrade") != std::string::npos &&
                        frame.find("\"id\":" + std::to_string(id)) != std::string::npos);
    EXPECT_EQ(heard, login != "village") << login;
    hub.Unsubscribe(QueryInt("SELECT id FROM users WHERE login = ?", {login}), stream);
  }
  EXPECT_EQ(Str(r.json, "change"), "upgrade");
  EXPECT_TRUE(r.json.at("effective").as_bool());
  EXPECT_EQ(r.json.at("told"), json::value(json::array{"town", "city"}));
  const auto& family = r.json.at("family");
  EXPECT_EQ(Str(family, "colour"), "red");
  EXPECT_EQ(Str(family, "followed_by"), "city");
  EXPECT_EQ(Str(family, "next_contact_due"), FormatBeijing(Now() + 7 * kDayMs));
  EXPECT_EQ(Str(family, "next_city_visit_due"), FormatBeijing(Now() + 30 * kDayMs));
  EXPECT_EQ(Audits(id, "assess", "fields=answers,colour;change=upgrade"), 1);
  auto history = village.Get(PathOf(id, "/history"));
  ASSERT_EQ(history.status, 200) << history.body;
  const auto& items = history.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Str(items[0], "kind"), "upgrade");
  EXPECT_EQ(Str(items[0], "from"), "blue");
  EXPECT_EQ(Str(items[0], "to"), "red");
  EXPECT_EQ(Str(items[0], "outcome"), "effective");
  EXPECT_EQ(items[0].at("told"), json::value(json::array{"town", "city"}));
  EXPECT_EQ(Str(items[1], "kind"), "list");
  EXPECT_EQ(Audits(id, "read_sensitive", "fields=history"), 1);
  // A red family is the city's: it sees the family in its list of reds.
  auto reds = TestServer::Get().As("city").Get(
      kBase + "?colour=red&page_size=100&region=" + std::string(kTownCode));
  ASSERT_EQ(reds.status, 200) << reds.body;
  bool found = false;
  for (const auto& item : reds.json.at("items").as_array())
    found = found || item.at("id").as_int64() == id;
  EXPECT_TRUE(found);
}

TEST(KeyFamilies, AStepDownWaitsForTheStablePeriodAndTheOwningLevelsApproval) {
  const int64_t id = Listed("yellow");
  ASSERT_NE(id, 0);
  Client town = TestServer::Get().As("town");
  const json::object to_blue{{"to", "blue"}, {"reason", "两个月无新情况，双方关系缓和"}};
  auto early = town.Post(PathOf(id, "/colour-change"), to_blue);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.ErrorCode(), "not_stable");
  EXPECT_EQ(early.ErrorField(), "to");
  EXPECT_EQ(early.json.at("error").at("details").at("required_days").as_int64(), 60);
  EXPECT_EQ(town.Post(PathOf(id, "/colour-change"), json::object{{"to", "red"}, {"reason", "x"}})
                .ErrorField(),
            "to");

  TestServer::Get().clock().Advance(std::chrono::hours(24 * 60));
  town = TestServer::Get().As("town");
  auto asked = town.Post(PathOf(id, "/colour-change"), to_blue);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(Str(asked.json, "pending_change"), "downgrade");
  EXPECT_EQ(Str(asked.json, "pending_colour"), "blue");
  EXPECT_EQ(Str(asked.json, "colour"), "yellow");  // not before the approval
  EXPECT_EQ(town.Post(PathOf(id, "/colour-change"), to_blue).status, 409);  // one at a time

  // Not by the person who asked, nor by a level below the town that owns a yellow family.
  auto self = town.Post(PathOf(id, "/colour-change/approve"), json::object{});
  EXPECT_EQ(self.status, 403) << self.body;
  EXPECT_EQ(self.ErrorField(), "approver");
  auto below =
      TestServer::Get().As("village").Post(PathOf(id, "/colour-change/approve"), json::object{});
  EXPECT_EQ(below.status, 403) << below.body;
  // Outside the approver's area, it is not there.
  EXPECT_EQ(TestServer::Get()
                .As("town2")
                .Post(PathOf(id, "/colour-change/approve"), json::object{})
                .status,
            404);
  auto approved = TestServer::Get().As("city").Post(PathOf(id, "/colour-change/approve"),
                                                    json::object{{"note", "同意降为蓝色"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Str(approved.json, "colour"), "blue");
  EXPECT_EQ(approved.json.at("pending_change"), json::value(nullptr));
  EXPECT_EQ(approved.json.at("plan_due_at"), json::value(nullptr));
  EXPECT_EQ(Str(approved.json, "next_contact_due"), FormatBeijing(Now() + 30 * kDayMs));
  EXPECT_EQ(Audits(id, "approve_change", "fields=note"), 1);

  // Delisting a blue family: the village owns it. Refused once, then approved.
  const json::object delist{{"to", "delisted"}, {"reason", "情况稳定，申请销号"}};
  ASSERT_EQ(town.Post(PathOf(id, "/colour-change"), delist).status, 200);
  auto refused = TestServer::Get().As("village").Post(PathOf(id, "/colour-change/reject"),
                                                      json::object{{"note", "再观察一个月"}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_FALSE(refused.json.at("retired").as_bool());
  ASSERT_EQ(town.Post(PathOf(id, "/colour-change"), delist).status, 200);
  auto delisted =
      TestServer::Get().As("village").Post(PathOf(id, "/colour-change/approve"), json::object{});
  ASSERT_EQ(delisted.status, 200) << delisted.body;
  EXPECT_TRUE(delisted.json.at("retired").as_bool());

  auto history = town.Get(PathOf(id, "/history"));
  ASSERT_EQ(history.status, 200);
  const auto& items = history.json.at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(Str(items[0], "kind"), "delisting");
  EXPECT_EQ(Str(items[0], "outcome"), "approved");
  EXPECT_EQ(Str(items[1], "outcome"), "rejected");
  EXPECT_EQ(Str(items[1], "note"), "再观察一个月");
  EXPECT_EQ(Str(items[2], "kind"), "downgrade");
  EXPECT_EQ(Str(items[2], "outcome"), "approved");
  EXPECT_EQ(Str(items[2], "requested_by_name"), "东城街道演示干部");
  EXPECT_EQ(Str(items[2], "decided_by_name"), "市妇联演示干部");
  EXPECT_EQ(Str(items[2], "reason"), "两个月无新情况，双方关系缓和");
  // Delisted: out of the list, and the household may be listed again.
  const int64_t household = approved.json.at("household_id").as_int64();
  EXPECT_EQ(List("town", household, Answers({}), "blue").status, 201);
}

TEST(KeyFamilies, ANewIncidentAsksForReassessmentWithAColourAboveTheCurrentOne) {
  const int64_t id = Listed("blue");
  ASSERT_NE(id, 0);
  const int64_t household = QueryInt("SELECT household_id FROM key_families WHERE id = ?", {id});
  TestServer::Get().clock().Advance(std::chrono::minutes(5));
  auto& app = TestServer::Get().app();
  app.db().WriteSync([&](store::Connection& c) {
    EXPECT_EQ(store::NoteIncident(c, app.services().cipher, household, Now(), Now()).value_or(0),
              id);
  });
  Client town = TestServer::Get().As("town");
  auto family = town.Get(PathOf(id));
  ASSERT_EQ(family.status, 200);
  EXPECT_TRUE(family.json.at("reassess").as_bool());
  EXPECT_EQ(Str(family.json, "reassess_reason"), "new_incident");
  auto flagged = town.Get(kBase + "?reassess=1&page_size=100");
  ASSERT_EQ(flagged.status, 200) << flagged.body;
  bool found = false;
  for (const auto& item : flagged.json.at("items").as_array())
    found = found || item.at("id").as_int64() == id;
  EXPECT_TRUE(found);
  // Every answer no still suggests yellow: the incident lifts the suggestion one colour.
  const json::object all_no{{"children", "no"}};
  auto preview =
      town.Post(kBase + "/suggest", json::object{{"answers", all_no}, {"family_id", id}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(Str(preview.json, "colour"), "yellow");
  EXPECT_EQ(Str(preview.json, "by_score"), "blue");
  auto stay =
      town.Post(PathOf(id, "/assessments"), json::object{{"answers", all_no}, {"colour", "blue"}});
  EXPECT_EQ(stay.status, 400);
  EXPECT_EQ(stay.ErrorField(), "reason");
  auto up = town.Post(PathOf(id, "/assessments"),
                      json::object{{"answers", all_no}, {"colour", "yellow"}});
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(Str(up.json.at("assessment"), "occasion"), "new_incident");
  EXPECT_FALSE(up.json.at("family").at("reassess").as_bool());
  EXPECT_EQ(Str(up.json.at("family"), "colour"), "yellow");
  // What a case and a plan take from it without anyone typing it again.
  const auto risk = app.db().ReadSync(
      [&](store::Connection& c) { return store::FamilyRiskOfHousehold(c, household); });
  ASSERT_TRUE(risk.has_value());
  EXPECT_EQ(risk->family_id, id);
  EXPECT_EQ(risk->colour, domain::RiskColour::kYellow);
  EXPECT_EQ(risk->case_risk_level, domain::RiskLevel::kMedium);
  EXPECT_EQ(risk->risks.rfind("待核实：", 0), 0u) << risk->risks;  // nothing yes, much unknown
}

TEST(KeyFamilies, AGridSisterSeesNamesAndDueContactsAndRecordsHerVisits) {
  const int64_t id = Listed("blue");
  ASSERT_NE(id, 0);
  Client sister = TestServer::Get().As("gridsister");
  auto due = sister.Get(kBase + "/due?page_size=100");
  ASSERT_EQ(due.status, 200) << due.body;
  const json::object* mine = nullptr;
  for (const auto& item : due.json.at("items").as_array())
    if (item.at("id").as_int64() == id) mine = &item.as_object();
  ASSERT_NE(mine, nullptr);
  EXPECT_EQ(Str(*mine, "name"), "重点测试户主");
  EXPECT_FALSE(mine->contains("colour"));
  EXPECT_FALSE(mine->contains("reassess"));
  EXPECT_FALSE(mine->at("overdue").as_bool());
  // Never the family record, its assessments, its history or the counts.
  for (const std::string& path :
       {PathOf(id), PathOf(id, "/assessments"), PathOf(id, "/history"), kBase, kBase + "/counts"})
    EXPECT_EQ(sister.Get(path).status, 403) << path;
  EXPECT_EQ(sister
                .Post(PathOf(id, "/assessments"),
                      json::object{{"answers", json::object{}}, {"colour", "blue"}})
                .status,
            403);
  EXPECT_EQ(
      sister
          .Post(PathOf(id, "/colour-change"), json::object{{"to", "delisted"}, {"reason", "稳定"}})
          .status,
      403);

  // Her visit found something: the contact falls due again from it, and staff are asked to
  // reassess. A city visit is not hers to record.
  TestServer::Get().clock().Advance(std::chrono::minutes(5));
  EXPECT_EQ(sister.Post(PathOf(id, "/contacts"), json::object{{"kind", "city_visit"}}).ErrorField(),
            "kind");
  auto visit =
      sister.Post(PathOf(id, "/contacts"),
                  json::object{{"kind", "visit"}, {"finding", true}, {"note", "丈夫酒后摔东西"}});
  ASSERT_EQ(visit.status, 201) << visit.body;
  EXPECT_EQ(Str(visit.json, "next_contact_due"), FormatBeijing(Now() + 30 * kDayMs));
  EXPECT_EQ(Str(visit.json, "last_contact_at"), FormatBeijing(Now()));
  EXPECT_FALSE(visit.json.as_object().contains("colour"));
  const int64_t contact = QueryInt(
      "SELECT MAX(id) FROM visits WHERE kind = 'key_family_contact' AND mode = 'home' AND "
      "problem_found = 1 AND action = 'assessment_requested' AND household_id = "
      "(SELECT household_id FROM key_families WHERE id = ?)",
      {id});
  ASSERT_GT(contact, 0);
  EXPECT_EQ(Audits(id, "contact", "fields=kind,at,finding,note;visit=" + std::to_string(contact)),
            1);
  EXPECT_EQ(AuditEntriesCarrying("摔东西"), 0);
  auto family = TestServer::Get().As("town").Get(PathOf(id));
  EXPECT_TRUE(family.json.at("reassess").as_bool());
  EXPECT_EQ(Str(family.json, "reassess_reason"), "visit_finding");
  // Staff read what she noted, audited; she does not read the notes back.
  auto contacts = TestServer::Get().As("town").Get(PathOf(id, "/contacts"));
  ASSERT_EQ(contacts.status, 200) << contacts.body;
  const auto& first = contacts.json.at("items").at(0);
  EXPECT_EQ(Str(first, "kind"), "visit");
  EXPECT_TRUE(first.at("finding").as_bool());
  EXPECT_EQ(Str(first, "note"), "丈夫酒后摔东西");
  EXPECT_EQ(Str(first, "by_name"), "演示格姐");
  EXPECT_EQ(Audits(id, "read_sensitive", "fields=contacts"), 1);
  EXPECT_EQ(sister.Get(PathOf(id, "/contacts")).status, 403);

  // A family of 西城街道 is not on her list, nor hers to visit.
  const std::string west =
      QueryText("SELECT MIN(code) FROM regions WHERE level = 'grid' AND code LIKE '330784002%'");
  auto other = List("city", Household(west, "city"), Answers({}), "blue");
  ASSERT_EQ(other.status, 201) << other.body;
  const int64_t other_id = other.json.at("family").at("id").as_int64();
  EXPECT_EQ(sister.Post(PathOf(other_id, "/contacts"), json::object{{"kind", "visit"}}).status,
            404);
  due = sister.Get(kBase + "/due?page_size=100");
  for (const auto& item : due.json.at("items").as_array())
    EXPECT_NE(item.at("id").as_int64(), other_id);
}

TEST(KeyFamilies, AContactIsAVisitOfTheHouseholdHoweverItIsRecorded) {
  const int64_t id = Listed("yellow");
  const int64_t household = QueryInt("SELECT household_id FROM key_families WHERE id = ?", {id});
  TestServer::Get().clock().Advance(std::chrono::minutes(5));
  // The grid sister's phone records it as a visit: the family's contact is done.
  json::object body{{"household_id", household},
                    {"kind", "key_family_contact"},
                    {"mode", "phone"},
                    {"visited_at", FormatBeijing(Now())},
                    {"findings", "电话联系，情况平稳"}};
  auto made = TestServer::Get().As("gridsister").Post("/api/v1/visits", body);
  ASSERT_EQ(made.status, 201) << made.body;
  Client town = TestServer::Get().As("town");
  auto family = town.Get(PathOf(id));
  EXPECT_EQ(Str(family.json, "last_contact_at"), FormatBeijing(Now()));
  EXPECT_EQ(Str(family.json, "next_contact_due"), FormatBeijing(Now() + 14 * kDayMs));
  auto contacts = town.Get(PathOf(id, "/contacts"));
  const auto& first = contacts.json.at("items").at(0);
  EXPECT_EQ(first.at("id").as_int64(), made.json.at("id").as_int64()) << contacts.body;
  EXPECT_EQ(Str(first, "kind"), "contact");
  EXPECT_EQ(Str(first, "note"), "电话联系，情况平稳");
  // A household not listed has no key-family contact: nothing is written.
  const int64_t plain = Household();
  body["household_id"] = plain;
  auto refused = TestServer::Get().As("gridsister").Post("/api/v1/visits", body);
  EXPECT_EQ(refused.ErrorField(), "kind") << refused.body;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM visits WHERE household_id = ?", {plain}), 0);
  // A contact an older version kept apart is moved into visits when the server starts, its note
  // sealed again under the visit's id; the list reads the same.
  auto& app = TestServer::Get().app();
  const auto& cipher = app.services().cipher;
  const int64_t moved = app.db().WriteSync([&](store::Connection& c) {
    const int64_t legacy = 900000 + id,
                  town_user = c.QueryOne("SELECT id FROM users WHERE login = 'town'")->Int(0);
    c.Execute(
        "INSERT INTO family_contacts (id, family_id, kind, contacted_at, by_user, finding, "
        "note_enc, created_at) VALUES (?, ?, 'visit', ?, ?, 0, ?, ?)",
        {legacy, id, Now() - kDayMs, town_user,
         cipher.Encrypt("入户走访，旧记录", "family_contacts/note_enc/" + std::to_string(legacy)),
         Now() - kDayMs});
    return store::MoveFamilyContactsIntoVisits(c, cipher, Now());
  });
  EXPECT_EQ(moved + QueryInt("SELECT COUNT(*) FROM family_contacts"), 1);
  contacts = town.Get(PathOf(id, "/contacts"));
  ASSERT_EQ(contacts.json.at("items").as_array().size(), 2u) << contacts.body;
  const auto& old = contacts.json.at("items").at(1);
  EXPECT_EQ(Str(old, "kind"), "visit");
  EXPECT_EQ(Str(old, "note"), "入户走访，旧记录");
  EXPECT_EQ(Str(old, "at"), FormatBeijing(Now() - kDayMs));
}

TEST(KeyFamilies, ALeaderSeesCountsOnly) {
  ASSERT_NE(Listed("red"), 0);
  Client leader = TestServer::Get().As("leader");
  auto counts = leader.Get(kBase + "/counts");
  ASSERT_EQ(counts.status, 200) << counts.body;
  // The demo city's 59 (7 red) and those the tests listed.
  EXPECT_GE(counts.json.at("red").as_int64(), 7);
  EXPECT_GE(counts.json.at("total").as_int64(), 59);
  EXPECT_EQ(counts.json.at("total").as_int64(), counts.json.at("blue").as_int64() +
                                                    counts.json.at("yellow").as_int64() +
                                                    counts.json.at("red").as_int64());
  bool town = false;
  for (const auto& t : counts.json.at("towns").as_array())
    town = town || (Str(t, "code") == kTownCode && t.at("red").as_int64() >= 1);
  EXPECT_TRUE(town) << counts.body;
  for (const std::string& path : {kBase, kBase + "/due"})
    EXPECT_EQ(leader.Get(path).status, 403) << path;
  // A town's counts are its own.
  auto own = TestServer::Get().As("town2").Get(kBase + "/counts");
  ASSERT_EQ(own.status, 200);
  for (const auto& t : own.json.at("towns").as_array()) EXPECT_NE(Str(t, "code"), kTownCode);
}

TEST(KeyFamilies, EveryReadOfTheAssessmentsIsAudited) {
  const int64_t id = Listed("yellow");
  ASSERT_NE(id, 0);
  auto r = TestServer::Get().As("town").Get(PathOf(id, "/assessments"));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json.at("items").as_array().size(), 1u);
  // What the plan's risks start from: the yes answers, then those still to find out.
  const std::string risks = Str(r.json.at("items").at(0), "risks");
  EXPECT_EQ(risks.rfind("暴力频次或程度升级、", 0), 0u) << risks;
  EXPECT_NE(risks.find("；待核实："), std::string::npos) << risks;
  EXPECT_EQ(Audits(id, "read_sensitive", "fields=assessments"), 1);
  // Outside the caller's area: 404, and the refusal is audited too.
  EXPECT_EQ(TestServer::Get().As("town2").Get(PathOf(id, "/assessments")).status, 404);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'key_family' AND "
                     "entity_id = ? AND action = 'read_sensitive' AND result = 'denied'",
                     {std::to_string(id)}),
            1);
}

TEST(KeyFamilies, ListsFilterByOverdueContactAndSortByTimes) {
  const int64_t id = Listed("red");
  ASSERT_NE(id, 0);
  Client town = TestServer::Get().As("town");
  auto overdue = [&] {
    auto r = town.Get(kBase + "?overdue=1&page_size=100");
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& item : r.json.at("items").as_array())
      if (item.at("id").as_int64() == id) return true;
    return false;
  };
  EXPECT_FALSE(overdue());
  TestServer::Get().clock().Advance(std::chrono::hours(24 * 7) + std::chrono::milliseconds(1));
  town = TestServer::Get().As("town");
  EXPECT_TRUE(overdue());
  auto due = town.Get(kBase + "/due?within=0&page_size=100");
  ASSERT_EQ(due.status, 200) << due.body;
  bool late = false;
  for (const auto& item : due.json.at("items").as_array())
    if (item.at("id").as_int64() == id) late = item.at("overdue").as_bool();
  EXPECT_TRUE(late);
  EXPECT_EQ(town.Get(kBase + "?sort=next_contact_due").status, 200);
  EXPECT_EQ(town.Get(kBase + "?colour=purple").ErrorField(), "colour");
  EXPECT_EQ(town.Get(kBase + "/due?within=400").status, 400);
}

// The list names each family's grid from the names kept in memory (store::RegionNames); a grid
// made or renamed since they were read shows its name at once, as a family's own page does.
TEST(KeyFamilies, TheListNamesEachGridAndSeesARenameAtOnce) {
  auto admin = TestServer::Get().As("admin");
  const std::string village = std::string(kGrid).substr(0, 12);
  const std::string grid = village + "871";
  ASSERT_EQ(
      admin
          .Post("/api/v1/regions",
                json::object{{"code", grid}, {"name", "名单新网格"}, {"parent_code", village}})
          .status,
      201);
  const int64_t id = Listed("blue", grid);
  ASSERT_NE(id, 0);
  Client town = TestServer::Get().As("town");
  auto name_in_list = [&] {
    auto r = town.Get(kBase + "?region=" + grid + "&page_size=100");
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& item : r.json.at("items").as_array())
      if (item.at("id").as_int64() == id) return Str(item, "region_name");
    return std::string("(not listed)");
  };
  EXPECT_EQ(name_in_list(), "名单新网格");
  ASSERT_EQ(admin.Patch("/api/v1/regions/" + grid, json::object{{"name", "名单改名网格"}}).status,
            200);
  EXPECT_EQ(name_in_list(), "名单改名网格");
  EXPECT_EQ(Str(town.Get(PathOf(id)).json, "region_name"), "名单改名网格");
}

TEST(KeyFamilies, AVisitAskingForAnAssessmentAsksTheListedFamilyForOne) {
  const int64_t id = Listed("yellow");
  const int64_t household =
      TestServer::Get().As("town").Get(PathOf(id)).json.at("household_id").as_int64();
  TestServer::Get().clock().Advance(std::chrono::minutes(5));
  auto visit = TestServer::Get().As("town").Post(
      "/api/v1/visits", json::object{{"household_id", household},
                                     {"visited_at", FormatBeijing(Now() - 60'000)},
                                     {"kind", "key_family_contact"},
                                     {"mode", "home"},
                                     {"problem_found", true},
                                     {"problem", "丈夫近期失业，争吵增多"},
                                     {"action", "assessment_requested"}});
  ASSERT_EQ(visit.status, 201) << visit.body;
  auto family = TestServer::Get().As("town").Get(PathOf(id));
  EXPECT_TRUE(family.json.at("reassess").as_bool());
  EXPECT_EQ(Str(family.json, "reassess_reason"), "visit_finding");
}

}  // namespace
}  // namespace hejia::testing
