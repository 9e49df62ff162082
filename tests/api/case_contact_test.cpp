// The applicant's safe-contact wishes (issue 10, point 8): "text messages only" and the hours she
// may be called are taken in by staff and by the portal, corrected like any other field, returned
// with the case for the console's call button to follow, and refused naming the field when a time
// is not a time.
#include <functional>

#include "case_helpers.hpp"
#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

json::object WithWishes(json::object body, bool sms_only, const std::string& from,
                        const std::string& to) {
  body["contact_sms_only"] = sms_only;
  body["contact_call_from"] = from;
  body["contact_call_to"] = to;
  return body;
}

TEST(ContactWishes, StaffIntakeKeepsThemAndTheCaseReturnsThem) {
  auto made = NewCase("town", WithWishes(Intake(kVillage), true, "20:00", "07:00"));
  EXPECT_TRUE(made.at("contact_sms_only").as_bool());
  EXPECT_EQ(Str(made, "contact_call_from"), "20:00");
  EXPECT_EQ(Str(made, "contact_call_to"), "07:00");
  auto read =
      TestServer::Get().As("town").Get("/api/v1/cases/" + std::to_string(made.at("id").as_int64()));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(read.json.at("contact_sms_only").as_bool());
  EXPECT_EQ(Str(read.json, "contact_call_to"), "07:00");
  // The free text beside them stays sealed.
  EXPECT_EQ(Str(read.json, "safe_contact"), "工作日 18 点后可来电");

  // Left out, she may be called at any time.
  auto plain = NewCase("town", Intake(kVillage));
  EXPECT_FALSE(plain.at("contact_sms_only").as_bool());
  EXPECT_EQ(Str(plain, "contact_call_from"), "");
  EXPECT_EQ(Str(plain, "contact_call_to"), "");
}

TEST(ContactWishes, ATimeThatIsNotATimeIsRefusedNamingTheFieldAndNothingIsWritten) {
  auto town = TestServer::Get().As("town");
  const int64_t cases_before = CountRows("cases");
  struct Bad {
    std::string field, from, to;
  };
  for (const Bad& b :
       {Bad{"contact_call_from", "25:00", "07:00"}, Bad{"contact_call_to", "20:00", "7点"},
        Bad{"contact_call_from", "8:00", "12:00"}, Bad{"contact_call_to", "20:00", ""},
        Bad{"contact_call_from", "", "07:00"}, Bad{"contact_call_to", "20:00", "20:00"}}) {
    auto r = town.Post("/api/v1/cases", WithWishes(Intake(kVillage), false, b.from, b.to));
    EXPECT_EQ(r.status, 400) << b.from << "–" << b.to << " " << r.body;
    EXPECT_EQ(r.ErrorField(), b.field) << b.from << "–" << b.to;
  }
  json::object wrong_type = Intake(kVillage);
  wrong_type["contact_sms_only"] = "yes";
  EXPECT_EQ(town.Post("/api/v1/cases", wrong_type).ErrorField(), "contact_sms_only");
  EXPECT_EQ(CountRows("cases"), cases_before);
}

TEST(ContactWishes, ACorrectionChangesThemAuditedAndOnTheTimeline) {
  auto town = TestServer::Get().As("town");
  auto made = NewCase("town", Intake(kVillage));
  const std::string path = "/api/v1/cases/" + std::to_string(made.at("id").as_int64());
  auto set = town.Patch(path, json::object{{"version", made.at("version")},
                                           {"contact_call_from", "12:00"},
                                           {"contact_call_to", "13:30"}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Str(set.json, "contact_call_from"), "12:00");
  EXPECT_EQ(Str(set.json, "contact_call_to"), "13:30");
  EXPECT_FALSE(set.json.at("contact_sms_only").as_bool());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = ? AND "
                     "action = 'update' AND detail = 'fields=contact_call_from,contact_call_to'",
                     {std::to_string(made.at("id").as_int64())}),
            1);
  auto events = town.Get(path + "/events?page_size=100");
  bool edit = false;
  for (const auto& e : events.json.at("items").as_array())
    if (e.at("kind") == "edit") edit = true;
  EXPECT_TRUE(edit) << events.body;

  // One end alone would leave half a window: refused naming the missing end, nothing changed.
  auto half =
      town.Patch(path, json::object{{"version", set.json.at("version")}, {"contact_call_to", ""}});
  EXPECT_EQ(half.status, 400) << half.body;
  EXPECT_EQ(half.ErrorField(), "contact_call_to");
  EXPECT_EQ(Str(town.Get(path).json, "contact_call_to"), "13:30");

  // SMS only, and no hours any more.
  auto sms = town.Patch(path, json::object{{"version", set.json.at("version")},
                                           {"contact_sms_only", true},
                                           {"contact_call_from", ""},
                                           {"contact_call_to", ""}});
  ASSERT_EQ(sms.status, 200) << sms.body;
  EXPECT_TRUE(sms.json.at("contact_sms_only").as_bool());
  EXPECT_EQ(Str(sms.json, "contact_call_from"), "");
  // The same again changes nothing: no new version.
  auto same = town.Patch(
      path, json::object{{"version", sms.json.at("version")}, {"contact_sms_only", true}});
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json.at("version"), sms.json.at("version"));
}

TEST(ContactWishes, ThePortalTakesThemWithTheRequest) {
  TimePasses();
  Client citizen(TestServer::Get().port());
  auto submit = [&](std::function<void(json::object&)> change) {
    auto challenge = citizen.Post("/api/v1/public/challenge", json::object{});
    const std::string token(challenge.json.at("token").as_string());
    json::object body{
        {"category", "child_support"},
        {"facts", "他不付抚养费"},
        {"town_code", kTown},
        {"phone", UniquePhone()},
        {"safe_contact", "只发短信"},
        {"contact_sms_only", true},
        {"challenge",
         json::object{{"token", token},
                      {"nonce", Solve(token, static_cast<int>(
                                                 challenge.json.at("difficulty").as_int64()))}}}};
    change(body);
    return citizen.Post("/api/v1/public/help-requests", body);
  };
  auto ok = submit([](json::object&) {});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(QueryInt("SELECT contact_sms_only FROM cases ORDER BY id DESC LIMIT 1"), 1);

  const int64_t cases_before = CountRows("cases");
  auto bad = submit([](json::object& b) {
    b["contact_call_from"] = "21:00";
    b["contact_call_to"] = "24:00";
  });
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.ErrorField(), "contact_call_to");
  EXPECT_EQ(CountRows("cases"), cases_before);

  auto hours = submit([](json::object& b) {
    b["contact_sms_only"] = false;
    b["contact_call_from"] = "20:00";
    b["contact_call_to"] = "22:00";
  });
  ASSERT_EQ(hours.status, 201) << hours.body;
  EXPECT_EQ(QueryText("SELECT contact_call_from || '-' || contact_call_to FROM cases ORDER BY id "
                      "DESC LIMIT 1"),
            "20:00-22:00");
}

}  // namespace
}  // namespace hejia::testing
