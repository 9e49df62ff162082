// Small helpers many API tests share: counting rows and audit entries, a demo village, moving the
// clock past the portal's rate windows, percent-encoding a query value and capturing the log.
#pragma once
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "harness.hpp"
#include "security/tokens.hpp"

namespace hejia::testing {

/// Audit entries that carry `text` anywhere a value could leak: the detail, the entity's id, the
/// action or the actor's login. Sensitive values must give 0.
inline int64_t AuditEntriesCarrying(const std::string& text) {
  const std::string like = "%" + text + "%";
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE detail LIKE ? OR entity_id LIKE ? OR "
            "action LIKE ? OR actor_login LIKE ?",
            {like, like, like, like})
        ->Int(0);
  });
}

/// Rows of `table` (a constant of the calling test).
inline int64_t CountRows(const std::string& table) {
  return TestServer::Get().app().db().ReadSync(
      [&](store::Connection& c) { return c.QueryOne("SELECT COUNT(*) FROM " + table)->Int(0); });
}

/// The first column of the first row of `sql` (a constant of the calling test), as read now.
inline int64_t QueryInt(const std::string& sql, const store::Params& params = {}) {
  return TestServer::Get().app().db().ReadSync(
      [&](store::Connection& c) { return c.QueryOne(sql, params)->Int(0); });
}
inline std::string QueryText(const std::string& sql, const store::Params& params = {}) {
  return TestServer::Get().app().db().ReadSync(
      [&](store::Connection& c) { return c.QueryOne(sql, params)->Text(0); });
}

/// Audit entries of one entity and action.
inline int64_t AuditCount(const std::string& entity, const std::string& entity_id,
                          const std::string& action) {
  return QueryInt(
      "SELECT COUNT(*) FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ?",
      {entity, entity_id, action});
}

/// The first active village of a town.
inline std::string FirstVillageOf(const std::string& town) {
  return QueryText(
      "SELECT MIN(code) FROM regions WHERE parent_code = ? AND level = 'village' AND retired = 0",
      {town});
}

/// Ten minutes and more pass: every per-address window of the portal is empty again.
inline void TimePasses() {
  TestServer::Get().clock().Advance(std::chrono::milliseconds(11 * 60'000));
}

/// Percent-encodes a query value (names are Chinese, phones may start with '+').
inline std::string Encoded(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

/// Every XML part of an .xlsx (a zip), through the unzip tool.
inline std::string XlsxText(const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("hejia-export-test-" + std::to_string(::getpid()) + ".xlsx");
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  std::string text;
  FILE* p = ::popen(("unzip -p '" + path.string() + "' 2>/dev/null").c_str(), "r");
  if (!p) return text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  ::pclose(p);
  std::filesystem::remove(path);
  return text;
}

/// The SMS outbox rows sent to `phone` with `purpose`, newest first, decrypted.
inline std::vector<std::string> MessagesTo(const std::string& phone, const std::string& purpose) {
  auto& server = TestServer::Get();
  const auto& cipher = server.app().services().cipher;
  std::vector<std::string> out;
  server.app().db().ReadSync([&](store::Connection& c) {
    for (const auto& r : c.Query(
             "SELECT id, phone_enc, body_enc FROM sms_outbox WHERE purpose = ? ORDER BY id DESC",
             {purpose})) {
      const std::string id = std::to_string(r.Int(0));
      auto to = cipher.Decrypt(r.Text(1), "sms_outbox/phone/" + id);
      if (!to || *to != phone) continue;
      auto body = cipher.Decrypt(r.Text(2), "sms_outbox/body/" + id);
      if (body) out.push_back(*body);
    }
  });
  return out;
}

/// Leading zero bits of a hex digest.
inline int LeadingZeroBitsOfHex(const std::string& hex) {
  int bits = 0;
  for (char ch : hex) {
    const int v = ch <= '9' ? ch - '0' : ch - 'a' + 10;
    if (v == 0) {
      bits += 4;
      continue;
    }
    for (int mask = 8; (v & mask) == 0; mask >>= 1) ++bits;
    break;
  }
  return bits;
}

/// The portal's worker, written independently of the server's check: counts up until
/// SHA-256(token:nonce) has `difficulty` leading zero bits (or, for a wrong answer, has not).
inline std::string Solve(const std::string& token, int difficulty, bool want_solution = true) {
  for (uint64_t n = 0;; ++n) {
    const std::string nonce = std::to_string(n);
    const bool ok = LeadingZeroBitsOfHex(security::Sha256Hex(token + ":" + nonce)) >= difficulty;
    if (ok == want_solution) return nonce;
  }
}

/// A fresh, solved proof-of-work challenge of the portal, as a body's `challenge` member.
inline boost::json::object SolvedChallenge(Client& c) {
  auto r = c.Post("/api/v1/public/challenge", boost::json::object{});
  EXPECT_EQ(r.status, 200) << r.body;
  const std::string token(r.json.at("token").as_string());
  const int difficulty = static_cast<int>(r.json.at("difficulty").as_int64());
  return boost::json::object{{"token", token}, {"nonce", Solve(token, difficulty)}};
}

/// Keeps every log line the server writes from the moment it is added to the logger.
class CapturingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string Text() {
    std::lock_guard lock(this->mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    text_.append(msg.payload.data(), msg.payload.size());
    text_ += '\n';
  }
  void flush_() override {}

 private:
  std::string text_;
};

}  // namespace hejia::testing
