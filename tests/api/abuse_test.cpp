// What an anonymous client can make the server hold (issue 9, point 10): a large body is read
// only for a signed-in caller or a public route, so without signing in nobody makes the server
// wait for (and keep) megabytes; the answer comes before the body is sent.
#include <sys/socket.h>

#include <boost/asio.hpp>

#include "test_kit.hpp"

namespace hejia::testing {
namespace {

/// Sends only the header of a request that announces `length` bytes of body, and reads what the
/// server answers before any of the body was sent ("" when nothing came within `wait_s`).
std::string AnswerBeforeTheBody(const std::string& target, size_t length,
                                const std::string& cookie = "", int wait_s = 10) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), TestServer::Get().port()});
  timeval tv{wait_s, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string head = "POST " + target +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n" +
                     "Content-Length: " + std::to_string(length) + "\r\n";
  if (!cookie.empty()) head += "Cookie: " + cookie + "\r\n";
  head += "\r\n";
  boost::asio::write(socket, boost::asio::buffer(head));
  char buf[4096];
  const ssize_t n = ::recv(socket.native_handle(), buf, sizeof buf, 0);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

TEST(Abuse, AnAnonymousLargeBodyIsRefusedBeforeItIsRead) {
  const std::string answer =
      AnswerBeforeTheBody("/api/v1/cases/1/attachments?name=x.png", 10u << 20);
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer;
  EXPECT_NE(answer.find("unauthenticated"), std::string::npos) << answer;
  // A session that is not (or no longer) valid is anonymous too.
  const std::string stale = AnswerBeforeTheBody("/api/v1/cases/1/attachments?name=x.png", 10u << 20,
                                                "hejia_session=not-a-session-token");
  EXPECT_EQ(stale.rfind("HTTP/1.1 401", 0), 0u) << stale;
}

TEST(Abuse, ASignedInCallerMaySendTheBody) {
  // The server waits for the body of a signed-in upload: nothing comes back before it is sent.
  Client town = TestServer::Get().As("town");
  EXPECT_EQ(AnswerBeforeTheBody("/api/v1/cases/1/attachments?name=x.png", 2u << 20, town.cookie())
                .rfind("HTTP/1.1 401", 0),
            std::string::npos);
}

}  // namespace
}  // namespace hejia::testing
