#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace hejia::http {
namespace {

TEST(ClientKey, IPv4CountsByItsAddressAndIPv6ByItsSlash64) {
  EXPECT_EQ(ClientKey("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ClientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKey("2001:db8:1:2::1"), ClientKey("2001:db8:1:2:ffff::9"))
      << "one subscriber rotating through her prefix";
  EXPECT_NE(ClientKey("2001:db8:1:2::1"), ClientKey("2001:db8:1:3::1"));
  EXPECT_EQ(ClientKey("::ffff:198.51.100.4"), "198.51.100.4");
  EXPECT_EQ(ClientKey(""), "");
}

TEST(CanonicalAddress, OnlyAddressesPass) {
  EXPECT_EQ(CanonicalAddress("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(CanonicalAddress("2001:DB8::1"), "2001:db8::1");
  for (const char* bad : {"", "localhost", "10.0.0.1, 10.0.0.2", "1.2.3.4.5", "<script>"})
    EXPECT_FALSE(CanonicalAddress(bad)) << bad;
}

TEST(IsTrustedProxy, ComparesCanonicalAddresses) {
  const std::vector<std::string> proxies{"10.0.0.5", "::1"};
  EXPECT_TRUE(IsTrustedProxy("10.0.0.5", proxies));
  EXPECT_TRUE(IsTrustedProxy("0:0:0:0:0:0:0:1", proxies));
  EXPECT_TRUE(IsTrustedProxy("::ffff:10.0.0.5", proxies));
  EXPECT_FALSE(IsTrustedProxy("10.0.0.6", proxies));
  EXPECT_FALSE(IsTrustedProxy("garbage", proxies));
}

}  // namespace
}  // namespace hejia::http
