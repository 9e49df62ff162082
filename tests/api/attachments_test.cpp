// Files attached to a case: only images and PDFs whose bytes match their declared type, at most
// 10 MB; stored once per content, encrypted on disk; served as a sandboxed download, audited,
// and only to those who may see the case.
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "case_helpers.hpp"
#include "store/attachment_store.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

/// A JPEG's first bytes and then `size` bytes of noise with a marker in them.
std::string Jpeg(size_t size, const std::string& marker) {
  std::string out = "\xFF\xD8\xFF\xE0";
  out += marker;
  std::mt19937 gen(static_cast<unsigned>(size) ^ static_cast<unsigned>(Now()));
  while (out.size() < size) out += static_cast<char>(gen() & 0xff);
  return out;
}

HttpResult Upload(Client& as, int64_t case_id, const std::string& name, const std::string& type,
                  const std::string& body) {
  return as.Request("POST",
                    "/api/v1/cases/" + std::to_string(case_id) + "/attachments?name=" + name, body,
                    {{"Content-Type", type}});
}

int64_t NewTownCase() {
  return NewCase("town", Intake(kVillage)).at("id").as_int64();
}

std::string ShaOf(int64_t attachment_id) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT sha256 FROM attachments WHERE id = ?", {attachment_id})->Text(0);
  });
}

TEST(Attachments, AnImageIsStoredEncryptedListedAndDownloadedAsItWas) {
  const int64_t id = NewTownCase();
  Client town = TestServer::Get().As("town");
  const std::string photo = Jpeg(50000, "INJURY-PHOTO-MARKER");
  auto up = Upload(town, id, "%E4%BC%A4%E6%83%85.jpg", "image/jpeg", photo);  // 伤情.jpg
  ASSERT_EQ(up.status, 201) << up.body;
  const int64_t aid = up.json.at("id").as_int64();
  EXPECT_EQ(Str(up.json, "name"), "伤情.jpg");
  EXPECT_EQ(Str(up.json, "mime"), "image/jpeg");
  EXPECT_EQ(up.json.at("size").as_int64(), 50000);

  auto list = town.Get("/api/v1/cases/" + std::to_string(id) + "/attachments");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json.at("total").as_int64(), 1);
  EXPECT_EQ(list.json.at("items").as_array()[0].at("id").as_int64(), aid);
  EXPECT_EQ(Str(list.json.at("items").as_array()[0], "name"), "伤情.jpg");

  auto down =
      town.Get("/api/v1/cases/" + std::to_string(id) + "/attachments/" + std::to_string(aid));
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, photo);
  EXPECT_EQ(down.Header("content-type"), "image/jpeg");
  EXPECT_EQ(down.Header("content-disposition"),
            "attachment; filename=\"attachment-" + std::to_string(aid) +
                ".jpg\"; filename*=UTF-8''%E4%BC%A4%E6%83%85.jpg");
  EXPECT_EQ(down.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(down.Header("content-security-policy").rfind("sandbox", 0), 0u);
  EXPECT_EQ(down.Header("cache-control"), "no-store");
  EXPECT_EQ(AuditCount("attachment", std::to_string(aid), "read"), 1);
  EXPECT_EQ(AuditCount("attachment", std::to_string(aid), "create"), 1);

  // On disk: under its SHA-256, not the plaintext; the name is encrypted in the database.
  const std::string sha = ShaOf(aid);
  const auto path = TestServer::Get().app().services().attachments->PathOf(sha);
  EXPECT_EQ(path.parent_path().filename().string(), sha.substr(0, 2));
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  std::stringstream disk;
  disk << in.rdbuf();
  EXPECT_EQ(disk.str().find("INJURY-PHOTO-MARKER"), std::string::npos);
  EXPECT_EQ(disk.str().rfind("v1.", 0), 0u);
  EXPECT_EQ((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read),
            std::filesystem::perms::none);
  const std::string stored_name = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT name FROM attachments WHERE id = ?", {aid})->Text(0);
  });
  EXPECT_EQ(stored_name.find("伤情"), std::string::npos);
}

TEST(Attachments, TheSameContentIsStoredOnce) {
  const int64_t first = NewTownCase(), second = NewTownCase();
  Client town = TestServer::Get().As("town");
  const std::string pdf = "%PDF-1.7\n" + std::string(3000, 'x') + std::to_string(Now());
  auto a = Upload(town, first, "report.pdf", "application/pdf", pdf);
  auto b = Upload(town, second, "copy.pdf", "application/pdf", pdf);
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_EQ(b.status, 201) << b.body;
  const std::string sha = ShaOf(a.json.at("id").as_int64());
  EXPECT_EQ(ShaOf(b.json.at("id").as_int64()), sha);
  const auto dir = TestServer::Get().app().services().attachments->PathOf(sha).parent_path();
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    files += entry.path().filename().string() == sha.substr(2) ? 1 : 0;
  EXPECT_EQ(files, 1);
  // Both cases serve it.
  for (const auto& [case_id, up] : {std::pair{first, a}, std::pair{second, b}})
    EXPECT_EQ(town.Get("/api/v1/cases/" + std::to_string(case_id) + "/attachments/" +
                       std::to_string(up.json.at("id").as_int64()))
                  .body,
              pdf);
}

TEST(Attachments, TypeNameAndContentAreChecked) {
  const int64_t id = NewTownCase();
  Client town = TestServer::Get().As("town");
  const std::string photo = Jpeg(2000, "x");
  auto mismatch = Upload(town, id, "a.png", "image/png", photo);
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(mismatch.ErrorField(), "content_type");
  auto html = Upload(town, id, "a.html", "text/html", "<script>alert(1)</script>");
  EXPECT_EQ(html.status, 400);
  EXPECT_EQ(html.ErrorField(), "content_type");
  auto pdf_as_jpeg = Upload(town, id, "a.jpg", "image/jpeg", "%PDF-1.4\n...");
  EXPECT_EQ(pdf_as_jpeg.ErrorField(), "content_type");
  EXPECT_EQ(Upload(town, id, "", "image/jpeg", photo).ErrorField(), "name");
  EXPECT_EQ(Upload(town, id, "..%2Fetc%2Fpasswd", "image/jpeg", photo).ErrorField(), "name");
  // WebP and PNG with their own magic pass.
  std::string webp("RIFF\x10\0\0\0WEBPVP8 ", 16);
  webp += std::string(100, 'w');
  EXPECT_EQ(Upload(town, id, "a.webp", "image/webp", webp).status, 201);
  EXPECT_EQ(Upload(town, id, "a.png", "image/png; charset=binary",
                   std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, 'p'))
                .status,
            201);
  EXPECT_EQ(TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT COUNT(*) FROM attachments WHERE case_id = ?", {id})->Int(0);
  }),
            2);
}

/// A socket to the test server whose reads give up after 5 s.
boost::asio::ip::tcp::socket Connect(boost::asio::io_context& ioc) {
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), TestServer::Get().port()});
  timeval tv{5, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return socket;
}

/// What one read of `socket` gives (empty at the end or on a timeout).
std::string ReadSome(boost::asio::ip::tcp::socket& socket) {
  char buf[4096];
  const ssize_t n = ::recv(socket.native_handle(), buf, sizeof buf, 0);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

/// The head of an upload of `length` bytes to `target`, signed in as `as`.
std::string UploadHead(const std::string& target, size_t length, const Client& as,
                       std::string_view extra_headers = "") {
  return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + as.cookie() +
         "\r\nX-CSRF-Token: " + as.csrf() + "\r\nContent-Type: image/jpeg\r\n" +
         std::string(extra_headers) + "Content-Length: " + std::to_string(length) + "\r\n\r\n";
}

/// Sends only a request head declaring `length` bytes and reads the answer's status line.
std::string StatusLineForDeclaredLength(const std::string& target, size_t length,
                                        const Client& as) {
  boost::asio::io_context ioc;
  auto socket = Connect(ioc);
  boost::asio::write(socket, boost::asio::buffer(UploadHead(target, length, as) + "\xFF\xD8\xFF"));
  const std::string answer = ReadSome(socket);
  return answer.substr(0, answer.find("\r\n"));
}

TEST(Attachments, AClientThatAsksLeaveToSendALargeBodyGetsIt) {
  const int64_t id = NewTownCase();
  Client town = TestServer::Get().As("town");
  const std::string body = Jpeg(2u << 20, "expect");
  boost::asio::io_context ioc;
  auto socket = Connect(ioc);
  const std::string target = "/api/v1/cases/" + std::to_string(id) + "/attachments?name=e.jpg";
  boost::asio::write(
      socket, boost::asio::buffer(UploadHead(target, body.size(), town,
                                             "Expect: 100-continue\r\nConnection: close\r\n")));
  EXPECT_EQ(ReadSome(socket), "HTTP/1.1 100 Continue\r\n\r\n");
  boost::asio::write(socket, boost::asio::buffer(body));
  std::string answer;
  for (std::string part; !(part = ReadSome(socket)).empty();) answer += part;
  EXPECT_EQ(answer.rfind("HTTP/1.1 201", 0), 0u) << answer.substr(0, 200);
}

TEST(Attachments, UpToTenMegabytesOnThisRouteOnly) {
  const int64_t id = NewTownCase();
  Client town = TestServer::Get().As("town");
  // Above the server's usual 1 MB, within the upload's 10 MB.
  auto big = Upload(town, id, "big.jpg", "image/jpeg", Jpeg(3u << 20, "big"));
  EXPECT_EQ(big.status, 201) << big.body.substr(0, 200);
  // One byte over 10 MB is refused before the body is read.
  const std::string target = "/api/v1/cases/" + std::to_string(id) + "/attachments?name=x.jpg";
  EXPECT_EQ(StatusLineForDeclaredLength(target, (10u << 20) + 1, town),
            "HTTP/1.1 413 Payload Too Large");
  // Other routes keep the usual limit.
  EXPECT_EQ(StatusLineForDeclaredLength("/api/v1/cases", 3u << 20, town),
            "HTTP/1.1 413 Payload Too Large");
}

TEST(Attachments, OnlyThoseWhoMaySeeTheCaseReachItsFiles) {
  const int64_t id = NewTownCase();
  Client town = TestServer::Get().As("town");
  auto up =
      Upload(town, id, "p.pdf", "application/pdf", "%PDF-1.4\nscope " + std::to_string(Now()));
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string base = "/api/v1/cases/" + std::to_string(id) + "/attachments";
  const std::string file = base + "/" + std::to_string(up.json.at("id").as_int64());
  Client town2 = TestServer::Get().As("town2");
  EXPECT_EQ(town2.Get(base).status, 404);
  EXPECT_EQ(town2.Get(file).status, 404);
  EXPECT_EQ(Upload(town2, id, "q.pdf", "application/pdf", "%PDF-1.4\nx").status, 404);
  // An attachment id of another case answers 404 too.
  const int64_t other = NewTownCase();
  EXPECT_EQ(town.Get("/api/v1/cases/" + std::to_string(other) + "/attachments/" +
                     std::to_string(up.json.at("id").as_int64()))
                .status,
            404);
  // The village that handles the case reads it; the city's leader (aggregates only) does not.
  EXPECT_EQ(TestServer::Get().As("village").Get(file).status, 200);
  Client leader = TestServer::Get().As("leader");
  EXPECT_EQ(leader.Get(file).status, 403);
  EXPECT_EQ(Upload(leader, id, "q.pdf", "application/pdf", "%PDF-1.4\nx").status, 403);
}

TEST(Attachments, AFileThatNoLongerDecryptsIsAnIntegrityFailureNotItsBytes) {
  const int64_t id = NewTownCase();
  Client town = TestServer::Get().As("town");
  const std::string content = "%PDF-1.4\ntamper " + std::to_string(Now());
  auto up = Upload(town, id, "t.pdf", "application/pdf", content);
  ASSERT_EQ(up.status, 201) << up.body;
  const int64_t aid = up.json.at("id").as_int64();
  const auto path = TestServer::Get().app().services().attachments->PathOf(ShaOf(aid));
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-5, std::ios::end);
    f.write("AAAAA", 5);
  }
  auto r = town.Get("/api/v1/cases/" + std::to_string(id) + "/attachments/" + std::to_string(aid));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.ErrorCode(), "integrity_failed");
  EXPECT_EQ(r.body.find("tamper"), std::string::npos);
}

}  // namespace
}  // namespace hejia::testing
