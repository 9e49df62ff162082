// Household plans (一户一策) through the API (issue 11, points 4 and 5, part of 6): the plan task
// a yellow or red listing sets (7 and 3 days, on the injected clock), drafts and submissions with
// every missing field named, a red plan awaiting the countersign of the level above (never its
// author, never her own level), returned with a reason, versions superseding each other, the
// safety plan never in a plan's JSON and its reading audited, a measure's progress recorded by
// its person, overdue measures on her to-do list raising the family's supervision mark (the watch
// run at a chosen time), and who may not see any of it.
#include <chrono>
#include <map>
#include <memory>

#include "accounts.hpp"
#include "api/case_stream.hpp"
#include "common/clock.hpp"
#include "harness.hpp"
#include "people_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

constexpr const char* kGrid = "330784001001001";  // the grid sister's grid (东城街道)
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
const std::string kBase = "/api/v1/key-families";

std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::string PathOf(int64_t id, const std::string& tail = "") {
  return kBase + "/" + std::to_string(id) + tail;
}

std::string PlanPath(int64_t family, int64_t plan, const std::string& tail = "") {
  return PathOf(family, "/plans/" + std::to_string(plan) + tail);
}

int64_t Now() {
  return TestServer::Get().clock().NowMillis();
}

/// A time of an answer (the API's "…+08:00" text) in Unix ms; -1 when it is not one.
int64_t TimeOf(const json::value& v) {
  if (!v.is_string()) return -1;
  return ParseIsoTime(std::string_view(v.as_string())).value_or(-1);
}
/// `ms` to the whole second, as the API writes times.
int64_t Sec(int64_t ms) {
  return ms / 1000 * 1000;
}

int64_t UserId(const std::string& login) {
  return QueryInt("SELECT id FROM users WHERE login = ?", {login});
}

json::object Answers(std::initializer_list<const char*> yes) {
  json::object a;
  for (const char* f : yes) a[f] = "yes";
  return a;
}

/// A family listed by the town in the grid sister's grid.
json::value ListedFamily(const std::string& colour) {
  Client town = TestServer::Get().As("town");
  const int64_t household = people_tests::NewHousehold(town, kGrid, "方案测试户主");
  json::object answers = colour == "red"      ? Answers({"weapon"})
                         : colour == "yellow" ? Answers({"escalation", "separation"})
                                              : json::object{{"children", "no"}};
  auto r = town.Post(kBase, json::object{{"household_id", household},
                                         {"source", "manual"},
                                         {"listing_reason", "网格走访发现家暴迹象"},
                                         {"answers", std::move(answers)},
                                         {"colour", colour}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json.at("family") : json::value(nullptr);
}

json::object Measure(std::optional<int64_t> due, const std::string& person = "演示村社干部",
                     std::optional<int64_t> user = std::nullopt) {
  json::object m{{"type", "mediation"},
                 {"unit", "federation"},
                 {"person", person},
                 {"detail", "组织双方调解"}};
  if (due) m["due_at"] = FormatBeijing(*due);
  if (user) m["person_user_id"] = *user;
  return m;
}

json::object WholePlan(json::array measures) {
  return json::object{{"focus", "夫妻因分居和子女抚养长期争吵"},
                      {"goals", "三个月内无再次冲突，子女正常上学"},
                      {"measures", std::move(measures)}};
}

/// A whole plan written and submitted by `login` for the family; its answer.
HttpResult WrittenAndSubmitted(const std::string& login, int64_t family, json::array measures) {
  Client c = TestServer::Get().As(login);
  auto draft = c.Post(PathOf(family, "/plans"), WholePlan(std::move(measures)));
  EXPECT_EQ(draft.status, 201) << draft.body;
  if (draft.status != 201) return draft;
  return c.Post(PlanPath(family, draft.json.at("id").as_int64(), "/submit"), json::object{});
}

int64_t PlanAudits(int64_t plan, const std::string& action) {
  return QueryInt(
      "SELECT COUNT(*) FROM audit_log WHERE entity = 'household_plan' AND entity_id = ? AND "
      "action = ? AND result = 'ok'",
      {std::to_string(plan), action});
}

bool HasItem(const json::value& todo, const std::string& kind, int64_t family) {
  for (const auto& item : todo.at("items").as_array())
    if (Str(item, "kind") == kind && item.at("family").is_object() &&
        item.at("family").at("id").as_int64() == family)
      return true;
  return false;
}

TEST(HouseholdPlans, AYellowFamilyHasSevenDaysForItsPlanAndARedOneThree) {
  const auto yellow = ListedFamily("yellow");
  const auto red = ListedFamily("red");
  ASSERT_TRUE(yellow.is_object() && red.is_object());
  const int64_t y = yellow.at("id").as_int64(), r = red.at("id").as_int64();
  Client town = TestServer::Get().As("town");
  auto plans = town.Get(PathOf(y, "/plans"));
  ASSERT_EQ(plans.status, 200) << plans.body;
  EXPECT_TRUE(plans.json.at("items").as_array().empty());
  EXPECT_EQ(TimeOf(plans.json.at("plan_due_at")), Sec(Now() + 7 * kDayMs));
  EXPECT_EQ(TimeOf(town.Get(PathOf(r, "/plans")).json.at("plan_due_at")), Sec(Now() + 3 * kDayMs));
  EXPECT_EQ(Str(yellow, "supervision"), "none");
  // The plan task is on the owning level's list: the town's for yellow, the city's for red.
  auto town_todo = town.Get("/api/v1/todo");
  ASSERT_EQ(town_todo.status, 200) << town_todo.body;
  EXPECT_TRUE(HasItem(town_todo.json, "plan", y));
  EXPECT_FALSE(HasItem(town_todo.json, "plan", r));
  auto city_todo = TestServer::Get().As("city").Get("/api/v1/todo");
  ASSERT_EQ(city_todo.status, 200) << city_todo.body;
  EXPECT_TRUE(HasItem(city_todo.json, "plan", r));
  // The grid sister's list has her grid's contacts, never a colour or a plan.
  auto sister = TestServer::Get().As("gridsister").Get("/api/v1/todo");
  ASSERT_EQ(sister.status, 200) << sister.body;
  for (const auto& item : sister.json.at("items").as_array()) {
    EXPECT_TRUE(item.at("colour").is_null());
    EXPECT_NE(Str(item, "kind"), "plan");
  }
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/todo").status, 403);
}

TEST(HouseholdPlans, ADraftMayBeHalfWrittenASubmittedPlanMustBeWhole) {
  const auto family = ListedFamily("yellow");
  ASSERT_TRUE(family.is_object());
  const int64_t id = family.at("id").as_int64();
  Client town = TestServer::Get().As("town");
  // A draft with the focus only; the risks come from the last assessment.
  auto draft = town.Post(PathOf(id, "/plans"), json::object{{"focus", "分居后争吵不断"}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_EQ(Str(draft.json, "status"), "draft");
  EXPECT_EQ(draft.json.at("version").as_int64(), 1);
  EXPECT_EQ(Str(draft.json, "colour"), "yellow");
  EXPECT_NE(Str(draft.json, "risks").find("分居"), std::string::npos) << draft.body;
  EXPECT_EQ(Str(draft.json.at("author"), "level"), "town");
  const int64_t plan = draft.json.at("id").as_int64();
  EXPECT_EQ(PlanAudits(plan, "create"), 1);
  // One draft at a time.
  auto second = town.Post(PathOf(id, "/plans"), json::object{});
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.ErrorCode(), "plan_draft_exists");
  // Submitting it names what is missing: the goals first, every problem listed.
  auto incomplete = town.Post(PlanPath(id, plan, "/submit"), json::object{});
  EXPECT_EQ(incomplete.status, 422) << incomplete.body;
  EXPECT_EQ(incomplete.ErrorCode(), "plan_incomplete");
  EXPECT_EQ(incomplete.ErrorField(), "goals");
  std::vector<std::string> fields;
  for (const auto& p : incomplete.json.at("error").at("details").at("problems").as_array())
    fields.push_back(Str(p, "field"));
  EXPECT_EQ(fields, (std::vector<std::string>{"goals", "measures"}));
  // A draft too long is refused by field, and a stale version by its row_version.
  auto too_long = town.Patch(PlanPath(id, plan),
                             json::object{{"row_version", 1}, {"focus", std::string(501, 'x')}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(too_long.ErrorField(), "focus");
  auto bad_unit = town.Patch(
      PlanPath(id, plan),
      json::object{{"row_version", 1},
                   {"measures", json::array{json::object{{"type", "mediation"}, {"unit", "x"}}}}});
  EXPECT_EQ(bad_unit.status, 400);
  EXPECT_EQ(bad_unit.ErrorField(), "measures[0].unit");
  // A due date is a day (due by its end in Beijing) or a time with its offset, never a number.
  for (const json::value& bad : {json::value("2026-02-30"), json::value(1780000000000)}) {
    auto bad_due = town.Patch(
        PlanPath(id, plan),
        json::object{
            {"row_version", 1},
            {"measures", json::array{json::object{
                             {"type", "mediation"}, {"unit", "federation"}, {"due_at", bad}}}}});
    EXPECT_EQ(bad_due.status, 400) << bad_due.body;
    EXPECT_EQ(bad_due.ErrorField(), "measures[0].due_at");
  }
  // A measure without its person and due date is fine in a draft, not on submission.
  json::object body =
      WholePlan(json::array{json::object{{"type", "counselling"}, {"unit", "federation"}}});
  body["row_version"] = 1;
  auto patched = town.Patch(PlanPath(id, plan), body);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json.at("row_version").as_int64(), 2);
  {
    json::object dated = WholePlan(json::array{
        json::object{{"type", "counselling"}, {"unit", "federation"}, {"due_at", "2027-01-05"}}});
    dated["row_version"] = 2;
    auto day = town.Patch(PlanPath(id, plan), dated);
    ASSERT_EQ(day.status, 200) << day.body;
    EXPECT_EQ(Str(day.json.at("measures").at(0), "due_at"), "2027-01-05T23:59:59+08:00");
    body["row_version"] = 3;
  }
  auto undated = town.Patch(PlanPath(id, plan), body);
  ASSERT_EQ(undated.status, 200) << undated.body;
  body["row_version"] = 1;
  EXPECT_EQ(town.Patch(PlanPath(id, plan), body).ErrorCode(), "version_conflict");
  auto no_person = town.Post(PlanPath(id, plan, "/submit"), json::object{});
  EXPECT_EQ(no_person.status, 422);
  EXPECT_EQ(no_person.ErrorField(), "measures[0].person");
  body = WholePlan(json::array{Measure(Now() + 10 * kDayMs)});
  body["row_version"] = 4;
  ASSERT_EQ(town.Patch(PlanPath(id, plan), body).status, 200);
  // A yellow family's plan is active at once; the plan is no longer due.
  auto active = town.Post(PlanPath(id, plan, "/submit"), json::object{});
  ASSERT_EQ(active.status, 200) << active.body;
  EXPECT_EQ(Str(active.json, "status"), "active");
  EXPECT_EQ(TimeOf(active.json.at("activated_at")), Sec(Now()));
  EXPECT_TRUE(active.json.at("review_due").is_null());  // yellow: only at colour changes
  EXPECT_EQ(town.Get(PathOf(id, "/plans")).json.at("plan_due_at"), json::value(nullptr));
  EXPECT_EQ(town.Patch(PlanPath(id, plan), body).ErrorCode(), "plan_not_draft");
  EXPECT_EQ(PlanAudits(plan, "submit"), 1);

  // The next version starts from the active one and supersedes it when submitted.
  auto next = town.Post(PathOf(id, "/plans"), json::object{{"goals", "半年内关系稳定"}});
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_EQ(next.json.at("version").as_int64(), 2);
  EXPECT_EQ(Str(next.json, "focus"), "夫妻因分居和子女抚养长期争吵");
  EXPECT_EQ(next.json.at("measures").as_array().size(), 1u);
  const int64_t plan2 = next.json.at("id").as_int64();
  ASSERT_EQ(town.Post(PlanPath(id, plan2, "/submit"), json::object{}).status, 200);
  auto versions = town.Get(PathOf(id, "/plans"));
  ASSERT_EQ(versions.status, 200);
  const auto& items = versions.json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Str(items[0], "status"), "active");
  EXPECT_EQ(Str(items[1], "status"), "superseded");

  // An upgrade to red: the plan is to be reviewed, and a review alone is not enough — a red plan
  // needs a new version and its countersign.
  auto upgraded = town.Post(PathOf(id, "/assessments"),
                            json::object{{"answers", Answers({"weapon"})}, {"colour", "red"}});
  ASSERT_EQ(upgraded.status, 201) << upgraded.body;
  EXPECT_EQ(upgraded.json.at("family").at("plan_due_at"), json::value(nullptr));
  auto after = town.Get(PathOf(id, "/plans"));
  EXPECT_EQ(Str(after.json.at("items").at(0), "review_reason"), "colour_changed");
  auto review = town.Post(PlanPath(id, plan2, "/review"), json::object{{"note", "已复核"}});
  EXPECT_EQ(review.status, 409);
  EXPECT_EQ(review.ErrorCode(), "plan_needs_new_version");
}

TEST(HouseholdPlans, ARedPlanIsCountersignedByTheLevelAboveItsAuthor) {
  const auto family = ListedFamily("red");
  ASSERT_TRUE(family.is_object());
  const int64_t id = family.at("id").as_int64();
  auto submitted = WrittenAndSubmitted("town", id, json::array{Measure(Now() + 5 * kDayMs)});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Str(submitted.json, "status"), "awaiting_countersign");
  const int64_t plan = submitted.json.at("id").as_int64();
  // The city sees it on its list.
  auto city_todo = TestServer::Get().As("city").Get("/api/v1/todo");
  EXPECT_TRUE(HasItem(city_todo.json, "countersign", id)) << city_todo.body;
  // Not by its author, nor by another of the town's staff.
  auto self = TestServer::Get().As("town").Post(PlanPath(id, plan, "/countersign"), json::object{});
  EXPECT_EQ(self.status, 403);
  EXPECT_EQ(self.ErrorField(), "countersigner");
  const std::string colleague = UniqueLogin("plantown");
  CreateStaff(colleague, "town_staff");
  Client other = SignInFirstTime(colleague);
  auto same_level = other.Post(PlanPath(id, plan, "/countersign"), json::object{});
  EXPECT_EQ(same_level.status, 403) << same_level.body;
  EXPECT_EQ(same_level.ErrorField(), "countersigner");
  // Returned with a reason, it is a draft again.
  Client city = TestServer::Get().As("city");
  EXPECT_EQ(city.Post(PlanPath(id, plan, "/return"), json::object{}).ErrorField(), "reason");
  auto returned =
      city.Post(PlanPath(id, plan, "/return"), json::object{{"reason", "请补充保护令申请措施"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(Str(returned.json, "status"), "draft");
  EXPECT_EQ(Str(returned.json, "returned_reason"), "请补充保护令申请措施");
  EXPECT_EQ(PlanAudits(plan, "return"), 1);
  Client town = TestServer::Get().As("town");
  ASSERT_EQ(town.Post(PlanPath(id, plan, "/submit"), json::object{}).status, 200);
  auto signed_plan = city.Post(PlanPath(id, plan, "/countersign"), json::object{{"note", "同意"}});
  ASSERT_EQ(signed_plan.status, 200) << signed_plan.body;
  EXPECT_EQ(Str(signed_plan.json, "status"), "active");
  EXPECT_EQ(signed_plan.json.at("countersigned_by").at("id").as_int64(), UserId("city"));
  EXPECT_EQ(TimeOf(signed_plan.json.at("review_due")), Sec(Now() + 30 * kDayMs));
  EXPECT_EQ(PlanAudits(plan, "countersign"), 1);
}

TEST(HouseholdPlans, TheSafetyPlanIsSealedNeverInThePlanAndItsReadingAudited) {
  const auto family = ListedFamily("yellow");
  ASSERT_TRUE(family.is_object());
  const int64_t id = family.at("id").as_int64();
  Client town = TestServer::Get().As("town");
  json::object body = WholePlan(json::array{Measure(Now() + 5 * kDayMs)});
  body["safety"] = json::object{
      {"contacts", json::array{json::object{
                       {"name", "测试联系人"}, {"relation", "姐姐"}, {"phone", "13900007777"}}}},
      {"code_word", "晒被子"},
      {"safe_place", "镇妇联维权站"},
      {"notes", "证件放在娘家"}};
  auto bad = body;
  bad["safety"].as_object()["contacts"].as_array()[0].as_object()["phone"] = "12";
  EXPECT_EQ(town.Post(PathOf(id, "/plans"), bad).ErrorField(), "safety.contacts[0].phone");
  auto draft = town.Post(PathOf(id, "/plans"), body);
  ASSERT_EQ(draft.status, 201) << draft.body;
  EXPECT_TRUE(draft.json.at("has_safety_plan").as_bool());
  EXPECT_FALSE(draft.json.as_object().contains("safety"));
  EXPECT_EQ(draft.body.find("晒被子"), std::string::npos);
  EXPECT_EQ(draft.body.find("13900007777"), std::string::npos);
  const int64_t plan = draft.json.at("id").as_int64();
  const auto stored = QueryText("SELECT safety FROM household_plans WHERE id = ?", {plan});
  EXPECT_EQ(stored.find("13900007777"), std::string::npos);
  EXPECT_EQ(AuditEntriesCarrying("13900007777"), 0);
  auto safety = town.Get(PlanPath(id, plan, "/safety"));
  ASSERT_EQ(safety.status, 200) << safety.body;
  EXPECT_EQ(Str(safety.json, "code_word"), "晒被子");
  EXPECT_EQ(Str(safety.json.at("contacts").at(0), "phone"), "13900007777");
  EXPECT_EQ(PlanAudits(plan, "read_sensitive"), 1);
  // A grid sister and a leader never; another town does not find it.
  for (const char* login : {"gridsister", "leader"}) {
    Client c = TestServer::Get().As(login);
    EXPECT_EQ(c.Get(PathOf(id, "/plans")).status, 403) << login;
    EXPECT_EQ(c.Get(PlanPath(id, plan, "/safety")).status, 403) << login;
    EXPECT_EQ(c.Post(PathOf(id, "/plans"), json::object{}).status, 403) << login;
  }
  Client town2 = TestServer::Get().As("town2");
  EXPECT_EQ(town2.Get(PathOf(id, "/plans")).status, 404);
  EXPECT_EQ(town2.Get(PlanPath(id, plan, "/safety")).status, 404);
  EXPECT_EQ(town2.Get(PathOf(id, "/overview")).status, 404);
  EXPECT_EQ(PlanAudits(plan, "read_sensitive"), 1);
  // The overview: the household's members, incidents and cases.
  auto overview = town.Get(PathOf(id, "/overview"));
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_TRUE(overview.json.at("members").is_array());
}

TEST(HouseholdPlans, OverdueMeasuresReachTheirPersonAndRaiseTheSupervisionMark) {
  const auto family = ListedFamily("yellow");
  ASSERT_TRUE(family.is_object());
  const int64_t id = family.at("id").as_int64();
  const int64_t sister = UserId("gridsister");
  const int64_t due = Now() + kDayMs;
  auto active = WrittenAndSubmitted(
      "town", id,
      json::array{Measure(due, "演示格姐", sister), Measure(Now() + 20 * kDayMs, "镇干部")});
  ASSERT_EQ(active.status, 200) << active.body;
  const int64_t plan = active.json.at("id").as_int64();
  EXPECT_EQ(active.json.at("measures").at(0).at("person_user_id").as_int64(), sister);

  // The watch at a time after the measure's due date: yellow, and the grid sister is told.
  auto& hub = *TestServer::Get().app().services().case_stream;
  auto stream = hub.Subscribe(sister, [] {});
  TestServer::Get().app().RunFamilyWatch(due + kDayMs);
  bool heard = false;
  for (const auto& frame : stream->Take())
    heard = heard || (frame.find("event: family_todo") != std::string::npos &&
                      frame.find("\"family_id\":" + std::to_string(id)) != std::string::npos);
  EXPECT_TRUE(heard);
  hub.Unsubscribe(sister, stream);
  Client town = TestServer::Get().As("town");
  EXPECT_EQ(Str(town.Get(PathOf(id)).json, "supervision"), "yellow");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'key_family' AND entity_id = "
                     "? AND action = 'supervise'",
                     {std::to_string(id)}),
            1);
  // Told once: the same overdue measure is not told again.
  auto again = hub.Subscribe(sister, [] {});
  TestServer::Get().app().RunFamilyWatch(due + kDayMs + 60000);
  for (const auto& frame : again->Take())
    EXPECT_EQ(frame.find("\"family_id\":" + std::to_string(id)), std::string::npos);
  hub.Unsubscribe(sister, again);

  // Once the clock passes the due date, the measure is on her list, overdue.
  TestServer::Get().clock().Advance(std::chrono::hours(48));
  Client gridsister = TestServer::Get().As("gridsister");
  auto todo = gridsister.Get("/api/v1/todo");
  ASSERT_EQ(todo.status, 200) << todo.body;
  bool listed = false;
  for (const auto& item : todo.json.at("items").as_array())
    if (Str(item, "kind") == "measure" && item.at("plan_id").as_int64() == plan) {
      listed = true;
      EXPECT_TRUE(item.at("overdue").as_bool());
      EXPECT_EQ(item.at("measure_index").as_int64(), 0);
      EXPECT_TRUE(item.at("colour").is_null());
    }
  EXPECT_TRUE(listed) << todo.body;
  EXPECT_GE(todo.json.at("counts").at("overdue").as_int64(), 1);

  // She records it done (a result is required); not someone else's measure.
  const int64_t rv = active.json.at("row_version").as_int64();
  auto no_result = gridsister.Patch(PlanPath(id, plan, "/measures/0"),
                                    json::object{{"row_version", rv}, {"status", "done"}});
  EXPECT_EQ(no_result.status, 422) << no_result.body;
  EXPECT_EQ(no_result.ErrorField(), "measures[0].result");
  EXPECT_EQ(gridsister
                .Patch(PlanPath(id, plan, "/measures/1"),
                       json::object{{"row_version", rv}, {"status", "done"}, {"result", "完成"}})
                .status,
            403);
  auto done = gridsister.Patch(
      PlanPath(id, plan, "/measures/0"),
      json::object{{"row_version", rv}, {"status", "done"}, {"result", "调解成功，双方签订协议"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Str(done.json.at("measures").at(0), "status"), "done");
  EXPECT_FALSE(done.json.at("measures").at(0).at("overdue").as_bool());
  // She sees her measure, not the plan.
  EXPECT_EQ(Str(done.json, "focus"), "");
  EXPECT_EQ(Str(done.json, "risks"), "");
  EXPECT_EQ(Str(done.json.at("measures").at(1), "detail"), "");
  EXPECT_EQ(PlanAudits(plan, "update_measure"), 1);
  // Nothing is overdue any more: the mark goes.
  EXPECT_EQ(Str(TestServer::Get().As("town").Get(PathOf(id)).json, "supervision"), "none");
}

TEST(HouseholdPlans, ADelistingClosesThePlans) {
  const auto family = ListedFamily("blue");
  ASSERT_TRUE(family.is_object());
  const int64_t id = family.at("id").as_int64();
  // A blue family needs no plan, but may have one.
  EXPECT_EQ(family.at("plan_due_at"), json::value(nullptr));
  auto active = WrittenAndSubmitted("town", id, json::array{Measure(Now() + 40 * kDayMs)});
  ASSERT_EQ(active.status, 200) << active.body;
  EXPECT_EQ(Str(active.json, "status"), "active");
  const int64_t plan = active.json.at("id").as_int64();
  TestServer::Get().clock().Advance(std::chrono::hours(24 * 31));
  Client town = TestServer::Get().As("town");
  ASSERT_EQ(town.Post(PathOf(id, "/colour-change"),
                      json::object{{"to", "delisted"}, {"reason", "情况稳定一个月，申请销号"}})
                .status,
            200);
  auto delisted =
      TestServer::Get().As("village").Post(PathOf(id, "/colour-change/approve"), json::object{});
  ASSERT_EQ(delisted.status, 200) << delisted.body;
  EXPECT_TRUE(delisted.json.at("retired").as_bool());
  auto plans = town.Get(PathOf(id, "/plans"));
  ASSERT_EQ(plans.status, 200) << plans.body;
  EXPECT_EQ(Str(plans.json.at("items").at(0), "status"), "closed");
  EXPECT_EQ(plans.json.at("items").at(0).at("id").as_int64(), plan);
  EXPECT_EQ(town.Post(PathOf(id, "/plans"), json::object{}).status, 409);  // delisted
}

}  // namespace
}  // namespace hejia::testing
