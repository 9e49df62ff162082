// The public portal without an account: what it shows, the proof-of-work challenge, asking for
// help and following the request with a tracking code, and the limits that keep a script from
// flooding the federation or guessing other women's codes.
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <mutex>

#include "harness.hpp"
#include "security/tokens.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTown = "330784001";  // 东城街道
constexpr int64_t kMinute = 60'000;

json::object HelpRequest(const std::string& phone, const std::string& facts) {
  return json::object{{"category", "child_support"},
                      {"facts", facts},
                      {"wish", "希望按时支付抚养费"},
                      {"town_code", kTown},
                      {"village_code", FirstVillageOf(kTown)},
                      {"address", "幸福路 8 号"},
                      {"name", "王女士"},
                      {"phone", phone},
                      {"safe_contact", "晚上八点后打电话"},
                      {"disclose_identity", false}};
}

HttpResult Submit(Client& c, json::object body) {
  body["challenge"] = SolvedChallenge(c);
  return c.Post("/api/v1/public/help-requests", body);
}

std::string SubmitOk(Client& c, const std::string& phone, const std::string& facts) {
  auto r = Submit(c, HelpRequest(phone, facts));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? std::string(r.json.at("tracking_code").as_string()) : "";
}

TEST(PublicPortal, InfoListsTheHotlineCategoriesActiveTownsWithVillagesAndRooms) {
  auto& server = TestServer::Get();
  const int64_t now = server.clock().NowMillis();
  server.app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "INSERT INTO regions (code, name, level, parent_code, path, retired, created_at, "
        "updated_at) VALUES ('330784098', '旧镇（已撤）', 'town', '330784', '/330784/330784098/', "
        "1, ?, ?)",
        {now, now});
    c.Execute(
        "INSERT INTO mediation_rooms (name, region_code, region_path, level, address, hours, "
        "phone, demonstration, retired, created_at, updated_at) VALUES "
        "('门户测试调解室', '330784001', '/330784/330784001/', 'town', '东城街道办 3 楼', "
        "'周一至周五 9:00-17:00', '057987000001', 1, 0, ?, ?), "
        "('门户测试已撤调解室', '330784001', '/330784/330784001/', 'town', '', '', '', 0, 1, ?, ?)",
        {now, now, now, now});
  });
  server.clock().Advance(std::chrono::milliseconds(kMinute));  // past the server's 30 s cache
  Client anonymous(server.port());
  auto r = anonymous.Get("/api/v1/public/info");
  server.app().db().WriteSync([](store::Connection& c) {
    c.Execute("DELETE FROM mediation_rooms WHERE name LIKE '门户测试%'");
    c.Execute("DELETE FROM regions WHERE code = '330784098'");
  });
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=300");
  EXPECT_EQ(r.json.at("hotline"), "12338");
  bool child_support = false;
  for (const auto& c : r.json.at("categories").as_array())
    if (c.at("code") == "child_support") {
      child_support = true;
      EXPECT_EQ(c.at("label"), "抚养与探望");
      EXPECT_FALSE(c.at("label_en").as_string().empty());
    }
  EXPECT_TRUE(child_support);
  bool dongcheng = false;
  for (const auto& t : r.json.at("towns").as_array()) {
    EXPECT_NE(t.at("code"), "330784098") << "a retired town is listed";
    if (t.at("code") != kTown) continue;
    dongcheng = true;
    EXPECT_EQ(t.at("name"), "东城街道");
    const auto& villages = t.at("villages").as_array();
    ASSERT_FALSE(villages.empty());
    EXPECT_EQ(villages.at(0).at("code").as_string(), FirstVillageOf(kTown));
    for (const auto& v : villages)
      EXPECT_EQ(std::string(v.at("code").as_string()).rfind(kTown, 0), 0u);
  }
  EXPECT_TRUE(dongcheng);
  int shown = 0;
  for (const auto& room : r.json.at("rooms").as_array()) {
    EXPECT_NE(room.at("name"), "门户测试已撤调解室") << "a retired room is listed";
    if (room.at("name") != "门户测试调解室") continue;
    ++shown;
    EXPECT_EQ(room.at("region_name"), "东城街道");
    EXPECT_EQ(room.at("level"), "town");
    EXPECT_EQ(room.at("hours"), "周一至周五 9:00-17:00");
    EXPECT_EQ(room.at("phone"), "057987000001");
    EXPECT_EQ(room.at("demonstration"), true);
  }
  EXPECT_EQ(shown, 1);
}

TEST(PublicPortal, ASolvedChallengeIsAcceptedOnceAndAWrongNonceNever) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  auto challenge = citizen.Post("/api/v1/public/challenge", json::object{});
  ASSERT_EQ(challenge.status, 200) << challenge.body;
  EXPECT_EQ(challenge.json.at("difficulty").as_int64(), 8);
  const std::string token(challenge.json.at("token").as_string());
  json::object body = HelpRequest("13911110001", "第一次求助");

  body["challenge"] = json::object{{"token", token}, {"nonce", Solve(token, 8, false)}};
  auto wrong = citizen.Post("/api/v1/public/help-requests", body);
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(wrong.ErrorField(), "challenge");

  body["challenge"] = json::object{{"token", token}, {"nonce", Solve(token, 8)}};
  auto first = citizen.Post("/api/v1/public/help-requests", body);
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string code(first.json.at("tracking_code").as_string());
  EXPECT_EQ(code.size(), 14u);
  EXPECT_EQ(code[4], '-');
  EXPECT_EQ(code[9], '-');

  auto again = citizen.Post("/api/v1/public/help-requests", body);
  EXPECT_EQ(again.status, 400) << again.body;
  EXPECT_EQ(again.ErrorField(), "challenge");

  body["challenge"] = json::object{{"token", token + "x"}, {"nonce", "1"}};
  EXPECT_EQ(citizen.Post("/api/v1/public/help-requests", body).ErrorField(), "challenge");
  body.erase("challenge");
  EXPECT_EQ(citizen.Post("/api/v1/public/help-requests", body).ErrorField(), "challenge");
}

TEST(PublicPortal, AChallengeExpiresAfterTenMinutes) {
  TimePasses();
  auto& server = TestServer::Get();
  Client citizen(server.port());
  json::object body = HelpRequest("13911110002", "过期的验证");
  body["challenge"] = SolvedChallenge(citizen);
  server.clock().Advance(std::chrono::milliseconds(10 * kMinute));
  auto r = citizen.Post("/api/v1/public/help-requests", body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorField(), "challenge");
}

TEST(PublicPortal, AHelpRequestBecomesACaseFromThePortalAndIsAuditedWithoutPersonalData) {
  TimePasses();
  auto& server = TestServer::Get();
  Client citizen(server.port());
  const int64_t cases_before = CountRows("cases");
  const std::string code = SubmitOk(citizen, "13911110003", "他拒付抚养费已有半年");
  ASSERT_FALSE(code.empty());
  EXPECT_EQ(CountRows("cases"), cases_before + 1);
  server.app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne("SELECT id, channel, category, home_code FROM cases ORDER BY id DESC");
    EXPECT_EQ(row->Text(1), "portal");
    EXPECT_EQ(row->Text(2), "child_support");
    EXPECT_EQ(row->Text(3), FirstVillageOf(kTown));
    auto party = c.QueryOne("SELECT role, name FROM case_parties WHERE case_id = ?", {row->Int(0)});
    ASSERT_TRUE(party);
    EXPECT_EQ(party->Text(0), "applicant");
    EXPECT_EQ(party->Text(1), "王女士");
    auto audit = c.QueryOne(
        "SELECT actor_login, action, result, detail FROM audit_log WHERE entity = 'case' AND "
        "entity_id = ?",
        {row->Text(0)});
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->Text(0), "");
    EXPECT_EQ(audit->Text(1), "create");
    EXPECT_EQ(audit->Text(2), "ok");
    EXPECT_EQ(audit->Text(3), "channel=portal");
  });

  // Without a name the applicant is recorded as anonymous; without a village the town is home.
  json::object body = HelpRequest("13911110004", "匿名求助");
  body.erase("name");
  body.erase("village_code");
  auto r = Submit(citizen, body);
  ASSERT_EQ(r.status, 201) << r.body;
  server.app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne(
        "SELECT c.home_code, p.name FROM cases c JOIN case_parties p ON p.case_id = c.id ORDER "
        "BY c.id DESC");
    EXPECT_EQ(row->Text(0), kTown);
    EXPECT_EQ(row->Text(1), "匿名求助人");
  });
}

TEST(PublicPortal, NothingIsWrittenWhenARequestIsRefused) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  const std::vector<std::string> tables = {"cases", "case_parties", "case_events", "audit_log",
                                           "consultations"};
  std::map<std::string, int64_t> before;
  for (const auto& t : tables) before[t] = CountRows(t);

  struct Bad {
    std::string field;
    std::function<void(json::object&)> spoil;
  };
  const std::vector<Bad> bad = {
      {"nickname", [](json::object& b) { b["nickname"] = "x"; }},
      {"facts", [](json::object& b) { b["facts"] = std::string(2001, 'a'); }},
      {"facts", [](json::object& b) { b["facts"] = ""; }},
      {"wish", [](json::object& b) { b["wish"] = std::string(501, 'a'); }},
      {"address", [](json::object& b) { b["address"] = std::string(201, 'a'); }},
      {"name", [](json::object& b) { b["name"] = std::string(51, 'a'); }},
      {"safe_contact", [](json::object& b) { b["safe_contact"] = std::string(201, 'a'); }},
      {"phone", [](json::object& b) { b["phone"] = "057988886666"; }},  // a landline
      {"phone", [](json::object& b) { b["phone"] = "1391111"; }},
      {"phone", [](json::object& b) { b.erase("phone"); }},
      {"category", [](json::object& b) { b["category"] = "lottery"; }},
      {"disclose_identity", [](json::object& b) { b["disclose_identity"] = "yes"; }},
      {"town_code", [](json::object& b) { b["town_code"] = "330784999"; }},
      {"town_code", [](json::object& b) { b["town_code"] = "330784001001"; }},  // a village
      {"village_code", [](json::object& b) { b["village_code"] = FirstVillageOf("330784002"); }},
  };
  for (const auto& b : bad) {
    json::object body = HelpRequest("13911110005", "不应写入");
    b.spoil(body);
    auto r = Submit(citizen, body);
    EXPECT_EQ(r.status, 400) << b.field << " " << r.body;
    EXPECT_EQ(r.ErrorField(), b.field) << r.body;
  }
  auto unknown =
      citizen.Post("/api/v1/public/consultations", json::object{{"question", "q"}, {"extra", 1}});
  EXPECT_EQ(unknown.ErrorCode(), "unknown_field");
  for (const auto& t : tables) EXPECT_EQ(CountRows(t), before[t]) << t;

  // A request refused by the database check (village of another town) gives its challenge
  // back: the corrected request may use it.
  TimePasses();
  json::object body = HelpRequest("13911110005", "改正后提交");
  body["challenge"] = SolvedChallenge(citizen);
  body["village_code"] = FirstVillageOf("330784002");
  EXPECT_EQ(citizen.Post("/api/v1/public/help-requests", body).status, 400);
  body["village_code"] = FirstVillageOf(kTown);
  EXPECT_EQ(citizen.Post("/api/v1/public/help-requests", body).status, 201);
}

TEST(PublicPortal, TheApplicantsNameFollowsThePartyRuleAndIsRefusedNamingThePortalsField) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  // The limit is the people registry's, published in the portal's and the staff intake's body.
  auto doc = TestServer::Get().As("admin").Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  auto body_schema = [&](const std::string& path) {
    return doc.json.at("paths")
        .at(path)
        .at("post")
        .at("requestBody")
        .at("content")
        .at("application/json")
        .at("schema");
  };
  const auto portal_max =
      body_schema("/public/help-requests").at("properties").at("name").at("maxLength");
  const auto staff_max = body_schema("/cases")
                             .at("properties")
                             .at("parties")
                             .at("items")
                             .at("properties")
                             .at("name")
                             .at("maxLength");
  EXPECT_EQ(portal_max.to_number<int64_t>(), 30);
  EXPECT_EQ(staff_max.to_number<int64_t>(), 30);

  std::string at_limit;
  for (int i = 0; i < 30; ++i) at_limit += "王";
  json::object body = HelpRequest("13911110006", "名字在上限");
  body["name"] = at_limit;
  auto r = Submit(citizen, body);
  EXPECT_EQ(r.status, 201) << r.body;

  TimePasses();
  body = HelpRequest("13911110007", "名字超过上限");
  body["name"] = at_limit + "王";
  r = Submit(citizen, body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.ErrorField(), "name") << r.body;  // the portal's own field, not parties[0].name
}

/// Follows a help request as the portal does: the code and the digits in a POST body.
HttpResult Lookup(Client& citizen, const std::string& code, const std::string& last4) {
  return citizen.Post("/api/v1/public/help-requests/lookup",
                      json::object{{"tracking_code", code}, {"phone_last4", last4}});
}

TEST(PublicPortal, TheRequestIsFollowedWithItsCodeAndTheLastFourDigitsOnly) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  const std::string code = SubmitOk(citizen, "13911116688", "跟进测试");
  ASSERT_FALSE(code.empty());
  auto ok = Lookup(citizen, code, "6688");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json.at("tracking_code").as_string(), code);
  EXPECT_EQ(ok.json.at("status"), "registered");
  EXPECT_TRUE(ok.json.at("messages").is_array());
  EXPECT_FALSE(ok.json.at("created_at").as_string().empty());
  EXPECT_EQ(ok.body.find("13911116688"), std::string::npos);
  // Typed without dashes and in lower case, it is the same code.
  std::string typed;
  for (char ch : code)
    if (ch != '-') typed += static_cast<char>(std::tolower(ch));
  EXPECT_EQ(Lookup(citizen, typed, "6688").status, 200);

  std::string unknown = code;
  unknown[0] = unknown[0] == 'A' ? 'B' : 'A';
  const std::vector<json::object> misses = {
      {{"tracking_code", code}, {"phone_last4", "6689"}},
      {{"tracking_code", code}, {"phone_last4", ""}},
      {{"tracking_code", code}},
      {{"tracking_code", unknown}, {"phone_last4", "6688"}},
      {{"tracking_code", "not-a-code"}, {"phone_last4", "6688"}},
      {{"tracking_code", "0000-0000-0000"}, {"phone_last4", "6688"}}};
  std::string first_body;
  for (const auto& miss : misses) {
    auto r = citizen.Post("/api/v1/public/help-requests/lookup", miss);
    EXPECT_EQ(r.status, 404) << json::serialize(miss);
    EXPECT_EQ(r.ErrorCode(), "not_found") << json::serialize(miss);
    if (first_body.empty()) first_body = r.body;
    EXPECT_EQ(r.body, first_body) << json::serialize(miss);
  }
  // The code and the digits travel in the body only: the old URLs are gone.
  EXPECT_EQ(citizen.Get("/api/v1/public/help-requests/" + code + "?phone_last4=6688").status, 404);
}

TEST(PublicPortal, RepeatedFailedLookupsAreRefusedEvenForTheRightCode) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  const std::string code = SubmitOk(citizen, "13911117799", "猜码测试");
  ASSERT_FALSE(code.empty());
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(Lookup(citizen, code, "000" + std::to_string(i)).status, 404);
  auto refused = Lookup(citizen, code, "7799");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.ErrorCode(), "rate_limited");
  EXPECT_GT(std::stoi(refused.Header("retry-after")), 0);
  EXPECT_GT(refused.json.at("error").at("details").at("retry_after_seconds").as_int64(), 0);
  // Consultations share the budget of failed guesses.
  EXPECT_EQ(citizen
                .Post("/api/v1/public/consultations/lookup",
                      json::object{{"tracking_code", "2222-2222-2222"}})
                .status,
            429);
  TimePasses();
  EXPECT_EQ(Lookup(citizen, code, "7799").status, 200);
}

TEST(PublicPortal, SuccessfulLookupsAreLimitedToTwentyAMinute) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  const std::string code = SubmitOk(citizen, "13911118800", "频繁查询");
  ASSERT_FALSE(code.empty());
  for (int i = 0; i < 20; ++i) EXPECT_EQ(Lookup(citizen, code, "8800").status, 200) << i;
  auto r = Lookup(citizen, code, "8800");
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.Header("retry-after").empty());
}

TEST(PublicPortal, SubmissionsAreLimitedToFivePerTenMinutes) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(SubmitOk(citizen, "13911119900", "限流").empty());
  for (int i = 0; i < 2; ++i) {
    auto r = citizen.Post(
        "/api/v1/public/consultations",
        json::object{{"question", "限流咨询"}, {"challenge", SolvedChallenge(citizen)}});
    EXPECT_EQ(r.status, 201) << r.body;
  }
  const int64_t cases = CountRows("cases");
  auto r = Submit(citizen, HelpRequest("13911119900", "第六次"));
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.ErrorCode(), "rate_limited");
  const int wait = std::stoi(r.Header("retry-after"));
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 600);
  EXPECT_EQ(r.json.at("error").at("details").at("retry_after_seconds").as_int64(), wait);
  EXPECT_EQ(CountRows("cases"), cases);
  TimePasses();
  EXPECT_FALSE(SubmitOk(citizen, "13911119900", "十分钟后").empty());
}

TEST(PublicPortal, RequestsRefusedByTheDatabaseChecksCountTowardsTheLimit) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  json::object body = HelpRequest("13911119901", "错误的村社");
  body["village_code"] = FirstVillageOf("330784002");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Submit(citizen, body).ErrorField(), "village_code") << i;
  EXPECT_EQ(Submit(citizen, body).status, 429);
}

TEST(PublicPortal, ChallengesAreLimitedToThirtyAMinute) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  for (int i = 0; i < 30; ++i)
    EXPECT_EQ(citizen.Post("/api/v1/public/challenge", json::object{}).status, 200) << i;
  auto r = citizen.Post("/api/v1/public/challenge", json::object{});
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.Header("retry-after").empty());
}

TEST(PublicPortal, ASubmissionIsAuditedWithoutTheSubmittersAddress) {
  // Next to her case, the address she wrote from would say where she was.
  TimePasses();
  Client citizen(TestServer::Get().port());
  ASSERT_FALSE(SubmitOk(citizen, "13911112233", "地址留痕测试").empty());
  auto asked = citizen.Post(
      "/api/v1/public/consultations",
      json::object{{"question", "地址留痕咨询"}, {"challenge", SolvedChallenge(citizen)}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_GE(QueryInt("SELECT COUNT(*) FROM audit_log WHERE detail = 'channel=portal'"), 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE detail = 'channel=portal' AND ip <> ''"),
            0);
}

TEST(PublicPortal, ThePhoneAndTheFactsNeverReachTheLogsOrTheAuditTrail) {
  auto sink = std::make_shared<CapturingSink>();
  spdlog::default_logger()->sinks().push_back(sink);
  const auto level = spdlog::default_logger()->level();
  spdlog::set_level(spdlog::level::debug);
  TimePasses();
  auto& server = TestServer::Get();
  Client citizen(server.port());
  const std::string phone = "13977334455";
  const std::string facts = "留痕标记-他昨晚又动手了";
  const std::string question = "留痕标记-咨询内容";
  const std::string code = SubmitOk(citizen, phone, facts);
  ASSERT_FALSE(code.empty());
  Lookup(citizen, code, "4455");
  Lookup(citizen, code, "0000");
  // Refused requests carrying the values must not echo them anywhere either.
  json::object bad = HelpRequest(phone, facts);
  bad["town_code"] = "330784999";
  Submit(citizen, bad);
  auto asked = citizen.Post(
      "/api/v1/public/consultations",
      json::object{
          {"question", question}, {"contact", phone}, {"challenge", SolvedChallenge(citizen)}});
  EXPECT_EQ(asked.status, 201) << asked.body;

  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());
  spdlog::set_level(level);
  const std::string logs = sink->Text();
  for (const std::string& marker : {phone, facts, question, std::string("留痕标记")}) {
    EXPECT_EQ(logs.find(marker), std::string::npos) << "log carries " << marker;
    const std::string like = "%" + marker + "%";
    server.app().db().ReadSync([&](store::Connection& c) {
      EXPECT_EQ(c.QueryOne("SELECT COUNT(*) FROM audit_log WHERE detail LIKE ? OR entity_id LIKE "
                           "? OR actor_login LIKE ? OR ip LIKE ?",
                           {like, like, like, like})
                    ->Int(0),
                0)
          << "audit trail carries " << marker;
      EXPECT_EQ(c.QueryOne("SELECT COUNT(*) FROM cases WHERE facts_enc LIKE ? OR title LIKE ?",
                           {like, like})
                    ->Int(0),
                0)
          << "case stores in clear " << marker;
      EXPECT_EQ(c.QueryOne("SELECT COUNT(*) FROM consultations WHERE question_enc LIKE ? OR "
                           "contact_enc LIKE ?",
                           {like, like})
                    ->Int(0),
                0)
          << "consultation stores in clear " << marker;
    });
  }
}

}  // namespace
}  // namespace hejia::testing
