// The operations of the server's OpenAPI document and the demo logins' roles, as the
// authorisation matrices (authz_matrix_test.cpp, authz_lists_test.cpp) walk them.
#pragma once
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "harness.hpp"

namespace hejia::testing {

struct Operation {
  std::string method;
  std::string path;  // under /api/v1, or /healthz
  std::string permission;
  bool paged = false;
};

inline std::vector<Operation> DocumentedOperations() {
  Client c(TestServer::Get().port());
  auto doc = c.Get("/api/v1/openapi.json");
  EXPECT_EQ(doc.status, 200);
  std::vector<Operation> ops;
  for (const auto& [path, item] : doc.json.at("paths").as_object()) {
    const bool root = item.as_object().contains("servers");
    for (const auto& [method, op] : item.as_object()) {
      if (method == "servers") continue;
      Operation o;
      o.method = std::string(method);
      for (auto& ch : o.method) ch = static_cast<char>(std::toupper(ch));
      o.path = root ? std::string(path) : "/api/v1" + std::string(path);
      o.permission = std::string(op.at("x-permission").as_string());
      if (op.as_object().contains("parameters"))
        for (const auto& p : op.at("parameters").as_array())
          if (p.at("name") == "page_size") o.paged = true;
      ops.push_back(o);
    }
  }
  return ops;
}

/// The role code of a demo login, as its session tells it.
inline std::string RoleOf(const std::string& login) {
  static std::map<std::string, std::string> roles;
  auto it = roles.find(login);
  if (it != roles.end()) return it->second;
  auto c = TestServer::Get().As(login);
  const std::string role(c.Get("/api/v1/session").json.at("user").at("role").as_string());
  roles[login] = role;
  return role;
}

}  // namespace hejia::testing
