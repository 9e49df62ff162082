// The night clinic must not fail silently (issue 9, point 16): a night request its on-duty assignee
// has not opened within the setting's minutes is texted to her — the case number and category
// only — and, still unopened after as long again, brought to whoever is on duty at the level above
// (live alert and SMS); each step is on the case's timeline. Opening the case stops the chase.
#include "accounts.hpp"
#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

struct OnDuty {
  std::string login;
  int64_t id = 0;
  std::string phone;
};

/// A fresh staff member of `region` with a mobile phone set by the administrator, on duty around
/// `at`.
OnDuty NewOnDuty(const std::string& role, const std::string& region, const std::string& phone,
                 int64_t at) {
  OnDuty d{UniqueLogin("night"), 0, phone};
  d.id = CreateStaff(d.login, role, region);
  auto admin = TestServer::Get().As("admin");
  const std::string path = "/api/v1/users/" + std::to_string(d.id);
  auto user = admin.Get(path);
  auto set =
      admin.Patch(path, json::object{{"phone", phone}, {"version", user.json.at("version")}});
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Str(set.json, "phone"), phone.substr(0, 3) + "****" + phone.substr(7));
  OnDutyAround(region, d.id, at);
  return d;
}

/// How many timeline events of `kind` the case has (other tests' night cases may be chased by
/// the same passes: each assertion looks at its own case).
int64_t EventsOf(int64_t case_id, const std::string& kind) {
  return QueryInt("SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = ?",
                  {case_id, kind});
}

constexpr int64_t kMinuteMs = 60'000;

/// The night alerts sent to `phone` that name `case_no`.
std::vector<std::string> TextsAbout(const std::string& phone, const std::string& case_no) {
  std::vector<std::string> out;
  for (auto& text : MessagesTo(phone, "night_alert"))
    if (text.find(case_no) != std::string::npos) out.push_back(std::move(text));
  return out;
}

TEST(NightAlert, AnUnopenedNightRequestIsTextedThenBroughtToTheLevelAbove) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  const auto village = NewOnDuty("village_cadre", kVillage, "13700001111", evening);
  const auto town = NewOnDuty("town_staff", kTown, "13700002222", evening);
  auto c = NewCase("city", Intake(kVillage));
  ASSERT_TRUE(c.at("night_clinic").as_bool()) << c;
  ASSERT_EQ(c.at("assignee").at("id").as_int64(), village.id) << c;
  const int64_t id = c.at("id").as_int64();
  const std::string case_no = Str(c, "case_no");
  auto& app = TestServer::Get().app();

  app.RunNightAlerts(evening + 4 * kMinuteMs);
  EXPECT_EQ(EventsOf(id, "night_reminder"), 0) << "within the five minutes";
  EXPECT_TRUE(MessagesTo(village.phone, "night_alert").empty());

  app.RunNightAlerts(evening + 5 * kMinuteMs + 1000);
  EXPECT_EQ(EventsOf(id, "night_reminder"), 1);
  const auto texts = MessagesTo(village.phone, "night_alert");
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_NE(texts[0].find(case_no), std::string::npos) << texts[0];
  EXPECT_NE(texts[0].find("抚养"), std::string::npos) << texts[0];  // the category's label
  for (const char* never : {"王晓丽", "金城路", "胡某某"})
    EXPECT_EQ(texts[0].find(never), std::string::npos) << texts[0];
  app.RunNightAlerts(evening + 6 * kMinuteMs);
  EXPECT_EQ(MessagesTo(village.phone, "night_alert").size(), 1u) << "one reminder only";
  EXPECT_EQ(EventsOf(id, "night_escalated"), 0);

  // The level above hears of it live and by SMS after as long again.
  Client town_desk = SignInFirstTime(town.login);
  EventStream stream(TestServer::Get().port(), town_desk.cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();
  app.RunNightAlerts(evening + 10 * kMinuteMs + 2000);
  EXPECT_EQ(EventsOf(id, "night_escalated"), 1);
  // (other tests' unopened night requests may reach the same person above: count this case's)
  const auto above = TextsAbout(town.phone, case_no);
  ASSERT_EQ(above.size(), 1u);
  EXPECT_TRUE(stream.WaitFor("event: escalation")) << stream.received();
  EXPECT_TRUE(stream.WaitFor(case_no)) << stream.received();
  app.RunNightAlerts(evening + 30 * kMinuteMs);
  EXPECT_EQ(EventsOf(id, "night_reminder"), 1) << "each step once";
  EXPECT_EQ(EventsOf(id, "night_escalated"), 1) << "each step once";
  EXPECT_EQ(TextsAbout(town.phone, case_no).size(), 1u);

  // Both steps are on the timeline the staff read, and in the audit trail.
  auto events = TestServer::Get().As("city").Get("/api/v1/cases/" + std::to_string(id) +
                                                 "/events?page_size=100");
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_NE(events.body.find("\"night_escalated\""), std::string::npos);
  EXPECT_EQ(AuditCount("case", std::to_string(id), "night_reminder"), 1);
  EXPECT_EQ(AuditCount("case", std::to_string(id), "night_escalated"), 1);
}

TEST(NightAlert, OpeningTheCaseStopsTheChase) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  const auto village = NewOnDuty("village_cadre", kVillage, "13700003333", evening);
  auto c = NewCase("city", Intake(kVillage));
  ASSERT_EQ(c.at("assignee").at("id").as_int64(), village.id) << c;
  const int64_t id = c.at("id").as_int64();

  // Someone else reading the case does not count; her own reading does.
  ASSERT_EQ(TestServer::Get().As("city").Get("/api/v1/cases/" + std::to_string(id)).status, 200);
  Client desk = SignInFirstTime(village.login);
  ASSERT_EQ(desk.Get("/api/v1/cases/" + std::to_string(id)).status, 200);
  TestServer::Get().app().RunNightAlerts(evening + 20 * kMinuteMs);
  EXPECT_TRUE(MessagesTo(village.phone, "night_alert").empty());
  EXPECT_EQ(EventsOf(id, "night_reminder"), 0);
}

TEST(NightAlert, TheWaitIsASettingAndAStaffPhoneMustBeAMobile) {
  auto city = TestServer::Get().As("city");
  auto settings = city.Get("/api/v1/case-settings");
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(settings.json.at("night_ack_minutes").as_int64(), 5);

  auto admin = TestServer::Get().As("admin");
  const int64_t uid = CreateStaff(UniqueLogin("phone"), "town_staff", kTown);
  const std::string path = "/api/v1/users/" + std::to_string(uid);
  // Its first one-time password moved the version on.
  const json::value version = admin.Get(path).json.at("version");
  for (const char* wrong : {"0571-88886666", "12345", "电话"}) {
    auto r = admin.Patch(path, json::object{{"phone", wrong}, {"version", version}});
    EXPECT_EQ(r.ErrorField(), "phone") << wrong << " " << r.body;
  }
  // Stored sealed, shown masked.
  auto set = admin.Patch(path, json::object{{"phone", "137 0000 4444"}, {"version", version}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Str(set.json, "phone"), "137****4444");
  EXPECT_EQ(QueryText("SELECT phone_enc FROM users WHERE id = ?", {uid}).find("13700004444"),
            std::string::npos);
  auto cleared =
      admin.Patch(path, json::object{{"phone", ""}, {"version", set.json.at("version")}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.json.at("phone").is_null());
}

}  // namespace
}  // namespace hejia::testing
