#include "harness.hpp"

namespace hejia::testing {
namespace {

TEST(Health, LivenessAndReadinessAnswerWithoutSignIn) {
  Client c(TestServer::Get().port());
  EXPECT_EQ(c.Get("/healthz").status, 200);
  EXPECT_EQ(c.Get("/readyz").status, 200);
}

TEST(Health, EveryResponseCarriesSecurityHeaders) {
  Client c(TestServer::Get().port());
  auto r = c.Get("/api/v1/nowhere");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.ErrorCode(), "not_found");
  EXPECT_NE(r.Header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("x-frame-options"), "DENY");
  EXPECT_EQ(r.Header("referrer-policy"), "no-referrer");
}

TEST(Session, DemoAccountSignsInAndSeesItself) {
  Client c(TestServer::Get().port());
  auto r = c.SignIn("town");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.Header("set-cookie").find("HttpOnly"), std::string::npos);
  EXPECT_NE(r.Header("set-cookie").find("SameSite=Strict"), std::string::npos);
  auto me = c.Get("/api/v1/session");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json.at("user").at("role").as_string(), "town_staff");
}

TEST(Session, WrongPasswordIs401WithTheErrorShape) {
  Client c(TestServer::Get().port());
  auto r = c.SignIn("town", "wrong-password-1A");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.ErrorCode(), "invalid_credentials");
}

TEST(Session, StateChangeWithoutCsrfTokenIsRefused) {
  Client c = TestServer::Get().As("town");
  c.set_csrf("");
  auto r = c.Delete("/api/v1/session");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "csrf_failed");
}

}  // namespace
}  // namespace hejia::testing
