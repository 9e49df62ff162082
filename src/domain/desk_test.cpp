#include "domain/desk.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(Desk, ANewRequestIsDueForFirstContactBeforeTheDecision) {
  CaseTimers t;
  t.status = CaseStatus::kRegistered;
  t.due_first_contact_at = 1000;
  t.due_decision_at = 5000;
  auto next = NextDueOf(t);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->limit, MissedLimit::kFirstContact);
  EXPECT_EQ(next->at, 1000);
  t.first_contact_at = 900;  // contacted: the decision is next
  next = NextDueOf(t);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->limit, MissedLimit::kDecision);
  EXPECT_EQ(next->at, 5000);
}

TEST(Desk, MediationCountsOnlyWhileAssignedOrMediating) {
  CaseTimers t;
  t.status = CaseStatus::kMediating;
  t.first_contact_at = 1;
  t.due_decision_at = 10;  // decided long ago: no longer counts
  t.due_mediation_at = 7000;
  auto next = NextDueOf(t);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->limit, MissedLimit::kMediation);
  EXPECT_EQ(next->at, 7000);
  t.status = CaseStatus::kClosed;
  EXPECT_FALSE(NextDueOf(t));
}

TEST(Desk, NoDueTimesNoNextDue) {
  CaseTimers t;
  t.status = CaseStatus::kRegistered;
  EXPECT_FALSE(NextDueOf(t));
}

}  // namespace
}  // namespace hejia::domain
