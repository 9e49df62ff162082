#include "common/clock.hpp"

#include <gtest/gtest.h>

namespace hejia {
namespace {

TEST(Clock, AnApiTimeIsReadBackAsTheInstantItNames) {
  const int64_t evening = BeijingDateStartMillis("2026-11-27") + (21 * 60 + 30) * 60 * 1000LL;
  EXPECT_EQ(ParseIsoTime("2026-11-27T21:30:00+08:00"), evening);
  EXPECT_EQ(ParseIsoTime("2026-11-27T21:30+08:00"), evening);
  EXPECT_EQ(ParseIsoTime("2026-11-27T13:30:00Z"), evening);
  EXPECT_EQ(ParseIsoTime("2026-11-27T08:30:00-05:00"), evening);
  EXPECT_EQ(ParseIsoTime("2026-11-27T21:30:00.250+08:00"), evening + 250);
  EXPECT_EQ(ParseIsoTime(FormatBeijing(evening)), evening);
}

TEST(Clock, ATimeIsWrittenInBeijingTimeWithItsOffset) {
  EXPECT_EQ(FormatBeijing(0), "1970-01-01T08:00:00+08:00");
  // 2026-12-31 23:59:59.999 in Beijing is still that day; a millisecond later the next year.
  const int64_t new_year = BeijingDateStartMillis("2027-01-01");
  EXPECT_EQ(FormatBeijing(new_year - 1), "2026-12-31T23:59:59+08:00");
  EXPECT_EQ(FormatBeijing(new_year), "2027-01-01T00:00:00+08:00");
  EXPECT_EQ(FormatBeijing(BeijingDateStartMillis("2028-02-29") + 13 * 3600 * 1000LL + 5 * 60000),
            "2028-02-29T13:05:00+08:00");
  EXPECT_EQ(FormatBeijing(BeijingDateStartMillis("0999-03-04")), "0999-03-04T00:00:00+08:00");
}

TEST(Clock, ATimeWithoutItsOffsetOrWithImpossibleFieldsIsRefused) {
  for (const char* bad :
       {"2026-11-27T21:30:00", "2026-11-27 21:30:00+08:00", "2026-02-30T10:00:00+08:00",
        "2026-11-27T24:00:00+08:00", "2026-11-27T21:60:00+08:00", "2026-11-27T21:30:61+08:00",
        "2026-11-27T21:30:00+0800", "2026-11-27T21:30:00+08:00x", "2026-11-27", "",
        "2026-11-27T21:30:00.+08:00", "2026-11-27T2:30:00+08:00"})
    EXPECT_FALSE(ParseIsoTime(bad)) << bad;
}

}  // namespace
}  // namespace hejia
