// The police 110 system's door (issue 11): signed requests (each failure refused with nothing
// stored), the same number again is the same incident, the three pushes with their due times by
// day and at night, the address placed at a household's grid or flagged, repeats linked, and the
// feedback the police read back.
#include "police_helpers.hpp"
#include "store/incident_intake.hpp"

namespace hejia::testing {
namespace {

using namespace police;

TEST(PoliceSignature, EachFailureIsRefusedWith401AndNothingIsStored) {
  const Partner p = NewPartner();
  const Partner other = NewPartner();
  const std::string path = "/api/v1/police/incidents";
  const std::string body = json::serialize(Incident(UniqueNumber(), GridHouseholdAddress()));
  const int64_t before = CountRows("police_incidents");
  Client c(TestServer::Get().port());
  auto expect = [&](const std::map<std::string, std::string>& headers, const std::string& sent,
                    const std::string& code) {
    auto r = c.Request("POST", path, sent, headers);
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.ErrorCode(), code) << r.body;
  };
  // No signature at all.
  expect({{"Content-Type", "application/json"}}, body, "unauthenticated");
  // Another partner's key under this partner's code.
  auto wrong = Signed(other, "POST", path, body);
  wrong["X-HeJia-Partner"] = p.code;
  expect(wrong, body, "bad_signature");
  // A timestamp six minutes off, either way.
  expect(Signed(p, "POST", path, body, Now() / 1000 - 360), body, "stale_timestamp");
  expect(Signed(p, "POST", path, body, Now() / 1000 + 360), body, "stale_timestamp");
  // The body altered after signing.
  std::string altered = body;
  altered.replace(altered.find("测试甲"), std::string("测试甲").size(), "测试丙");
  expect(Signed(p, "POST", path, body), altered, "bad_signature");
  // Another path signed.
  expect(Signed(p, "POST", "/api/v1/police/incident", body), body, "bad_signature");
  // A malformed nonce.
  expect(Signed(p, "POST", path, body, std::nullopt, "short"), body, "bad_signature");
  EXPECT_EQ(CountRows("police_incidents"), before);
  // A good one is taken; the same nonce again is a replay.
  auto good = Signed(p, "POST", path, body);
  EXPECT_EQ(c.Request("POST", path, body, good).status, 201);
  expect(good, body, "replayed_nonce");
  EXPECT_EQ(CountRows("police_incidents"), before + 1);
  // A retired partner's signature is no longer taken.
  auto admin = TestServer::Get().As("admin");
  ASSERT_EQ(admin.Patch("/api/v1/partners/" + std::to_string(p.id), json::object{{"retired", true}})
                .status,
            200);
  expect(Signed(p, "POST", path, body), body, "bad_signature");
}

TEST(PoliceSignature, TheLogNamesThePartnerNeverTheBody) {
  const Partner p = NewPartner();
  auto log = std::make_shared<CapturingSink>();
  spdlog::default_logger()->sinks().push_back(log);
  const std::string address = GridHouseholdAddress();
  const std::string body = json::serialize(Incident(UniqueNumber(), address));
  Client c(TestServer::Get().port());
  auto r = c.Request("POST", "/api/v1/police/incidents", body,
                     Signed(p, "POST", "/api/v1/police/incident", body));
  EXPECT_EQ(r.status, 401);
  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), log), sinks.end());
  EXPECT_NE(log->Text().find(p.code), std::string::npos) << log->Text();
  EXPECT_EQ(log->Text().find(address), std::string::npos);
}

TEST(PoliceIncidents, TheSameNumberAgainIsTheSameIncident) {
  const Partner p = NewPartner();
  const std::string number = UniqueNumber();
  auto first = Send(p, Incident(number, GridHouseholdAddress()));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.json.at("new").as_bool());
  EXPECT_EQ(first.json.at("pushes").as_int64(), 3);
  auto again = Send(p, Incident(number, GridHouseholdAddress()));
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json.at("new").as_bool());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM police_incidents WHERE incident_no = ?", {number}), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM incident_pushes WHERE incident_id = ?",
                     {IncidentIdOf(number)}),
            3);
  // Another partner cannot claim the number.
  auto taken = Send(NewPartner(), Incident(number, GridHouseholdAddress()));
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.ErrorCode(), "incident_no_taken");
}

TEST(PoliceIncidents, BadFieldsAreNamedAndNothingIsStored) {
  const Partner p = NewPartner();
  const int64_t before = CountRows("police_incidents");
  auto bad_kind = Send(p, Incident(UniqueNumber(), "x", json::object{{"kind", "burglary"}}));
  EXPECT_EQ(bad_kind.status, 400);
  EXPECT_EQ(bad_kind.json.at("error").at("field").as_string(), "kind");
  auto no_victim =
      Send(p, Incident(UniqueNumber(), "x",
                       json::object{{"parties", json::array{json::object{{"role", "actor"},
                                                                         {"name", "测试乙"}}}}}));
  EXPECT_EQ(no_victim.status, 400);
  EXPECT_EQ(no_victim.json.at("error").at("field").as_string(), "parties");
  auto bad_phone = Send(
      p, Incident(UniqueNumber(), "x",
                  json::object{
                      {"parties", json::array{json::object{
                                      {"role", "victim"}, {"name", "测试甲"}, {"phone", "12"}}}}}));
  EXPECT_EQ(bad_phone.json.at("error").at("field").as_string(), "parties[0].phone");
  auto bad_time = Send(p, Incident(UniqueNumber(), "x", json::object{{"reported_at", "昨天"}}));
  EXPECT_EQ(bad_time.json.at("error").at("field").as_string(), "reported_at");
  auto extra = Send(p, Incident(UniqueNumber(), "x", json::object{{"region_code", kGrid}}));
  EXPECT_EQ(extra.status, 400);
  EXPECT_EQ(CountRows("police_incidents"), before);
}

TEST(PoliceIncidents, ByDayThreePushesGoToTheTownTheGridSisterAndTheTownMediationCentre) {
  MoveClockTo(NextWeekdayMorning());
  const Partner p = NewPartner();
  const std::string number = UniqueNumber();
  const int64_t pushed = Now();
  ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress())).status, 201);
  auto town = TestServer::Get().As("town");
  const int64_t id = IncidentIdOf(number);
  auto rec = town.Get("/api/v1/incidents/" + std::to_string(id));
  ASSERT_EQ(rec.status, 200) << rec.body;
  EXPECT_EQ(Str(rec.json, "region_code"), kGrid);  // the household's grid
  EXPECT_FALSE(rec.json.at("needs_placement").as_bool());
  EXPECT_EQ(Str(rec.json, "source"), "interface");
  EXPECT_EQ(Str(rec.json, "stage"), "pushed");
  EXPECT_NE(Str(rec.json, "address"), GridHouseholdAddress());  // masked
  const auto work = Work(town, id);
  const auto& pushes = work.at("pushes").as_array();
  ASSERT_EQ(pushes.size(), 3u);
  EXPECT_EQ(Str(pushes[0], "recipient"), "town_federation");
  EXPECT_EQ(Str(pushes[0], "region_code"), kTown);
  EXPECT_TRUE(pushes[0].at("assignee").is_null());
  EXPECT_EQ(Str(pushes[1], "recipient"), "village_federation");
  EXPECT_EQ(Str(pushes[1], "region_code"), kVillage);
  EXPECT_EQ(pushes[1].at("assignee").at("id").as_int64(), UserIdOf("gridsister"));
  EXPECT_EQ(Str(pushes[2], "recipient"), "mediation");
  EXPECT_EQ(Str(pushes[2], "region_code"), kTown);  // the demo town has a mediation room
  // By day: acknowledge within 2 hours, contact within 24 (the incident has no urgent flag).
  EXPECT_EQ(Str(pushes[0], "ack_due_at"), FormatBeijing(pushed + 2 * kHour));
  EXPECT_EQ(Str(pushes[0], "contact_due_at"), FormatBeijing(pushed + 24 * kHour));
  EXPECT_EQ(Str(pushes[0], "visit_due_at"), FormatBeijing(pushed + 72 * kHour));
  EXPECT_EQ(Str(pushes[0], "feedback_due_at"), FormatBeijing(pushed + 7 * kDay));
  EXPECT_FALSE(pushes[0].at("night").as_bool());
  // The parties are masked; revealing them is audited.
  EXPECT_NE(Str(work.at("parties").as_array()[0], "name"), "测试甲");
  auto reveal = town.Get("/api/v1/incidents/" + std::to_string(id) + "/parties/sensitive");
  ASSERT_EQ(reveal.status, 200) << reveal.body;
  EXPECT_EQ(Str(reveal.json.at("parties").as_array()[0], "name"), "测试甲");
  EXPECT_EQ(AuditCount("incident", std::to_string(id), "read_sensitive"), 1);
}

TEST(PoliceIncidents, InjuryWeaponMinorsOrAWarningLetterMakeContactDueInTwoHours) {
  MoveClockTo(NextWeekdayMorning());
  const Partner p = NewPartner();
  for (const auto& flag : {json::object{{"injury", true}}, json::object{{"weapon", true}},
                           json::object{{"minors_present", true}},
                           json::object{{"warning_letter_no", "永公(东)告字[2026]12号"}}}) {
    const std::string number = UniqueNumber();
    const int64_t pushed = Now();
    ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress(), flag)).status, 201);
    auto town = TestServer::Get().As("town");
    const auto push = Work(town, IncidentIdOf(number)).at("pushes").as_array()[0];
    EXPECT_EQ(Str(push, "contact_due_at"), FormatBeijing(pushed + 2 * kHour)) << flag;
  }
}

TEST(PoliceIncidents, AtNightEachPushGoesToWhoeverIsOnDutyAndIsAcknowledgedWithinAnHour) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  OnDutyAround(kTown, UserIdOf("town"), evening);
  OnDutyAround(kVillage, UserIdOf("village"), evening);
  const Partner p = NewPartner();
  const std::string number = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress())).status, 201);
  auto town = TestServer::Get().As("town");
  const auto pushes = Work(town, IncidentIdOf(number)).at("pushes").as_array();
  EXPECT_TRUE(pushes[0].at("night").as_bool());
  EXPECT_EQ(Str(pushes[0], "ack_due_at"), FormatBeijing(evening + kHour));
  EXPECT_EQ(pushes[0].at("assignee").at("id").as_int64(), UserIdOf("town"));
  EXPECT_EQ(pushes[1].at("assignee").at("id").as_int64(), UserIdOf("village"));
  EXPECT_EQ(pushes[2].at("assignee").at("id").as_int64(), UserIdOf("town"));
  // The grid's sister has it on her phone and may work on it, though the person on duty holds it.
  auto sister = TestServer::Get().As("gridsister");
  const int64_t id = IncidentIdOf(number);
  auto mine = sister.Get("/api/v1/incidents/pushes/mine");
  ASSERT_EQ(mine.status, 200) << mine.body;
  bool listed = false;
  for (const auto& p : mine.json.at("items").as_array())
    listed |=
        p.at("incident").at("id").as_int64() == id && Str(p, "recipient") == "village_federation";
  EXPECT_TRUE(listed);
  auto acked =
      sister.Post("/api/v1/incidents/" + std::to_string(id) + "/pushes/" +
                      std::to_string(pushes[1].at("id").as_int64()) + "/steps",
                  json::object{{"stage", "acknowledged"}, {"version", pushes[1].at("version")}});
  EXPECT_EQ(acked.status, 200) << acked.body;
  // Not the town's push.
  auto refused =
      sister.Post("/api/v1/incidents/" + std::to_string(id) + "/pushes/" +
                      std::to_string(pushes[0].at("id").as_int64()) + "/steps",
                  json::object{{"stage", "acknowledged"}, {"version", pushes[0].at("version")}});
  EXPECT_EQ(refused.status, 403);
}

TEST(PoliceIncidents, AnAddressWithoutAKnownHouseholdIsPlacedAtItsVillageOrTownAndFlagged) {
  const Partner p = NewPartner();
  auto town = TestServer::Get().As("town");
  const std::string village_name = QueryText("SELECT name FROM regions WHERE code = ?", {kVillage});
  const std::string town_name = QueryText("SELECT name FROM regions WHERE code = ?", {kTown});
  const std::string at_village = UniqueNumber();
  ASSERT_EQ(
      Send(p, Incident(at_village, "永康市" + town_name + village_name + "无此路 999 号")).status,
      201);
  const int64_t id = IncidentIdOf(at_village);
  auto rec = town.Get("/api/v1/incidents/" + std::to_string(id));
  EXPECT_EQ(Str(rec.json, "region_code"), kVillage);
  EXPECT_TRUE(rec.json.at("needs_placement").as_bool());
  const std::string at_town = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(at_town, town_name + "某处")).status, 201);
  EXPECT_EQ(QueryText("SELECT region_code FROM police_incidents WHERE incident_no = ?", {at_town}),
            kTown);
  const std::string nowhere = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(nowhere, "不详")).status, 201);
  EXPECT_EQ(QueryText("SELECT level FROM police_incidents WHERE incident_no = ?", {nowhere}),
            "city");
  // The town places the first one in a grid: the village's push goes to the grid's sister.
  auto flagged = town.Get("/api/v1/incidents?needs_placement=1&page_size=100");
  ASSERT_EQ(flagged.status, 200) << flagged.body;
  bool listed = false;
  for (const auto& i : flagged.json.at("items").as_array()) listed |= i.at("id").as_int64() == id;
  EXPECT_TRUE(listed);
  auto placed =
      town.Post("/api/v1/incidents/" + std::to_string(id) + "/place",
                json::object{{"region_code", kGrid}, {"version", rec.json.at("version")}});
  ASSERT_EQ(placed.status, 200) << placed.body;
  EXPECT_FALSE(placed.json.at("needs_placement").as_bool());
  const auto village_push = Work(town, id).at("pushes").as_array()[1];
  EXPECT_EQ(Str(village_push, "region_code"), kVillage);
  auto again =
      town.Post("/api/v1/incidents/" + std::to_string(id) + "/place",
                json::object{{"region_code", kGrid}, {"version", placed.json.at("version")}});
  EXPECT_EQ(again.ErrorCode(), "already_placed");
}

// The names addresses are matched against are kept in memory; a village made or renamed since is
// matched by the very next incident.
TEST(PoliceIncidents, AVillageMadeOrRenamedIsMatchedByTheNextIncident) {
  const Partner p = NewPartner();
  auto admin = TestServer::Get().As("admin");
  const std::string town_name = QueryText("SELECT name FROM regions WHERE code = ?", {kTown});
  const std::string code = std::string(kTown) + "877";
  const auto region_of = [&](const std::string& address) {
    const std::string number = UniqueNumber();
    EXPECT_EQ(Send(p, Incident(number, address)).status, 201);
    return QueryText("SELECT region_code FROM police_incidents WHERE incident_no = ?", {number});
  };
  EXPECT_EQ(region_of(town_name + "缓存新村 1 号"), kTown);  // no such village yet
  ASSERT_EQ(admin
                .Post("/api/v1/regions",
                      json::object{{"code", code}, {"name", "缓存新村"}, {"parent_code", kTown}})
                .status,
            201);
  EXPECT_EQ(region_of(town_name + "缓存新村 2 号"), code);
  ASSERT_EQ(admin.Patch("/api/v1/regions/" + code, json::object{{"name", "缓存改名村"}}).status,
            200);
  EXPECT_EQ(region_of(town_name + "缓存改名村 3 号"), code);
  EXPECT_EQ(region_of(town_name + "缓存新村 4 号"), kTown);
}

TEST(PoliceIncidents, ASecondIncidentBetweenTheSamePeopleIsLinkedAsARepeat) {
  const Partner p = NewPartner();
  const std::string first = UniqueNumber(), second = UniqueNumber();
  auto body = Incident(first, "不详地址");
  ASSERT_EQ(Send(p, body).status, 201);
  body["incident_no"] = second;
  ASSERT_EQ(Send(p, body).status, 201);  // the same victim's phone
  auto city = TestServer::Get().As("city");
  const int64_t id = IncidentIdOf(second);
  auto rec = city.Get("/api/v1/incidents/" + std::to_string(id));
  EXPECT_TRUE(rec.json.at("repeated").as_bool());
  const auto work = Work(city, id);
  EXPECT_EQ(work.at("repeat_of").at("id").as_int64(), IncidentIdOf(first));
  EXPECT_EQ(Work(city, IncidentIdOf(first)).at("repeats").as_array().size(), 1u);
}

// The police route looks for the earlier incident on a reader, before the write; an incident of
// the same people written in between (the same batch of the one writer) is found by the writer.
TEST(PoliceIncidents, AnIncidentWrittenAfterTheLookBeforeTheWriteIsStillItsRepeat) {
  const Partner p = NewPartner();
  auto& app = TestServer::Get().app();
  auto& s = app.services();
  const std::string phone = UniquePhone();
  store::IncidentIntake later;
  later.incident.incident_no = UniqueNumber();
  later.incident.reported_at = Now() - 10 * kMinute;
  later.incident.kind = domain::IncidentKind::kDomesticViolence;
  later.address = "不详地址";
  later.parties = {{domain::IncidentPartyRole::kVictim, "并发测试甲", "female", phone},
                   {domain::IncidentPartyRole::kActor, "并发测试乙", "male", ""}};
  later.repeat = app.db().ReadSync([&](store::Connection& c) {
    store::PlaceByAddress(c, s.cipher, *s.region_names, later);
    return store::LookForRepeat(c, s.cipher, later);
  });
  EXPECT_FALSE(later.repeat->best.has_value());
  // In between: another incident of the same victim, by her phone only.
  const std::string between = UniqueNumber();
  auto body = Incident(between, "不详地址");
  body["parties"] = json::array{json::object{
      {"role", "victim"}, {"name", "另一名字"}, {"gender", "female"}, {"phone", phone}}};
  ASSERT_EQ(Send(p, body).status, 201);
  const auto taken = app.db().WriteSync([&](store::Connection& c) {
    return store::TakeInIncident(c, s.cipher, *s.region_names, later, Now());
  });
  ASSERT_TRUE(taken.created);
  EXPECT_EQ(taken.repeat_of, IncidentIdOf(between));
  EXPECT_EQ(QueryInt("SELECT repeated FROM police_incidents WHERE id = ?", {taken.id}), 1);
  // Without anything in between, the look alone decides: a stranger repeats nobody.
  store::IncidentIntake stranger = later;
  stranger.incident.incident_no = UniqueNumber();
  stranger.parties = {{domain::IncidentPartyRole::kVictim, "并发测试丙", "female", UniquePhone()}};
  stranger.repeat.reset();
  const auto alone = app.db().WriteSync([&](store::Connection& c) {
    return store::TakeInIncident(c, s.cipher, *s.region_names, stranger, Now());
  });
  EXPECT_FALSE(alone.repeat_of.has_value());
}

TEST(PoliceIncidents, ThePoliceReadTheFeedbackOfTheirOwnIncidentsOnly) {
  MoveClockTo(NextWeekdayMorning());
  const Partner p = NewPartner();
  const std::string number = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress())).status, 201);
  const int64_t id = IncidentIdOf(number);
  auto sister = TestServer::Get().As("gridsister");
  auto step = [&](const std::string& stage, const std::string& note) {
    const auto push = Work(sister, id).at("pushes").as_array()[1];
    json::object body{{"stage", stage}, {"version", push.at("version")}};
    if (!note.empty()) body["note"] = note;
    return sister.Post("/api/v1/incidents/" + std::to_string(id) + "/pushes/" +
                           std::to_string(push.at("id").as_int64()) + "/steps",
                       body);
  };
  EXPECT_EQ(step("contacted", "").ErrorCode(), "out_of_order");
  EXPECT_EQ(step("acknowledged", "").status, 200);
  EXPECT_EQ(step("contacted", "电话联系受害人，已安全").status, 200);
  EXPECT_EQ(step("visited", "上门走访，情况稳定").status, 200);
  // The home visit is a visit of the household's record too (issue 12, point 2): kind incident
  // follow-up, linked to the incident, its note the visit's sealed findings.
  const int64_t household =
      QueryInt("SELECT household_id FROM police_incidents WHERE id = ?", {id});
  ASSERT_GT(household, 0);
  const int64_t visit = QueryInt(
      "SELECT MAX(id) FROM visits WHERE incident_id = ? AND kind = 'incident_follow_up' AND "
      "household_id = ? AND mode = 'home' AND recorded_by = ?",
      {id, household, UserIdOf("gridsister")});
  ASSERT_GT(visit, 0);
  EXPECT_EQ(QueryText("SELECT findings_enc FROM visits WHERE id = ?", {visit}).find("情况稳定"),
            std::string::npos);
  auto seen = TestServer::Get().As("village").Get("/api/v1/visits/" + std::to_string(visit));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json.at("incident_id").as_int64(), id);
  EXPECT_EQ(Str(seen.json, "kind"), "incident_follow_up");
  auto findings =
      TestServer::Get().As("village").Get("/api/v1/visits/" + std::to_string(visit) + "/sensitive");
  ASSERT_EQ(findings.status, 200) << findings.body;
  EXPECT_EQ(Str(findings.json, "findings"), "上门走访，情况稳定");
  EXPECT_EQ(
      QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'incident' AND entity_id = ? "
               "AND action = 'push_step' AND detail LIKE ?",
               {std::to_string(id), "%stage=visited;fields=note;visit=" + std::to_string(visit)}),
      1);
  auto empty = step("fed_back", "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.json.at("error").at("field").as_string(), "note");
  auto fed = step("fed_back", "已走访，建议持续关注");
  ASSERT_EQ(fed.status, 200) << fed.body;
  EXPECT_EQ(Str(fed.json, "stage"), "fed_back");
  auto feedback = Feedback(p, number);
  ASSERT_EQ(feedback.status, 200) << feedback.body;
  const auto& pushes = feedback.json.at("pushes").as_array();
  EXPECT_EQ(Str(pushes[1], "feedback"), "已走访，建议持续关注");
  EXPECT_EQ(Str(pushes[1], "stage"), "fed_back");
  EXPECT_TRUE(pushes[0].at("feedback").is_null());
  EXPECT_EQ(Str(feedback.json, "stage"), "pushed");  // the least advanced push
  // Another partner, or a number it never sent: the same 404.
  auto other = Feedback(NewPartner(), number);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(Feedback(p, "J-NOT-SENT").status, 404);
  EXPECT_EQ(AuditCount("incident", std::to_string(id), "read_feedback"), 1);
}

}  // namespace
}  // namespace hejia::testing
