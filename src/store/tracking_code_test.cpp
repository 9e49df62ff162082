#include "store/tracking_code.hpp"

#include <gtest/gtest.h>

#include <set>

namespace hejia::store {
namespace {

TEST(TrackingCode, IsTwelveUnambiguousCharactersInThreeGroups) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = NewTrackingCode();
    ASSERT_EQ(code.size(), 14u) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    for (size_t k = 0; k < code.size(); ++k) {
      if (k == 4 || k == 9) continue;
      EXPECT_NE(kTrackingAlphabet.find(code[k]), std::string_view::npos) << code;
    }
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);  // 60 random bits: no repeats in a few hundred
}

TEST(TrackingCode, TypedCodesAreNormalisedAndMisfitsRefused) {
  EXPECT_EQ(NormaliseTrackingCode("abcd-efgh-jkmn"), "ABCDEFGHJKMN");
  EXPECT_EQ(NormaliseTrackingCode(" 2345 6789 ABCD "), "23456789ABCD");
  EXPECT_EQ(NormaliseTrackingCode("23456789ABCD"), "23456789ABCD");
  EXPECT_FALSE(NormaliseTrackingCode("2345-6789-ABC"));    // too short
  EXPECT_FALSE(NormaliseTrackingCode("2345-6789-ABCDE"));  // too long
  EXPECT_FALSE(NormaliseTrackingCode("0345-6789-ABCD"));   // 0 is not in the alphabet
  EXPECT_FALSE(NormaliseTrackingCode("I345-6789-ABCD"));   // nor I
  EXPECT_FALSE(NormaliseTrackingCode("2345/6789/ABCD"));
  EXPECT_FALSE(NormaliseTrackingCode(""));
  const std::string fresh = NewTrackingCode();
  EXPECT_EQ(NormaliseTrackingCode(fresh)->size(), 12u);
}

}  // namespace
}  // namespace hejia::store
