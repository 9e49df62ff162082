// The night clinic must not fail silently: a request goes to someone on duty who can act on it.
#include "accounts.hpp"
#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

TEST(NightDuty, ARequestSkipsALockedOnDutyAccountForTheNextPersonOnDuty) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  const std::string login = UniqueLogin("duty");
  const int64_t locked = CreateStaff(login, "village_cadre", kVillage);
  // Rostered first, so the roster would pick her before the demo village cadre.
  OnDutyAround(kVillage, locked, evening);
  OnDutyAround(kVillage, UserIdOf("village"), evening);
  auto lock = TestServer::Get()
                  .As("secadmin")
                  .Post("/api/v1/users/" + std::to_string(locked) + "/lock", json::object{});
  ASSERT_LT(lock.status, 300) << lock.body;

  auto c = NewCase("town", Intake(kVillage));
  ASSERT_TRUE(c.at("night_clinic").as_bool()) << c;
  ASSERT_TRUE(c.at("assignee").is_object()) << c;
  EXPECT_EQ(c.at("assignee").at("id").as_int64(), UserIdOf("village"));
}

TEST(NightDuty, AnOnDutyPersonMovedToAnotherTownOrRoleIsSkippedForTheLevelAbove) {
  const int64_t evening = NextWeekdayEvening();
  MoveClockTo(evening);
  const std::string moved_login = UniqueLogin("moved");
  const int64_t moved = CreateStaff(moved_login, "village_cadre", kVillage);
  const std::string reroled_login = UniqueLogin("reroled");
  const int64_t reroled = CreateStaff(reroled_login, "village_cadre", kVillage);
  OnDutyAround(kVillage, moved, evening);
  OnDutyAround(kVillage, reroled, evening);
  OnDutyAround(kTown, UserIdOf("town"), evening);
  auto admin = TestServer::Get().As("admin");
  auto patch = [&](int64_t id, json::object change) {
    auto user = admin.Get("/api/v1/users/" + std::to_string(id));
    change["version"] = user.json.at("version");
    auto r = admin.Patch("/api/v1/users/" + std::to_string(id), change);
    ASSERT_EQ(r.status, 200) << r.body;
  };
  patch(moved, json::object{{"region_code", DemoRegion("town2")}});
  patch(reroled, json::object{{"role", "grid_sister"}, {"region_code", kGrid}});

  auto c = NewCase("town", Intake(kVillage));
  ASSERT_TRUE(c.at("night_clinic").as_bool()) << c;
  ASSERT_TRUE(c.at("assignee").is_object()) << c;
  EXPECT_EQ(c.at("assignee").at("id").as_int64(), UserIdOf("town"));
}

}  // namespace
}  // namespace hejia::testing
