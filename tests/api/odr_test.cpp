// The provincial dispute platform (解纷码, issue 13, point 4): disputes arrive by a signed,
// idempotent interface (the same code twice is one case), are routed and night-assigned like any
// intake, and their status goes back at acceptance, agreement, termination and closing by signed
// callbacks, in order, retried with backoff; failures are listed for an operator who sends them
// again.
#include "accounts.hpp"
#include "callback_receiver.hpp"
#include "police_helpers.hpp"

namespace hejia::testing {
namespace {

using namespace police;

Partner NewPlatform(const std::string& callback_url = "") {
  static std::atomic<int> n{0};
  const std::string code = "odr-" + std::to_string(++n) + "-" + security::RandomToken(3);
  json::object body{
      {"code", code}, {"name", "浙江省在线矛盾纠纷多元化解平台"}, {"kind", "odr_platform"}};
  if (!callback_url.empty()) body["callback_url"] = callback_url;
  auto r = TestServer::Get().As("admin").Post("/api/v1/partners", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return Partner{code, Str(r.json, "key"), r.json.at("id").as_int64()};
}

std::string UniqueCode() {
  static std::atomic<int> n{0};
  return "JF330784" + std::to_string(Now() / 1000 % 100000000) + std::to_string(++n);
}

json::object Dispute(const std::string& code, const std::string& category = "child_support") {
  return json::object{
      {"code", code},
      {"category", category},
      {"facts", "对方拖欠抚养费半年，经平台登记后转妇联调解。"},
      {"home_code", kGrid},
      {"parties", json::array{json::object{{"role", "applicant"},
                                           {"name", "赵丽华"},
                                           {"gender", "female"},
                                           {"phone", UniquePhone()}},
                              json::object{{"role", "respondent"}, {"name", "钱某"}}}}};
}

HttpResult SendDispute(const Partner& p, const json::object& dispute,
                       std::map<std::string, std::string> headers = {}) {
  const std::string body = json::serialize(dispute);
  if (headers.empty()) headers = Signed(p, "POST", "/api/v1/odr/cases", body);
  Client c(TestServer::Get().port());
  return c.Request("POST", "/api/v1/odr/cases", body, headers);
}

int64_t CaseIdOf(const std::string& code) {
  return QueryInt("SELECT case_id FROM odr_cases WHERE code = ?", {code});
}

TEST(Odr, OnlyTheSignedPlatformIsHeardAndARefusedRequestWritesNothing) {
  MoveClockTo(NextBeijing(-1, 10, 0));
  const Partner platform = NewPlatform();
  const Partner police = NewPartner();
  const int64_t before = CountRows("cases");
  const auto dispute = Dispute(UniqueCode());
  const std::string body = json::serialize(dispute);
  Client c(TestServer::Get().port());
  EXPECT_EQ(
      c.Request("POST", "/api/v1/odr/cases", body, {{"Content-Type", "application/json"}}).status,
      401);
  auto forged = Signed(platform, "POST", "/api/v1/odr/cases", body);
  forged["X-HeJia-Signature"] =
      Signed(police, "POST", "/api/v1/odr/cases", body)["X-HeJia-Signature"];
  EXPECT_EQ(SendDispute(platform, dispute, forged).status, 401);
  auto stale = Signed(platform, "POST", "/api/v1/odr/cases", body, Now() / 1000 - 3600);
  EXPECT_EQ(SendDispute(platform, dispute, stale).status, 401);
  // The police's key opens the police's door only.
  EXPECT_EQ(SendDispute(police, dispute).status, 403);
  EXPECT_EQ(CountRows("cases"), before);
  // A bad body names its field, and nothing is written.
  auto bad = Dispute("JF 1");
  EXPECT_EQ(SendDispute(platform, bad).status, 400);
  bad = Dispute(UniqueCode(), "gossip");
  auto r = SendDispute(platform, bad);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Str(r.json.at("error"), "field"), "category");
  EXPECT_EQ(CountRows("cases"), before);
  // A replayed request is refused, even one that was answered.
  const auto headers = Signed(platform, "POST", "/api/v1/odr/cases", body);
  EXPECT_EQ(SendDispute(platform, dispute, headers).status, 201);
  EXPECT_EQ(SendDispute(platform, dispute, headers).status, 401);
  EXPECT_EQ(CountRows("cases"), before + 1);
}

TEST(Odr, TheSameCodeTwiceIsOneCaseAndThePlatformReadsWhereItStands) {
  MoveClockTo(NextBeijing(-1, 10, 0));
  const Partner platform = NewPlatform();
  const std::string code = UniqueCode();
  const int64_t before = CountRows("cases");
  auto first = SendDispute(platform, Dispute(code));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.json.at("new").as_bool());
  EXPECT_EQ(Str(first.json, "status"), "registered");
  auto again = SendDispute(platform, Dispute(code));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_FALSE(again.json.at("new").as_bool());
  EXPECT_EQ(Str(again.json, "case_no"), Str(first.json, "case_no"));
  EXPECT_EQ(CountRows("cases"), before + 1);
  // The case is an intake like any: channel odr_platform, its code the external reference.
  auto kase = TestServer::Get().As("town").Get("/api/v1/cases/" + std::to_string(CaseIdOf(code)));
  ASSERT_EQ(kase.status, 200) << kase.body;
  EXPECT_EQ(Str(kase.json, "channel"), "odr_platform");
  EXPECT_EQ(Str(kase.json, "external_ref"), code);
  // The platform reads where it stands, and only its own codes.
  const std::string path = "/api/v1/odr/cases/" + code;
  Client c(TestServer::Get().port());
  auto standing = c.Request("GET", path, "", Signed(platform, "GET", path, ""));
  ASSERT_EQ(standing.status, 200) << standing.body;
  EXPECT_EQ(Str(standing.json, "case_no"), Str(first.json, "case_no"));
  EXPECT_EQ(standing.body.find("赵丽华"), std::string::npos) << "no party's data goes back";
  const Partner other = NewPlatform();
  EXPECT_EQ(c.Request("GET", path, "", Signed(other, "GET", path, "")).status, 404);
  // Another platform account cannot take the code over.
  EXPECT_EQ(SendDispute(other, Dispute(code)).status, 409);
}

TEST(Odr, ANightDisputeGoesToWhoeverIsOnDuty) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  // Someone of her own on duty, so that no demo account's desk fills with this test's case.
  const int64_t duty = CreateStaff(UniqueLogin("odrduty"), "village_cadre", kVillage);
  OnDutyAround(kVillage, duty, evening);
  const Partner platform = NewPlatform();
  const std::string code = UniqueCode();
  ASSERT_EQ(SendDispute(platform, Dispute(code)).status, 201);
  auto kase =
      TestServer::Get().As("village").Get("/api/v1/cases/" + std::to_string(CaseIdOf(code)));
  ASSERT_EQ(kase.status, 200) << kase.body;
  EXPECT_TRUE(kase.json.at("night_clinic").as_bool());
  ASSERT_TRUE(kase.json.at("assignee").is_object()) << kase.body;
  EXPECT_EQ(kase.json.at("assignee").at("id").as_int64(), duty);
}

TEST(Odr, TheStatusGoesBackSignedAndInOrderAndAFailureWaitsForAnOperator) {
  MoveClockTo(NextBeijing(-1, 10, 0));
  Receiver province(503, "/odr/status?from=hejia");
  const Partner platform = NewPlatform(province.Url());
  const std::string code = UniqueCode();
  ASSERT_EQ(SendDispute(platform, Dispute(code)).status, 201);
  const int64_t id = CaseIdOf(code);
  auto village = TestServer::Get().As("village");
  auto accepted = Act(village, id, {{"action", "accept"}, {"version", 1}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  auto withdrawn = Act(
      village, id,
      {{"action", "withdraw"}, {"version", accepted.json.at("version")}, {"reason", "申请人撤回"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM odr_callbacks WHERE case_id = ?", {id}), 2);

  auto& app = TestServer::Get().app();
  int64_t t = Now();
  app.RunOdrCallbacks(t);
  ASSERT_EQ(province.received().size(), 1u);
  EXPECT_NE(province.received()[0].body.find("\"event\":\"accepted\""), std::string::npos)
      << "the closing must wait for the acceptance";
  // Ten attempts, each after a longer wait; then it waits for an operator, and so does the rest.
  for (int i = 0; i < 12; ++i) {
    t += 7 * kHour;
    app.RunOdrCallbacks(t);
  }
  EXPECT_EQ(province.received().size(), 10u);
  for (const auto& got : province.received())
    EXPECT_NE(got.body.find("\"event\":\"accepted\""), std::string::npos);
  auto admin = TestServer::Get().As("admin");
  auto failed = admin.Get("/api/v1/partners/odr-callbacks?status=failed");
  ASSERT_EQ(failed.status, 200) << failed.body;
  int64_t row = 0;
  for (const auto& c : failed.json.at("items").as_array())
    if (Str(c, "code") == code) {
      row = c.at("id").as_int64();
      EXPECT_EQ(Str(c, "last_error"), "HTTP 503");
      EXPECT_EQ(Str(c, "event"), "accepted");
    }
  ASSERT_NE(row, 0);
  province.set_status(200);
  auto retry = admin.Post("/api/v1/partners/odr-callbacks/" + std::to_string(row) + "/retry",
                          json::object{});
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(AuditCount("odr_callback", std::to_string(row), "retry"), 1);
  app.RunOdrCallbacks(Now() + 8 * 24 * kHour);
  app.RunOdrCallbacks(Now() + 8 * 24 * kHour + 1);
  const auto got = province.received();
  ASSERT_EQ(got.size(), 12u);
  EXPECT_NE(got[10].body.find("\"event\":\"accepted\""), std::string::npos);
  EXPECT_NE(got[11].body.find("\"event\":\"closed\""), std::string::npos);
  EXPECT_NE(got[11].body.find(code), std::string::npos);
  EXPECT_EQ(got[11].body.find("赵丽华"), std::string::npos);
  // The platform checks it as we check its requests: over the path, without the query.
  const auto& h = got[11].headers;
  EXPECT_EQ(h.at("X-HeJia-Partner"), platform.code);
  const security::SignedRequest signed_request{"POST",
                                               "/odr/status",
                                               h.at("X-HeJia-Timestamp"),
                                               h.at("X-HeJia-Nonce"),
                                               got[11].body,
                                               h.at("X-HeJia-Signature")};
  // (checked at its own time: the server's own loop may have sent it before the test's pass)
  const int64_t sent_at = std::stoll(h.at("X-HeJia-Timestamp"));
  EXPECT_EQ(security::CheckSignature(platform.key, signed_request, sent_at),
            security::SignatureCheck::kValid);
  // Sent once each.
  app.RunOdrCallbacks(Now() + 9 * 24 * kHour);
  EXPECT_EQ(province.received().size(), 12u);
}

TEST(Odr, AStaffTypedPlatformCaseAndAPoliceIncidentSendNothing) {
  MoveClockTo(NextBeijing(-1, 10, 0));
  json::object intake = Intake(kGrid);
  intake["channel"] = "odr_platform";
  intake["external_ref"] = UniqueCode();
  auto made = NewCase("town", intake);
  const int64_t id = made.at("id").as_int64();
  auto town = TestServer::Get().As("town");
  ASSERT_EQ(Act(town, id, {{"action", "accept"}, {"version", made.at("version")}}).status, 200);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM odr_callbacks WHERE case_id = ?", {id}), 0);
}

}  // namespace
}  // namespace hejia::testing
