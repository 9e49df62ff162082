// The work on a case through the API: contacts and the first-contact limit, messages the
// applicant reads on the portal, the audited read of a party's details, the protection order's
// deadlines, sessions in rooms that cannot be double-booked, and supervision when a limit passes.
#include <algorithm>
#include <cctype>

#include "case_helpers.hpp"
#include "common/clock.hpp"
#include "domain/id_card.hpp"
#include "jobs/case_deadlines.hpp"
#include "store/case_repo.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

std::string CasePath(int64_t id) {
  return "/api/v1/cases/" + std::to_string(id);
}

/// A case of 东城街道's first village taken to `assigned` with a fresh mediator.
int64_t AssignedCase(Client& as) {
  auto c = NewCase("town", Intake(kVillage));
  const int64_t id = c.at("id").as_int64();
  AssignTo(as, id, NewMediator("测试调解员戊"));
  return id;
}

TEST(CaseWork, TheFirstContactMeetsTheLimitAndSharedMessagesReachThePortal) {
  auto town = TestServer::Get().As("town");
  const std::string phone = UniquePhone();
  auto c = NewCase("town", Intake(kVillage, "child_support", phone));
  const int64_t id = c.at("id").as_int64();
  const std::string code = Str(c, "tracking_code");
  EXPECT_TRUE(c.at("timers").at("first_contact_at").is_null());
  const int64_t applicant = c.at("parties").as_array()[0].at("id").as_int64();

  auto note = town.Post(CasePath(id) + "/events",
                        json::object{{"kind", "note"}, {"text", "申请人情绪激动，需安抚"}});
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(Str(note.json, "kind"), "note");
  EXPECT_EQ(Str(note.json, "text"), "申请人情绪激动，需安抚");
  EXPECT_TRUE(town.Get(CasePath(id)).json.at("timers").at("first_contact_at").is_null());

  auto contact = town.Post(CasePath(id) + "/events", json::object{{"kind", "contact"},
                                                                  {"text", "已电话联系申请人"},
                                                                  {"channel", "phone"},
                                                                  {"party_id", applicant}});
  ASSERT_EQ(contact.status, 201) << contact.body;
  EXPECT_TRUE(contact.json.at("data").at("first_contact").as_bool());
  auto after = town.Get(CasePath(id));
  const std::string first = Str(after.json.at("timers"), "first_contact_at");
  EXPECT_EQ(ParseIsoTime(first), Now() / 1000 * 1000);
  EXPECT_EQ(after.json.at("version").as_int64(), 2);
  auto second =
      town.Post(CasePath(id) + "/events",
                json::object{{"kind", "contact"}, {"text", "上门走访"}, {"channel", "visit"}});
  ASSERT_EQ(second.status, 201);
  EXPECT_FALSE(second.json.at("data").as_object().contains("first_contact"));

  auto message =
      town.Post(CasePath(id) + "/events", json::object{{"kind", "message"},
                                                       {"text", "您好，已联系对方，近期安排调解。"},
                                                       {"shared", true}});
  ASSERT_EQ(message.status, 201) << message.body;
  // Refusals name the field.
  EXPECT_EQ(town.Post(CasePath(id) + "/events",
                      json::object{{"kind", "note"}, {"text", "x"}, {"shared", true}})
                .ErrorField(),
            "shared");
  EXPECT_EQ(town.Post(CasePath(id) + "/events",
                      json::object{{"kind", "contact"}, {"text", "x"}, {"channel", "pigeon"}})
                .ErrorField(),
            "channel");
  EXPECT_EQ(town.Post(CasePath(id) + "/events", json::object{{"kind", "gossip"}, {"text", "x"}})
                .ErrorField(),
            "kind");
  auto other = NewCase("town", Intake(kVillage));
  const int64_t foreign_party = other.at("parties").as_array()[0].at("id").as_int64();
  auto wrong =
      town.Post(CasePath(id) + "/events",
                json::object{{"kind", "contact"}, {"text", "x"}, {"party_id", foreign_party}});
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(wrong.ErrorField(), "party_id");

  // The timeline, oldest first, texts decrypted; reading it is audited.
  auto events = town.Get(CasePath(id) + "/events?page_size=100");
  ASSERT_EQ(events.status, 200) << events.body;
  std::vector<std::string> kinds;
  // (A request that arrived at night-clinic hours also shows who took it.)
  for (const auto& e : events.json.at("items").as_array())
    if (Str(e, "kind") != "assigned") kinds.push_back(Str(e, "kind"));
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"registered", "note", "contact", "contact", "message"}));
  EXPECT_EQ(AuditCount("case", std::to_string(id), "read"), 3);  // two details, one timeline
  EXPECT_EQ(AuditCount("case", std::to_string(id), "add_event"), 4);

  // The portal shows the shared message only.
  auto& server = TestServer::Get();
  auto view = server.app().db().ReadSync([&](store::Connection& conn) {
    return store::FindCaseByTracking(conn, server.app().services().cipher, code);
  });
  ASSERT_TRUE(view.has_value());
  ASSERT_EQ(view->messages.size(), 1u);
  EXPECT_EQ(view->messages[0].text, "您好，已联系对方，近期安排调解。");
  EXPECT_FALSE(view->messages[0].from_applicant);
  EXPECT_EQ(domain::ToString(view->status), "registered");
  EXPECT_EQ(view->applicant_phone, phone);
  // Case and dashes do not matter; a wrong code finds nothing.
  std::string lower = code;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(ch));
  lower.erase(std::remove(lower.begin(), lower.end(), '-'), lower.end());
  EXPECT_TRUE(server.app().db().ReadSync([&](store::Connection& conn) {
    return store::FindCaseByTracking(conn, server.app().services().cipher, lower).has_value();
  }));
  EXPECT_FALSE(server.app().db().ReadSync([&](store::Connection& conn) {
    return store::FindCaseByTracking(conn, server.app().services().cipher, "2222-2222-2222")
        .has_value();
  }));
}

TEST(CaseWork, APartysFullDetailsAreShownOnlyByAnAuditedRead) {
  auto town = TestServer::Get().As("town");
  const std::string phone = UniquePhone();
  auto c = NewCase("town", Intake(kVillage, "child_support", phone));
  const int64_t id = c.at("id").as_int64();
  const int64_t applicant = c.at("parties").as_array()[0].at("id").as_int64();
  const std::string path = CasePath(id) + "/parties/" + std::to_string(applicant) + "/sensitive";
  auto r = town.Get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.json, "phone"), phone);
  EXPECT_EQ(Str(r.json, "address"), "永康市东城街道金城路 18 号");
  EXPECT_TRUE(r.json.at("id_number").is_null());
  EXPECT_EQ(AuditCount("case_party", std::to_string(applicant), "read_sensitive"), 1);
  // Without the permission, outside the area, or a party of another case: refused.
  EXPECT_EQ(TestServer::Get().As("gridsister").Get(path).status, 403);
  EXPECT_EQ(TestServer::Get().As("town2").Get(path).status, 404);
  auto other = NewCase("town", Intake(kVillage));
  EXPECT_EQ(town.Get(CasePath(other.at("id").as_int64()) + "/parties/" + std::to_string(applicant) +
                     "/sensitive")
                .status,
            404);
  EXPECT_EQ(AuditCount("case_party", std::to_string(applicant), "read_sensitive"), 3);

  // A party added later, masked until revealed.
  const std::string id_number = domain::MakeIdCard("330784", "19880315", 2, true);
  auto added = town.Post(
      CasePath(id) + "/parties",
      json::object{
          {"role", "other"}, {"name", "李某"}, {"id_number", id_number}, {"relation", "证人"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(Str(added.json, "id_number"), "330784**********" + id_number.substr(16));
  auto full = town.Get(CasePath(id) + "/parties/" + std::to_string(added.json.at("id").as_int64()) +
                       "/sensitive");
  EXPECT_EQ(Str(full.json, "id_number"), id_number);
  EXPECT_EQ(town.Get(CasePath(id)).json.at("parties").as_array().size(), 3u);
}

TEST(CaseWork, AProtectionOrderIsDueIn72HoursOr24WhenUrgentAndLastsAtMostSixMonths) {
  auto town = TestServer::Get().As("town");
  auto c = NewCase("town", Intake(kVillage, "domestic_violence"));
  const std::string path = CasePath(c.at("id").as_int64()) + "/protection";
  const int64_t applied = ParseIsoTime("2026-11-27T21:30:00+08:00").value();
  auto normal =
      town.Request("PUT", path,
                   json::serialize(json::object{{"police_reported_at", "2026-11-27T20:00:00+08:00"},
                                                {"police_ref", "永公（东）警 2026-1127"},
                                                {"warning_letter_no", "永公告字〔2026〕18号"},
                                                {"order_applied_at", FormatBeijing(applied)},
                                                {"order_court", "永康市人民法院"}}));
  ASSERT_EQ(normal.status, 200) << normal.body;
  EXPECT_EQ(ParseIsoTime(Str(normal.json, "order_due_at")), applied + 72 * kHour);
  auto urgent =
      town.Request("PUT", path,
                   json::serialize(json::object{{"order_applied_at", FormatBeijing(applied)},
                                                {"order_urgent", true}}));
  ASSERT_EQ(urgent.status, 200) << urgent.body;
  EXPECT_EQ(ParseIsoTime(Str(urgent.json, "order_due_at")), applied + 24 * kHour);
  EXPECT_TRUE(urgent.json.at("order_urgent").as_bool());

  const int64_t decided = applied + 20 * kHour;
  auto too_long = town.Request(
      "PUT", path,
      json::serialize(json::object{{"order_applied_at", FormatBeijing(applied)},
                                   {"order_decided_at", FormatBeijing(decided)},
                                   {"order_result", "granted"},
                                   {"order_valid_until", "2027-05-28T21:30:00+08:00"}}));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.ErrorField(), "order_valid_until");
  auto granted = town.Request(
      "PUT", path,
      json::serialize(json::object{{"order_applied_at", FormatBeijing(applied)},
                                   {"order_urgent", true},
                                   {"order_decided_at", FormatBeijing(decided)},
                                   {"order_result", "granted"},
                                   {"order_valid_until", "2027-05-28T17:30:00+08:00"}}));
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(Str(granted.json, "order_result"), "granted");
  auto no_result =
      town.Request("PUT", path,
                   json::serialize(json::object{{"order_applied_at", FormatBeijing(applied)},
                                                {"order_decided_at", FormatBeijing(decided)}}));
  EXPECT_EQ(no_result.ErrorField(), "order_result");
  EXPECT_EQ(town.Request("PUT", path, R"({"order_applied_at": "yesterday"})").ErrorField(),
            "order_applied_at");
  auto detail = town.Get(CasePath(c.at("id").as_int64()));
  EXPECT_EQ(Str(detail.json.at("protection"), "order_valid_until"), "2027-05-28T17:30:00+08:00");
}

TEST(CaseWork, ARoomCannotBeBookedTwiceAndHoldingASessionDoesNotStartMediation) {
  auto town = TestServer::Get().As("town");
  const int64_t room = NewRoom("测试调解室（不可重订）");
  const int64_t a = AssignedCase(town), b = AssignedCase(town);
  const int64_t tomorrow = NextBeijing(-1, 10, 0) + kDay;
  auto slot = [&](int64_t from, int64_t to) {
    return json::object{
        {"room_id", room}, {"starts_at", FormatBeijing(from)}, {"ends_at", FormatBeijing(to)}};
  };
  auto first = town.Post(CasePath(a) + "/sessions", slot(tomorrow, tomorrow + kHour));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(Str(first.json, "status"), "scheduled");
  EXPECT_EQ(first.json.at("room").at("id").as_int64(), room);
  auto clash =
      town.Post(CasePath(b) + "/sessions", slot(tomorrow + 30 * kMinute, tomorrow + 90 * kMinute));
  ASSERT_EQ(clash.status, 409) << clash.body;
  EXPECT_EQ(clash.ErrorCode(), "room_booked");
  auto after = town.Post(CasePath(b) + "/sessions", slot(tomorrow + kHour, tomorrow + 2 * kHour));
  EXPECT_EQ(after.status, 201) << after.body;  // back to back is fine
  auto online = town.Post(CasePath(b) + "/sessions",
                          json::object{{"online", true},
                                       {"starts_at", FormatBeijing(tomorrow + 30 * kMinute)},
                                       {"ends_at", FormatBeijing(tomorrow + 90 * kMinute)}});
  EXPECT_EQ(online.status, 201) << online.body;
  EXPECT_EQ(town.Post(CasePath(b) + "/sessions",
                      json::object{{"online", true},
                                   {"room_id", room},
                                   {"starts_at", FormatBeijing(tomorrow)},
                                   {"ends_at", FormatBeijing(tomorrow + kHour)}})
                .ErrorField(),
            "room_id");
  EXPECT_EQ(town.Post(CasePath(b) + "/sessions", slot(tomorrow + kHour, tomorrow)).ErrorField(),
            "ends_at");

  // Cancelling frees the room.
  const std::string first_path =
      CasePath(a) + "/sessions/" + std::to_string(first.json.at("id").as_int64());
  auto cancelled = town.Patch(first_path, json::object{{"status", "cancelled"}, {"version", 1}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  auto rebooked =
      town.Post(CasePath(b) + "/sessions", slot(tomorrow + 30 * kMinute, tomorrow + 50 * kMinute));
  EXPECT_EQ(rebooked.status, 201) << rebooked.body;
  EXPECT_EQ(town.Patch(first_path, json::object{{"status", "held"}, {"version", 2}}).status, 409);

  // Held with its summary; the case stays `assigned` until staff start the mediation.
  const std::string after_path =
      CasePath(b) + "/sessions/" + std::to_string(after.json.at("id").as_int64());
  EXPECT_EQ(town.Patch(after_path, json::object{{"status", "held"}, {"version", 9}}).ErrorCode(),
            "conflict");
  auto held = town.Patch(after_path, json::object{{"status", "held"},
                                                  {"summary", "双方到场，初步达成抚养费意向"},
                                                  {"version", 1}});
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(Str(held.json, "summary"), "双方到场，初步达成抚养费意向");
  auto detail = town.Get(CasePath(b));
  EXPECT_EQ(Str(detail.json, "status"), "assigned");
  EXPECT_EQ(detail.json.at("sessions").as_array().size(), 3u);
  // Another town's staff cannot book on this case.
  EXPECT_EQ(TestServer::Get()
                .As("town2")
                .Post(CasePath(b) + "/sessions", slot(tomorrow, tomorrow + kHour))
                .status,
            404);
}

TEST(CaseWork, AMissedLimitMarksTheCaseAndMovesItUpALevelOncePerMiss) {
  auto& server = TestServer::Get();
  auto c = NewCase("town", Intake(kVillage));
  const int64_t id = c.at("id").as_int64();
  const int64_t first_due = *ParseIsoTime(Str(c, "due_first_contact_at"));
  const int64_t decision_due = *ParseIsoTime(Str(c.at("timers"), "due_decision_at"));
  ASSERT_LT(first_due, decision_due);
  auto city = server.As("city");
  auto state = [&] { return city.Get(CasePath(id)).json; };
  auto escalations = [&] {
    int n = 0;
    const auto events = city.Get(CasePath(id) + "/events?page_size=100");
    for (const auto& e : events.json.at("items").as_array())
      if (Str(e, "kind") == "escalation") ++n;
    return n;
  };

  server.app().RunCaseDeadlines(first_due - kMinute);
  EXPECT_TRUE(state().at("supervision").is_null());

  server.app().RunCaseDeadlines(first_due + kMinute);
  auto yellow = state();
  EXPECT_EQ(Str(yellow, "supervision"), "yellow");
  EXPECT_EQ(Str(yellow, "level"), "town");
  EXPECT_EQ(Str(yellow, "region_code"), kTown);
  EXPECT_EQ(escalations(), 1);
  EXPECT_EQ(AuditCount("case", std::to_string(id), "escalate"), 1);
  // The same miss is not counted twice.
  server.app().RunCaseDeadlines(first_due + 2 * kMinute);
  EXPECT_EQ(escalations(), 1);
  EXPECT_EQ(Str(state(), "level"), "town");

  // The decision is missed too: red, and up to the city.
  server.app().RunCaseDeadlines(decision_due + kMinute);
  auto red = state();
  EXPECT_EQ(Str(red, "supervision"), "red");
  EXPECT_EQ(Str(red, "level"), "city");
  EXPECT_EQ(Str(red, "region_code"), "330784");
  EXPECT_EQ(escalations(), 2);
  server.app().RunCaseDeadlines(decision_due + 2 * kMinute);
  EXPECT_EQ(escalations(), 2);
  // Now the city's: the village no longer sees it, nor the town that took it in (escalated past
  // them: CaseSight tests).
  EXPECT_EQ(server.As("village").Get(CasePath(id)).status, 404);
  EXPECT_EQ(server.As("town").Get(CasePath(id)).status, 404);
  const auto red_list = city.Get("/api/v1/cases?supervision=red&page_size=100");
  bool listed = false;
  for (const auto& item : red_list.json.at("items").as_array())
    listed = listed || item.at("id").as_int64() == id;
  EXPECT_TRUE(listed);
  auto events = city.Get(CasePath(id) + "/events?page_size=100").json.at("items").as_array();
  const auto& last = events.back();
  EXPECT_EQ(Str(last, "kind"), "escalation");
  EXPECT_EQ(Str(last.at("data"), "limit"), "decision");
  EXPECT_EQ(Str(last.at("actor"), "name"), "system");
  EXPECT_EQ(server.app().db().ReadSync([&](store::Connection& conn) {
    return conn
        .QueryOne(
            "SELECT actor_login FROM audit_log WHERE entity = 'case' AND entity_id = ? AND "
            "action = 'escalate' ORDER BY seq DESC LIMIT 1",
            {std::to_string(id)})
        ->Text(0);
  }),
            "system");

  // A supervisor clears the mark, with the reason on the timeline.
  auto cleared = city.Post(CasePath(id) + "/supervision/clear",
                           json::object{{"reason", "已约谈经办人，限期办结"}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.json.at("supervision").is_null());
  EXPECT_EQ(city.Post(CasePath(id) + "/supervision/clear", json::object{{"reason", "再次"}}).status,
            409);
  EXPECT_EQ(AuditCount("case", std::to_string(id), "clear_supervision"), 1);
}

}  // namespace
}  // namespace hejia::testing
