// The 12338 hotline's log (issue 13, point 1): a worker logs a call in a few fields while she
// talks (she and the time are stamped), the caller's phone and the summary are sealed and masked,
// a call a promise was made on is listed until called back, and one click turns a call into a
// help request with the caller as applicant and the summary as facts, linked both ways.
#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

constexpr const char* kCity = "330784";
constexpr const char* kTown2 = "330784002";

json::object CallBody(const std::string& region, const std::string& summary,
                      const std::string& outcome = "advice") {
  return json::object{
      {"line", "12338"},         {"duration_seconds", 420}, {"caller_phone", "13955512338"},
      {"caller_name", "王女士"}, {"region_code", region},   {"category", "domestic_violence"},
      {"summary", summary},      {"outcome", outcome}};
}

json::value Log(const std::string& login, const json::object& body) {
  auto r = TestServer::Get().As(login).Post("/api/v1/hotline-calls", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json;
}

std::string IdOf(const json::value& v) {
  return std::to_string(v.at("id").as_int64());
}

TEST(Hotline, ACallIsLoggedWithItsWorkerAndTimeStampedAndItsSecretsMasked) {
  TimePasses();
  const std::string summary = "来电人称丈夫酒后推搡，咨询人身安全保护令如何申请";
  auto call = Log("town", CallBody(kTown, summary));
  EXPECT_EQ(call.at("operator_id").as_int64(), UserIdOf("town"));
  EXPECT_FALSE(Str(call, "operator_name").empty());
  EXPECT_EQ(Str(call, "received_at"), FormatBeijing(Now())) << "a call without a time is now";
  EXPECT_EQ(Str(call, "caller_phone"), "139****2338");
  EXPECT_EQ(Str(call, "caller_name"), "王**");
  EXPECT_NE(Str(call, "summary"), summary) << "the summary is shown as a masked excerpt";
  EXPECT_EQ(Str(call, "region_code"), kTown);
  EXPECT_EQ(call.at("case_id"), nullptr);

  // Nothing of it can be read from the database file.
  const std::string id = IdOf(call);
  const std::string row = QueryText(
      "SELECT COALESCE(caller_phone_enc, '') || COALESCE(summary_enc, '') || "
      "COALESCE(caller_name_enc, '') FROM hotline_calls WHERE id = ?",
      {call.at("id").as_int64()});
  EXPECT_EQ(row.find("13955512338"), std::string::npos);
  EXPECT_EQ(row.find("保护令"), std::string::npos);

  // The whole of it is a read of sensitive data, audited.
  const int64_t reads = AuditCount("hotline_call", id, "read_sensitive");
  auto full = TestServer::Get().As("town").Get("/api/v1/hotline-calls/" + id + "/sensitive");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(Str(full.json, "summary"), summary);
  EXPECT_EQ(Str(full.json, "caller_phone"), "13955512338");
  EXPECT_EQ(AuditCount("hotline_call", id, "read_sensitive"), reads + 1);
  EXPECT_EQ(AuditCount("hotline_call", id, "create"), 1);

  // Another town neither lists nor reads it.
  auto other = TestServer::Get().As("town2");
  EXPECT_EQ(other.Get("/api/v1/hotline-calls/" + id).status, 404);
  EXPECT_EQ(other.Get("/api/v1/hotline-calls/" + id + "/sensitive").status, 404);
  auto listed = other.Get("/api/v1/hotline-calls?page_size=100");
  ASSERT_EQ(listed.status, 200);
  for (const auto& item : listed.json.at("items").as_array())
    EXPECT_NE(item.at("id").as_int64(), call.at("id").as_int64());
}

TEST(Hotline, ABadCallIsRefusedNamingTheFieldAndNothingIsWritten) {
  TimePasses();
  const int64_t before = CountRows("hotline_calls");
  auto town = TestServer::Get().As("town");
  auto refused = [&](json::object body, const std::string& field, int status = 400) {
    auto r = town.Post("/api/v1/hotline-calls", body);
    EXPECT_EQ(r.status, status) << field << ": " << r.body;
    if (r.status >= 400) EXPECT_EQ(Str(r.json.at("error"), "field"), field) << r.body;
  };
  auto body = CallBody(kTown, "");
  refused(body, "summary");
  body = CallBody(kTown, "咨询离婚财产分割");
  body["category"] = "gossip";
  refused(body, "category");
  refused(CallBody(kTown, "咨询抚养费", "call_back"), "call_back_due");
  refused(CallBody(kTown, "咨询抚养费", "referred"), "referred_to");
  refused(CallBody(kTown, "咨询抚养费", "case_opened"), "outcome");
  body = CallBody(kTown, "咨询抚养费");
  body["received_at"] = FormatBeijing(Now() + kHour);
  refused(body, "received_at");
  body = CallBody(kTown, "咨询抚养费");
  body["caller_phone"] = "12345";
  refused(body, "caller_phone");
  body = CallBody(kTown, "咨询抚养费");
  body["duration_seconds"] = 99999;
  refused(body, "duration_seconds");
  refused(CallBody(kTown2, "咨询抚养费"), "region_code", 404);  // outside her area
  refused(CallBody(kVillage, "咨询抚养费"), "region_code");     // a town or the city
  body = CallBody(kTown, "咨询抚养费");
  body["operator_id"] = 1;
  refused(body, "operator_id");  // stamped, never taken from a body
  EXPECT_EQ(CountRows("hotline_calls"), before);
}

TEST(Hotline, APromisedCallBackIsListedUntilItIsMade) {
  TimePasses();
  auto body = CallBody(kTown, "约定明日回拨告知调解室地址", "call_back");
  body["call_back_due"] = FormatBeijing(Now() + kHour);
  auto call = Log("town", body);
  const std::string id = IdOf(call);
  auto town = TestServer::Get().As("town");
  auto due = [&]() -> json::value {
    auto r = town.Get("/api/v1/hotline-calls/call-backs");
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& item : r.json.at("items").as_array())
      if (item.at("id") == call.at("id")) return item;
    return nullptr;
  };
  auto listed = due();
  ASSERT_TRUE(listed.is_object()) << "the promise is not listed";
  EXPECT_FALSE(listed.at("overdue").as_bool());
  const int64_t overdue_before =
      town.Get("/api/v1/hotline-calls/call-backs").json.at("overdue").as_int64();
  TestServer::Get().clock().Advance(std::chrono::milliseconds(2 * kHour));
  town = TestServer::Get().As("town");  // signed in again: the session idled out meanwhile
  EXPECT_TRUE(due().at("overdue").as_bool());
  EXPECT_EQ(town.Get("/api/v1/hotline-calls/call-backs").json.at("overdue").as_int64(),
            overdue_before + 1);
  // Another town's list does not carry it.
  auto other = TestServer::Get().As("town2").Get("/api/v1/hotline-calls/call-backs");
  for (const auto& item : other.json.at("items").as_array())
    EXPECT_NE(item.at("id"), call.at("id"));

  auto made = town.Post("/api/v1/hotline-calls/" + id + "/called-back",
                        json::object{{"version", call.at("version")}});
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_EQ(Str(made.json, "called_back_at"), FormatBeijing(Now()));
  EXPECT_FALSE(due().is_object());
  EXPECT_EQ(AuditCount("hotline_call", id, "called_back"), 1);
  // A call without a promise has nothing to call back.
  auto advice = Log("town", CallBody(kTown, "咨询婚前财产约定"));
  auto refused = town.Post("/api/v1/hotline-calls/" + IdOf(advice) + "/called-back",
                           json::object{{"version", advice.at("version")}});
  EXPECT_EQ(refused.status, 400) << refused.body;
}

TEST(Hotline, OneClickTurnsACallIntoAHelpRequestLinkedBothWays) {
  TimePasses();
  const std::string summary = "丈夫长期殴打，来电求助，希望妇联介入调解并告知庇护渠道";
  auto call = Log("town", CallBody(kTown, summary));
  const std::string id = IdOf(call);
  auto town = TestServer::Get().As("town");
  auto stale = town.Post("/api/v1/hotline-calls/" + id + "/case",
                         json::object{{"version", call.at("version").as_int64() + 1}});
  EXPECT_EQ(stale.status, 409) << stale.body;

  auto made = town.Post("/api/v1/hotline-calls/" + id + "/case",
                        json::object{{"version", call.at("version")}});
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t case_id = made.json.at("case_id").as_int64();
  auto kase = town.Get("/api/v1/cases/" + std::to_string(case_id));
  ASSERT_EQ(kase.status, 200) << kase.body;
  EXPECT_EQ(Str(kase.json, "channel"), "hotline");
  EXPECT_EQ(Str(kase.json, "category"), "domestic_violence");
  EXPECT_EQ(Str(kase.json, "external_ref"), "热线来电 #" + id);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM case_parties WHERE case_id = ?", {case_id}), 1);

  auto linked = town.Get("/api/v1/hotline-calls/" + id);
  EXPECT_EQ(linked.json.at("case_id").as_int64(), case_id);
  EXPECT_EQ(Str(linked.json, "case_no"), Str(kase.json, "case_no")) << "shown by its number";
  EXPECT_EQ(Str(linked.json, "outcome"), "case_opened");
  EXPECT_EQ(AuditCount("hotline_call", id, "make_case"), 1);
  // Twice is refused, naming the case; the outcome cannot be changed away from it.
  auto again = town.Post("/api/v1/hotline-calls/" + id + "/case",
                         json::object{{"version", linked.json.at("version")}});
  EXPECT_EQ(again.status, 409) << again.body;
  auto patched =
      town.Patch("/api/v1/hotline-calls/" + id,
                 json::object{{"version", linked.json.at("version")}, {"outcome", "advice"}});
  EXPECT_EQ(patched.status, 400) << patched.body;
}

TEST(Hotline, ACallTheCityTookWithoutATownNamesTheApplicantsHome) {
  TimePasses();
  auto call = Log("city", CallBody(kCity, "来电未说明所在镇街，咨询赡养纠纷"));
  const std::string id = IdOf(call);
  auto city = TestServer::Get().As("city");
  auto refused = city.Post("/api/v1/hotline-calls/" + id + "/case",
                           json::object{{"version", call.at("version")}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Str(refused.json.at("error"), "field"), "home_code");
  auto made = city.Post("/api/v1/hotline-calls/" + id + "/case",
                        json::object{{"version", call.at("version")}, {"home_code", kVillage}});
  ASSERT_EQ(made.status, 201) << made.body;
  // The town sees the case it handles, not the city's call.
  EXPECT_EQ(TestServer::Get().As("town").Get("/api/v1/hotline-calls/" + id).status, 404);
}

TEST(Hotline, StaffOutsideTheHotlineCannotReadIt) {
  for (const char* login : {"village", "gridsister", "mediator", "leader"}) {
    auto r = TestServer::Get().As(login).Get("/api/v1/hotline-calls");
    EXPECT_EQ(r.status, 403) << login;
  }
}

}  // namespace
}  // namespace hejia::testing
