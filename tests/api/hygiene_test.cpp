// What must never happen whatever the input: sensitive values in logs or the audit trail, a 500
// for bad input, a half-written change.
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <future>
#include <mutex>

#include "domain/account.hpp"
#include "harness.hpp"
#include "security/password_hash.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

std::shared_ptr<CapturingSink> Capture() {
  static auto sink = [] {
    auto s = std::make_shared<CapturingSink>();
    spdlog::default_logger()->sinks().push_back(s);
    spdlog::set_level(spdlog::level::debug);
    return s;
  }();
  return sink;
}

TEST(Hygiene, PasswordsPhonesAndIdNumbersNeverReachTheLogsOrTheAuditTrail) {
  auto sink = Capture();
  auto& server = TestServer::Get();
  const std::string secret_password = "Leak-Marker-Pw-7731";
  const std::string phone = "13912340099";
  const std::string id_number = "330784199001010016";  // checksum computed below if needed

  Client anonymous(server.port());
  anonymous.SignIn("town", secret_password);
  anonymous.SignIn("nosuchuser", secret_password);

  Client town = server.As("town");
  // A person with a marker phone, looked up and revealed: every path that touches the value.
  auto household = town.Get("/api/v1/households?page_size=1");
  ASSERT_EQ(household.status, 200);
  const int64_t hid = household.json.at("items").at(0).at("id").as_int64();
  auto created = town.Post("/api/v1/people", boost::json::object{{"household_id", hid},
                                                                 {"name", "测试留痕"},
                                                                 {"gender", "female"},
                                                                 {"birth_date", "1990-01-01"},
                                                                 {"phone", phone},
                                                                 {"confirm_duplicate", true}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string pid = std::to_string(created.json.at("id").as_int64());
  EXPECT_EQ(town.Get("/api/v1/people?phone=" + phone).status, 200);
  EXPECT_EQ(town.Get("/api/v1/people/" + pid + "/sensitive").status, 200);
  // Bad input carrying the values must not echo them into logs either.
  town.Post("/api/v1/people", boost::json::object{{"household_id", hid},
                                                  {"name", "x"},
                                                  {"gender", "female"},
                                                  {"birth_date", "1990-01-01"},
                                                  {"id_number", id_number},
                                                  {"phone", phone + "9"}});

  const std::string logs = sink->Text();
  for (const std::string& marker : {secret_password, phone, id_number}) {
    EXPECT_EQ(logs.find(marker), std::string::npos) << "log carries " << marker;
    EXPECT_EQ(AuditEntriesCarrying(marker), 0) << "audit trail carries " << marker;
  }
}

TEST(Hygiene, OversizedBodiesAre413AndMalformedRequestsAre400) {
  Client town = TestServer::Get().As("town");
  auto big = town.Request("POST", "/api/v1/people", std::string(2 << 20, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.ErrorCode(), "payload_too_large");
  for (const char* body : {"", "{", "[]", "null", "{\"name\": }", "{\"name\":\"\\ud800\"}",
                           "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{"
                           "\"k\":{\"l\":{\"m\":{\"n\":{\"o\":{\"p\":{\"q\":1}}}}}}}}}}}}}}}}}"}) {
    auto r = town.Request("POST", "/api/v1/people", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_FALSE(r.ErrorCode().empty()) << body;
  }
  auto wrong_type = town.Request("POST", "/api/v1/households", R"({"grid_code": 12})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.ErrorField(), "grid_code");
  auto bad_page = town.Get("/api/v1/people?page=0");
  EXPECT_EQ(bad_page.status, 400);
  EXPECT_EQ(bad_page.ErrorField(), "page");
  auto bad_sort = town.Get("/api/v1/people?sort=password_hash");
  EXPECT_EQ(bad_sort.status, 400);
  EXPECT_EQ(bad_sort.ErrorField(), "sort");
}

TEST(Hygiene, ARefusedReadOfSensitiveDataIsAuditedAsDenied) {
  auto& server = TestServer::Get();
  Client mediator = server.As("mediator");
  auto list = mediator.Get("/api/v1/people?page_size=1");
  ASSERT_EQ(list.status, 200);
  const std::string id = std::to_string(list.json.at("items").at(0).at("id").as_int64());
  EXPECT_EQ(mediator.Get("/api/v1/people/" + id + "/sensitive").status, 403);
  const int64_t denied = server.app().db().ReadSync([](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE actor_login = 'mediator' AND result = 'denied' "
            "AND entity_id = 'GET /api/v1/people/{id}/sensitive'")
        ->Int(0);
  });
  EXPECT_GE(denied, 1);
}

TEST(Hygiene, RacingGuessesCannotOutrunTheThrottle) {
  auto& server = TestServer::Get();
  const std::string hash = security::HashPassword(kDemoPassword);
  const int64_t now = server.clock().NowMillis();
  server.app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "INSERT INTO users (login, display_name, role, region_code, password_hash, "
        "must_change_password, demo, created_at, updated_at) VALUES "
        "('racer', 'Racer', 'town_staff', '330784003', ?, 0, 1, ?, ?)",
        {hash, now, now});
  });
  server.clock().Advance(std::chrono::seconds(61));  // an empty rate-limit window
  std::vector<std::future<int>> attempts;
  for (int i = 0; i < 16; ++i)
    attempts.push_back(std::async(std::launch::async, [&server] {
      Client c(server.port());
      return c.SignIn("racer", "Wrong-Password-99").status;
    }));
  for (auto& a : attempts) {
    const int status = a.get();
    EXPECT_TRUE(status == 401 || status == 423 || status == 429) << status;
  }
  const int64_t counted = server.app().db().ReadSync([](store::Connection& c) {
    return c
        .QueryOne("SELECT COUNT(*) FROM sign_ins WHERE login = 'racer' AND result = 'bad_password'")
        ->Int(0);
  });
  // Every attempt is claimed before its password is checked: of sixteen racing guesses from one
  // client only the free ones and the one that starts the wait were tried.
  EXPECT_LE(counted, domain::kFreeSignInFailures + 1);
  EXPECT_GE(counted, 1);
  // That client waits now, even with the right password.
  Client right(server.port());
  EXPECT_EQ(right.SignIn("racer").status, 429);
  server.clock().Advance(std::chrono::seconds(61));
}

TEST(Hygiene, ExactSearchByPhoneNeedsTheRightToSeeFullValuesAndIsAudited) {
  auto& server = TestServer::Get();
  Client mediator = server.As("mediator");
  auto refused = mediator.Get("/api/v1/people?phone=13800000000");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.ErrorField(), "phone");
  EXPECT_EQ(mediator.Get("/api/v1/people?id_number=330784199001010016").status, 400);
  Client town = server.As("town");
  EXPECT_EQ(town.Get("/api/v1/people?phone=13800000000").status, 200);
  auto count = [&](const char* login, const char* result) {
    return server.app().db().ReadSync([&](store::Connection& c) {
      return c
          .QueryOne(
              "SELECT COUNT(*) FROM audit_log WHERE actor_login = ? AND action = "
              "'search_sensitive' AND result = ? AND detail = 'by=phone'",
              {login, result})
          ->Int(0);
    });
  };
  EXPECT_GE(count("mediator", "denied"), 1);
  EXPECT_GE(count("town", "ok"), 1);
}

// Regression: repeated verifications once freed the shared key ring (a coroutine temporary
// destroyed twice), after which reveals failed their integrity check and the server crashed.
TEST(Hygiene, RepeatedAuditVerificationLeavesTheKeysIntact) {
  auto& server = TestServer::Get();
  Client auditor = server.As("auditor");
  for (int i = 0; i < 5; ++i) {
    auto v = auditor.Get("/api/v1/audit/verify");
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_TRUE(v.json.at("ok").as_bool()) << v.body;
  }
  Client town = server.As("town");
  auto list = town.Get("/api/v1/people?page_size=1");
  ASSERT_EQ(list.status, 200);
  const std::string id = std::to_string(list.json.at("items").at(0).at("id").as_int64());
  EXPECT_EQ(town.Get("/api/v1/people/" + id + "/sensitive").status, 200);
}

}  // namespace
}  // namespace hejia::testing
