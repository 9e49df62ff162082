// Who is calling: session cookies, the session cache and the gatekeeper the server consults.
#pragma once
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "api/services.hpp"
#include "http/server.hpp"

namespace hejia::api {

inline constexpr std::string_view kSessionCookie = "hejia_session";

/// Sessions live in the database (hashed token); this cache keeps recent ones in memory so a
/// request costs no database read. Entries are re-read after a few seconds, so a revocation on
/// another node takes effect within that time.
class SessionCache {
 public:
  struct Entry {
    http::Principal principal;
    int64_t expires_at = 0;
    int64_t last_seen_at = 0;    // in memory, newest
    int64_t persisted_seen = 0;  // last value written to the database
    int64_t fetched_at = 0;
  };
  std::optional<Entry> Get(const std::string& token_hash);
  void Put(const std::string& token_hash, Entry e);
  void Touch(const std::string& token_hash, int64_t now);
  void MarkPersisted(const std::string& token_hash, int64_t seen);
  void Erase(const std::string& token_hash);
  /// Drops every cached session of a user (locked, role changed, password reset).
  void EraseUser(int64_t user_id);
  /// Called (outside the lock) with the user whose session(s) Erase or EraseUser just ended, so
  /// that what runs on a session (a live stream) checks it again at once. Set once, at wiring.
  void OnEnded(std::function<void(int64_t user_id)> ended) { ended_ = std::move(ended); }

 private:
  std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> map_;
  std::function<void(int64_t)> ended_;
};

/// Whether a session is still signed in (not revoked or expired, its account not locked): what a
/// long-running answer (a live stream) asks again as it goes.
boost::asio::awaitable<bool> SessionStillActive(Services& s, int64_t session_id);

/// The server's view of sign-in: cookie -> session -> principal; roles -> permissions.
class SessionGatekeeper final : public http::Gatekeeper {
 public:
  explicit SessionGatekeeper(Services& s) : s_(s) {}
  boost::asio::awaitable<std::optional<http::Principal>> Authenticate(
      const http::RawRequest& req, const std::string& ip) override;
  bool RoleHas(domain::Role role, std::string_view permission) const override;
  boost::asio::awaitable<void> RecordDenied(const http::Request& req, const http::Route& route,
                                            std::string_view reason) override;

 private:
  Services& s_;
};

/// The session cookie's token from a request, if any.
std::optional<std::string> SessionToken(const http::RawRequest& req);

/// Loads the principal of a session by token hash (nullopt: unknown, revoked, expired, locked).
std::optional<SessionCache::Entry> LoadSession(store::Connection& conn, const std::string& hash,
                                               int64_t now, const ApiSettings& settings,
                                               int64_t known_last_seen = 0);

/// The `user` object of the session API.
boost::json::object UserJson(const http::Principal& p);
/// Who an account is, as every answer about one writes it: id, login, display name, role with its
/// label, home region code and name.
boost::json::object IdentityJson(int64_t id, const domain::AccountIdentity& a);

}  // namespace hejia::api
