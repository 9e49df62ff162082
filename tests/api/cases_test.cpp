// Help requests through the API: staff intake with routing and the night clinic, the duplicate
// warning, scope, the list's filters, edits with versions, every path of the workflow, recusal and
// the settings.
#include <algorithm>
#include <set>

#include "case_helpers.hpp"
#include "common/clock.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

std::set<int64_t> Ids(const HttpResult& page) {
  std::set<int64_t> out;
  for (const auto& item : page.json.at("items").as_array()) out.insert(item.at("id").as_int64());
  return out;
}

int64_t CaseCount() {
  return TestServer::Get().app().db().ReadSync(
      [](store::Connection& c) { return c.QueryOne("SELECT COUNT(*) FROM cases")->Int(0); });
}

TEST(Cases, StaffIntakeRoutesAVillageMatterToTheVillageWithMaskedParties) {
  auto town = TestServer::Get().As("town");
  const std::string phone = UniquePhone();
  auto r = town.Post("/api/v1/cases", Intake(kGrid, "child_support", phone));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& c = r.json;
  EXPECT_EQ(Str(c, "status"), "registered");
  EXPECT_EQ(Str(c, "level"), "village");
  EXPECT_EQ(Str(c, "region_code"), kVillage);  // the grid's village handles it
  EXPECT_EQ(Str(c, "channel"), "hotline");
  EXPECT_EQ(Str(c, "case_no").rfind("HJ", 0), 0u);
  EXPECT_EQ(Str(c, "applicant_name"), "王**");
  EXPECT_EQ(Str(c, "facts"), "前夫拖欠抚养费三个月，共 1500 元。");
  EXPECT_EQ(Str(c, "safe_contact"), "工作日 18 点后可来电");
  const std::string code = Str(c, "tracking_code");
  EXPECT_EQ(code.size(), 14u);
  EXPECT_EQ(code[4], '-');
  const auto& parties = c.at("parties").as_array();
  ASSERT_EQ(parties.size(), 2u);
  EXPECT_EQ(Str(parties[0], "phone"), phone.substr(0, 3) + "****" + phone.substr(7));
  EXPECT_EQ(Str(parties[0], "name"), "王晓丽");
  EXPECT_TRUE(parties[1].at("phone").is_null());
  std::set<std::string> actions;
  for (const auto& a : c.at("allowed_actions").as_array())
    actions.insert(std::string(a.as_string()));
  EXPECT_EQ(actions, (std::set<std::string>{"accept", "reject", "withdraw"}));
  // The category of a larger matter goes to the town.
  auto dv = town.Post("/api/v1/cases", Intake(kVillage, "domestic_violence"));
  ASSERT_EQ(dv.status, 201) << dv.body;
  EXPECT_EQ(Str(dv.json, "level"), "town");
  EXPECT_EQ(Str(dv.json, "region_code"), kTown);

  // Nothing sensitive is stored in the clear.
  const int64_t id = c.at("id").as_int64();
  TestServer::Get().app().db().ReadSync([&](store::Connection& conn) {
    auto row = conn.QueryOne("SELECT facts_enc, tracking_bidx FROM cases WHERE id = ?", {id});
    EXPECT_EQ(row->Text(0).find("抚养费"), std::string::npos);
    EXPECT_EQ(row->Text(1).find(code.substr(0, 4)), std::string::npos);
    auto party = conn.QueryOne("SELECT phone_enc FROM case_parties WHERE case_id = ?", {id});
    EXPECT_EQ(party->Text(0).find(phone), std::string::npos);
  });
  EXPECT_EQ(AuditCount("case", std::to_string(id), "create"), 1);
}

TEST(Cases, IntakeIsValidatedNamingTheField) {
  auto town = TestServer::Get().As("town");
  auto body = Intake(kVillage);
  body["parties"].as_array()[0].as_object()["phone"] = "12345";
  auto r = town.Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "parties[0].phone");
  body = Intake(kVillage);
  body["parties"].as_array()[1].as_object()["id_number"] = "33078419900101123";
  r = town.Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorField(), "parties[1].id_number");
  body = Intake(kVillage);
  body["parties"] = json::array{json::object{{"role", "respondent"}, {"name", "胡某"}}};
  EXPECT_EQ(town.Post("/api/v1/cases", body).ErrorField(), "parties");
  body = Intake(kVillage);
  body["channel"] = "odr_platform";
  EXPECT_EQ(town.Post("/api/v1/cases", body).ErrorField(), "external_ref");
  body["external_ref"] = "JFM-2026-0001";
  EXPECT_EQ(town.Post("/api/v1/cases", body).status, 201);
  body = Intake(kTown2Village);  // outside 东城街道
  r = town.Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorField(), "home_code");
  // A grid sister reports what she found on a visit.
  auto grid = TestServer::Get().As("gridsister");
  EXPECT_EQ(grid.Post("/api/v1/cases", Intake(kGrid)).ErrorField(), "channel");
  body = Intake(kGrid);
  body["channel"] = "grid_report";
  EXPECT_EQ(grid.Post("/api/v1/cases", body).status, 201);
}

TEST(Cases, APartyWithAnOpenCaseIsAPossibleDuplicateUntilConfirmed) {
  auto town = TestServer::Get().As("town");
  const std::string phone = UniquePhone();
  auto first = NewCase("town", Intake(kVillage, "child_support", phone));
  const int64_t before = CaseCount();
  auto again = town.Post("/api/v1/cases", Intake(kVillage, "elder_support", phone));
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.ErrorCode(), "possible_duplicate");
  const auto& matches = again.json.at("error").at("details").at("matches").as_array();
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].at("id"), first.at("id"));
  EXPECT_EQ(matches[0].at("case_no"), first.at("case_no"));
  EXPECT_EQ(Str(matches[0], "status"), "registered");
  EXPECT_EQ(CaseCount(), before);  // nothing written
  // Another area learns only that a match exists elsewhere.
  auto town2 = TestServer::Get().As("town2");
  auto other = Intake(kTown2Village, "child_support", phone);
  auto elsewhere = town2.Post("/api/v1/cases", other);
  ASSERT_EQ(elsewhere.status, 409);
  EXPECT_TRUE(elsewhere.json.at("error").at("details").at("matches").as_array().empty());
  EXPECT_TRUE(elsewhere.json.at("error").at("details").at("elsewhere").as_bool());

  auto body = Intake(kVillage, "elder_support", phone);
  body["confirm_duplicate"] = true;
  auto confirmed = town.Post("/api/v1/cases", body);
  ASSERT_EQ(confirmed.status, 201) << confirmed.body;
  const auto& dups = confirmed.json.at("possible_duplicates").as_array();
  ASSERT_EQ(dups.size(), 1u);
  EXPECT_EQ(dups[0].at("id"), first.at("id"));
  EXPECT_EQ(CaseCount(), before + 1);
}

TEST(Cases, AMondayMorningRequestIsADayCaseWithADayToFirstContact) {
  const int64_t monday = NextBeijing(0, 10, 0);
  MoveClockTo(monday);
  auto c = NewCase("town", Intake(kVillage));
  EXPECT_FALSE(c.at("night_clinic").as_bool());
  EXPECT_TRUE(c.at("assignee").is_null());
  EXPECT_EQ(ParseIsoTime(Str(c, "due_first_contact_at")), monday + 1440 * kMinute);
  EXPECT_EQ(ParseIsoTime(Str(c.at("timers"), "due_decision_at")), monday + 72 * kHour);
}

TEST(Cases, AWeekdayEveningRequestIsAssignedToTheOnDutyPersonAndToldLive) {
  const int64_t evening = NextWeekdayEvening();
  ASSERT_LT(BeijingWeekday(evening), 5);
  MoveClockTo(evening);
  const int64_t on_duty = UserIdOf("village");
  OnDutyAround(kVillage, on_duty, evening);
  // The on-duty person has the live stream open.
  auto village = TestServer::Get().As("village");
  EventStream stream(TestServer::Get().port(), village.cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();
  EXPECT_NE(stream.received().find("text/event-stream"), std::string::npos);

  auto c = NewCase("town", Intake(kVillage));
  const int64_t id = c.at("id").as_int64();
  EXPECT_TRUE(c.at("night_clinic").as_bool());
  ASSERT_TRUE(c.at("assignee").is_object()) << c;
  EXPECT_EQ(c.at("assignee").at("id").as_int64(), on_duty);
  EXPECT_EQ(ParseIsoTime(Str(c, "due_first_contact_at")), evening + 60 * kMinute);

  ASSERT_TRUE(stream.WaitFor("event: assignment")) << stream.received();
  ASSERT_TRUE(stream.WaitFor("}\n\n"));
  const auto& got = stream.received();
  const auto data_at = got.find("data: ", got.find("event: assignment"));
  const auto data = json::parse(got.substr(data_at + 6, got.find('\n', data_at) - data_at - 6));
  EXPECT_EQ(data.at("case_id").as_int64(), id);
  EXPECT_EQ(data.at("case_no"), c.at("case_no"));
  EXPECT_EQ(Str(data, "category"), "child_support");
  EXPECT_TRUE(data.at("night_clinic").as_bool());
  // No case content in the event.
  EXPECT_EQ(got.find("王"), std::string::npos);
  EXPECT_EQ(got.find("抚养费"), std::string::npos);

  // The timeline says who took it.
  auto events = village.Get("/api/v1/cases/" + std::to_string(id) + "/events");
  ASSERT_EQ(events.status, 200) << events.body;
  const auto& items = events.json.at("items").as_array();
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(Str(items[0], "kind"), "registered");
  EXPECT_EQ(Str(items[1], "kind"), "assigned");
  EXPECT_EQ(items[1].at("data").at("user_id").as_int64(), on_duty);
  // Her list of my cases has it, and the night-clinic filter too.
  auto mine = village.Get("/api/v1/cases?assigned_to_me=1&page_size=100");
  EXPECT_TRUE(Ids(mine).count(id));
  EXPECT_TRUE(Ids(village.Get("/api/v1/cases?night_clinic=1&page_size=100")).count(id));
}

TEST(Cases, AnotherTownSeesNeitherTheCaseNorItsTimeline) {
  auto c = NewCase("town", Intake(kVillage));
  const std::string id = std::to_string(c.at("id").as_int64());
  auto town2 = TestServer::Get().As("town2");
  auto r = town2.Get("/api/v1/cases/" + id);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "not_found");
  EXPECT_EQ(town2.Get("/api/v1/cases/" + id + "/events").status, 404);
  EXPECT_EQ(town2.Patch("/api/v1/cases/" + id, json::object{{"version", 1}, {"title", "x"}}).status,
            404);
  EXPECT_FALSE(Ids(town2.Get("/api/v1/cases?page_size=100")).count(std::stoll(id)));
  EXPECT_EQ(town2.Get("/api/v1/cases?region=330784001").status, 404);
  // 东城街道 and its village see it; the region filter narrows.
  auto town = TestServer::Get().As("town");
  EXPECT_TRUE(Ids(town.Get("/api/v1/cases?page_size=100")).count(std::stoll(id)));
  EXPECT_TRUE(Ids(town.Get(std::string("/api/v1/cases?page_size=100&region=") + kVillage))
                  .count(std::stoll(id)));
  EXPECT_EQ(TestServer::Get().As("village").Get("/api/v1/cases/" + id).status, 200);
  EXPECT_EQ(AuditCount("case", id, "read"), 1);
}

TEST(Cases, AGridSisterFollowsTheCasesSheTookInAndNoOthers) {
  // Her report is handled by the grid's village, above her grid: she still follows it (masked,
  // read-only, without the texts: CaseSight tests), in the list and alone; a case she did not
  // take in stays out of her sight.
  auto grid = TestServer::Get().As("gridsister");
  json::object body = Intake(kGrid);
  body["channel"] = "grid_report";
  auto mine = grid.Post("/api/v1/cases", body);
  ASSERT_EQ(mine.status, 201) << mine.body;
  const int64_t id = mine.json.at("id").as_int64();
  EXPECT_EQ(Str(mine.json, "region_code"), kVillage);
  auto other = NewCase("town", Intake(kGrid));
  const int64_t other_id = other.at("id").as_int64();

  const auto listed = Ids(grid.Get("/api/v1/cases?page_size=100"));
  EXPECT_TRUE(listed.count(id));
  EXPECT_FALSE(listed.count(other_id));
  auto read = grid.Get("/api/v1/cases/" + std::to_string(id));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(AuditCount("case", std::to_string(id), "read"), 1);  // her reading is on record
  // What the case page loads beside the case itself is the handling unit's.
  for (const char* part : {"/events", "/obligations", "/attachments", "/follow-ups", "/agreement"})
    EXPECT_EQ(grid.Get("/api/v1/cases/" + std::to_string(id) + part).status, 404) << part;
  EXPECT_EQ(grid.Get("/api/v1/cases/" + std::to_string(other_id)).status, 404);
  EXPECT_EQ(grid.Get("/api/v1/cases/" + std::to_string(other_id) + "/events").status, 404);
  // Following is not working on it: no change, no full phone.
  EXPECT_EQ(grid.Patch("/api/v1/cases/" + std::to_string(id),
                       json::object{{"version", 1}, {"title", "x"}})
                .status,
            403);
  // A list narrowed to a region shows that region's cases only, hers or not.
  EXPECT_EQ(grid.Get(std::string("/api/v1/cases?region=") + kVillage).status, 404);
}

TEST(Cases, AGraverSeverityOrCategoryMovesAnOpenCaseUpButNeverDown) {
  auto town = TestServer::Get().As("town");
  auto c = NewCase("town", Intake(kVillage));
  const std::string path = "/api/v1/cases/" + std::to_string(c.at("id").as_int64());
  ASSERT_EQ(Str(c, "level"), "village");
  // serious goes to the town (the default routing rules)
  auto r = town.Patch(path, json::object{{"version", c.at("version")}, {"severity", "serious"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.json, "level"), "town");
  EXPECT_EQ(Str(r.json, "region_code"), kTown);
  auto events = town.Get(path + "/events?page_size=100").json.at("items").as_array();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(Str(events.back(), "kind"), "rerouted");
  EXPECT_EQ(Str(events.back().at("data"), "to_level"), "town");
  EXPECT_EQ(AuditCount("case", std::to_string(c.at("id").as_int64()), "reroute"), 1);
  // the town's unit handles it now
  EXPECT_TRUE(Ids(town.Get("/api/v1/cases?level=town&page_size=100")).count(c.at("id").as_int64()));
  // back to normal: it stays at the town
  r = town.Patch(path, json::object{{"version", r.json.at("version")}, {"severity", "normal"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.json, "level"), "town");
  // a category the rules send to the town, on a case already there: no move
  r = town.Patch(path,
                 json::object{{"version", r.json.at("version")}, {"category", "inheritance"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.json, "level"), "town");
  EXPECT_EQ(AuditCount("case", std::to_string(c.at("id").as_int64()), "reroute"), 1);
}

TEST(Cases, ACaseMovedUpAtNightIsToldLiveToTheNewUnitsOnDutyPerson) {
  const int64_t evening = NextWeekdayEvening();  // later than the night-clinic test's evening
  MoveClockTo(evening);
  OnDutyAround(kTown, UserIdOf("town"), evening);
  auto town = TestServer::Get().As("town");
  EventStream stream(TestServer::Get().port(), town.cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();

  auto c = NewCase("city", Intake(kVillage));
  ASSERT_EQ(Str(c, "level"), "village");
  auto r = TestServer::Get().As("city").Patch(
      "/api/v1/cases/" + std::to_string(c.at("id").as_int64()),
      json::object{{"version", c.at("version")}, {"severity", "serious"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(Str(r.json, "level"), "town");
  ASSERT_TRUE(stream.WaitFor("event: escalation")) << stream.received();
  ASSERT_TRUE(stream.WaitFor("}\n\n"));
  const auto& got = stream.received();
  const auto data_at = got.find("data: ", got.find("event: escalation"));
  const auto data = json::parse(got.substr(data_at + 6, got.find('\n', data_at) - data_at - 6));
  EXPECT_EQ(data.at("case_id").as_int64(), c.at("id").as_int64());
  EXPECT_EQ(Str(data, "level"), "town");
  EXPECT_TRUE(data.at("rerouted").as_bool());
}

TEST(Cases, TheListFiltersByStatusCategoryTextAndLevel) {
  auto town = TestServer::Get().As("town");
  auto a = NewCase("town", Intake(kVillage, "inheritance"));
  auto b = NewCase("town", Intake(kVillage, "bride_price"));
  const int64_t ida = a.at("id").as_int64(), idb = b.at("id").as_int64();
  ASSERT_EQ(Act(town, ida, {{"action", "accept"}, {"version", 1}}).status, 200);
  auto accepted = town.Get("/api/v1/cases?status=accepted,screened&page_size=100");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_TRUE(Ids(accepted).count(ida));
  EXPECT_FALSE(Ids(accepted).count(idb));
  for (const auto& item : accepted.json.at("items").as_array())
    EXPECT_TRUE(Str(item, "status") == "accepted" || Str(item, "status") == "screened");
  EXPECT_TRUE(Ids(town.Get("/api/v1/cases?category=bride_price&page_size=100")).count(idb));
  EXPECT_FALSE(Ids(town.Get("/api/v1/cases?category=bride_price&page_size=100")).count(ida));
  EXPECT_EQ(Ids(town.Get("/api/v1/cases?q=" + Str(b, "case_no"))), std::set<int64_t>{idb});
  auto towns = town.Get("/api/v1/cases?level=town&page_size=100");
  EXPECT_TRUE(Ids(towns).count(ida));  // inheritance goes to the town
  EXPECT_FALSE(Ids(towns).count(idb));
  EXPECT_EQ(town.Get("/api/v1/cases?status=nonsense").ErrorField(), "status");
  EXPECT_EQ(town.Get("/api/v1/cases?supervision=green").ErrorField(), "supervision");
  EXPECT_EQ(town.Get("/api/v1/cases?sort=title").ErrorField(), "sort");
  // Newest first by default; a fresh case is not overdue.
  auto page = town.Get("/api/v1/cases?page_size=2");
  ASSERT_EQ(page.json.at("items").as_array().size(), 2u);
  EXPECT_EQ(page.json.at("items").as_array()[0].at("id").as_int64(), idb);
  EXPECT_FALSE(Ids(town.Get("/api/v1/cases?overdue=1&page_size=100")).count(idb));
}

TEST(Cases, AStaleVersionIsRefusedWithTheCurrentCase) {
  auto town = TestServer::Get().As("town");
  auto c = NewCase("town", Intake(kVillage));
  const std::string path = "/api/v1/cases/" + std::to_string(c.at("id").as_int64());
  auto ok = town.Patch(
      path, json::object{{"version", 1}, {"facts", "补充：对方已失联。"}, {"severity", "serious"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("version").as_int64(), 2);
  EXPECT_EQ(Str(ok.json, "facts"), "补充：对方已失联。");
  auto stale = town.Patch(path, json::object{{"version", 1}, {"title", "新标题"}});
  ASSERT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorCode(), "conflict");
  EXPECT_EQ(stale.ErrorField(), "version");
  const auto& current = stale.json.at("error").at("details").at("current");
  EXPECT_EQ(current.at("version").as_int64(), 2);
  EXPECT_EQ(Str(current, "facts"), "补充：对方已失联。");
  EXPECT_EQ(Str(current, "severity"), "serious");
  EXPECT_EQ(Str(town.Get(path).json, "title"), "抚养费纠纷");
  EXPECT_EQ(town.Post(path + "/transitions", json::object{{"action", "accept"}, {"version", 1}})
                .ErrorCode(),
            "conflict");
}

TEST(Cases, TheMediationPathRunsFromRegisteredToClosed) {
  auto town = TestServer::Get().As("town");
  const int64_t mediator = NewMediator("测试调解员甲", std::nullopt, UserIdOf("mediator"));
  auto c = NewCase("town", Intake(kVillage));
  const int64_t id = c.at("id").as_int64();
  int64_t v = 1;
  auto step = [&](json::object body, const std::string& expect) {
    body["version"] = v;
    auto r = Act(town, id, body);
    EXPECT_EQ(r.status, 200) << body << " -> " << r.body;
    if (r.status != 200) return json::value();
    EXPECT_EQ(Str(r.json, "status"), expect);
    v = r.json.at("version").as_int64();
    return r.json;
  };
  auto accepted = step({{"action", "accept"}}, "accepted");
  EXPECT_FALSE(accepted.at("timers").at("decided_at").is_null());
  auto screened = step({{"action", "screen"}, {"risk_level", "low"}}, "screened");
  EXPECT_EQ(Str(screened, "risk_level"), "low");
  auto assigned = step({{"action", "assign"}, {"mediator_id", mediator}}, "assigned");
  EXPECT_EQ(assigned.at("mediator").at("id").as_int64(), mediator);
  std::set<std::string> actions;
  for (const auto& a : assigned.at("allowed_actions").as_array())
    actions.insert(std::string(a.as_string()));
  EXPECT_EQ(actions, (std::set<std::string>{"assign", "start", "withdraw"}));
  // The mediator's own list of my cases shows it.
  EXPECT_TRUE(
      Ids(TestServer::Get().As("mediator").Get("/api/v1/cases?assigned_to_me=1&page_size=100"))
          .count(id));
  auto started = step({{"action", "start"}}, "mediating");
  const int64_t start = *ParseIsoTime(Str(started.at("timers"), "mediation_started_at"));
  EXPECT_EQ(ParseIsoTime(Str(started.at("timers"), "due_mediation_at")), start + 30 * kDay);
  // Extending needs the parties' consent.
  auto refused = Act(town, id, {{"action", "extend"}, {"version", v}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.ErrorField(), "consent_recorded");
  auto extended = step({{"action", "extend"}, {"consent_recorded", true}}, "mediating");
  EXPECT_EQ(ParseIsoTime(Str(extended.at("timers"), "due_mediation_at")), start + 45 * kDay);
  EXPECT_EQ(extended.at("timers").at("extensions").as_int64(), 1);
  // Agreeing is not a staff action: the agreement taking effect makes the case agreed.
  auto by_hand = Act(town, id, {{"action", "agree"}, {"version", v}});
  EXPECT_EQ(by_hand.status, 409);
  EXPECT_EQ(by_hand.ErrorCode(), "agreement_required");
  v = AgreeOrally(town, id);
  auto agreed = town.Get("/api/v1/cases/" + std::to_string(id)).json;
  EXPECT_EQ(Str(agreed, "status"), "agreed");
  EXPECT_FALSE(agreed.at("timers").at("resolved_at").is_null());
  step({{"action", "perform"}}, "performing");
  step({{"action", "breach"}}, "breached");
  step({{"action", "resume"}}, "performing");
  step({{"action", "fulfil"}}, "fulfilled");
  auto no_rating = Act(town, id, {{"action", "close"}, {"version", v}, {"outcome", "已履行"}});
  EXPECT_EQ(no_rating.ErrorField(), "satisfaction");
  auto closed =
      step({{"action", "close"}, {"outcome", "协议已全部履行"}, {"satisfaction", 5}}, "closed");
  EXPECT_EQ(closed.at("satisfaction").as_int64(), 5);
  EXPECT_TRUE(closed.at("allowed_actions").as_array().empty());

  // Nothing more can happen to a closed case.
  auto illegal = Act(town, id, {{"action", "accept"}, {"version", v}});
  EXPECT_EQ(illegal.status, 409);
  EXPECT_EQ(illegal.ErrorCode(), "illegal_transition");
  // Each step is on the timeline and in the audit trail.
  auto events = town.Get("/api/v1/cases/" + std::to_string(id) + "/events?page_size=100");
  int status_events = 0;
  for (const auto& e : events.json.at("items").as_array())
    if (Str(e, "kind") == "status") ++status_events;
  EXPECT_EQ(status_events, 11);
  EXPECT_EQ(AuditCount("case", std::to_string(id), "transition"), 11);
}

TEST(Cases, TheOtherEndingsNeedTheirReasons) {
  auto town = TestServer::Get().As("town");
  // Rejected with a reason.
  auto r1 = NewCase("town", Intake(kVillage));
  const int64_t id1 = r1.at("id").as_int64();
  EXPECT_EQ(Act(town, id1, {{"action", "reject"}, {"version", 1}}).ErrorField(), "reason");
  auto rejected =
      Act(town, id1, {{"action", "reject"}, {"version", 1}, {"reason", "已起诉至法院"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(Str(rejected.json, "status"), "rejected");
  EXPECT_EQ(Str(rejected.json, "reason"), "已起诉至法院");
  // High risk is not suitable for mediation: screening refuses it, referral takes it.
  auto r2 = NewCase("town", Intake(kVillage));
  const int64_t id2 = r2.at("id").as_int64();
  ASSERT_EQ(Act(town, id2, {{"action", "accept"}, {"version", 1}}).status, 200);
  auto high = Act(town, id2, {{"action", "screen"}, {"version", 2}, {"risk_level", "high"}});
  EXPECT_EQ(high.status, 400);
  EXPECT_EQ(high.ErrorField(), "risk_level");
  auto referred = Act(town, id2,
                      {{"action", "refer"},
                       {"version", 2},
                       {"risk_level", "high"},
                       {"reason", "存在严重家暴风险，移交公安"}});
  ASSERT_EQ(referred.status, 200) << referred.body;
  EXPECT_EQ(Str(referred.json, "status"), "referred");
  EXPECT_EQ(Str(referred.json, "risk_level"), "high");
  // Terminated without agreement, the routes advised; closed without a rating.
  auto r3 = NewCase("town", Intake(kVillage));
  const int64_t id3 = r3.at("id").as_int64();
  const int64_t mediator = NewMediator("测试调解员乙");
  int64_t v = 1;
  for (auto body : {json::object{{"action", "accept"}},
                    json::object{{"action", "screen"}, {"risk_level", "none"}},
                    json::object{{"action", "assign"}, {"mediator_id", mediator}},
                    json::object{{"action", "start"}}}) {
    body["version"] = v;
    auto r = Act(town, id3, body);
    ASSERT_EQ(r.status, 200) << r.body;
    v = r.json.at("version").as_int64();
  }
  EXPECT_EQ(Act(town, id3, {{"action", "terminate"}, {"version", v}, {"reason", "双方分歧过大"}})
                .ErrorField(),
            "advised_routes");
  auto terminated = Act(town, id3,
                        {{"action", "terminate"},
                         {"version", v},
                         {"reason", "双方分歧过大"},
                         {"advised_routes", json::array{"court", "arbitration"}}});
  ASSERT_EQ(terminated.status, 200) << terminated.body;
  EXPECT_EQ(Str(terminated.json, "status"), "terminated");
  auto closed =
      Act(town, id3, {{"action", "close"}, {"version", v + 1}, {"outcome", "已告知诉讼途径"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_TRUE(closed.json.at("satisfaction").is_null());
  // Withdrawn by the applicant.
  auto r4 = NewCase("town", Intake(kVillage));
  auto withdrawn = Act(town, r4.at("id").as_int64(),
                       {{"action", "withdraw"}, {"version", 1}, {"reason", "申请人撤回"}});
  EXPECT_EQ(Str(withdrawn.json, "status"), "withdrawn");
  // An unknown action and one not allowed here.
  auto r5 = NewCase("town", Intake(kVillage));
  const int64_t id5 = r5.at("id").as_int64();
  EXPECT_EQ(Act(town, id5, {{"action", "fly"}, {"version", 1}}).ErrorField(), "action");
  auto early = Act(town, id5, {{"action", "start"}, {"version", 1}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.ErrorCode(), "illegal_transition");
}

TEST(Cases, AMediatorFromAPartysHouseholdMustStepAside) {
  auto town = TestServer::Get().As("town");
  // Two people of one household in 东城街道: one is the mediator, the other a party.
  int64_t mediator_person = 0, party_person = 0;
  TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    const std::string path = PathOf(kVillage);
    auto h = c.QueryOne(
        "SELECT household_id FROM people WHERE region_path >= ? AND region_path < ? GROUP BY "
        "household_id HAVING COUNT(*) >= 2 ORDER BY household_id LIMIT 1",
        {path, path.substr(0, path.size() - 1) + "0"});
    ASSERT_TRUE(h.has_value());
    auto people =
        c.Query("SELECT id FROM people WHERE household_id = ? ORDER BY id LIMIT 2", {h->Int(0)});
    mediator_person = people[0].Int(0);
    party_person = people[1].Int(0);
  });
  const int64_t related = NewMediator("测试调解员丙", mediator_person);
  const int64_t unrelated = NewMediator("测试调解员丁");
  auto body = Intake(kVillage);
  body["parties"].as_array()[1].as_object()["person_id"] = party_person;
  auto c = NewCase("town", body);
  const int64_t id = c.at("id").as_int64();
  ASSERT_EQ(Act(town, id, {{"action", "accept"}, {"version", 1}}).status, 200);
  ASSERT_EQ(Act(town, id, {{"action", "screen"}, {"version", 2}, {"risk_level", "none"}}).status,
            200);
  auto refused = Act(town, id, {{"action", "assign"}, {"version", 3}, {"mediator_id", related}});
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "recusal");
  EXPECT_EQ(refused.ErrorField(), "mediator_id");
  EXPECT_EQ(Str(town.Get("/api/v1/cases/" + std::to_string(id)).json, "status"), "screened");
  auto ok = Act(town, id, {{"action", "assign"}, {"version", 3}, {"mediator_id", unrelated}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  // A mediator of another town is not ours to assign.
  const int64_t west = TestServer::Get().app().db().WriteSync([&](store::Connection& conn) {
    const int64_t now = Now();
    conn.Execute(
        "INSERT INTO mediators (name, type, region_code, region_path, active, created_at, "
        "updated_at) VALUES ('西城调解员', 'lawyer', '330784002', '/330784/330784002/', 1, ?, ?)",
        {now, now});
    return conn.QueryOne("SELECT MAX(id) FROM mediators")->Int(0);
  });
  auto other = Act(town, id, {{"action", "assign"}, {"version", 4}, {"mediator_id", west}});
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.ErrorField(), "mediator_id");
}

TEST(Cases, TheHandlingStaffMemberMustBeAbleToOpenTheCase) {
  auto town = TestServer::Get().As("town");
  auto c = NewCase("town", Intake(kVillage));
  const std::string path = "/api/v1/cases/" + std::to_string(c.at("id").as_int64());
  auto r =
      town.Post(path + "/assignee", json::object{{"user_id", UserIdOf("village")}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json.at("assignee").at("id").as_int64(), UserIdOf("village"));
  // A grid sister cannot work on cases; another town's staff is not ours.
  EXPECT_EQ(town.Post(path + "/assignee",
                      json::object{{"user_id", UserIdOf("gridsister")}, {"version", 2}})
                .ErrorField(),
            "user_id");
  EXPECT_EQ(
      town.Post(path + "/assignee", json::object{{"user_id", UserIdOf("town2")}, {"version", 2}})
          .status,
      404);
}

TEST(Cases, SettingsAreReadByStaffAndChangedByTheCityWithAVersion) {
  auto town = TestServer::Get().As("town");
  auto read = town.Get("/api/v1/case-settings");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Str(read.json, "night_start"), "17:30");
  const int64_t version = read.json.at("version").as_int64();
  auto denied = town.Request("PUT", "/api/v1/case-settings",
                             json::serialize(json::object{{"version", version}}));
  EXPECT_EQ(denied.status, 403);
  auto city = TestServer::Get().As("city");
  auto stale =
      city.Request("PUT", "/api/v1/case-settings",
                   json::serialize(json::object{{"version", version + 5}, {"decision_hours", 48}}));
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorField(), "version");
  auto bad =
      city.Request("PUT", "/api/v1/case-settings",
                   json::serialize(json::object{{"version", version}, {"night_start", "25:00"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "night_start");
  auto ok =
      city.Request("PUT", "/api/v1/case-settings",
                   json::serialize(json::object{{"version", version}, {"decision_hours", 48}}));
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("decision_hours").as_int64(), 48);
  EXPECT_EQ(ok.json.at("version").as_int64(), version + 1);
  EXPECT_EQ(AuditCount("case_settings", "1", "update"), version + 1);
  // A new case follows the new limit; then the default comes back for the other tests.
  auto c = NewCase("town", Intake(kVillage));
  EXPECT_EQ(
      *ParseIsoTime(Str(c.at("timers"), "due_decision_at")) - *ParseIsoTime(Str(c, "created_at")),
      48 * kHour);
  auto back =
      city.Request("PUT", "/api/v1/case-settings",
                   json::serialize(json::object{{"version", version + 1}, {"decision_hours", 72}}));
  ASSERT_EQ(back.status, 200) << back.body;
}

}  // namespace
}  // namespace hejia::testing
