// The mediation agreement through the API: drafted while mediating, frozen on submission,
// confirmed by each party with a one-time code sent by SMS (or a paper signature, or recorded as
// an oral agreement), signed by the mediator — then in force, and the case agreed by itself. The
// codes are counted, expire and are never shown or logged; the judicial confirmation keeps its 30
// days and refuses marriage/identity terms; the PDF carries the statutory contents.
#include <set>

#include "agreement_helpers.hpp"
#include "domain/id_card.hpp"
#include "domain/person.hpp"
#include "jobs/sms_sender.hpp"

namespace hejia::testing {
namespace {

using namespace agreements;

const json::object& ConfirmationOf(const json::value& agreement, int64_t party) {
  for (const auto& k : agreement.at("confirmations").as_array())
    if (k.at("party_id").as_int64() == party) return k.as_object();
  static const json::object none;
  ADD_FAILURE() << "no confirmation row for party " << party;
  return none;
}

int64_t Attempts(int64_t case_id, int64_t party) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne(
        "SELECT k.attempts FROM agreement_confirmations k JOIN agreements a ON a.id = "
        "k.agreement_id WHERE a.case_id = ? AND k.party_id = ?",
        {case_id, party});
    return row ? row->Int(0) : -1;
  });
}

/// Every audit row's text, to look for what must never be there.
std::string AllAuditText() {
  return TestServer::Get().app().db().ReadSync([](store::Connection& c) {
    std::string all;
    for (const auto& r : c.Query("SELECT entity, entity_id, action, detail FROM audit_log"))
      all += r.Text(0) + "|" + r.Text(1) + "|" + r.Text(2) + "|" + r.Text(3) + "\n";
    return all;
  });
}

TEST(Agreements, DraftSubmitTwoCodesAndTheMediatorsSignatureBringItIntoForceAndTheCaseToAgreed) {
  auto town = TestServer::Get().As("town");
  const auto m = NewMediatingCase();
  EXPECT_EQ(town.Get(CasePath(m.id, "/agreement")).status, 404);

  // The draft, then an edit with the version read; a stale version shows the current text.
  auto draft = Put(town, CasePath(m.id, "/agreement"), DraftBody());
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(Str(draft.json, "status"), "draft");
  EXPECT_EQ(Str(draft.json, "form"), "written");
  EXPECT_EQ(draft.json.at("terms").as_array().size(), 3u);
  EXPECT_EQ(Str(draft.json.at("terms").as_array()[0], "kind"), "money");
  EXPECT_EQ(Str(draft.json, "number"), m.case_no);
  const int64_t v1 = draft.json.at("version").as_int64();
  auto edited = Put(town, CasePath(m.id, "/agreement"),
                    json::object{{"disputes", "抚养费数额、支付方式和欠款。"}, {"version", v1}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(Str(edited.json, "disputes"), "抚养费数额、支付方式和欠款。");
  EXPECT_EQ(Str(edited.json, "facts"), Str(draft.json, "facts"));  // kept
  auto stale =
      Put(town, CasePath(m.id, "/agreement"), json::object{{"facts", "别的事实"}, {"version", v1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.ErrorField(), "version");
  EXPECT_EQ(Str(stale.json.at("error").at("details").at("current"), "disputes"),
            "抚养费数额、支付方式和欠款。");
  EXPECT_EQ(Put(town, CasePath(m.id, "/agreement"),
                json::object{{"terms", json::array{json::object{{"text", "x"}, {"kind", "gift"}}}},
                             {"version", edited.json.at("version")}})
                .ErrorField(),
            "terms[0].kind");
  // Codes are for a submitted agreement only.
  EXPECT_EQ(SendCode(town, m.id, m.applicant).status, 409);

  auto submitted = town.Post(CasePath(m.id, "/agreement/submit"), json::object{});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Str(submitted.json, "status"), "awaiting_confirmation");
  // The text is frozen now.
  auto frozen = Put(town, CasePath(m.id, "/agreement"),
                    json::object{{"facts", "改动"}, {"version", submitted.json.at("version")}});
  EXPECT_EQ(frozen.status, 409);
  EXPECT_EQ(frozen.ErrorField(), "status");
  // The applicant and the respondent sign; the other party (a child) does not.
  const auto& confirmations = submitted.json.at("confirmations").as_array();
  ASSERT_EQ(confirmations.size(), 2u);
  EXPECT_TRUE(confirmations[0].at("method").is_null());
  EXPECT_EQ(Str(confirmations[0], "phone"),
            m.applicant_phone.substr(0, 3) + "****" + m.applicant_phone.substr(7));

  // A code to the applicant's phone: the answer never holds it; the message names the case and
  // the agreement and nothing of the other party.
  auto sent = SendCode(town, m.id, m.applicant);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string first_code = LatestCode(m.applicant_phone);
  ASSERT_EQ(first_code.size(), 6u);
  EXPECT_EQ(sent.body.find(first_code), std::string::npos);
  const auto messages = MessagesTo(m.applicant_phone, "agreement_otp");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find(m.case_no), std::string::npos);
  EXPECT_NE(messages[0].find("人民调解协议书"), std::string::npos);
  EXPECT_EQ(messages[0].find("胡某某"), std::string::npos);
  EXPECT_EQ(messages[0].find(m.respondent_phone), std::string::npos);
  // Stored encrypted; the code itself only as a keyed hash.
  TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    for (const auto& r : c.Query("SELECT phone_enc, body_enc FROM sms_outbox")) {
      EXPECT_EQ(r.Text(0).find(m.applicant_phone), std::string::npos);
      EXPECT_EQ(r.Text(1).find(first_code), std::string::npos);
    }
    for (const auto& r : c.Query("SELECT code_hash FROM agreement_confirmations"))
      EXPECT_EQ(r.Text(0).find(first_code), std::string::npos);
  });
  // One code a minute.
  auto again = SendCode(town, m.id, m.applicant);
  EXPECT_EQ(again.status, 429);
  EXPECT_FALSE(again.Header("retry-after").empty());
  TestServer::Get().clock().Advance(std::chrono::seconds(61));
  ASSERT_EQ(SendCode(town, m.id, m.applicant).status, 200);
  const std::string code = LatestCode(m.applicant_phone);
  ASSERT_EQ(MessagesTo(m.applicant_phone, "agreement_otp").size(), 2u);
  if (code != first_code) {
    // A new code replaces the old one.
    auto old = Confirm(town, m.id, m.applicant, json::object{{"code", first_code}});
    EXPECT_EQ(old.status, 400);
    EXPECT_EQ(old.ErrorField(), "code");
  }
  auto applicant_ok = Confirm(town, m.id, m.applicant, json::object{{"code", code}});
  ASSERT_EQ(applicant_ok.status, 200) << applicant_ok.body;
  EXPECT_EQ(Str(ConfirmationOf(applicant_ok.json, m.applicant), "method"), "otp");
  EXPECT_FALSE(ConfirmationOf(applicant_ok.json, m.applicant).at("confirmed_at").is_null());
  EXPECT_EQ(Confirm(town, m.id, m.applicant, json::object{{"code", code}}).status, 409);

  // The respondent signs the paper copy at the mediation room.
  auto paper = Confirm(town, m.id, m.respondent,
                       json::object{{"paper", true}, {"note", "当事人在调解室当面签字"}});
  ASSERT_EQ(paper.status, 200) << paper.body;
  EXPECT_EQ(Str(ConfirmationOf(paper.json, m.respondent), "method"), "paper");
  EXPECT_EQ(Str(paper.json, "status"), "awaiting_confirmation");  // the mediator has not signed
  EXPECT_EQ(CaseStatus(m.id), "mediating");

  auto signed_ = town.Post(CasePath(m.id, "/agreement/sign"), json::object{});
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(Str(signed_.json, "status"), "effective");
  EXPECT_FALSE(signed_.json.at("effective_at").is_null());
  EXPECT_FALSE(signed_.json.at("judicial").at("deadline").is_null());
  EXPECT_EQ(town.Post(CasePath(m.id, "/agreement/sign"), json::object{}).status, 409);

  // The case followed by itself, on its timeline and in the audit trail.
  auto detail = town.Get(CasePath(m.id));
  EXPECT_EQ(Str(detail.json, "status"), "agreed");
  EXPECT_FALSE(detail.json.at("timers").at("resolved_at").is_null());
  auto events = town.Get(CasePath(m.id, "/events?page_size=100"));
  bool agreed_event = false, paper_note = false;
  for (const auto& e : events.json.at("items").as_array()) {
    if (Str(e, "kind") == "status" && Str(e, "to_status") == "agreed") {
      agreed_event = true;
      EXPECT_EQ(Str(e.at("data"), "auto"), "agreement_effective");
    }
    if (Str(e, "kind") == "agreement" && e.at("text").is_string() &&
        Str(e, "text") == "当事人在调解室当面签字")
      paper_note = true;
  }
  EXPECT_TRUE(agreed_event);
  EXPECT_TRUE(paper_note);
  const std::string case_id = std::to_string(m.id);
  EXPECT_EQ(AuditCount("case", case_id, "agreement_effective"), 1);
  EXPECT_EQ(AuditCount("case", case_id, "agreement_code"), 2);
  EXPECT_EQ(AuditCount("case", case_id, "agreement_confirm"), 2 + (code != first_code ? 1 : 0));
  // Neither the codes nor the phones are in the audit trail.
  const std::string audit = AllAuditText();
  EXPECT_EQ(audit.find(first_code), std::string::npos);
  EXPECT_EQ(audit.find(code), std::string::npos);
  EXPECT_EQ(audit.find(m.applicant_phone), std::string::npos);
  EXPECT_EQ(audit.find(m.respondent_phone), std::string::npos);
}

TEST(Agreements, AWrongCodeIsCountedAnExpiredOneRefusedAndFiveWrongTriesEndTheCode) {
  auto town = TestServer::Get().As("town");
  const auto m = NewMediatingCase();
  ASSERT_EQ(Put(town, CasePath(m.id, "/agreement"), DraftBody()).status, 200);
  ASSERT_EQ(town.Post(CasePath(m.id, "/agreement/submit"), json::object{}).status, 200);
  // No code yet.
  auto none = Confirm(town, m.id, m.applicant, json::object{{"code", "123456"}});
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(Str(none.json.at("error").at("details"), "reason"), "no_code");
  ASSERT_EQ(SendCode(town, m.id, m.applicant).status, 200);
  const std::string code = LatestCode(m.applicant_phone);
  const std::string wrong = code == "000000" ? "000001" : "000000";
  EXPECT_EQ(Confirm(town, m.id, m.applicant, json::object{{"code", "12ab56"}}).ErrorField(),
            "code");
  auto first = Confirm(town, m.id, m.applicant, json::object{{"code", wrong}});
  ASSERT_EQ(first.status, 400);
  EXPECT_EQ(first.ErrorField(), "code");
  EXPECT_EQ(Str(first.json.at("error").at("details"), "reason"), "wrong_code");
  EXPECT_EQ(first.json.at("error").at("details").at("tries_left").as_int64(), 4);
  EXPECT_EQ(Attempts(m.id, m.applicant), 1);  // counted although the request failed
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(Confirm(town, m.id, m.applicant, json::object{{"code", wrong}}).status, 400);
  auto fifth = Confirm(town, m.id, m.applicant, json::object{{"code", wrong}});
  EXPECT_EQ(Str(fifth.json.at("error").at("details"), "reason"), "too_many_tries");
  // The right code no longer helps.
  auto late = Confirm(town, m.id, m.applicant, json::object{{"code", code}});
  EXPECT_EQ(late.status, 400);
  EXPECT_EQ(Str(late.json.at("error").at("details"), "reason"), "too_many_tries");
  EXPECT_EQ(AuditCount("case", std::to_string(m.id), "agreement_confirm"), 7);

  // A new code, left for eleven minutes, has expired.
  TestServer::Get().clock().Advance(std::chrono::seconds(61));
  ASSERT_EQ(SendCode(town, m.id, m.applicant).status, 200);
  const std::string second = LatestCode(m.applicant_phone);
  TestServer::Get().clock().Advance(std::chrono::minutes(11));
  auto expired = Confirm(town, m.id, m.applicant, json::object{{"code", second}});
  EXPECT_EQ(expired.status, 400);
  EXPECT_EQ(Str(expired.json.at("error").at("details"), "reason"), "expired");
  // A fresh one works.
  ASSERT_EQ(SendCode(town, m.id, m.applicant).status, 200);
  auto ok = Confirm(town, m.id, m.applicant, json::object{{"code", LatestCode(m.applicant_phone)}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  // The other party (not a signatory) and an unknown party.
  int64_t other = 0;
  for (const auto& p : ok.json.at("parties").as_array())
    if (Str(p, "role") == "other") other = p.at("id").as_int64();
  ASSERT_NE(other, 0);
  EXPECT_EQ(SendCode(town, m.id, other).ErrorField(), "party_id");
  EXPECT_EQ(SendCode(town, m.id, 999999999).status, 404);
  // Another town's staff do not see the case at all.
  auto town2 = TestServer::Get().As("town2");
  EXPECT_EQ(SendCode(town2, m.id, m.respondent).status, 404);
  EXPECT_EQ(town2.Get(CasePath(m.id, "/agreement")).status, 404);
}

TEST(Agreements, AnOralAgreementIsRecordedByTheMediatorWithoutCodes) {
  auto town = TestServer::Get().As("town");
  const auto m = NewMediatingCase();
  auto draft = DraftBody();
  draft["form"] = "oral";
  ASSERT_EQ(Put(town, CasePath(m.id, "/agreement"), draft).status, 200);
  ASSERT_EQ(town.Post(CasePath(m.id, "/agreement/submit"), json::object{}).status, 200);
  auto code = SendCode(town, m.id, m.applicant);
  EXPECT_EQ(code.status, 409);
  EXPECT_EQ(code.ErrorField(), "form");
  EXPECT_EQ(Confirm(town, m.id, m.applicant, json::object{{"code", "123456"}}).ErrorField(),
            "code");
  for (int64_t party : {m.applicant, m.respondent}) {
    auto r = Confirm(town, m.id, party, json::object{{"paper", true}, {"note", "当场口头同意"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(ConfirmationOf(r.json, party), "method"), "oral");
  }
  // The mediator's signature can come last as well as first.
  auto signed_ = town.Post(CasePath(m.id, "/agreement/sign"), json::object{});
  ASSERT_EQ(signed_.status, 200);
  EXPECT_EQ(Str(signed_.json, "status"), "effective");
  EXPECT_EQ(Str(signed_.json, "form"), "oral");
  EXPECT_EQ(CaseStatus(m.id), "agreed");
}

TEST(Agreements, AnAgreementIsDraftedOnlyWhileMediatingAndSubmittedOnlyWhenComplete) {
  auto town = TestServer::Get().As("town");
  auto fresh = NewCase("town", Intake(kVillage));
  auto refused = Put(town, CasePath(fresh.at("id").as_int64(), "/agreement"), DraftBody());
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.ErrorField(), "status");

  const auto m = NewMediatingCase();
  ASSERT_EQ(Put(town, CasePath(m.id, "/agreement"), json::object{{"facts", "只有事实"}}).status,
            200);
  auto incomplete = town.Post(CasePath(m.id, "/agreement/submit"), json::object{});
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_EQ(incomplete.ErrorField(), "disputes");
  auto current = town.Get(CasePath(m.id, "/agreement"));
  ASSERT_EQ(Put(town, CasePath(m.id, "/agreement"),
                json::object{{"disputes", "争议"}, {"version", current.json.at("version")}})
                .status,
            200);
  auto no_terms = town.Post(CasePath(m.id, "/agreement/submit"), json::object{});
  EXPECT_EQ(no_terms.ErrorField(), "terms");
  // Reading the agreement is audited.
  EXPECT_GE(AuditCount("case", std::to_string(m.id), "read"), 1);
}

TEST(Agreements, JudicialConfirmationWithinThirtyDaysAndNeverForMarriageOrIdentityTerms) {
  auto town = TestServer::Get().As("town");
  // A status term (the couple stay married / a child's name) cannot be confirmed by a court.
  const auto marriage = NewMediatingCase();
  auto with_status = DraftBody();
  with_status["terms"].as_array().push_back(
      json::object{{"text", "双方同意不离婚，继续共同生活。"}, {"kind", "status"}});
  auto in_force = MakeEffective(marriage, with_status);
  EXPECT_FALSE(in_force.at("judicial").at("confirmable").as_bool());
  auto refused =
      Put(town, CasePath(marriage.id, "/agreement/judicial"),
          json::object{{"applied_at", FormatBeijing(Now())}, {"court", "永康市人民法院"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.ErrorField(), "terms");

  // Not before the agreement is in force.
  const auto m = NewMediatingCase();
  ASSERT_EQ(Put(town, CasePath(m.id, "/agreement"), DraftBody()).status, 200);
  auto early = Put(town, CasePath(m.id, "/agreement/judicial"),
                   json::object{{"applied_at", FormatBeijing(Now())}, {"court", "永康市人民法院"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.ErrorField(), "status");
  ASSERT_EQ(town.Post(CasePath(m.id, "/agreement/submit"), json::object{}).status, 200);
  for (const auto& [party, phone] :
       {std::pair{m.applicant, m.applicant_phone}, std::pair{m.respondent, m.respondent_phone}}) {
    ASSERT_EQ(SendCode(town, m.id, party).status, 200);
    ASSERT_EQ(Confirm(town, m.id, party, json::object{{"code", LatestCode(phone)}}).status, 200);
  }
  auto effective = town.Post(CasePath(m.id, "/agreement/sign"), json::object{});
  ASSERT_EQ(Str(effective.json, "status"), "effective");
  const int64_t effective_at = *ParseIsoTime(Str(effective.json, "effective_at"));
  EXPECT_TRUE(effective.json.at("judicial").at("confirmable").as_bool());
  EXPECT_EQ(*ParseIsoTime(Str(effective.json.at("judicial"), "deadline")),
            effective_at + 30 * kDay);

  // Thirty-one days later: an application made today is too late, one made within the 30 days
  // (recorded now) is accepted, and the court's decision goes with its date.
  TestServer::Get().clock().Advance(std::chrono::hours(24 * 31));
  town = TestServer::Get().As("town");  // the old session has expired
  auto late = Put(town, CasePath(m.id, "/agreement/judicial"),
                  json::object{{"applied_at", FormatBeijing(Now())}, {"court", "永康市人民法院"}});
  EXPECT_EQ(late.status, 400);
  EXPECT_EQ(late.ErrorField(), "applied_at");
  auto before = Put(town, CasePath(m.id, "/agreement/judicial"),
                    json::object{{"applied_at", FormatBeijing(effective_at - kHour)},
                                 {"court", "永康市人民法院"}});
  EXPECT_EQ(before.ErrorField(), "applied_at");
  auto half = Put(town, CasePath(m.id, "/agreement/judicial"),
                  json::object{{"applied_at", FormatBeijing(effective_at + 10 * kDay)},
                               {"court", "永康市人民法院"},
                               {"result", "confirmed"}});
  EXPECT_EQ(half.ErrorField(), "decided_at");
  auto applied = Put(town, CasePath(m.id, "/agreement/judicial"),
                     json::object{{"applied_at", FormatBeijing(effective_at + 10 * kDay)},
                                  {"court", "永康市人民法院"},
                                  {"court_case_no", "（2026）浙0784民特123号"},
                                  {"result", "confirmed"},
                                  {"decided_at", FormatBeijing(effective_at + 12 * kDay)}});
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(Str(applied.json.at("judicial"), "court"), "永康市人民法院");
  EXPECT_EQ(Str(applied.json.at("judicial"), "case_no"), "（2026）浙0784民特123号");
  EXPECT_EQ(Str(applied.json.at("judicial"), "result"), "confirmed");
  EXPECT_EQ(AuditCount("case", std::to_string(m.id), "agreement_judicial"), 1);
}

TEST(Agreements, ThePdfCarriesTheStatutoryContentsInAnEmbeddedChineseFont) {
  auto town = TestServer::Get().As("town");
  const std::string id_number = domain::MakeIdCard("330784", "19880305", 17, false);
  const auto m = NewMediatingCase(id_number);
  MakeEffective(m);
  // Masked by default; in full for a caller with case.reveal who asks.
  auto masked = town.Get(CasePath(m.id, "/agreement"));
  ASSERT_EQ(masked.status, 200);
  const auto& respondent = masked.json.at("parties").as_array()[1];
  EXPECT_EQ(Str(respondent, "address").find("胡库村"), std::string::npos);
  EXPECT_TRUE(respondent.at("age").is_int64());
  // Her age on the server's day (Beijing), whatever day of the year the suite runs.
  const std::string today = FormatBeijing(TestServer::Get().clock().NowMillis()).substr(0, 10);
  const auto age = domain::AgeOn("1988-03-05", today);
  ASSERT_TRUE(age);
  EXPECT_EQ(respondent.at("age").as_int64(), *age);
  EXPECT_GE(*age, 38);
  auto revealed = town.Get(CasePath(m.id, "/agreement?reveal=1"));
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(Str(revealed.json.at("parties").as_array()[1], "address"), "永康市东城街道胡库村 7 号");
  EXPECT_TRUE(revealed.json.at("revealed").as_bool());
  EXPECT_NE(Str(revealed.json, "committee").find("人民调解委员会"), std::string::npos);

  auto pdf = town.Get(CasePath(m.id, "/agreement/pdf"));
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 200);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_NE(pdf.Header("content-disposition").find(".pdf"), std::string::npos);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_GT(pdf.body.size(), 1024u);
  EXPECT_LT(pdf.body.size(), 2u * 1024 * 1024);
  EXPECT_TRUE(pdf.body.find("NotoSerifCJK") != std::string::npos ||
              pdf.body.find("NotoSansCJK") != std::string::npos);
  // The download is audited like every read of the agreement.
  const int64_t reads = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = ? AND action = "
            "'read' AND detail = 'agreement_pdf'",
            {std::to_string(m.id)})
        ->Int(0);
  });
  EXPECT_EQ(reads, 1);
  // Another area's staff get nothing.
  EXPECT_EQ(TestServer::Get().As("town2").Get(CasePath(m.id, "/agreement/pdf")).status, 404);
}

TEST(Agreements, TheOutboxListShowsMaskedPhonesAndNeverTheText) {
  const auto m = NewMediatingCase();
  auto town = TestServer::Get().As("town");
  ASSERT_EQ(Put(town, CasePath(m.id, "/agreement"), DraftBody()).status, 200);
  ASSERT_EQ(town.Post(CasePath(m.id, "/agreement/submit"), json::object{}).status, 200);
  ASSERT_EQ(SendCode(town, m.id, m.respondent).status, 200);
  const std::string code = LatestCode(m.respondent_phone);
  auto city = TestServer::Get().As("city");
  auto list = city.Get("/api/v1/sms-outbox?page_size=5");
  ASSERT_EQ(list.status, 200) << list.body;
  const auto& first = list.json.at("items").as_array().at(0);
  EXPECT_EQ(Str(first, "purpose"), "agreement_otp");
  EXPECT_EQ(Str(first, "phone"),
            m.respondent_phone.substr(0, 3) + "****" + m.respondent_phone.substr(7));
  EXPECT_FALSE(first.as_object().contains("body"));
  EXPECT_EQ(list.body.find(code), std::string::npos);
  EXPECT_EQ(list.body.find(m.respondent_phone), std::string::npos);
  EXPECT_EQ(town.Get("/api/v1/sms-outbox").status, 403);
  // Without a gateway the dispatcher only records the message.
  bool recorded = false;
  for (int i = 0; i < 300 && !recorded; ++i) {  // up to a minute on a busy machine
    recorded = TestServer::Get().app().db().ReadSync([](store::Connection& c) {
      return c.QueryOne("SELECT COUNT(*) FROM sms_outbox WHERE status = 'recorded'")->Int(0) > 0;
    });
    if (!recorded) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(recorded);
}

}  // namespace
}  // namespace hejia::testing
