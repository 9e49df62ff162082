#include "domain/case_event.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(CaseEventCodes, EveryCodeParsesBackToItsValue) {
  for (auto v : {StaffEventKind::kContact, StaffEventKind::kNote, StaffEventKind::kMessage})
    EXPECT_EQ(ParseStaffEventKind(ToString(v)), v);
  for (auto v : {ContactChannel::kPhone, ContactChannel::kVisit, ContactChannel::kOnline,
                 ContactChannel::kSms})
    EXPECT_EQ(ParseContactChannel(ToString(v)), v);
  for (auto v : {OrderResult::kGranted, OrderResult::kRefused})
    EXPECT_EQ(ParseOrderResult(ToString(v)), v);
  EXPECT_EQ(ParseStaffEventKind("escalation"), std::nullopt);
  EXPECT_EQ(ParseContactChannel(""), std::nullopt);
  EXPECT_EQ(ToString(OrderResult::kGranted), "granted");
}

}  // namespace
}  // namespace hejia::domain
