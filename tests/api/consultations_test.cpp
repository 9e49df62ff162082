// Online consultations: a citizen asks on the portal, the town's staff answer, she reads the answer
// with her tracking code; a question that needs more becomes a help request. Staff see only
// their own area's questions.
#include "harness.hpp"
#include "security/tokens.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kTown = "330784001";   // 东城街道: `town`, `mediator`
constexpr const char* kTown2 = "330784002";  // 西城街道: `town2`

std::string PathOf(const std::string& code) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT path FROM regions WHERE code = ?", {code})->Text(0);
  });
}

/// Asks a question on the portal; returns the tracking code.
std::string Ask(const std::string& question, const std::string& town = kTown,
                const std::string& contact = "") {
  Client citizen(TestServer::Get().port());
  auto ch = citizen.Post("/api/v1/public/challenge", json::object{});
  EXPECT_EQ(ch.status, 200) << ch.body;
  const std::string token(ch.json.at("token").as_string());
  json::object body{
      {"question", question},
      {"challenge",
       json::object{
           {"token", token},
           {"nonce", Solve(token, static_cast<int>(ch.json.at("difficulty").as_int64()))}}}};
  if (!town.empty()) body["town_code"] = town;
  if (!contact.empty()) body["contact"] = contact;
  auto r = citizen.Post("/api/v1/public/consultations", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? std::string(r.json.at("tracking_code").as_string()) : "";
}

HttpResult Read(const std::string& code) {
  Client citizen(TestServer::Get().port());
  return citizen.Post("/api/v1/public/consultations/lookup", json::object{{"tracking_code", code}});
}

/// The staff-side item of a question, found in `login`'s list (null when not listed).
json::value FindListed(const std::string& login, const std::string& question,
                       const std::string& query = "") {
  Client staff = TestServer::Get().As(login);
  auto list = staff.Get("/api/v1/consultations?page_size=100" + query);
  EXPECT_EQ(list.status, 200) << list.body;
  for (const auto& item : list.json.at("items").as_array())
    if (item.at("excerpt").is_string() && item.at("excerpt").as_string() == question) return item;
  return nullptr;
}

TEST(Consultations, AQuestionIsAnsweredByTheTownAndReadWithTheTrackingCode) {
  TimePasses();
  const std::string question = "离婚后孩子的抚养费怎么算？（咨询测试一）";
  const std::string code = Ask(question, kTown, "13955550001");
  ASSERT_FALSE(code.empty());

  auto open = Read(code);
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.json.at("status"), "open");
  EXPECT_EQ(open.json.at("question").as_string(), question);
  EXPECT_FALSE(open.json.as_object().contains("answer"));
  EXPECT_FALSE(open.json.at("created_at").as_string().empty());

  auto item = FindListed("town", question, "&status=open");
  ASSERT_TRUE(item.is_object()) << "the town does not list its consultation";
  EXPECT_EQ(item.at("region_path").as_string(), PathOf(kTown));
  EXPECT_EQ(item.at("category"), "other");
  EXPECT_EQ(item.at("contact"), "139****0001") << "a list shows the contact masked";
  EXPECT_EQ(item.at("anonymous"), false);
  const std::string id = std::to_string(item.at("id").as_int64());
  EXPECT_FALSE(FindListed("town", question, "&status=answered").is_object());

  Client town = TestServer::Get().As("town");
  auto one = town.Get("/api/v1/consultations/" + id);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json.at("contact"), "13955550001") << "town staff may reveal (case.reveal)";
  const int64_t reads = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'consultation' AND entity_id = ? AND "
            "action = 'read' AND actor_login = 'town'",
            {id})
        ->Int(0);
  });
  EXPECT_EQ(reads, 1);

  auto empty = town.Post("/api/v1/consultations/" + id + "/answer",
                         json::object{{"answer", ""}, {"version", 1}});
  EXPECT_EQ(empty.ErrorField(), "answer");
  auto too_long = town.Post("/api/v1/consultations/" + id + "/answer",
                            json::object{{"answer", std::string(2001, 'a')}, {"version", 1}});
  EXPECT_EQ(too_long.ErrorField(), "answer");
  const std::string answer = "按子女实际需要、父母负担能力和当地生活水平确定，可到调解室面谈。";
  auto answered = town.Post("/api/v1/consultations/" + id + "/answer",
                            json::object{{"answer", answer}, {"version", 1}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json.at("status"), "answered");
  EXPECT_EQ(answered.json.at("version").as_int64(), 2);
  EXPECT_FALSE(answered.json.at("answered_by_name").as_string().empty());

  auto stale = town.Post("/api/v1/consultations/" + id + "/answer",
                         json::object{{"answer", "另一个回答"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorField(), "version");

  auto read = Read(code);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json.at("status"), "answered");
  EXPECT_EQ(read.json.at("answer").as_string(), answer);
  EXPECT_FALSE(read.json.at("answered_at").as_string().empty());
  EXPECT_EQ(read.body.find("13955550001"), std::string::npos);
  EXPECT_TRUE(FindListed("town", question, "&status=answered").is_object());
}

TEST(Consultations, StaffSeeOnlyTheirOwnAreasQuestions) {
  TimePasses();
  const std::string in_town = "东城的问题（范围测试）";
  const std::string no_town = "没有选择镇街的问题（范围测试）";
  ASSERT_FALSE(Ask(in_town).empty());
  ASSERT_FALSE(Ask(no_town, "").empty());

  auto item = FindListed("town", in_town);
  ASSERT_TRUE(item.is_object());
  const std::string id = std::to_string(item.at("id").as_int64());
  // A mediator (an outside lawyer, police officer or counsellor) reads no citizen's question.
  EXPECT_FALSE(FindListed("mediator", in_town).is_object());
  EXPECT_FALSE(FindListed("town2", in_town).is_object());
  Client town2 = TestServer::Get().As("town2");
  auto outside = town2.Get("/api/v1/consultations/" + id);
  EXPECT_EQ(outside.status, 404);
  auto missing = town2.Get("/api/v1/consultations/999999999");
  EXPECT_EQ(outside.body, missing.body);
  EXPECT_EQ(town2
                .Post("/api/v1/consultations/" + id + "/answer",
                      json::object{{"answer", "越权回答"}, {"version", 1}})
                .status,
            404);

  // Without a town the question belongs to the city.
  EXPECT_FALSE(FindListed("town", no_town).is_object());
  auto city_item = FindListed("city", no_town);
  ASSERT_TRUE(city_item.is_object());
  EXPECT_EQ(city_item.at("region_path").as_string(), PathOf("330784"));
  EXPECT_TRUE(FindListed("city", in_town).is_object());

  Client town = TestServer::Get().As("town");
  EXPECT_EQ(town.Get("/api/v1/consultations?status=closed").ErrorField(), "status");
  EXPECT_EQ(town.Get("/api/v1/consultations?region=" + std::string(kTown2)).status, 404);
}

TEST(Consultations, AQuestionThatNeedsMoreBecomesAHelpRequest) {
  TimePasses();
  const std::string question = "他不给抚养费，我该怎么办？（转案测试）";
  const std::string code = Ask(question);
  ASSERT_FALSE(code.empty());
  auto item = FindListed("town", question);
  ASSERT_TRUE(item.is_object());
  const int64_t cid = item.at("id").as_int64();
  const std::string base = "/api/v1/consultations/" + std::to_string(cid);
  Client town = TestServer::Get().As("town");

  const json::object good{
      {"category", "child_support"},
      {"home_code", FirstVillageOf(kTown)},
      {"version", 1},
      {"parties", json::array{json::object{{"role", "applicant"},
                                           {"name", "测试求助人"},
                                           {"gender", "female"},
                                           {"phone", "13955550002"}},
                              json::object{{"role", "respondent"}, {"name", "测试对方"}}}}};
  // Refused conversions write nothing.
  const int64_t cases = CountRows("cases"), audits = CountRows("audit_log");
  auto no_applicant = good;
  no_applicant["parties"] = json::array{json::object{{"role", "respondent"}, {"name", "甲"}}};
  EXPECT_EQ(town.Post(base + "/convert", no_applicant).ErrorField(), "parties");
  auto bad_phone = good;
  bad_phone["parties"].as_array()[0].as_object()["phone"] = "12345";
  EXPECT_EQ(town.Post(base + "/convert", bad_phone).ErrorField(), "parties[0].phone");
  auto elsewhere = good;
  elsewhere["home_code"] = FirstVillageOf(kTown2);
  auto out = town.Post(base + "/convert", elsewhere);
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(out.ErrorField(), "home_code");
  auto bad_category = good;
  bad_category["category"] = "lottery";
  EXPECT_EQ(town.Post(base + "/convert", bad_category).ErrorField(), "category");
  auto stale = good;
  stale["version"] = 7;
  EXPECT_EQ(town.Post(base + "/convert", stale).status, 409);
  EXPECT_EQ(CountRows("cases"), cases);
  EXPECT_EQ(CountRows("audit_log"), audits);

  auto made = town.Post(base + "/convert", good);
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t case_id = made.json.at("case_id").as_int64();
  EXPECT_FALSE(made.json.at("case_no").as_string().empty());
  TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne(
        "SELECT channel, consultation_id, category, created_by FROM cases WHERE id = ?", {case_id});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->Text(0), "consultation");
    EXPECT_EQ(row->Int(1), cid);
    EXPECT_EQ(row->Text(2), "child_support");
    EXPECT_FALSE(row->IsNull(3));
    EXPECT_EQ(c.QueryOne("SELECT COUNT(*) FROM case_parties WHERE case_id = ?", {case_id})->Int(0),
              2);
    auto cons = c.QueryOne("SELECT status, case_id FROM consultations WHERE id = ?", {cid});
    EXPECT_EQ(cons->Text(0), "converted");
    EXPECT_EQ(cons->Int(1), case_id);
    EXPECT_EQ(c.QueryOne("SELECT COUNT(*) FROM audit_log WHERE entity = 'consultation' AND "
                         "entity_id = ? AND action = 'convert'",
                         {std::to_string(cid)})
                  ->Int(0),
              1);
  });

  auto again = good;
  again["version"] = 2;
  auto twice = town.Post(base + "/convert", again);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.ErrorCode(), "conflict");
  EXPECT_EQ(town.Post(base + "/answer", json::object{{"answer", "晚了"}, {"version", 2}}).status,
            409);
  auto read = Read(code);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json.at("status"), "answered");
  EXPECT_FALSE(read.json.at("answer").as_string().empty());
  EXPECT_TRUE(FindListed("town", question, "&status=converted").is_object());
}

TEST(Consultations, AnUnknownOrMalformedCodeIsOneAndTheSameNotFound) {
  TimePasses();
  auto unknown = Read("2222-3333-4444");
  auto malformed = Read("nope");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.ErrorCode(), "not_found");
  EXPECT_EQ(unknown.body, malformed.body);
}

TEST(Consultations, AListShowsAShortMaskedExcerptAndTheAnswerIsSealed) {
  TimePasses();
  const std::string question =
      "我丈夫经常打我，我不敢回家，请打我妹妹的电话13955550077联系我，谢谢（摘要测试）";
  ASSERT_FALSE(Ask(question).empty());
  Client town = TestServer::Get().As("town");
  auto list = town.Get("/api/v1/consultations?page_size=100&status=open");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("13955550077"), std::string::npos) << "no phone in a list";
  EXPECT_EQ(list.body.find(question), std::string::npos) << "no whole question in a list";
  json::value item;
  for (const auto& it : list.json.at("items").as_array())
    if (it.at("excerpt").as_string().starts_with("我丈夫经常打我")) item = it;
  ASSERT_TRUE(item.is_object());
  EXPECT_EQ(item.at("excerpt"), "我丈夫经常打我，我不敢回家，请打我妹妹的电话139****0…");
  EXPECT_FALSE(item.as_object().contains("question"));
  EXPECT_FALSE(item.as_object().contains("answer"));

  // The whole question is the read of one consultation, audited.
  const std::string id = std::to_string(item.at("id").as_int64());
  auto one = town.Get("/api/v1/consultations/" + id);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json.at("question").as_string(), question);
  EXPECT_EQ(AuditCount("consultation", id, "read"), 1);

  // An answer is stored sealed: the database holds no clear text of it.
  const std::string answer = "请尽快拨打110；也可到东城街道妇联反家暴服务站（答复测试）。";
  auto answered = town.Post("/api/v1/consultations/" + id + "/answer",
                            json::object{{"answer", answer}, {"version", 1}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json.at("answer").as_string(), answer);
  const auto stored =
      QueryText("SELECT answer || '|' || answer_enc FROM consultations WHERE id = ?",
                {item.at("id").as_int64()});
  EXPECT_EQ(stored.find("答复测试"), std::string::npos) << stored;
  EXPECT_EQ(stored.substr(0, 1), "|") << "no clear answer";
  auto listed = town.Get("/api/v1/consultations?page_size=100&status=answered");
  EXPECT_EQ(listed.body.find("答复测试"), std::string::npos);
}

}  // namespace
}  // namespace hejia::testing
