#include "jobs/maintenance.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/migrations.hpp"

namespace hejia::jobs {
namespace {

TEST(Maintenance, PurgesSessionsThatEndedADayAgoButKeepsLiveOnes) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("hejia-jobs-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  auto db = store::OpenDatabase("sqlite:" + (dir / "j.db").string());
  const int64_t now = 1'800'000'000'000;
  const int64_t day = 24LL * 3600 * 1000;
  db->WriteSync([&](store::Connection& c) {
    store::Migrate(c);
    c.Execute(
        "INSERT INTO users (login, display_name, role, password_hash, created_at, updated_at) "
        "VALUES ('u', 'u', 'city_staff', 'x', 0, 0)");
    const char* sql =
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
        "expires_at) VALUES (?, 1, 'c', 0, 0, ?)";
    c.Execute(sql, {"old", now - 2 * day});
    c.Execute(sql, {"recent", now - day / 2});
    c.Execute(sql, {"live", now + day});
    EXPECT_EQ(PurgeExpired(c, now), 1);
  });
  const int64_t left = db->ReadSync(
      [](store::Connection& c) { return c.QueryOne("SELECT COUNT(*) FROM sessions")->Int(0); });
  EXPECT_EQ(left, 2);
  db->Stop();
}

}  // namespace
}  // namespace hejia::jobs
