// The live stream of a signed-in user (issue 9, point 13): a user holds at most five streams open,
// and a stream ends when its session ends — signed out, revoked from another device, or the
// account locked — instead of running on until its lifetime is over.
#include "accounts.hpp"
#include "api/case_stream.hpp"
#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

Client FreshTownStaff() {
  const std::string login = UniqueLogin("live");
  CreateStaff(login, "town_staff", "330784001");
  return SignInFirstTime(login);
}

TEST(LiveStream, EndsWhenItsSessionIsSignedOut) {
  Client me = FreshTownStaff();
  EventStream stream(TestServer::Get().port(), me.cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();
  ASSERT_EQ(me.Delete("/api/v1/session").status, 204);
  EXPECT_TRUE(stream.WaitForEnd(std::chrono::seconds(30))) << stream.received();
}

TEST(LiveStream, EndsWhenItsSessionIsRevokedFromAnotherDevice) {
  Client phone = FreshTownStaff();
  const std::string login(phone.Get("/api/v1/session").json.at("user").at("login").as_string());
  Client desk(TestServer::Get().port());
  ASSERT_EQ(desk.SignIn(login, kChosenPassword).status, 200);
  EventStream stream(TestServer::Get().port(), phone.cookie());
  ASSERT_TRUE(stream.WaitFor(": connected")) << stream.received();

  // The desk ends the phone's session (lost phone): the phone's stream ends with it.
  const auto sessions = desk.Get("/api/v1/session/sessions");
  ASSERT_EQ(sessions.status, 200) << sessions.body;
  int64_t other = 0;
  const auto items = sessions.json.at("items").as_array();
  for (const auto& s : items)
    if (!s.at("current").as_bool()) other = s.at("id").as_int64();
  ASSERT_NE(other, 0) << sessions.body;
  ASSERT_EQ(desk.Delete("/api/v1/session/sessions/" + std::to_string(other)).status, 204);
  EXPECT_TRUE(stream.WaitForEnd(std::chrono::seconds(30))) << stream.received();

  // The desk's own session goes on.
  EventStream still(TestServer::Get().port(), desk.cookie());
  EXPECT_TRUE(still.WaitFor(": connected")) << still.received();
}

TEST(LiveStream, AUserHoldsAtMostFiveStreamsTheOldestMakingRoom) {
  // A sixth window (a refreshed tab, say) is served; the oldest stream ends to make room, so one
  // user never holds more than five and the newest window always hears.
  Client me = FreshTownStaff();
  std::vector<std::unique_ptr<EventStream>> open;
  for (int i = 0; i < 6; ++i) {
    open.push_back(std::make_unique<EventStream>(TestServer::Get().port(), me.cookie()));
    ASSERT_TRUE(open.back()->WaitFor(": connected")) << i << open.back()->received();
  }
  EXPECT_TRUE(open.front()->WaitForEnd(std::chrono::seconds(30))) << open.front()->received();
  EXPECT_EQ(TestServer::Get().app().services().case_stream->Listeners(
                me.Get("/api/v1/session").json.at("user").at("id").as_int64()),
            5);
}

}  // namespace
}  // namespace hejia::testing
