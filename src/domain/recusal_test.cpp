#include "domain/recusal.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

// Ms Wang asks for child support from her ex-partner Mr Hu.
std::vector<RecusalParty> Parties() {
  return {
      RecusalParty{101, 501, "王某", "bidx-wang"},
      RecusalParty{102, 502, "胡某", "bidx-hu"},
  };
}

RecusalMediator Mediator() {
  RecusalMediator m;
  m.person_id = 900;
  m.household_id = 990;
  m.name = "李和姐";
  m.id_bidx = "bidx-li";
  m.related_person_ids = {300, 301};
  return m;
}

TEST(Recusal, AnUnrelatedMediatorMayMediate) {
  EXPECT_EQ(RecusalReason(Mediator(), Parties()), std::nullopt);
  EXPECT_EQ(RecusalReason(Mediator(), {}), std::nullopt);
}

TEST(Recusal, AMediatorWhoIsAPartyMustStepAside) {
  auto m = Mediator();
  m.person_id = 102;
  const auto reason = RecusalReason(m, Parties());
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("当事人"), std::string::npos) << *reason;
  EXPECT_NE(reason->find("胡某"), std::string::npos) << *reason;
  EXPECT_NE(reason->find("本人"), std::string::npos) << *reason;
}

TEST(Recusal, TheSameIdNumberIsTheSamePersonEvenWithoutAPersonRecord) {
  auto m = Mediator();
  m.person_id.reset();
  m.id_bidx = "bidx-wang";
  auto parties = Parties();
  parties[0].person_id.reset();
  const auto reason = RecusalReason(m, parties);
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("王某"), std::string::npos) << *reason;
  EXPECT_NE(reason->find("本人"), std::string::npos) << *reason;
}

TEST(Recusal, AMediatorInAPartysHouseholdMustStepAside) {
  auto m = Mediator();
  m.household_id = 501;
  const auto reason = RecusalReason(m, Parties());
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("同住一户"), std::string::npos) << *reason;
  EXPECT_NE(reason->find("王某"), std::string::npos) << *reason;
}

TEST(Recusal, AMediatorRelatedToAPartyMustStepAside) {
  auto m = Mediator();
  m.related_person_ids.push_back(102);
  const auto reason = RecusalReason(m, Parties());
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("亲属"), std::string::npos) << *reason;
  EXPECT_NE(reason->find("胡某"), std::string::npos) << *reason;
}

TEST(Recusal, BeingAPartyIsReportedBeforeSharingAHousehold) {
  auto m = Mediator();
  m.household_id = 501;  // Wang's household
  m.person_id = 102;     // and Hu himself
  const auto reason = RecusalReason(m, Parties());
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("本人"), std::string::npos) << *reason;
}

TEST(Recusal, UnknownRecordsAndSameNamesNeverMatch) {
  RecusalMediator m;  // no person, household or ID recorded
  m.name = "王某";
  std::vector<RecusalParty> parties = {RecusalParty{std::nullopt, std::nullopt, "王某", ""}};
  EXPECT_EQ(RecusalReason(m, parties), std::nullopt);
  m.related_person_ids = {101};
  EXPECT_EQ(RecusalReason(m, parties), std::nullopt);  // the party has no person record
}

}  // namespace
}  // namespace hejia::domain
