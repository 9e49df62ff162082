#include "domain/contact_wishes.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(ContactWishes, NoWishesWelcomeACallAnyTime) {
  const ContactWishes none;
  EXPECT_FALSE(none.Any());
  EXPECT_FALSE(CheckContactWishes(none));
  EXPECT_TRUE(CallWelcome(none, 0));
  EXPECT_TRUE(CallWelcome(none, 23 * 60 + 59));
}

TEST(ContactWishes, SmsOnlyWelcomesNoCall) {
  const ContactWishes sms{.sms_only = true};
  EXPECT_TRUE(sms.Any());
  EXPECT_FALSE(CallWelcome(sms, 12 * 60));
}

TEST(ContactWishes, AWindowPassingMidnight) {
  const ContactWishes night{.call_from = "20:00", .call_to = "07:00"};
  EXPECT_FALSE(CheckContactWishes(night));
  EXPECT_TRUE(CallWelcome(night, 20 * 60));
  EXPECT_TRUE(CallWelcome(night, 6 * 60 + 59));
  EXPECT_FALSE(CallWelcome(night, 7 * 60));
  EXPECT_FALSE(CallWelcome(night, 19 * 60 + 59));
}

TEST(ContactWishes, ADaytimeWindow) {
  const ContactWishes day{.call_from = "09:30", .call_to = "11:00"};
  EXPECT_FALSE(CallWelcome(day, 9 * 60 + 29));
  EXPECT_TRUE(CallWelcome(day, 9 * 60 + 30));
  EXPECT_FALSE(CallWelcome(day, 11 * 60));
}

TEST(ContactWishes, ProblemsNameTheField) {
  auto bad = CheckContactWishes({.call_from = "24:00", .call_to = "07:00"});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->field, "contact_call_from");
  bad = CheckContactWishes({.call_from = "20:00", .call_to = "7:00"});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->field, "contact_call_to");
  bad = CheckContactWishes({.call_from = "20:00"});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->field, "contact_call_to");
  bad = CheckContactWishes({.call_to = "20:00"}, "");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->field, "call_from");
  bad = CheckContactWishes({.call_from = "20:00", .call_to = "20:00"});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->field, "contact_call_to");
  EXPECT_TRUE(CheckContactWishes({.call_from = "2a:00", .call_to = "07:00"}));
}

}  // namespace
}  // namespace hejia::domain
