// The feedback callback to the police (issue 11): each feedback recorded on an incident a partner
// sent is POSTed to its callback address, signed with its key so the police can check it like we
// check theirs; a refusal is retried with backoff and, in the end, listed for an operator who
// sends it again.

#include "callback_receiver.hpp"
#include "police_helpers.hpp"

namespace hejia::testing {
namespace {

using namespace police;

void FeedBack(const std::string& number) {
  const int64_t id = IncidentIdOf(number);
  auto sister = TestServer::Get().As("gridsister");
  for (const char* stage : {"acknowledged", "contacted", "visited", "fed_back"}) {
    const auto push = Work(sister, id).at("pushes").as_array()[1];
    json::object body{{"stage", stage}, {"version", push.at("version")}};
    if (std::string(stage) == "fed_back") body["note"] = "已走访，女方暂住娘家";
    auto r = sister.Post("/api/v1/incidents/" + std::to_string(id) + "/pushes/" +
                             std::to_string(push.at("id").as_int64()) + "/steps",
                         body);
    ASSERT_EQ(r.status, 200) << r.body;
  }
}

/// A new partner whose feedback callback address is `url`.
Partner PartnerCalling(const std::string& url) {
  const Partner p = NewPartner();
  auto r = TestServer::Get().As("admin").Patch("/api/v1/partners/" + std::to_string(p.id),
                                               json::object{{"callback_url", url}});
  EXPECT_EQ(r.status, 200) << r.body;
  return p;
}

TEST(PoliceCallback, EachFeedbackIsPostedSignedWithThePartnersKey) {
  MoveClockTo(NextWeekdayMorning());
  Receiver police(200);
  const Partner p = PartnerCalling(police.Url());
  const std::string number = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress())).status, 201);
  FeedBack(number);
  auto& app = TestServer::Get().app();
  app.RunPartnerCallbacks(Now());  // (the server's own loop may have sent it already)
  const auto got = police.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].target, "/police/feedback?from=hejia");
  EXPECT_NE(got[0].body.find("已走访，女方暂住娘家"), std::string::npos);
  EXPECT_NE(got[0].body.find(number), std::string::npos);
  // The police check it as we check theirs: over the path, without the query.
  const auto& h = got[0].headers;
  EXPECT_EQ(h.at("X-HeJia-Partner"), p.code);
  const security::SignedRequest r{
      "POST",      "/police/feedback",       h.at("X-HeJia-Timestamp"), h.at("X-HeJia-Nonce"),
      got[0].body, h.at("X-HeJia-Signature")};
  EXPECT_EQ(security::CheckSignature(p.key, r, Now() / 1000), security::SignatureCheck::kValid);
  // Sent once.
  app.RunPartnerCallbacks(Now() + kHour);
  EXPECT_EQ(police.received().size(), 1u);
}

TEST(PoliceCallback, ARefusalIsRetriedWithBackoffThenListedForAnOperatorWhoSendsItAgain) {
  MoveClockTo(NextWeekdayMorning());
  Receiver police(503);
  auto admin = TestServer::Get().As("admin");
  const Partner p = PartnerCalling(police.Url());
  const std::string number = UniqueNumber();
  ASSERT_EQ(Send(p, Incident(number, GridHouseholdAddress())).status, 201);
  FeedBack(number);
  auto& app = TestServer::Get().app();
  int64_t t = Now();
  app.RunPartnerCallbacks(t);
  ASSERT_EQ(police.received().size(), 1u);
  app.RunPartnerCallbacks(t + 30 * 1000);
  EXPECT_EQ(police.received().size(), 1u) << "not before the minute's backoff";
  // Ten attempts in all, each after a longer wait.
  for (int i = 0; i < 12; ++i) {
    t += 7 * kHour;
    app.RunPartnerCallbacks(t);
  }
  EXPECT_EQ(police.received().size(), 10u);
  auto failed = admin.Get("/api/v1/partners/callbacks?status=failed");
  ASSERT_EQ(failed.status, 200) << failed.body;
  int64_t row = 0;
  for (const auto& c : failed.json.at("items").as_array())
    if (Str(c, "incident_no") == number) {
      row = c.at("id").as_int64();
      EXPECT_EQ(Str(c, "last_error"), "HTTP 503");
    }
  ASSERT_NE(row, 0);
  police.set_status(200);
  auto retry =
      admin.Post("/api/v1/partners/callbacks/" + std::to_string(row) + "/retry", json::object{});
  ASSERT_EQ(retry.status, 200) << retry.body;
  app.RunPartnerCallbacks(Now() + 8 * 24 * kHour);
  EXPECT_EQ(police.received().size(), 11u);
  EXPECT_EQ(QueryText("SELECT status FROM partner_callbacks WHERE id = ?", {row}), "sent");
  EXPECT_EQ(TestServer::Get().As("city").Get("/api/v1/partners/callbacks").status, 403);
}

}  // namespace
}  // namespace hejia::testing
