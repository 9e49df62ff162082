// Performance of an agreement through the API: monthly child support over the months (the
// server's clock moves), arrears and missed installments, the reminder job (a reminder per missed
// installment, the case flagged, an SMS to the payer), payments clearing the arrears, and the
// last payment fulfilling the case with a follow-up visit scheduled.
#include "agreement_helpers.hpp"
#include "jobs/payment_reminders.hpp"

namespace hejia::testing {
namespace {

using namespace agreements;

int64_t OpenReminders(int64_t case_id) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne("SELECT COUNT(*) FROM reminders WHERE case_id = ? AND resolved_at IS NULL",
                  {case_id})
        ->Int(0);
  });
}

int64_t Reminders(int64_t obligation, const std::string& due_on) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne("SELECT COUNT(*) FROM reminders WHERE obligation_id = ? AND due_on = ?",
                  {obligation, due_on})
        ->Int(0);
  });
}

json::value Obligations(int64_t case_id) {
  auto r = TestServer::Get().As("town").Get(CasePath(case_id, "/obligations"));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json;
}

int Reminders() {
  auto& server = TestServer::Get();
  return server.app().RunPaymentReminders(server.clock().NowMillis());
}

TEST(Obligations, MonthlySupportFallsDueIsRemindedWhenMissedAndFulfilsTheCaseWhenPaid) {
  auto town = TestServer::Get().As("town");
  const auto m = NewMediatingCase();
  MakeEffective(m);
  ASSERT_EQ(CaseStatus(m.id), "agreed");

  // 500 yuan a month for three months from tomorrow, linked to the first (money) term.
  const std::string first_due = DateFromToday(1);
  auto created =
      town.Post(CasePath(m.id, "/obligations"), json::object{{"payer_party_id", m.respondent},
                                                             {"payee_party_id", m.applicant},
                                                             {"description", "抚养费"},
                                                             {"amount", "500"},
                                                             {"schedule", "monthly"},
                                                             {"first_due", first_due},
                                                             {"installments", 3},
                                                             {"term", 0}});
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t oid = created.json.at("id").as_int64();
  EXPECT_EQ(Str(created.json, "amount"), "500.00");
  EXPECT_EQ(Str(created.json.at("standing"), "total"), "1500.00");
  EXPECT_EQ(Str(created.json.at("standing"), "due"), "0.00");
  EXPECT_EQ(Str(created.json.at("standing"), "next_due"), first_due);
  ASSERT_EQ(created.json.at("plan").as_array().size(), 3u);
  EXPECT_EQ(Str(created.json.at("plan").as_array()[0], "state"), "upcoming");
  EXPECT_EQ(Str(created.json.at("payer"), "name"), "胡某某");
  // An agreed case with something to pay is being performed; the term knows its obligation.
  EXPECT_EQ(CaseStatus(m.id), "performing");
  auto agreement = town.Get(CasePath(m.id, "/agreement"));
  EXPECT_EQ(agreement.json.at("terms").as_array()[0].at("obligation").as_int64(), oid);

  // Two days on, the first installment was missed.
  TestServer::Get().clock().Advance(std::chrono::hours(48));
  town = TestServer::Get().As("town");  // the old session has expired
  auto overdue = Obligations(m.id);
  const auto& item = overdue.at("items").as_array().at(0);
  EXPECT_EQ(Str(item.at("standing"), "arrears"), "500.00");
  ASSERT_EQ(item.at("standing").at("missed").as_array().size(), 1u);
  EXPECT_EQ(item.at("standing").at("missed").as_array()[0].as_string(), first_due);
  EXPECT_EQ(Str(item.at("plan").as_array()[0], "state"), "missed");
  EXPECT_FALSE(overdue.at("flagged").as_bool());

  // The reminder job: one reminder for the installment, the case flagged, an SMS to the payer.
  Reminders();
  EXPECT_EQ(Reminders(oid, first_due), 1);
  EXPECT_EQ(Reminders(), 0);  // once per installment
  EXPECT_EQ(Reminders(oid, first_due), 1);
  EXPECT_TRUE(Obligations(m.id).at("flagged").as_bool());
  const auto sms = MessagesTo(m.respondent_phone, "payment_reminder");
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_NE(sms[0].find(m.case_no), std::string::npos);
  EXPECT_NE(sms[0].find("500.00"), std::string::npos);
  EXPECT_EQ(sms[0].find("王晓丽"), std::string::npos);
  EXPECT_TRUE(MessagesTo(m.applicant_phone, "payment_reminder").empty());
  EXPECT_EQ(AuditCount("case", std::to_string(m.id), "payment_reminder"), 1);
  bool reminder_event = false;
  const auto events = town.Get(CasePath(m.id, "/events?page_size=100"));
  for (const auto& e : events.json.at("items").as_array())
    if (Str(e, "kind") == "reminder") {
      reminder_event = true;
      EXPECT_EQ(Str(e.at("actor"), "name"), "system");
    }
  EXPECT_TRUE(reminder_event);

  // Payments are checked: yuan with at most two decimals, more than zero, not in the future.
  const std::string payments = CasePath(m.id, "/obligations/" + std::to_string(oid) + "/payments");
  const std::string today = DateFromToday(0);
  EXPECT_EQ(town.Post(payments, json::object{{"amount", "5.001"}, {"paid_on", today}}).ErrorField(),
            "amount");
  EXPECT_EQ(town.Post(payments, json::object{{"amount", "0"}, {"paid_on", today}}).ErrorField(),
            "amount");
  EXPECT_EQ(town.Post(payments, json::object{{"amount", "500"}, {"paid_on", DateFromToday(1)}})
                .ErrorField(),
            "paid_on");
  // 600 yuan paid today: more than the arrears, recorded all the same; the reminder is resolved
  // and the flag cleared at once.
  auto paid = town.Post(
      payments, json::object{{"amount", "600"}, {"paid_on", today}, {"evidence", "微信转账记录"}});
  ASSERT_EQ(paid.status, 201) << paid.body;
  EXPECT_EQ(Str(paid.json, "amount"), "600.00");
  EXPECT_EQ(Str(paid.json, "case_status"), "performing");
  EXPECT_EQ(Str(paid.json.at("obligation").at("standing"), "arrears"), "0.00");
  EXPECT_EQ(Str(paid.json.at("obligation").at("standing"), "outstanding"), "900.00");
  EXPECT_EQ(OpenReminders(m.id), 0);
  EXPECT_FALSE(Obligations(m.id).at("flagged").as_bool());

  // A month and more later the second installment is missed; 100 yuan of it was paid ahead.
  TestServer::Get().clock().Advance(std::chrono::hours(24 * 32));
  town = TestServer::Get().As("town");
  auto second = Obligations(m.id).at("items").as_array().at(0);
  EXPECT_EQ(Str(second.at("standing"), "arrears"), "400.00");
  ASSERT_EQ(second.at("standing").at("missed").as_array().size(), 1u);
  const std::string second_due(second.at("standing").at("missed").as_array()[0].as_string());
  Reminders();
  EXPECT_EQ(Reminders(oid, second_due), 1);
  EXPECT_TRUE(Obligations(m.id).at("flagged").as_bool());

  // The rest paid in one go: every obligation fulfilled, the case fulfilled by itself and a
  // follow-up visit scheduled after the configured number of days.
  const int64_t follow_up_days =
      town.Get("/api/v1/case-settings").json.at("follow_up_days").as_int64();
  auto last = town.Post(payments, json::object{{"amount", "900"}, {"paid_on", DateFromToday(0)}});
  ASSERT_EQ(last.status, 201) << last.body;
  EXPECT_EQ(Str(last.json, "case_status"), "fulfilled");
  EXPECT_TRUE(last.json.at("obligation").at("standing").at("fulfilled").as_bool());
  EXPECT_EQ(OpenReminders(m.id), 0);
  EXPECT_FALSE(Obligations(m.id).at("flagged").as_bool());
  auto list = town.Get(payments);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json.at("total").as_int64(), 2);
  EXPECT_EQ(Str(list.json.at("items").as_array()[0], "amount"), "900.00");  // latest first
  auto follow_ups = town.Get(CasePath(m.id, "/follow-ups"));
  ASSERT_EQ(follow_ups.status, 200);
  ASSERT_EQ(follow_ups.json.at("total").as_int64(), 1);
  const auto& visit = follow_ups.json.at("items").as_array()[0];
  EXPECT_EQ(Str(visit, "due_on"), DateFromToday(static_cast<int>(follow_up_days)));
  EXPECT_TRUE(visit.at("done_at").is_null());
  const std::string done =
      CasePath(m.id, "/follow-ups/" + std::to_string(visit.at("id").as_int64()) + "/done");
  auto visited = town.Post(done, json::object{{"note", "回访：抚养费已按约付清，孩子生活稳定。"}});
  ASSERT_EQ(visited.status, 200) << visited.body;
  EXPECT_FALSE(visited.json.at("done_at").is_null());
  EXPECT_EQ(Str(visited.json, "note"), "回访：抚养费已按约付清，孩子生活稳定。");
  EXPECT_EQ(town.Post(done, json::object{{"note", "again"}}).status, 409);
  // The note is stored encrypted.
  TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne("SELECT note_enc FROM follow_ups WHERE case_id = ?", {m.id});
    EXPECT_EQ(row->Text(0).find("抚养费"), std::string::npos);
  });
  // A payment after fulfilment (an overpayment) is still recorded.
  EXPECT_EQ(
      town.Post(payments, json::object{{"amount", "50"}, {"paid_on", DateFromToday(0)}}).status,
      201);
  EXPECT_EQ(CaseStatus(m.id), "fulfilled");
  const std::string case_id = std::to_string(m.id);
  EXPECT_EQ(AuditCount("case", case_id, "payment_add"), 3);
  EXPECT_EQ(AuditCount("case", case_id, "follow_up_schedule"), 1);
  EXPECT_EQ(AuditCount("case", case_id, "follow_up_done"), 1);
}

TEST(Obligations, AreCheckedAndSetBeforeEffectTheCaseGoesStraightToPerforming) {
  auto town = TestServer::Get().As("town");
  const auto m = NewMediatingCase();
  ASSERT_EQ(Put(town, CasePath(m.id, "/agreement"), DraftBody()).status, 200);
  auto body = json::object{{"payer_party_id", m.respondent},
                           {"payee_party_id", m.applicant},
                           {"description", "拖欠的抚养费"},
                           {"amount", "1500"},
                           {"schedule", "once"},
                           {"first_due", DateFromToday(0)}};
  // Not on a draft.
  auto draft = town.Post(CasePath(m.id, "/obligations"), body);
  EXPECT_EQ(draft.status, 409);
  EXPECT_EQ(draft.ErrorField(), "status");
  ASSERT_EQ(town.Post(CasePath(m.id, "/agreement/submit"), json::object{}).status, 200);
  auto field_of = [&](json::object changes) {
    json::object b = body;
    for (const auto& kv : changes) b[kv.key()] = kv.value();
    return town.Post(CasePath(m.id, "/obligations"), b);
  };
  EXPECT_EQ(field_of({{"amount", "500.123"}}).ErrorField(), "amount");
  EXPECT_EQ(field_of({{"amount", "-5"}}).ErrorField(), "amount");
  EXPECT_EQ(field_of({{"schedule", "weekly"}}).ErrorField(), "schedule");
  EXPECT_EQ(field_of({{"installments", 2}}).ErrorField(), "installments");
  EXPECT_EQ(field_of({{"first_due", "2026-02-30"}}).ErrorField(), "first_due");
  EXPECT_EQ(field_of({{"payee_party_id", m.respondent}}).ErrorField(), "payee_party_id");
  auto unknown = field_of({{"payer_party_id", 999999999}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.ErrorField(), "payer_party_id");
  EXPECT_EQ(field_of({{"term", 2}}).ErrorField(), "term");  // not a money term
  auto created = town.Post(CasePath(m.id, "/obligations"), body);
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t oid = created.json.at("id").as_int64();
  // Nothing is paid before the agreement is in force.
  const std::string payments = CasePath(m.id, "/obligations/" + std::to_string(oid) + "/payments");
  EXPECT_EQ(
      town.Post(payments, json::object{{"amount", "1500"}, {"paid_on", DateFromToday(0)}}).status,
      409);
  EXPECT_EQ(town.Get(CasePath(m.id, "/obligations/999999999/payments")).status, 404);

  // In force with an obligation already set: mediating -> agreed -> performing at once.
  for (const auto& [party, phone] :
       {std::pair{m.applicant, m.applicant_phone}, std::pair{m.respondent, m.respondent_phone}}) {
    ASSERT_EQ(SendCode(town, m.id, party).status, 200);
    ASSERT_EQ(Confirm(town, m.id, party, json::object{{"code", LatestCode(phone)}}).status, 200);
  }
  ASSERT_EQ(town.Post(CasePath(m.id, "/agreement/sign"), json::object{}).status, 200);
  EXPECT_EQ(CaseStatus(m.id), "performing");
  std::vector<std::string> to;
  const auto events = town.Get(CasePath(m.id, "/events?page_size=100"));
  for (const auto& e : events.json.at("items").as_array())
    if (Str(e, "kind") == "status") to.push_back(Str(e, "to_status"));
  ASSERT_GE(to.size(), 2u);
  EXPECT_EQ(to[to.size() - 2], "agreed");
  EXPECT_EQ(to.back(), "performing");
  // Paid the same day (the article's 500 yuan of arrears, here 1500): fulfilled.
  auto paid = town.Post(payments, json::object{{"amount", "1500"}, {"paid_on", DateFromToday(0)}});
  ASSERT_EQ(paid.status, 201) << paid.body;
  EXPECT_EQ(Str(paid.json, "case_status"), "fulfilled");
  // Out of the caller's area: nothing.
  auto town2 = TestServer::Get().As("town2");
  EXPECT_EQ(town2.Get(CasePath(m.id, "/obligations")).status, 404);
  EXPECT_EQ(
      town2.Post(payments, json::object{{"amount", "1"}, {"paid_on", DateFromToday(0)}}).status,
      404);
}

}  // namespace
}  // namespace hejia::testing
