// Every state-changing operation of the API checks the session's CSRF token (issue 9, point 21):
// a request without it, with a wrong one or with another session's — even the same user's — is
// refused with 403 csrf_failed before anything runs, and the refusal is audited.
#include <regex>

#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

struct Changing {
  std::string method, target;
};

/// Every documented POST, PUT, PATCH and DELETE that needs a session, its path parameters filled.
std::vector<Changing> StateChangingOperations() {
  Client c(TestServer::Get().port());
  const auto doc = c.Get("/api/v1/openapi.json");
  EXPECT_EQ(doc.status, 200);
  std::vector<Changing> ops;
  for (const auto& [path, item] : doc.json.at("paths").as_object()) {
    if (item.as_object().contains("servers")) continue;  // /healthz and the like
    for (const auto& [method, op] : item.as_object()) {
      if (method != "post" && method != "put" && method != "patch" && method != "delete") continue;
      // Public and partner routes take no session (a partner's are signed instead).
      if (op.at("x-permission") == "public" || op.at("x-permission") == "partner") continue;
      std::string upper(method);
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(ch));
      ops.push_back({upper, "/api/v1" + std::regex_replace(std::string(path),
                                                           std::regex("\\{[a-z_]+\\}"), "1")});
    }
  }
  return ops;
}

TEST(Csrf, EveryStateChangingOperationRefusesAMissingWrongOrForeignToken) {
  const auto ops = StateChangingOperations();
  ASSERT_GT(ops.size(), 40u);
  Client mine(TestServer::Get().port());
  ASSERT_EQ(mine.SignIn("city").status, 200);
  Client other(TestServer::Get().port());  // the same user's other session
  ASSERT_EQ(other.SignIn("city").status, 200);
  ASSERT_NE(mine.csrf(), other.csrf());
  const std::string token = mine.csrf();
  const std::string wrong = std::string(token.size(), 'A');
  const int64_t denied_before =
      QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'access' AND detail = 'csrf_failed'");
  int tried = 0;
  for (const auto& op : ops) {
    for (const std::string& sent : {std::string(), wrong, other.csrf()}) {
      mine.set_csrf(sent);
      auto r = mine.Request(op.method, op.target, "{}");
      EXPECT_EQ(r.status, 403) << op.method << " " << op.target << " token=" << sent << " "
                               << r.body;
      EXPECT_EQ(r.ErrorCode(), "csrf_failed") << op.method << " " << op.target;
      ++tried;
    }
  }
  mine.set_csrf(token);
  const int64_t denied_after =
      QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'access' AND detail = 'csrf_failed'");
  EXPECT_EQ(denied_after - denied_before, tried) << "each refusal is audited";
  // The session itself is unharmed: with its own token it goes on.
  EXPECT_EQ(mine.Get("/api/v1/session").status, 200);
}

}  // namespace
}  // namespace hejia::testing
