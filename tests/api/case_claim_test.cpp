// Who handles a case: accepting makes the person who accepts its handler unless another is
// chosen, and a case nobody handles is taken with one click (POST /cases/{id}/claim).
#include "case_helpers.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

std::string CasePath(int64_t id) {
  return "/api/v1/cases/" + std::to_string(id);
}

/// A case taken in on a Monday morning: no night clinic, so nobody handles it yet.
json::value DayCase(const std::string& home_code = kVillage) {
  MoveClockTo(NextBeijing(0, 10, 0));
  return NewCase("town", Intake(home_code));
}

int64_t AssigneeOf(const json::value& c) {
  return c.at("assignee").is_null() ? 0 : c.at("assignee").at("id").as_int64();
}

int AssignedEvents(int64_t case_id, const std::string& by) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return static_cast<int>(
        c.QueryOne("SELECT COUNT(*) FROM case_events WHERE case_id = ? AND kind = 'assigned' AND "
                   "data LIKE ?",
                   {case_id, "%\"by\":\"" + by + "\"%"})
            ->Int(0));
  });
}

TEST(CaseHandler, AcceptingMakesWhoeverAcceptsTheHandler) {
  const auto c = DayCase();
  auto village = TestServer::Get().As("village");
  const int64_t id = c.at("id").as_int64();
  ASSERT_EQ(AssigneeOf(c), 0);
  auto r = Act(village, id, {{"action", "accept"}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(AssigneeOf(r.json), UserIdOf("village"));
  EXPECT_EQ(AssignedEvents(id, "accept"), 1);
  EXPECT_EQ(AuditCount("case", std::to_string(id), "assign"), 1);
  // "我办理的" now lists it
  auto mine = village.Get("/api/v1/cases?assigned_to_me=1&page_size=100");
  ASSERT_EQ(mine.status, 200) << mine.body;
  bool listed = false;
  for (const auto& item : mine.json.at("items").as_array())
    listed = listed || item.at("id").as_int64() == id;
  EXPECT_TRUE(listed);
}

TEST(CaseHandler, AcceptingCanNameAnotherHandlerWhoMustFitTheCase) {
  const int64_t id = DayCase().at("id").as_int64();
  auto town = TestServer::Get().As("town");
  // a grid sister does not handle cases, another town's staff is out of sight: nothing changes
  auto sister = Act(
      town, id, {{"action", "accept"}, {"version", 1}, {"assignee_id", UserIdOf("gridsister")}});
  EXPECT_EQ(sister.status, 400);
  EXPECT_EQ(sister.ErrorField(), "assignee_id");
  auto far =
      Act(town, id, {{"action", "accept"}, {"version", 1}, {"assignee_id", UserIdOf("town2")}});
  EXPECT_EQ(far.status, 404);
  EXPECT_EQ(far.ErrorField(), "assignee_id");
  auto r =
      Act(town, id, {{"action", "accept"}, {"version", 1}, {"assignee_id", UserIdOf("village")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(AssigneeOf(r.json), UserIdOf("village"));
  EXPECT_EQ(Str(r.json, "status"), "accepted");
  // a handler is named on accepting only
  auto later = Act(town, id,
                   {{"action", "screen"},
                    {"risk_level", "low"},
                    {"version", r.json.at("version").as_int64()},
                    {"assignee_id", UserIdOf("town")}});
  EXPECT_EQ(later.status, 400);
  EXPECT_EQ(later.ErrorField(), "assignee_id");
}

TEST(CaseHandler, AcceptingKeepsAHandlerAlreadyThere) {
  const int64_t id = DayCase().at("id").as_int64();
  auto town = TestServer::Get().As("town");
  auto given = town.Post(CasePath(id) + "/assignee",
                         json::object{{"user_id", UserIdOf("village")}, {"version", 1}});
  ASSERT_EQ(given.status, 200) << given.body;
  auto r = Act(town, id, {{"action", "accept"}, {"version", given.json.at("version").as_int64()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(AssigneeOf(r.json), UserIdOf("village"));
  EXPECT_EQ(AssignedEvents(id, "accept"), 0);
}

TEST(CaseHandler, OneClickClaimsACaseNobodyHandles) {
  const int64_t id = DayCase().at("id").as_int64();
  auto village = TestServer::Get().As("village");
  auto town = TestServer::Get().As("town");
  auto r = village.Post(CasePath(id) + "/claim", json::object{});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(AssigneeOf(r.json), UserIdOf("village"));
  EXPECT_EQ(AssignedEvents(id, "claim"), 1);
  // again: nothing changes; someone else: 409, and she keeps it
  auto again = village.Post(CasePath(id) + "/claim", json::object{});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(AssignedEvents(id, "claim"), 1);
  auto taken = town.Post(CasePath(id) + "/claim", json::object{});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.ErrorCode(), "already_assigned");
  EXPECT_EQ(AssigneeOf(town.Get(CasePath(id)).json), UserIdOf("village"));
}

TEST(CaseHandler, OnlyWhoMayHandleTheCaseClaimsIt) {
  const int64_t id = DayCase(kTown).at("id").as_int64();  // a town case
  // the village cadre cannot see it; the grid sister has no case.write
  EXPECT_EQ(TestServer::Get().As("village").Post(CasePath(id) + "/claim", json::object{}).status,
            404);
  EXPECT_EQ(TestServer::Get().As("gridsister").Post(CasePath(id) + "/claim", json::object{}).status,
            403);
  auto bad = TestServer::Get().As("town").Post(CasePath(id) + "/claim", json::object{{"x", 1}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(AssignedEvents(id, "claim"), 0);
}

TEST(CaseHandler, TheAuditTrailFiltersACasesStateChangesByTheirAction) {
  const int64_t id = DayCase().at("id").as_int64();
  auto village = TestServer::Get().As("village");
  auto r = Act(village, id, {{"action", "accept"}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto auditor = TestServer::Get().As("auditor");
  auto accepted = auditor.Get("/api/v1/audit?entity=case&case_action=accept&page_size=100");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  bool found = false;
  for (const auto& e : accepted.json.at("items").as_array()) {
    EXPECT_EQ(Str(e, "action"), "transition");
    EXPECT_EQ(Str(e, "detail").rfind("action=accept;", 0), 0u) << e;
    found = found || Str(e, "entity_id") == std::to_string(id);
  }
  EXPECT_TRUE(found);
  auto closed = auditor.Get("/api/v1/audit?entity=case&case_action=close&page_size=100");
  ASSERT_EQ(closed.status, 200) << closed.body;
  for (const auto& e : closed.json.at("items").as_array())
    EXPECT_NE(Str(e, "entity_id"), std::to_string(id));
  // a code outside the state machine is refused, never turned into a pattern
  EXPECT_EQ(auditor.Get("/api/v1/audit?case_action=%25").ErrorField(), "case_action");
}

}  // namespace
}  // namespace hejia::testing
