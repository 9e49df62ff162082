#include "api/case_stream.hpp"

#include <gtest/gtest.h>

namespace hejia::api {
namespace {

TEST(CaseStream, AnEventReachesEveryStreamOfItsUserOnlyAndWakesThem) {
  CaseStream hub;
  int woken_a = 0, woken_b = 0, woken_other = 0;
  auto a = hub.Subscribe(7, [&] { ++woken_a; });
  auto b = hub.Subscribe(7, [&] { ++woken_b; });
  auto other = hub.Subscribe(8, [&] { ++woken_other; });
  EXPECT_EQ(hub.Listeners(7), 2);
  const auto data = AssignmentEvent(42, "HJ2026-000042", "child_support", true, 0);
  EXPECT_EQ(hub.Publish(7, "assignment", data), 2);
  EXPECT_EQ(woken_a, 1);
  EXPECT_EQ(woken_b, 1);
  EXPECT_EQ(woken_other, 0);
  const auto frames = a->Take();
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].rfind("event: assignment\ndata: {", 0), 0u);
  EXPECT_NE(frames[0].find("\"case_no\":\"HJ2026-000042\""), std::string::npos);
  EXPECT_EQ(frames[0].substr(frames[0].size() - 2), "\n\n");
  EXPECT_TRUE(a->Take().empty());  // taken once
  EXPECT_EQ(b->Take().size(), 1u);
  EXPECT_TRUE(other->Take().empty());

  hub.Unsubscribe(7, a);
  EXPECT_EQ(hub.Listeners(7), 1);
  EXPECT_EQ(hub.Publish(7, "assignment", data), 1);
  EXPECT_EQ(woken_a, 1);
  EXPECT_EQ(hub.Publish(9, "assignment", data), 0);
}

TEST(CaseStream, AStalledStreamKeepsOnlyTheNewestHundredFrames) {
  CaseStream hub;
  auto l = hub.Subscribe(1, nullptr);
  for (int i = 0; i < 150; ++i)
    hub.Publish(1, "assignment", AssignmentEvent(i, "HJ", "other", false, 0));
  const auto frames = l->Take();
  ASSERT_EQ(frames.size(), 100u);
  EXPECT_NE(frames.front().find("\"case_id\":50,"), std::string::npos);
}

TEST(CaseStream, PublishingForNobodyAssignedDoesNothing) {
  CaseStream hub;
  auto l = hub.Subscribe(3, nullptr);
  PublishIntakeAssignment(&hub, 1, "HJ", "other", false, std::nullopt, 0);
  PublishIntakeAssignment(nullptr, 1, "HJ", "other", false, 3, 0);
  EXPECT_TRUE(l->Take().empty());
  PublishIntakeAssignment(&hub, 1, "HJ", "other", true, 3, 0);
  EXPECT_EQ(l->Take().size(), 1u);
}

TEST(CaseStream, AUserHoldsAtMostTheCapOfStreamsTheOldestMakingRoom) {
  CaseStream hub(std::chrono::seconds(20), std::chrono::minutes(10), 3);
  int oldest_woken = 0;
  std::vector<std::shared_ptr<CaseStream::Listener>> open;
  open.push_back(hub.Subscribe(5, [&] { ++oldest_woken; }));
  for (int i = 0; i < 2; ++i) open.push_back(hub.Subscribe(5, nullptr));
  auto other_user = hub.Subscribe(6, nullptr);
  EXPECT_EQ(hub.Listeners(5), 3);
  auto newest = hub.Subscribe(5, nullptr);
  EXPECT_EQ(hub.Listeners(5), 3) << "never more than the cap";
  EXPECT_TRUE(open[0]->Ended());
  EXPECT_EQ(oldest_woken, 1) << "the oldest is woken to end";
  EXPECT_FALSE(open[1]->Ended());
  EXPECT_FALSE(newest->Ended());
  EXPECT_FALSE(other_user->Ended()) << "another user is not counted";
  EXPECT_EQ(hub.Publish(5, "assignment", AssignmentEvent(1, "HJ", "other", false, 0)), 3);
  EXPECT_TRUE(open[0]->Take().empty()) << "the ended stream hears nothing more";
}

TEST(CaseStream, WakingAUserWakesEachOfItsStreamsWithoutAFrame) {
  CaseStream hub;
  int woken = 0, other = 0;
  auto a = hub.Subscribe(7, [&] { ++woken; });
  auto b = hub.Subscribe(7, [&] { ++woken; });
  auto c = hub.Subscribe(8, [&] { ++other; });
  hub.WakeUser(7);
  EXPECT_EQ(woken, 2);
  EXPECT_EQ(other, 0);
  EXPECT_TRUE(a->Take().empty());
}

}  // namespace
}  // namespace hejia::api
