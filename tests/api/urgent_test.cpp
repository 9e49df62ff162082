// The people who use it every day (issue 10): a domestic-violence request whose applicant says she
// is not safe now is urgent — critical, alerted day and night to the person on duty and to the
// handling unit (live alert and an SMS naming only the case and its kind), first on the desk;
// staff find a case by the tracking code she reads out with her phone's last four digits.
#include "accounts.hpp"
#include "case_helpers.hpp"
#include "store/case_repo.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

constexpr const char* kTown = "330784001";  // 东城街道

/// A portal request; returns the answer.
HttpResult PortalRequest(const std::string& category, const std::string& phone,
                         const std::string& safe_now) {
  TimePasses();  // the portal's per-address limits start empty
  Client citizen(TestServer::Get().port());
  json::object body{{"category", category},     {"facts", "他又动手了，我躲在邻居家。"},
                    {"town_code", kTown},       {"village_code", FirstVillageOf(kTown)},
                    {"address", "幸福路 8 号"}, {"name", "李女士"},
                    {"phone", phone},           {"safe_contact", "只发短信"}};
  if (!safe_now.empty()) body["safe_now"] = safe_now;
  body["challenge"] = SolvedChallenge(citizen);
  return citizen.Post("/api/v1/public/help-requests", body);
}

/// The case a tracking code names (read directly: the test is not staff).
int64_t CaseOfCode(const std::string& code) {
  auto& app = TestServer::Get().app();
  return app.db().ReadSync([&](store::Connection& c) {
    auto t = store::FindTrackedCase(c, app.services().cipher, code);
    return t ? t->id : 0;
  });
}

/// Every urgent SMS that names `case_no`, decrypted.
std::vector<std::string> UrgentTexts(const std::string& case_no) {
  auto& server = TestServer::Get();
  const auto& cipher = server.app().services().cipher;
  std::vector<std::string> out;
  server.app().db().ReadSync([&](store::Connection& c) {
    for (const auto& r : c.Query(
             "SELECT id, body_enc FROM sms_outbox WHERE purpose = 'urgent_alert' ORDER BY id")) {
      auto body = cipher.Decrypt(r.Text(1), "sms_outbox/body/" + std::to_string(r.Int(0)));
      if (body && body->find(case_no) != std::string::npos) out.push_back(*body);
    }
  });
  return out;
}

json::object EventOf(int64_t case_id, const std::string& kind) {
  const std::string data =
      QueryText("SELECT data FROM case_events WHERE case_id = ? AND kind = ? ORDER BY id LIMIT 1",
                {case_id, kind});
  return json::parse(data).as_object();
}

TEST(Urgent, AnUnsafeDomesticViolenceRequestIsCriticalAndAlertedByDay) {
  MoveClockTo(NextBeijing(0, 10, 0));  // a Monday morning: no night clinic
  auto city = TestServer::Get().As("city");
  EventStream stream(TestServer::Get().port(), city.cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();

  const std::string phone = UniquePhone();
  auto r = PortalRequest("domestic_violence", phone, "no");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string code(r.json.at("tracking_code").as_string());
  const int64_t id = CaseOfCode(code);
  ASSERT_GT(id, 0);

  // critical, so routed as the settings route critical requests (the city by default)
  auto c = city.Get("/api/v1/cases/" + std::to_string(id));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json.at("urgent"), true);
  EXPECT_EQ(Str(c.json, "severity"), "critical");
  EXPECT_EQ(Str(c.json, "level"), "city");
  EXPECT_EQ(c.json.at("night_clinic"), false);
  const std::string case_no = Str(c.json, "case_no");

  // the handling unit's staff hear of it at once, the city's demo account among them
  EXPECT_TRUE(stream.WaitFor("\"urgent\":true")) << stream.received();
  EXPECT_TRUE(stream.WaitFor(case_no)) << stream.received();
  const auto event = EventOf(id, "urgent_alert");
  const auto& users = event.at("users").as_array();
  ASSERT_FALSE(users.empty());
  EXPECT_LE(users.size(), 5u);
  bool city_told = false;
  for (const auto& u : users) city_told = city_told || u.as_int64() == UserIdOf("city");
  EXPECT_TRUE(city_told) << event;
  // an SMS to each who has a phone: the case and its kind only
  const auto texts = UrgentTexts(case_no);
  EXPECT_EQ(static_cast<int64_t>(texts.size()), event.at("sms").as_int64());
  for (const auto& text : texts) {
    EXPECT_NE(text.find("家庭暴力"), std::string::npos) << text;
    for (const std::string never : {std::string("李女士"), std::string("幸福路"), phone})
      EXPECT_EQ(text.find(never), std::string::npos) << text;
  }
  EXPECT_EQ(AuditCount("case", std::to_string(id), "urgent_alert"), 1);
  EXPECT_EQ(AuditEntriesCarrying(phone), 0);

  // and it is first among the city desk's new requests
  auto desk = city.Get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  const auto& fresh = desk.json.at("new_requests").as_array();
  ASSERT_FALSE(fresh.empty());
  EXPECT_EQ(fresh.at(0).at("urgent"), true);
  EXPECT_GE(desk.json.at("counts").at("urgent").as_int64(), 1);
  auto listed = city.Get("/api/v1/cases?urgent=1&status=registered&page_size=100");
  ASSERT_EQ(listed.status, 200) << listed.body;
  bool found = false;
  for (const auto& item : listed.json.at("items").as_array()) {
    EXPECT_EQ(item.at("urgent"), true);
    found = found || item.at("id").as_int64() == id;
  }
  EXPECT_TRUE(found);
}

TEST(Urgent, AtNightTheOnDutyPersonTakesItAndIsTextedAtOnce) {
  const int64_t at = NextWeekdayEvening() + 30 * kMinute;
  MoveClockTo(at);
  const std::string login = UniqueLogin("urgent");
  const int64_t duty = CreateStaff(login, "city_staff", "330784");
  OnDutyAround("330784", duty, at);
  auto r = PortalRequest("domestic_violence", UniquePhone(), "no");
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = CaseOfCode(std::string(r.json.at("tracking_code").as_string()));
  auto c = TestServer::Get().As("city").Get("/api/v1/cases/" + std::to_string(id));
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json.at("night_clinic"), true);
  ASSERT_FALSE(c.json.at("assignee").is_null()) << c.body;
  EXPECT_EQ(c.json.at("assignee").at("id").as_int64(), duty);
  const auto event = EventOf(id, "urgent_alert");
  EXPECT_EQ(event.at("users").as_array().at(0).as_int64(), duty) << "the one on duty first";
  // texted at once, not after the night clinic's five minutes
  const std::string phone = MadeAccounts()[login].phone;
  const auto texts = MessagesTo(phone, "urgent_alert");
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_NE(texts[0].find(Str(c.json, "case_no")), std::string::npos) << texts[0];
}

TEST(Urgent, OnlyAnUnsafeAnswerMakesItUrgentAndABadAnswerIsRefused) {
  MoveClockTo(NextBeijing(1, 10, 0));
  for (const char* answer : {"yes", "unsure", ""}) {
    auto r = PortalRequest("domestic_violence", UniquePhone(), answer);
    ASSERT_EQ(r.status, 201) << r.body;
    const int64_t id = CaseOfCode(std::string(r.json.at("tracking_code").as_string()));
    EXPECT_EQ(QueryInt("SELECT urgent FROM cases WHERE id = ?", {id}), 0) << answer;
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = "
                       "'urgent_alert'",
                       {id}),
              0);
  }
  const int64_t before = CountRows("cases");
  auto bad = PortalRequest("domestic_violence", UniquePhone(), "maybe");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.ErrorField(), "safe_now");
  EXPECT_EQ(CountRows("cases"), before) << "nothing written";
}

TEST(Urgent, StaffTakingACallCanMarkItUrgent) {
  MoveClockTo(NextBeijing(2, 10, 0));
  auto body = Intake(kVillage, "domestic_violence");
  body["urgent"] = true;
  auto c = NewCase("town", body);
  EXPECT_EQ(c.at("urgent"), true);
  EXPECT_EQ(Str(c, "severity"), "critical");
  const int64_t id = c.at("id").as_int64();
  EXPECT_FALSE(EventOf(id, "urgent_alert").at("users").as_array().empty());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = ? AND "
                     "action = 'create' AND detail LIKE '%urgent%'",
                     {std::to_string(id)}),
            1);
}

// ---- finding a case by its tracking code ----

TEST(FindByCode, TheCodeWithTheLastFourDigitsOpensACaseInSight) {
  MoveClockTo(NextBeijing(3, 10, 0));
  const std::string phone = UniquePhone();
  auto r = PortalRequest("child_support", phone, "");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string code(r.json.at("tracking_code").as_string());
  const int64_t id = CaseOfCode(code);
  const std::string last4 = phone.substr(7);
  auto town = TestServer::Get().As("town");

  // typed as read out on the phone: lower case, spaces
  std::string spoken = code;
  for (auto& ch : spoken) ch = static_cast<char>(std::tolower(ch));
  std::replace(spoken.begin(), spoken.end(), '-', ' ');
  auto found = town.Post("/api/v1/cases/find",
                         json::object{{"tracking_code", spoken}, {"phone_last4", last4}});
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json.at("id").as_int64(), id);
  EXPECT_EQ(AuditCount("case", std::to_string(id), "find_tracking"), 1);

  // wrong digits, another town's staff, an unknown code: the same 404
  const std::string wrong = last4 == "0000" ? "1111" : "0000";
  auto digits = town.Post("/api/v1/cases/find",
                          json::object{{"tracking_code", code}, {"phone_last4", wrong}});
  EXPECT_EQ(digits.status, 404) << digits.body;
  auto far = TestServer::Get().As("town2").Post(
      "/api/v1/cases/find", json::object{{"tracking_code", code}, {"phone_last4", last4}});
  EXPECT_EQ(far.status, 404) << far.body;
  EXPECT_EQ(far.body.find(std::to_string(id)), std::string::npos);
  auto unknown = town.Post("/api/v1/cases/find", json::object{{"tracking_code", "2345-6789-ABCD"},
                                                              {"phone_last4", last4}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(digits.body, far.body) << "a miss and a case out of sight answer alike";

  // malformed input names its field
  auto bad = town.Post("/api/v1/cases/find",
                       json::object{{"tracking_code", "ABC"}, {"phone_last4", last4}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "tracking_code");
  auto bad4 = town.Post("/api/v1/cases/find",
                        json::object{{"tracking_code", code}, {"phone_last4", "12a4"}});
  EXPECT_EQ(bad4.status, 400);
  EXPECT_EQ(bad4.ErrorField(), "phone_last4");

  // every attempt is on record, the code and the digits never
  EXPECT_GE(QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'find_tracking' AND result = "
                     "'failed'"),
            3);
  EXPECT_EQ(AuditEntriesCarrying(code), 0);
  EXPECT_EQ(AuditEntriesCarrying(code.substr(0, 4) + code.substr(5, 4)), 0);
}

// ---- the desk ----

TEST(Desk, MyCasesComeWithTheirNextLimitAndMarkedCasesNeedAttention) {
  MoveClockTo(NextBeijing(0, 10, 0));
  auto village = TestServer::Get().As("village");
  auto c = NewCase("town", Intake(kVillage));
  const int64_t id = c.at("id").as_int64();
  auto claimed = village.Post("/api/v1/cases/" + std::to_string(id) + "/claim", json::object{});
  ASSERT_EQ(claimed.status, 200) << claimed.body;

  auto desk = village.Get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  const auto& counts = desk.json.at("counts");
  EXPECT_GE(counts.at("my_cases").as_int64(), 1);
  EXPECT_GE(counts.at("new_requests").as_int64(), 1);
  bool mine = false;
  for (const auto& item : desk.json.at("my_cases").as_array()) {
    if (item.at("id").as_int64() != id) continue;
    mine = true;
    EXPECT_EQ(Str(item.at("next_due"), "limit"), "first_contact");
    EXPECT_EQ(item.at("next_due").at("missed"), false);
  }
  EXPECT_TRUE(mine) << desk.body;

  // a supervision mark puts it among the cases needing attention, first
  TestServer::Get().app().db().WriteSync([&](store::Connection& conn) {
    conn.Execute("UPDATE cases SET supervision = 'yellow' WHERE id = ?", {id});
  });
  desk = village.Get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  const auto& attention = desk.json.at("attention").as_array();
  ASSERT_FALSE(attention.empty());
  EXPECT_EQ(Str(attention.at(0), "supervision"), "yellow");
  EXPECT_GE(desk.json.at("counts").at("supervised").as_int64(), 1);
  auto listed = village.Get("/api/v1/cases?attention=1&page_size=100");
  ASSERT_EQ(listed.status, 200) << listed.body;
  bool there = false;
  for (const auto& item : listed.json.at("items").as_array())
    there = there || item.at("id").as_int64() == id;
  EXPECT_TRUE(there);

  // another town's desk does not see it
  auto far = TestServer::Get().As("town2").Get("/api/v1/desk");
  ASSERT_EQ(far.status, 200) << far.body;
  for (const char* list : {"new_requests", "my_cases", "attention"})
    for (const auto& item : far.json.at(list).as_array())
      EXPECT_NE(item.at("id").as_int64(), id) << list;
}

TEST(Desk, UnansweredConsultationsOfMyAreaNearestLimitFirst) {
  auto& server = TestServer::Get();
  for (int i = 0; i < 2; ++i) {
    TimePasses();
    Client citizen(server.port());
    json::object body{
        {"category", "marriage"}, {"question", "离婚后孩子的抚养权怎么判？"}, {"town_code", kTown}};
    body["challenge"] = SolvedChallenge(citizen);
    auto r = citizen.Post("/api/v1/public/consultations", body);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto desk = server.As("town").Get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  EXPECT_GE(desk.json.at("counts").at("consultations").as_int64(), 2);
  std::string previous;
  for (const auto& q : desk.json.at("consultations").as_array()) {
    if (!q.at("answer_due_at").is_string()) continue;  // a row another test wrote by hand
    const std::string at = Str(q, "answer_due_at");
    EXPECT_LE(previous, at) << "the nearest limit first";
    previous = at;
  }
  // the other town sees none of them
  auto far = server.As("town2").Get("/api/v1/desk");
  for (const auto& q : far.json.at("consultations").as_array())
    EXPECT_NE(Str(q, "region_name"), "东城街道");
  // and an account that reads no cases has no desk
  EXPECT_EQ(server.As("auditor").Get("/api/v1/desk").status, 403);
}

}  // namespace
}  // namespace hejia::testing
