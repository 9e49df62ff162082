// Helpers of the agreement and obligation tests: a case brought to mediation with two parties who
// have mobile phones, PUT requests, the one-time code read back from the SMS outbox (decrypted
// with the server's own cipher, as an operator's `hejia sms outbox` would), and an agreement taken
// all the way to effect.
#pragma once
#include <regex>

#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing::agreements {

using namespace cases;

inline HttpResult Put(Client& c, const std::string& target, const json::value& body) {
  return c.Request("PUT", target, json::serialize(body));
}

inline std::string CasePath(int64_t id, const std::string& rest = "") {
  return "/api/v1/cases/" + std::to_string(id) + rest;
}

struct MediatingCase {
  int64_t id = 0;
  std::string case_no, applicant_phone, respondent_phone;
  int64_t applicant = 0, respondent = 0;  // party ids
};

/// A child-support case of the town's first village, accepted, screened, assigned and started,
/// whose applicant and respondent both have a mobile number. `respondent_id_number` gives the
/// respondent an ID number (for the age on the agreement).
inline MediatingCase NewMediatingCase(const std::string& respondent_id_number = "") {
  auto town = TestServer::Get().As("town");
  MediatingCase m;
  m.applicant_phone = UniquePhone();
  m.respondent_phone = UniquePhone();
  auto body = Intake(kVillage, "child_support", m.applicant_phone);
  auto& respondent = body["parties"].as_array()[1].as_object();
  respondent["phone"] = m.respondent_phone;
  respondent["gender"] = "male";
  respondent["address"] = "永康市东城街道胡库村 7 号";
  if (!respondent_id_number.empty()) respondent["id_number"] = respondent_id_number;
  body["parties"].as_array().push_back(
      json::object{{"role", "other"}, {"name", "胡小明"}, {"relation", "子女"}});
  body["confirm_duplicate"] = true;
  auto created = NewCase("town", body);
  m.id = created.at("id").as_int64();
  m.case_no = Str(created, "case_no");
  m.applicant = created.at("parties").as_array()[0].at("id").as_int64();
  m.respondent = created.at("parties").as_array()[1].at("id").as_int64();
  static const int64_t mediator = NewMediator("协议测试调解员", std::nullopt, UserIdOf("mediator"));
  int64_t v = 1;
  for (auto step : {json::object{{"action", "accept"}},
                    json::object{{"action", "screen"}, {"risk_level", "low"}},
                    json::object{{"action", "assign"}, {"mediator_id", mediator}},
                    json::object{{"action", "start"}}}) {
    step["version"] = v;
    auto r = Act(town, m.id, step);
    EXPECT_EQ(r.status, 200) << r.body;
    v = r.json.at("version").as_int64();
  }
  return m;
}

inline json::object DraftBody() {
  return json::object{
      {"facts", "双方于 2020 年离婚，婚生子随王晓丽生活，胡某某自 2026 年起未付抚养费。"},
      {"disputes", "抚养费的数额与支付方式；拖欠的抚养费。"},
      {"terms",
       json::array{
           json::object{
               {"text", "胡某某每月 5 日前向王晓丽支付抚养费 500 元，至孩子年满十八周岁止。"},
               {"kind", "money"}},
           json::object{{"text", "胡某某于协议生效当日一次性支付拖欠的抚养费 1500 元。"},
                        {"kind", "money"}},
           json::object{{"text", "双方互不干涉对方生活。"}, {"kind", "other"}}}}};
}

/// The latest one-time code sent to `phone`, or "".
inline std::string LatestCode(const std::string& phone) {
  auto messages = MessagesTo(phone, "agreement_otp");
  if (messages.empty()) return "";
  std::smatch m;
  const std::regex six("确认码为 ([0-9]{6})");
  if (!std::regex_search(messages.front(), m, six)) return "";
  return m[1];
}

inline HttpResult SendCode(Client& c, int64_t id, int64_t party) {
  return c.Post(CasePath(id, "/agreement/confirmations/" + std::to_string(party) + "/code"),
                json::object{});
}

inline HttpResult Confirm(Client& c, int64_t id, int64_t party, const json::object& body) {
  return c.Post(CasePath(id, "/agreement/confirmations/" + std::to_string(party)), body);
}

/// Draft, submit, both parties confirm by code, the mediator signs: the agreement in force.
inline json::value MakeEffective(const MediatingCase& m, json::object draft = DraftBody()) {
  auto town = TestServer::Get().As("town");
  auto put = Put(town, CasePath(m.id, "/agreement"), draft);
  EXPECT_EQ(put.status, 200) << put.body;
  auto submitted = town.Post(CasePath(m.id, "/agreement/submit"), json::object{});
  EXPECT_EQ(submitted.status, 200) << submitted.body;
  for (const auto& [party, phone] :
       {std::pair{m.applicant, m.applicant_phone}, std::pair{m.respondent, m.respondent_phone}}) {
    auto sent = SendCode(town, m.id, party);
    EXPECT_EQ(sent.status, 200) << sent.body;
    auto ok = Confirm(town, m.id, party, json::object{{"code", LatestCode(phone)}});
    EXPECT_EQ(ok.status, 200) << ok.body;
  }
  auto signed_ = town.Post(CasePath(m.id, "/agreement/sign"), json::object{});
  EXPECT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(Str(signed_.json, "status"), "effective");
  return signed_.json;
}

inline std::string CaseStatus(int64_t id) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT status FROM cases WHERE id = ?", {id})->Text(0);
  });
}

/// Beijing's date `days` after the server's today.
inline std::string DateFromToday(int days) {
  return FormatBeijing(Now() + days * kDay).substr(0, 10);
}

}  // namespace hejia::testing::agreements
