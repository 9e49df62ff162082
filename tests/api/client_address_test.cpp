// Whom the portal's per-client limits count (issue 9, point 14): an IPv6 subscriber by her /64
// (the rest of the address rotates freely), the proxy's X-Real-IP only when it is an address; and
// the proof of work grows while the node issues challenges in a flood.
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

HttpResult ChallengeFrom(const std::string& address) {
  Client c(TestServer::Get().port());
  return c.Request("POST", "/api/v1/public/challenge", "{}", {{"X-Real-IP", address}});
}

TEST(ClientAddress, AnIPv6ClientCountsByItsSlash64) {
  TimePasses();
  // Thirty challenges a minute per client, each from another address of one /64.
  for (int i = 1; i <= 30; ++i)
    EXPECT_EQ(ChallengeFrom("2001:db8:77:1::" + std::to_string(i)).status, 200) << i;
  EXPECT_EQ(ChallengeFrom("2001:db8:77:1:ffff::1").status, 429);
  EXPECT_EQ(ChallengeFrom("2001:db8:77:2::1").status, 200) << "another /64 is another client";
  TimePasses();
}

TEST(ClientAddress, AProxyHeaderThatIsNoAddressIsIgnored) {
  TimePasses();
  // Rotating junk in the header would have been thirty-one fresh clients: it is the proxy's own.
  int refused = 0;
  for (int i = 0; i < 31; ++i)
    refused += ChallengeFrom("not-an-address-" + std::to_string(i)).status == 429;
  EXPECT_EQ(refused, 1);
  TimePasses();
}

TEST(ClientAddress, TheProofOfWorkGrowsUnderAFloodOfChallenges) {
  TimePasses();
  const int64_t calm = ChallengeFrom("198.51.100.1").json.at("difficulty").as_int64();
  int64_t flooded = calm;
  for (int i = 0; i < 260; ++i) {
    auto r = ChallengeFrom("10.77." + std::to_string(i / 200) + "." + std::to_string(i % 200 + 1));
    ASSERT_EQ(r.status, 200) << r.body;
    flooded = r.json.at("difficulty").as_int64();
  }
  EXPECT_GE(flooded, calm + 2) << "more work each while the flood lasts";
  EXPECT_LE(flooded, calm + 6) << "bounded";
  TimePasses();  // the flood is over
  EXPECT_EQ(ChallengeFrom("198.51.100.2").json.at("difficulty").as_int64(), calm);
}

}  // namespace
}  // namespace hejia::testing
