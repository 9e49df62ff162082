// What the police incident tests share: a partner (the police 110 system's server) that signs
// its requests, an incident body, and the demo's first household address in the grid sister's
// grid.
#pragma once
#include <atomic>

#include "case_helpers.hpp"
#include "security/partner_signature.hpp"
#include "test_kit.hpp"

namespace hejia::testing::police {

using namespace cases;

/// A partner added through the API, with its key.
struct Partner {
  std::string code, key;
  int64_t id = 0;
};

inline Partner NewPartner(const std::string& prefix = "police") {
  static std::atomic<int> n{0};
  const std::string code = prefix + "-" + std::to_string(++n) + "-" + security::RandomToken(3);
  auto r = TestServer::Get().As("admin").Post(
      "/api/v1/partners", json::object{{"code", code}, {"name", "永康市公安局 110 指挥中心"}});
  EXPECT_EQ(r.status, 201) << r.body;
  return Partner{code, Str(r.json, "key"), r.json.at("id").as_int64()};
}

/// The headers a partner sends, signed with `key` at `at_seconds` (the server's clock by default).
inline std::map<std::string, std::string> Signed(const Partner& p, const std::string& method,
                                                 const std::string& path, const std::string& body,
                                                 std::optional<int64_t> at_seconds = std::nullopt,
                                                 std::string nonce = "") {
  if (nonce.empty()) nonce = security::RandomToken(16);
  const std::string ts = std::to_string(at_seconds.value_or(Now() / 1000));
  security::SignedRequest r{method, path, ts, nonce, body, ""};
  return {{"X-HeJia-Partner", p.code},
          {"X-HeJia-Timestamp", ts},
          {"X-HeJia-Nonce", nonce},
          {"X-HeJia-Signature", security::SignRequest(p.key, r)},
          {"Content-Type", "application/json"}};
}

inline HttpResult Send(const Partner& p, const json::object& incident) {
  const std::string body = json::serialize(incident);
  Client c(TestServer::Get().port());
  return c.Request("POST", "/api/v1/police/incidents", body,
                   Signed(p, "POST", "/api/v1/police/incidents", body));
}

inline HttpResult Feedback(const Partner& p, const std::string& number) {
  const std::string path = "/api/v1/police/incidents/" + number + "/feedback";
  Client c(TestServer::Get().port());
  return c.Request("GET", path, "", Signed(p, "GET", path, ""));
}

inline std::string UniqueNumber() {
  static std::atomic<int> n{0};
  return "J330784" + std::to_string(Now() / 1000 % 100000000) + std::to_string(++n);
}

/// The plain address of the first household of the grid sister's grid (demo data).
inline std::string GridHouseholdAddress() {
  static const std::string address = [] {
    return TestServer::Get().app().db().ReadSync([](store::Connection& c) {
      auto row = c.QueryOne(
          "SELECT id, address_enc FROM households WHERE grid_code = ? AND address_enc <> '' "
          "ORDER BY id LIMIT 1",
          {std::string(kGrid)});
      return *TestServer::Get().app().services().cipher.Decrypt(
          row->Text(1), "households/address/" + std::to_string(row->Int(0)));
    });
  }();
  return address;
}

inline json::object Incident(const std::string& number, const std::string& address,
                             json::object extra = {}) {
  json::object o{
      {"incident_no", number},
      {"station", "东城派出所"},
      {"officer", "王警官"},
      {"reported_at", FormatBeijing(Now() - 20 * kMinute)},
      {"kind", "domestic_violence"},
      {"address", address},
      {"disposition", "现场调解，双方情绪平稳"},
      {"parties",
       json::array{json::object{{"role", "victim"},
                                {"name", "测试甲"},
                                {"gender", "female"},
                                {"phone", UniquePhone()}},
                   json::object{{"role", "actor"}, {"name", "测试乙"}, {"gender", "male"}}}}};
  for (auto& [k, v] : extra) o[k] = v;
  return o;
}

/// A Monday-to-Friday 10:00 Beijing time after the clock's time (not the night clinic's hours).
inline int64_t NextWeekdayMorning() {
  int64_t t = NextBeijing(0, 10, 0);  // 0 = Monday
  for (int weekday = 1; weekday < 5; ++weekday) t = std::min(t, NextBeijing(weekday, 10, 0));
  return t;
}

inline json::object Work(Client& as, int64_t id) {
  auto r = as.Get("/api/v1/incidents/" + std::to_string(id) + "/work");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json.as_object();
}

inline int64_t IncidentIdOf(const std::string& number) {
  return QueryInt("SELECT id FROM police_incidents WHERE incident_no = ?", {number});
}

}  // namespace hejia::testing::police
