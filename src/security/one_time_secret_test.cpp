#include "security/one_time_secret.hpp"

#include <gtest/gtest.h>

#include <set>

namespace hejia::security {
namespace {

TEST(OneTimeSecret, ThreeGroupsOfFourWithoutLookAlikes) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string s = OneTimeSecret();
    ASSERT_EQ(s.size(), 14u) << s;
    EXPECT_EQ(s[4], '-');
    EXPECT_EQ(s[9], '-');
    for (size_t k = 0; k < s.size(); ++k) {
      if (k == 4 || k == 9) continue;
      EXPECT_EQ(std::string_view("0O1IL").find(s[k]), std::string_view::npos) << s;
      EXPECT_TRUE(std::isupper(static_cast<unsigned char>(s[k])) ||
                  std::isdigit(static_cast<unsigned char>(s[k])))
          << s;
    }
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 200u);  // fresh each time
}

}  // namespace
}  // namespace hejia::security
