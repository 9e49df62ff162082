// Following a help request on the portal (issue 10, point 4): the follow page offers the handling
// unit's office phone (12338 when it has none), and she may answer the staff in a few lines that
// land on the case's timeline and reach its handler live; a miss is the lookup's one 404, an ended
// request takes no reply, and nothing is written for a refused one.
#include "case_helpers.hpp"
#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

/// A help request taken in by `town` for her first village: its id, tracking code and the last
/// four digits of the applicant's phone.
struct Request {
  int64_t id = 0;
  std::string code, last4;
};

Request NewRequest() {
  TimePasses();  // the portal's per-address windows start empty
  const std::string phone = UniquePhone();
  auto made = NewCase("town", Intake(kVillage, "child_support", phone));
  return Request{made.at("id").as_int64(), Str(made, "tracking_code"), phone.substr(7)};
}

HttpResult Lookup(Client& citizen, const Request& r) {
  return citizen.Post("/api/v1/public/help-requests/lookup",
                      json::object{{"tracking_code", r.code}, {"phone_last4", r.last4}});
}

HttpResult Reply(Client& citizen, const Request& r, const std::string& text) {
  return citizen.Post(
      "/api/v1/public/help-requests/reply",
      json::object{{"tracking_code", r.code}, {"phone_last4", r.last4}, {"text", text}});
}

std::string CaseRegion(int64_t id) {
  return QueryText("SELECT region_code FROM cases WHERE id = ?", {id});
}

void SetUnitPhone(const std::string& code, const std::string& phone) {
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute("UPDATE regions SET phone = ? WHERE code = ?", {phone, code});
  });
}

TEST(PortalFollow, AUnitsOfficePhoneIsSetThroughTheRegionsApiNormalisedAndAudited) {
  auto admin = TestServer::Get().As("admin");
  const std::string before = Str(admin.Get("/api/v1/regions/330784001").json, "phone");
  auto set = admin.Patch("/api/v1/regions/330784001", json::object{{"phone", "0579-8712 3456"}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Str(set.json, "phone"), "057987123456");
  EXPECT_EQ(Str(admin.Get("/api/v1/regions/330784001").json, "phone"), "057987123456");
  EXPECT_GE(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'region' AND entity_id = "
                     "'330784001' AND action = 'update' AND detail = 'phone'"),
            1);

  auto bad = admin.Patch("/api/v1/regions/330784001", json::object{{"phone", "12345"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.ErrorField(), "phone");
  auto cleared = admin.Patch("/api/v1/regions/330784001", json::object{{"phone", ""}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(Str(cleared.json, "phone"), "");
  // A list carries it too; the town staff read it but may not change it.
  auto town = TestServer::Get().As("town");
  auto listed = town.Get("/api/v1/regions?root=1");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(listed.json.at("items").at(0).as_object().contains("phone"));
  EXPECT_EQ(town.Patch("/api/v1/regions/330784001", json::object{{"phone", "057987123456"}}).status,
            403);
  SetUnitPhone("330784001", before);
}

TEST(PortalFollow, ShowsTheHandlingUnitsPhoneOrTheHotlineWhenItHasNone) {
  const Request r = NewRequest();
  const std::string unit = CaseRegion(r.id);
  const std::string before = QueryText("SELECT phone FROM regions WHERE code = ?", {unit});
  Client citizen(TestServer::Get().port());

  SetUnitPhone(unit, "057987654321");
  auto shown = Lookup(citizen, r);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(Str(shown.json, "phone"), "057987654321");
  EXPECT_FALSE(shown.json.at("phone_is_hotline").as_bool());
  EXPECT_EQ(Str(shown.json, "unit_name"),
            QueryText("SELECT name FROM regions WHERE code = ?", {unit}));
  EXPECT_TRUE(shown.json.at("can_reply").as_bool());

  SetUnitPhone(unit, "");
  auto hotline = Lookup(citizen, r);
  ASSERT_EQ(hotline.status, 200) << hotline.body;
  EXPECT_EQ(Str(hotline.json, "phone"), "12338");
  EXPECT_TRUE(hotline.json.at("phone_is_hotline").as_bool());
  SetUnitPhone(unit, before);
}

TEST(PortalFollow, HerReplyLandsOnTheTimelineAndOnHerFollowPage) {
  const Request r = NewRequest();
  auto town = TestServer::Get().As("town");
  // The staff ask her to call back; she answers.
  auto asked = town.Post(
      "/api/v1/cases/" + std::to_string(r.id) + "/events",
      json::object{
          {"kind", "message"}, {"text", "请方便时回电，我们想了解近况。"}, {"shared", true}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  Client citizen(TestServer::Get().port());
  auto replied = Reply(citizen, r, "  这周白天不方便，周六上午可以。  ");
  ASSERT_EQ(replied.status, 201) << replied.body;
  const auto& messages = replied.json.at("messages").as_array();
  ASSERT_EQ(messages.size(), 2u) << replied.body;
  EXPECT_EQ(Str(messages.at(0), "from"), "staff");
  EXPECT_EQ(Str(messages.at(1), "from"), "applicant");
  EXPECT_EQ(Str(messages.at(1), "text"), "这周白天不方便，周六上午可以。");
  // Read again later, it is still there.
  auto later = Lookup(citizen, r);
  ASSERT_EQ(later.status, 200);
  EXPECT_EQ(later.json.at("messages").as_array().size(), 2u);

  auto events = town.Get("/api/v1/cases/" + std::to_string(r.id) + "/events?page_size=100");
  ASSERT_EQ(events.status, 200) << events.body;
  const json::value* reply = nullptr;
  for (const auto& e : events.json.at("items").as_array())
    if (e.at("kind") == "applicant_reply") reply = &e;
  ASSERT_NE(reply, nullptr) << events.body;
  EXPECT_EQ(Str(*reply, "text"), "这周白天不方便，周六上午可以。");
  EXPECT_TRUE(reply->at("shared").as_bool());
  EXPECT_TRUE(reply->at("actor").at("id").is_null());
  // Audited as the portal's (no account, no address), with no word of what she wrote.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = ? AND "
                     "action = 'reply' AND actor_login = '' AND ip = '' AND detail = "
                     "'channel=portal'",
                     {std::to_string(r.id)}),
            1);
  EXPECT_EQ(AuditEntriesCarrying("周六上午"), 0);
  // Stored sealed like every timeline text.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM case_events WHERE text_enc LIKE '%周六%'"), 0);
}

TEST(PortalFollow, TheHandlerHearsOfAReplyLive) {
  const Request r = NewRequest();
  // At night the one on duty holds it already; by day the village takes it.
  std::string handler = QueryText(
      "SELECT COALESCE(u.login, '') FROM cases c LEFT JOIN users u ON u.id = c.assignee_id WHERE "
      "c.id = ?",
      {r.id});
  if (handler.empty()) {
    handler = "village";
    auto claimed = TestServer::Get().As(handler).Post(
        "/api/v1/cases/" + std::to_string(r.id) + "/claim", json::object{});
    ASSERT_EQ(claimed.status, 200) << claimed.body;
  }
  EventStream stream(TestServer::Get().port(), TestServer::Get().As(handler).cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();
  Client citizen(TestServer::Get().port());
  ASSERT_EQ(Reply(citizen, r, "收到，谢谢").status, 201);
  EXPECT_TRUE(stream.WaitFor("event: reply")) << stream.received();
  EXPECT_TRUE(stream.WaitFor("\"case_id\":" + std::to_string(r.id))) << stream.received();
  EXPECT_EQ(stream.received().find("收到"), std::string::npos) << "the stream carries her words";
}

TEST(PortalFollow, AReplyOnACaseNobodyHandlesReachesTheHandlingUnit) {
  MoveClockTo(NextBeijing(0, 10, 0));  // a Monday morning: no night clinic, nobody assigned
  const Request r = NewRequest();
  ASSERT_EQ(QueryInt("SELECT COUNT(*) FROM cases WHERE id = ? AND assignee_id IS NULL", {r.id}), 1);
  // the village handles it; its staff hear of her reply
  EventStream stream(TestServer::Get().port(), TestServer::Get().As("village").cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();
  Client citizen(TestServer::Get().port());
  ASSERT_EQ(Reply(citizen, r, "白天可以发短信").status, 201);
  EXPECT_TRUE(stream.WaitFor("event: reply")) << stream.received();
  EXPECT_TRUE(stream.WaitFor("\"case_id\":" + std::to_string(r.id))) << stream.received();
}

TEST(PortalFollow, AMissIsTheLookupsOne404AndWritesNothing) {
  const Request r = NewRequest();
  Client citizen(TestServer::Get().port());
  Request wrong = r;
  wrong.last4 = r.last4 == "0000" ? "0001" : "0000";
  const auto lookup_miss = Lookup(citizen, wrong);
  ASSERT_EQ(lookup_miss.status, 404);
  const int64_t events = CountRows("case_events"), audits = CountRows("audit_log");
  std::string unknown = r.code;
  unknown[0] = unknown[0] == 'A' ? 'B' : 'A';
  for (const json::object& body :
       {json::object{{"tracking_code", r.code}, {"phone_last4", wrong.last4}, {"text", "x"}},
        json::object{{"tracking_code", unknown}, {"phone_last4", r.last4}, {"text", "x"}},
        json::object{{"tracking_code", r.code}, {"text", "x"}},
        json::object{{"tracking_code", "not-a-code"}, {"phone_last4", r.last4}, {"text", ""}}}) {
    auto miss = citizen.Post("/api/v1/public/help-requests/reply", body);
    EXPECT_EQ(miss.status, 404) << json::serialize(body);
    EXPECT_EQ(miss.body, lookup_miss.body) << json::serialize(body);
  }
  EXPECT_EQ(CountRows("case_events"), events);
  EXPECT_EQ(CountRows("audit_log"), audits);
}

TEST(PortalFollow, AnEmptyOrOverlongReplyIsRefusedNamingTheText) {
  const Request r = NewRequest();
  Client citizen(TestServer::Get().port());
  const int64_t events = CountRows("case_events");
  EXPECT_EQ(Reply(citizen, r, "   ").ErrorField(), "text");
  std::string at_limit;
  for (int i = 0; i < 500; ++i) at_limit += "好";
  auto too_long = Reply(citizen, r, at_limit + "好");
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.ErrorField(), "text");
  EXPECT_EQ(CountRows("case_events"), events);
  EXPECT_EQ(Reply(citizen, r, at_limit).status, 201);
}

TEST(PortalFollow, AnEndedRequestTakesNoReply) {
  const Request r = NewRequest();
  auto town = TestServer::Get().As("town");
  auto withdrawn = Act(
      town, r.id, json::object{{"action", "withdraw"}, {"version", 1}, {"reason", "申请人撤回"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  Client citizen(TestServer::Get().port());
  auto shown = Lookup(citizen, r);
  ASSERT_EQ(shown.status, 200);
  EXPECT_FALSE(shown.json.at("can_reply").as_bool());
  const int64_t events = CountRows("case_events"), audits = CountRows("audit_log");
  auto refused = Reply(citizen, r, "还在吗？");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "case_closed");
  EXPECT_NE(refused.json.at("error").at("message").as_string().find("12338"), std::string::npos);
  EXPECT_EQ(CountRows("case_events"), events);
  EXPECT_EQ(CountRows("audit_log"), audits);
}

TEST(PortalFollow, RepliesShareThePortalsLimitOfFiveWritesInTenMinutes) {
  const Request r = NewRequest();
  Client citizen(TestServer::Get().port());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Reply(citizen, r, "第" + std::to_string(i) + "条").status, 201);
  auto limited = Reply(citizen, r, "第六条");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.Header("retry-after").empty());
  TimePasses();
  EXPECT_EQ(Reply(citizen, r, "十分钟后").status, 201);
}

}  // namespace
}  // namespace hejia::testing
