// The live stream of a signed-in user (issue 9, point 13): a user holds at most a few streams open,
// and a stream ends when its session ends — signed out, revoked from another device, or the
// account locked — instead of running on until its lifetime is over.
#include "accounts.hpp"
#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

// The last chunk of the chunked answer: the server ended the stream.
constexpr const char* kEnded = "\r\n0\r\n\r\n";

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
  EXPECT_TRUE(stream.WaitFor(kEnded, std::chrono::seconds(30))) << stream.received();
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
  EXPECT_TRUE(stream.WaitFor(kEnded, std::chrono::seconds(30))) << stream.received();

  // The desk's own session goes on.
  EventStream still(TestServer::Get().port(), desk.cookie());
  EXPECT_TRUE(still.WaitFor(": connected")) << still.received();
}

TEST(LiveStream, AUserHoldsAtMostFiveStreams) {
  Client me = FreshTownStaff();
  std::vector<std::unique_ptr<EventStream>> open;
  for (int i = 0; i < 5; ++i) {
    open.push_back(std::make_unique<EventStream>(TestServer::Get().port(), me.cookie()));
    ASSERT_TRUE(open.back()->WaitFor(": connected")) << i << open.back()->received();
  }
  auto sixth = me.Get("/api/v1/cases/stream");
  EXPECT_EQ(sixth.status, 429) << sixth.body;
  EXPECT_EQ(sixth.ErrorCode(), "too_many_streams");
  // Closing one makes room again.
  open.pop_back();
  bool reopened = false;
  for (int attempt = 0; attempt < 100 && !reopened; ++attempt) {
    EventStream again(TestServer::Get().port(), me.cookie());
    reopened = again.WaitFor(": connected", std::chrono::milliseconds(500));
  }
  EXPECT_TRUE(reopened);
}

}  // namespace
}  // namespace hejia::testing
