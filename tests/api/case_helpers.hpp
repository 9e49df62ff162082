// Helpers of the case tests: intake bodies, ids of demo objects, Beijing times to move the clock
// to, test mediators and rooms, and reading a server-sent event stream over a raw socket.
#pragma once
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <string>

#include "common/clock.hpp"
#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing::cases {

namespace json = boost::json;

inline constexpr int64_t kMinute = 60LL * 1000, kHour = 60 * kMinute, kDay = 24 * kHour;
inline constexpr const char* kTown = "330784001";             // 东城街道, `town`
inline constexpr const char* kVillage = "330784001001";       // `village`
inline constexpr const char* kGrid = "330784001001001";       // `gridsister`
inline constexpr const char* kTown2Village = "330784002001";  // in 西城街道, `town2`

inline std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

inline int64_t Now() {
  return TestServer::Get().clock().NowMillis();
}

inline int64_t UserIdOf(const std::string& login) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT id FROM users WHERE login = ?", {login})->Int(0);
  });
}

inline std::string PathOf(const std::string& code) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT path FROM regions WHERE code = ?", {code})->Text(0);
  });
}

/// A mobile number no other test uses.
inline std::string UniquePhone() {
  static std::atomic<int> n{0};
  char buf[16];
  std::snprintf(buf, sizeof buf, "137%08d", 55120000 + ++n);
  return buf;
}

/// A staff intake body: an applicant (王 + given name) with a fresh phone, and a respondent.
inline json::object Intake(const std::string& home_code,
                           const std::string& category = "child_support",
                           const std::string& phone = UniquePhone()) {
  return json::object{
      {"channel", "hotline"},
      {"category", category},
      {"title", "抚养费纠纷"},
      {"facts", "前夫拖欠抚养费三个月，共 1500 元。"},
      {"wish", "希望按月支付抚养费"},
      {"safe_contact", "工作日 18 点后可来电"},
      {"home_code", home_code},
      {"parties", json::array{json::object{{"role", "applicant"},
                                           {"name", "王晓丽"},
                                           {"gender", "female"},
                                           {"phone", phone},
                                           {"address", "永康市东城街道金城路 18 号"}},
                              json::object{{"role", "respondent"}, {"name", "胡某某"}}}}};
}

/// Takes in a case as `login`; returns the 201 answer's JSON (fails the test otherwise).
inline json::value NewCase(const std::string& login, const json::object& body) {
  auto r = TestServer::Get().As(login).Post("/api/v1/cases", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json;
}

/// Beijing weekday of a time: 0 = Monday … 6 = Sunday.
inline int BeijingWeekday(int64_t ms) {
  const int64_t days = (ms + 8 * kHour) / kDay;
  return static_cast<int>((days + 3) % 7);  // 1970-01-01 was a Thursday
}

/// The next moment after the clock's time that is `weekday` (0 = Monday; -1 = any) at hh:mm,
/// Beijing time. The clock only ever moves forward in these tests.
inline int64_t NextBeijing(int weekday, int hh, int mm) {
  const int64_t now = Now();
  const int64_t day_start = (now + 8 * kHour) / kDay * kDay - 8 * kHour;
  for (int d = 0; d < 15; ++d) {
    const int64_t t = day_start + d * kDay + hh * kHour + mm * kMinute;
    if (t > now + kMinute && (weekday < 0 || BeijingWeekday(t) == weekday)) return t;
  }
  return now;
}

inline void MoveClockTo(int64_t ms) {
  auto& clock = TestServer::Get().clock();
  if (ms > clock.NowMillis()) clock.SetMillis(ms);
}

/// The next Monday-to-Friday 21:30 Beijing time (a night-clinic evening) after the clock's time.
inline int64_t NextWeekdayEvening() {
  int64_t evening = NextBeijing(0, 21, 30);
  for (int weekday = 1; weekday < 5; ++weekday)
    evening = std::min(evening, NextBeijing(weekday, 21, 30));
  return evening;
}

/// Puts `user_id` on duty for `region_code` from an hour before `at` to two hours after.
inline void OnDutyAround(const std::string& region_code, int64_t user_id, int64_t at) {
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "INSERT INTO duty_shifts (region_code, region_path, user_id, starts_at, ends_at, note, "
        "created_at) VALUES (?, ?, ?, ?, ?, 'api test', ?)",
        {region_code, PathOf(region_code), user_id, at - kHour, at + 2 * kHour, at});
  });
}

/// A mediator of 东城街道 (inserted directly: the mediators API is another area's).
inline int64_t NewMediator(const std::string& name, std::optional<int64_t> person_id = std::nullopt,
                           std::optional<int64_t> user_id = std::nullopt) {
  return TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    const int64_t now = Now();
    c.Execute(
        "INSERT INTO mediators (name, type, region_code, region_path, user_id, person_id, active, "
        "created_at, updated_at) VALUES (?, 'lawyer', ?, ?, ?, ?, 1, ?, ?)",
        {name, kTown, "/330784/330784001/", user_id, person_id, now, now});
    return c.QueryOne("SELECT MAX(id) FROM mediators")->Int(0);
  });
}

/// A mediation room of 东城街道.
inline int64_t NewRoom(const std::string& name) {
  return TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    const int64_t now = Now();
    c.Execute(
        "INSERT INTO mediation_rooms (name, region_code, region_path, level, created_at, "
        "updated_at) VALUES (?, ?, ?, 'town', ?, ?)",
        {name, kTown, "/330784/330784001/", now, now});
    return c.QueryOne("SELECT MAX(id) FROM mediation_rooms")->Int(0);
  });
}

/// Applies an action; returns the answer.
inline HttpResult Act(Client& as, int64_t id, json::object body) {
  return as.Post("/api/v1/cases/" + std::to_string(id) + "/transitions", body);
}

/// Takes case `id` (at `version`, registered) through accept and screening to `mediator`;
/// returns the version after it.
inline int64_t AssignTo(Client& as, int64_t id, int64_t mediator, int64_t version = 1) {
  for (auto body : {json::object{{"action", "accept"}},
                    json::object{{"action", "screen"}, {"risk_level", "low"}},
                    json::object{{"action", "assign"}, {"mediator_id", mediator}}}) {
    body["version"] = version;
    auto r = Act(as, id, body);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return version;
    version = r.json.at("version").as_int64();
  }
  return version;
}

/// Records an oral agreement that every party accepts and the mediator signs: the case becomes
/// `agreed` by itself (a staff `agree` action is refused). Returns the case's version after it.
inline int64_t AgreeOrally(Client& as, int64_t id) {
  const std::string base = "/api/v1/cases/" + std::to_string(id) + "/agreement";
  json::array terms{json::object{{"text", "双方按约定履行"}, {"kind", "other"}}};
  auto put = as.Request("PUT", base,
                        json::serialize(json::object{{"form", "oral"},
                                                     {"facts", "双方确认的纠纷事实"},
                                                     {"disputes", "争议事项"},
                                                     {"terms", terms}}));
  EXPECT_LT(put.status, 300) << put.body;
  auto submitted = as.Post(base + "/submit", json::object{});
  EXPECT_LT(submitted.status, 300) << submitted.body;
  const auto agreement = as.Get(base);
  EXPECT_EQ(agreement.status, 200) << agreement.body;
  for (const auto& c : agreement.json.at("confirmations").as_array()) {
    auto r = as.Post(base + "/confirmations/" + std::to_string(c.at("party_id").as_int64()),
                     json::object{{"paper", true}, {"note", "口头协议，当场记录"}});
    EXPECT_LT(r.status, 300) << r.body;
  }
  auto signed_ = as.Post(base + "/sign", json::object{});
  EXPECT_LT(signed_.status, 300) << signed_.body;
  auto now = as.Get("/api/v1/cases/" + std::to_string(id));
  EXPECT_EQ(Str(now.json, "status"), "agreed") << now.body;
  return now.json.at("version").as_int64();
}

/// A server-sent event stream read over a raw socket (the test client reads whole answers).
class EventStream {
 public:
  EventStream(unsigned short port, const std::string& cookie) : socket_(ioc_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    timeval tv{0, 200 * 1000};
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const std::string request =
        "GET /api/v1/cases/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie +
        "\r\nAccept: text/event-stream\r\n\r\n";
    boost::asio::write(socket_, boost::asio::buffer(request));
  }
  ~EventStream() {
    boost::system::error_code ec;
    socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }
  /// Reads until `text` has arrived (true) or `timeout` passed (false).
  bool WaitFor(const std::string& text,
               std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (received_.find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > end) return false;
      char buf[4096];
      const ssize_t n = ::recv(socket_.native_handle(), buf, sizeof buf, 0);
      if (n > 0) received_.append(buf, static_cast<size_t>(n));
      if (n == 0) return received_.find(text) != std::string::npos;
    }
    return true;
  }
  /// Reads until the server closes the stream (true) or `timeout` passed (false).
  bool WaitForEnd(std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() <= end) {
      char buf[4096];
      const ssize_t n = ::recv(socket_.native_handle(), buf, sizeof buf, 0);
      if (n > 0) received_.append(buf, static_cast<size_t>(n));
      if (n == 0) return true;
    }
    return false;
  }
  const std::string& received() const { return received_; }

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  std::string received_;
};

}  // namespace hejia::testing::cases
