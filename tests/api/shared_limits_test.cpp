// What several nodes sharing one PostgreSQL count together (issue 9, point 18): the per-client
// sliding windows (store/rate_windows) and the open live streams of a user (store/live_streams).
// The tables are checked on both databases; the server uses them on PostgreSQL, where a second
// node may answer the same client (tests/nodes runs two behind nginx).
#include <functional>
#include <future>
#include <vector>

#include "security/tokens.hpp"
#include "store/live_streams.hpp"
#include "store/rate_windows.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

store::Database& Db() {
  return TestServer::Get().app().db();
}

TEST(SharedLimits, AWindowLetsItsLimitThroughThenTellsWhenTheOldestLeaves) {
  const std::string client = security::RandomToken(8);
  const auto hit = [&](int64_t at) {
    return Db().WriteSync([&](store::Connection& c) {
      return store::HitRateWindow(c, "test_window", client, 3, 60'000, at);
    });
  };
  EXPECT_EQ(hit(1'000'000), 0);
  EXPECT_EQ(hit(1'010'000), 0);
  EXPECT_EQ(hit(1'020'000), 0);
  // Full: the first hit leaves the window at 1'060'000.
  EXPECT_EQ(hit(1'030'000), 30'000);
  // A refused hit is not counted, and a given-back one frees its slot.
  Db().WriteSync(
      [&](store::Connection& c) { store::ForgiveRateWindow(c, "test_window", client, 1'031'000); });
  EXPECT_EQ(hit(1'032'000), 0);
  EXPECT_EQ(hit(1'033'000), 27'000);
  // Once the first hit left, one more goes through.
  EXPECT_EQ(hit(1'060'000), 0);
  // Another client and another window count apart.
  EXPECT_EQ(Db().WriteSync([&](store::Connection& c) {
    return store::HitRateWindow(c, "test_window_2", client, 3, 60'000, 1'060'000);
  }),
            0);
}

TEST(SharedLimits, RacingHitsCountOneByOne) {
  // Hits of one client at once (several writer connections on PostgreSQL, as several nodes
  // would send): exactly the limit goes through.
  const std::string client = security::RandomToken(8);
  std::vector<std::future<int64_t>> hits;
  for (int i = 0; i < 24; ++i)
    hits.push_back(std::async(std::launch::async, [&] {
      return Db().WriteSync([&](store::Connection& c) {
        return store::HitRateWindow(c, "test_race", client, 5, 60'000, 2'000'000);
      });
    }));
  int allowed = 0;
  for (auto& h : hits) allowed += h.get() == 0 ? 1 : 0;
  EXPECT_EQ(allowed, 5);
}

TEST(SharedLimits, AClientIdleForAWholeWindowLeavesNoRow) {
  const std::string client = security::RandomToken(8);
  const auto rows = [&] {
    return Db().ReadSync([&](store::Connection& c) {
      return c.QueryOne("SELECT COUNT(*) FROM rate_windows WHERE client_key = ?", {client})->Int(0);
    });
  };
  Db().WriteSync([&](store::Connection& c) {
    store::HitRateWindow(c, "test_idle", client, 5, 60'000, 5'000);
  });
  EXPECT_EQ(rows(), 1);
  Db().WriteSync([&](store::Connection& c) {
    store::HitRateWindow(c, "test_idle", security::RandomToken(8), 5, 60'000, 65'000);
  });
  EXPECT_EQ(rows(), 0);
}

TEST(SharedLimits, ASixthStreamEndsTheUsersOldestAndStaleStreamsExpire) {
  // No account has this id: the table names streams, not accounts.
  const int64_t user =
      900'000'000 +
      static_cast<int64_t>(std::hash<std::string>{}(security::RandomToken(8)) % 1'000'000);
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(security::RandomToken(12));
  const auto open = [&](const std::string& id, int64_t at, int64_t stale_before) {
    return Db().WriteSync([&](store::Connection& c) {
      return store::OpenLiveStream(c, id, user, 5, at, stale_before);
    });
  };
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(open(ids[i], 1'000 + i, 0).empty()) << i;
  EXPECT_EQ(open(ids[5], 1'010, 0), std::vector<std::string>{ids[0]});
  // The second stream is seen at its heartbeat; the others' node stopped: they expire unseen.
  Db().WriteSync([&](store::Connection& c) { store::SeeLiveStream(c, ids[1], 70'000); });
  EXPECT_TRUE(open(security::RandomToken(12), 71'000, 60'000).empty());
  EXPECT_EQ(Db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT COUNT(*) FROM live_streams WHERE user_id = ?", {user})->Int(0);
  }),
            2);
  Db().WriteSync([&](store::Connection& c) {
    c.Execute("DELETE FROM live_streams WHERE user_id = ?", {user});
  });
}

TEST(SharedLimits, TheServerCountsSignInsPerAddressInTheTableOnPostgresOnly) {
  // An address of this test's own, so no other test's attempts are in its window.
  const std::string address =
      "203.0.113." + std::to_string(100 + std::hash<std::string>{}(security::RandomToken(8)) % 100);
  Client c(TestServer::Get().port());
  auto r = c.Request("POST", "/api/v1/session",
                     R"({"login":"shared-limits-nobody","password":"Wrong-Pass-2026!"})",
                     {{"X-Real-IP", address}});
  EXPECT_EQ(r.status, 401) << r.body;
  const int64_t rows = Db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT COUNT(*) FROM rate_windows WHERE name = 'sign_in_address'")->Int(0);
  });
  if (TestServer::Get().DbKind() == "postgres")
    EXPECT_GE(rows, 1);
  else
    EXPECT_EQ(rows, 0);  // one node: counted in memory
  // Never the address itself.
  EXPECT_EQ(Db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne("SELECT COUNT(*) FROM rate_windows WHERE client_key LIKE ?",
                  {"%" + address + "%"})
        ->Int(0);
  }),
            0);
}

}  // namespace
}  // namespace hejia::testing
