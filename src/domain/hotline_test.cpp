#include "domain/hotline.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

constexpr int64_t kNow = 1'796'000'000'000;
constexpr int64_t kHour = 3'600'000;

HotlineCall Call() {
  HotlineCall c;
  c.received_at = kNow - kHour;
  c.category = "domestic_violence";
  c.summary.plain = "来电咨询人身安全保护令的申请";
  c.summary.dirty = true;
  return c;
}

std::string FieldOf(const HotlineCall& c) {
  auto p = CheckHotlineCall(c, kNow);
  return p ? p->field : "";
}

TEST(HotlineCall, AnAdviceCallWithASummaryIsFine) {
  EXPECT_EQ(FieldOf(Call()), "");
}

TEST(HotlineCall, ItNeedsAKnownCategoryAndASummary) {
  auto c = Call();
  c.category = "gossip";
  EXPECT_EQ(FieldOf(c), "category");
  c = Call();
  c.summary.plain.clear();
  EXPECT_EQ(FieldOf(c), "summary");
  c = Call();
  c.summary = {};  // never written
  EXPECT_EQ(FieldOf(c), "summary");
  c.summary.enc = "sealed";  // as stored, not resent
  EXPECT_EQ(FieldOf(c), "");
}

TEST(HotlineCall, ItCannotBeReceivedInTheFuture) {
  auto c = Call();
  c.received_at = kNow + kHotlineClockSlackMs;
  EXPECT_EQ(FieldOf(c), "");
  c.received_at = kNow + kHotlineClockSlackMs + 1;
  EXPECT_EQ(FieldOf(c), "received_at");
}

TEST(HotlineCall, AReferralNamesToWhomAndACallBackItsDueTime) {
  auto c = Call();
  c.outcome = HotlineOutcome::kReferred;
  EXPECT_EQ(FieldOf(c), "referred_to");
  c.referred_to = "城关派出所";
  EXPECT_EQ(FieldOf(c), "");
  c = Call();
  c.outcome = HotlineOutcome::kCallBack;
  EXPECT_EQ(FieldOf(c), "call_back_due");
  c.call_back_due = c.received_at - 1;
  EXPECT_EQ(FieldOf(c), "call_back_due");
  c.call_back_due = c.received_at + kHotlineCallBackMaxMs + 1;
  EXPECT_EQ(FieldOf(c), "call_back_due");
  c.call_back_due = kNow + 2 * kHour;
  EXPECT_EQ(FieldOf(c), "");
  c.called_back_at = c.received_at - 1;
  EXPECT_EQ(FieldOf(c), "called_back_at");
}

TEST(HotlineCall, ACaseIsOpenedOnlyByTheCallsOwnRouteAndKept) {
  auto c = Call();
  c.outcome = HotlineOutcome::kCaseOpened;
  EXPECT_EQ(FieldOf(c), "outcome");
  c.case_id = 7;
  EXPECT_EQ(FieldOf(c), "");
  c.outcome = HotlineOutcome::kAdvice;
  EXPECT_EQ(FieldOf(c), "outcome");
}

TEST(HotlineCall, ACallBackIsOverdueOnlyWhilePromisedAndNotMade) {
  auto c = Call();
  c.outcome = HotlineOutcome::kCallBack;
  c.call_back_due = kNow - 1;
  EXPECT_TRUE(CallBackOverdue(c, kNow));
  EXPECT_FALSE(CallBackOverdue(c, kNow - 1));
  c.called_back_at = kNow - 2;
  EXPECT_FALSE(CallBackOverdue(c, kNow));
}

}  // namespace
}  // namespace hejia::domain
