// Online consultations' answer limits (issue 13, point 2), with the injected clock: a question is
// due one working day later (a Friday's on Monday); a question about violence asked at night is
// due in two hours and routed to whoever is on duty; a question past its limit is marked yellow,
// then red, by the minute job; the desk counts what is late and what is mine.
#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

/// Asks a question of `category` on the portal for 东城街道.
void Ask(const std::string& question, const std::string& category) {
  Client citizen(TestServer::Get().port());
  json::object body{{"question", question},
                    {"category", category},
                    {"town_code", kTown},
                    {"challenge", SolvedChallenge(citizen)}};
  auto r = citizen.Post("/api/v1/public/consultations", body);
  ASSERT_EQ(r.status, 201) << r.body;
}

/// The town's list item of a question (null when not listed).
json::value Listed(const std::string& question, const std::string& query = "") {
  auto list = TestServer::Get().As("town").Get("/api/v1/consultations?page_size=100" + query);
  EXPECT_EQ(list.status, 200) << list.body;
  for (const auto& item : list.json.at("items").as_array())
    if (item.at("excerpt").is_string() && item.at("excerpt").as_string() == question) return item;
  return nullptr;
}

TEST(ConsultationLimits, AFridayQuestionIsDueOnMondayAndGoesToNobodyInParticular) {
  MoveClockTo(NextBeijing(4, 15, 0));  // a Friday afternoon
  const int64_t asked = Now();
  const std::string question = "婚前买的房子离婚时怎么分？（时限测试一）";
  Ask(question, "divorce_property");
  auto item = Listed(question, "&status=open&sort=answer_due_at");
  ASSERT_TRUE(item.is_object());
  EXPECT_EQ(Str(item, "answer_due_at"), FormatBeijing(asked + 3 * kDay));
  EXPECT_FALSE(item.at("urgent").as_bool());
  EXPECT_EQ(item.at("assignee_id"), nullptr);
  EXPECT_FALSE(item.at("overdue").as_bool());
  EXPECT_EQ(item.at("supervision"), nullptr);
  // Saturday is not late; Monday after the hour is.
  MoveClockTo(asked + kDay);
  EXPECT_EQ(TestServer::Get().app().RunConsultationWatch(Now()) >= 0, true);
  EXPECT_EQ(Listed(question).at("supervision"), nullptr);
  MoveClockTo(asked + 3 * kDay + kMinute);
  TestServer::Get().app().RunConsultationWatch(Now());
  item = Listed(question, "&overdue=1");
  ASSERT_TRUE(item.is_object()) << "a late question is not in the overdue filter";
  EXPECT_TRUE(item.at("overdue").as_bool());
  EXPECT_EQ(Str(item, "supervision"), "yellow");
  EXPECT_TRUE(Listed(question, "&supervision=yellow").is_object());
  const std::string id = std::to_string(item.at("id").as_int64());
  EXPECT_EQ(AuditCount("consultation", id, "supervise"), 1);
  // Another pass does not mark it again.
  TestServer::Get().app().RunConsultationWatch(Now());
  EXPECT_EQ(AuditCount("consultation", id, "supervise"), 1);
  // Answered, it is no longer late (the mark stays as its history).
  auto town = TestServer::Get().As("town");
  auto answered = town.Post(
      "/api/v1/consultations/" + id + "/answer",
      json::object{{"answer", "婚前个人财产一般归个人所有。"}, {"version", item.at("version")}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_FALSE(answered.json.at("overdue").as_bool());
  EXPECT_EQ(Str(answered.json, "supervision"), "yellow");
  EXPECT_FALSE(Listed(question, "&overdue=1").is_object());
}

TEST(ConsultationLimits, ViolenceAtNightIsDueInTwoHoursWithWhoeverIsOnDuty) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  OnDutyAround(kTown, UserIdOf("town"), evening);
  const std::string question = "他今晚又动手了，我该怎么办？（时限测试二）";
  Ask(question, "domestic_violence");
  auto item = Listed(question, "&mine=1");
  ASSERT_TRUE(item.is_object()) << "the night question is not routed to the person on duty";
  EXPECT_TRUE(item.at("urgent").as_bool());
  EXPECT_EQ(item.at("assignee_id").as_int64(), UserIdOf("town"));
  EXPECT_FALSE(Str(item, "assignee_name").empty());
  EXPECT_EQ(Str(item, "answer_due_at"), FormatBeijing(evening + 2 * kHour));
  EXPECT_TRUE(Listed(question, "&urgent=1").is_object());

  auto desk = TestServer::Get().As("town").Get("/api/v1/desk");
  ASSERT_EQ(desk.status, 200) << desk.body;
  EXPECT_GE(desk.json.at("counts").at("consultations_mine").as_int64(), 1);
  // The desk's list, and the list sorted by the limit, have the nearest limit first.
  std::string last;
  for (const auto& w : desk.json.at("consultations").as_array()) {
    if (!w.at("answer_due_at").is_string()) continue;
    EXPECT_LE(last, Str(w, "answer_due_at"));
    last = Str(w, "answer_due_at");
  }
  auto sorted = TestServer::Get().As("town").Get(
      "/api/v1/consultations?status=open&sort=answer_due_at&page_size=100");
  last.clear();
  for (const auto& w : sorted.json.at("items").as_array()) {
    if (!w.at("answer_due_at").is_string()) continue;  // written without one (older rows)
    EXPECT_LE(last, Str(w, "answer_due_at"));
    last = Str(w, "answer_due_at");
  }

  const std::string id = std::to_string(item.at("id").as_int64());
  MoveClockTo(evening + 2 * kHour + kMinute);
  TestServer::Get().app().RunConsultationWatch(Now());
  EXPECT_EQ(Str(Listed(question), "supervision"), "yellow");
  MoveClockTo(evening + 4 * kHour + kMinute);
  TestServer::Get().app().RunConsultationWatch(Now());
  EXPECT_EQ(Str(Listed(question, "&supervision=red"), "supervision"), "red");
  EXPECT_EQ(AuditCount("consultation", id, "supervise"), 2);
  EXPECT_GE(TestServer::Get()
                .As("town")
                .Get("/api/v1/desk")
                .json.at("counts")
                .at("consultations_overdue")
                .as_int64(),
            1);
  // Another town's staff do not see it, in the list or on the desk.
  auto other = TestServer::Get().As("town2").Get("/api/v1/consultations?page_size=100");
  for (const auto& i : other.json.at("items").as_array()) EXPECT_NE(i.at("id"), item.at("id"));
}

TEST(ConsultationLimits, TheLimitsAreSettings) {
  auto city = TestServer::Get().As("city");
  auto settings = city.Get("/api/v1/case-settings");
  ASSERT_EQ(settings.status, 200);
  EXPECT_EQ(settings.json.at("consultation_answer_days").as_int64(), 1);
  EXPECT_EQ(settings.json.at("consultation_night_minutes").as_int64(), 120);
  auto bad = city.Put(
      "/api/v1/case-settings",
      json::object{{"consultation_answer_days", 0}, {"version", settings.json.at("version")}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(Str(bad.json.at("error"), "field"), "consultation_answer_days");
}

/// Sets the case settings' holidays and make-up working days; back to none when it goes.
class CalendarSet {
 public:
  CalendarSet(json::array holidays, json::array workdays) { Put(holidays, workdays); }
  ~CalendarSet() { Put({}, {}); }
  json::value answer;

 private:
  void Put(const json::array& holidays, const json::array& workdays) {
    auto city = TestServer::Get().As("city");
    const auto settings = city.Get("/api/v1/case-settings");
    auto r =
        city.Put("/api/v1/case-settings", json::object{{"holidays", holidays},
                                                       {"workdays", workdays},
                                                       {"version", settings.json.at("version")}});
    EXPECT_EQ(r.status, 200) << r.body;
    answer = r.json;
  }
};

TEST(ConsultationLimits, AHolidayIsNoWorkingDayAndAWorkedSaturdayIs) {
  MoveClockTo(NextBeijing(3, 15, 0));  // a Thursday afternoon
  const int64_t asked = Now();
  const auto day = [&](int n) { return FormatBeijing(asked + n * kDay).substr(0, 10); };
  {
    // Friday is a holiday: Thursday's question is due on Monday, not Friday.
    CalendarSet calendar(json::array{day(1)}, json::array{});
    EXPECT_EQ(calendar.answer.at("holidays"), json::array{json::string(day(1))});
    const std::string question = "节前问的问题什么时候答复？（时限测试节假日）";
    Ask(question, "marriage");
    EXPECT_EQ(Str(Listed(question), "answer_due_at"), FormatBeijing(asked + 4 * kDay));
  }
  {
    // With Friday a holiday and Saturday worked instead, it is due on Saturday.
    CalendarSet calendar(json::array{day(1)}, json::array{day(2)});
    const std::string question = "调休上班日也算工作日吗？（时限测试调休）";
    Ask(question, "marriage");
    EXPECT_EQ(Str(Listed(question), "answer_due_at"), FormatBeijing(asked + 2 * kDay));
  }
  // Nothing half-written: a Friday worked instead is refused by name, the calendar left as it was.
  auto city = TestServer::Get().As("city");
  const auto before = city.Get("/api/v1/case-settings");
  auto bad = city.Put(
      "/api/v1/case-settings",
      json::object{{"workdays", json::array{day(1)}}, {"version", before.json.at("version")}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(Str(bad.json.at("error"), "field"), "workdays");
  EXPECT_EQ(city.Get("/api/v1/case-settings").json.at("workdays"), json::array{});
}

}  // namespace
}  // namespace hejia::testing
