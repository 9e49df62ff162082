#include "api/auth.hpp"

#include "domain/account.hpp"
#include "domain/roles.hpp"
#include "http/cookie.hpp"
#include "security/tokens.hpp"
#include "store/session_repo.hpp"

namespace hejia::api {

std::optional<SessionCache::Entry> SessionCache::Get(const std::string& h) {
  std::shared_lock lock(mu_);
  auto it = map_.find(h);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}
void SessionCache::Put(const std::string& h, Entry e) {
  std::unique_lock lock(mu_);
  if (map_.size() > 100000) map_.clear();  // bounded; entries are re-read on demand
  map_[h] = std::move(e);
}
void SessionCache::Touch(const std::string& h, int64_t now) {
  std::unique_lock lock(mu_);
  auto it = map_.find(h);
  if (it != map_.end()) it->second.last_seen_at = now;
}
void SessionCache::MarkPersisted(const std::string& h, int64_t seen) {
  std::unique_lock lock(mu_);
  auto it = map_.find(h);
  if (it != map_.end()) it->second.persisted_seen = seen;
}
void SessionCache::Erase(const std::string& h) {
  std::optional<int64_t> user_id;
  {
    std::unique_lock lock(mu_);
    auto it = map_.find(h);
    if (it == map_.end()) return;
    user_id = it->second.principal.user_id;
    map_.erase(it);
  }
  if (ended_) ended_(*user_id);
}
void SessionCache::EraseUser(int64_t user_id) {
  {
    std::unique_lock lock(mu_);
    std::erase_if(map_, [&](const auto& kv) { return kv.second.principal.user_id == user_id; });
  }
  if (ended_) ended_(user_id);
}

boost::asio::awaitable<bool> SessionStillActive(Services& s, int64_t session_id) {
  const int64_t now = s.clock.NowMillis();
  co_return co_await s.db.Read(
      [&](store::Connection& c) { return store::SessionActive(c, session_id, now); });
}

std::optional<std::string> SessionToken(const http::RawRequest& req) {
  return http::CookieValue(req, kSessionCookie);
}

std::optional<SessionCache::Entry> LoadSession(store::Connection& conn, const std::string& hash,
                                               int64_t now, const ApiSettings& settings,
                                               int64_t known_last_seen) {
  auto row = conn.QueryOne(
      "SELECT s.id, s.csrf_token, s.expires_at, s.last_seen_at, s.revoked, u.id, u.login, "
      "u.display_name, u.role, u.region_code, COALESCE(r.name, ''), COALESCE(r.path, ''), "
      "u.must_change_password, u.totp_enabled, u.locked_until, u.admin_locked, u.demo, "
      "u.last_sign_in_at, COALESCE(r.retired, 0), "
      "COALESCE((SELECT staff_totp_required FROM security_settings WHERE id = 1), 1) "
      "FROM sessions s JOIN users u ON u.id = s.user_id "
      "LEFT JOIN regions r ON r.code = u.region_code WHERE s.token_hash = ?",
      {hash});
  if (!row) return std::nullopt;
  // Activity is written to the database lazily; this node may know of more recent activity.
  const int64_t last_seen = std::max(row->Int(3), known_last_seen);
  if (row->Int(4) != 0 || row->Int(2) <= now || last_seen + settings.idle_timeout_ms <= now)
    return std::nullopt;
  // An administrator's lock ends sessions. A temporary lockout after failed attempts does not:
  // otherwise anyone could sign a user out by guessing her password five times.
  if (row->Int(15) != 0) return std::nullopt;
  SessionCache::Entry e;
  auto& p = e.principal;
  p.session_id = row->Int(0);
  p.csrf_token = row->Text(1);
  p.user_id = row->Int(5);
  p.login = row->Text(6);
  p.display_name = row->Text(7);
  p.role = domain::ParseRole(row->Text(8)).value_or(domain::Role::kNone);
  p.region_code = row->Text(9);
  p.region_name = row->Text(10);
  // A retired home region grants nothing.
  p.region_path = row->Int(18) ? "" : row->Text(11);
  p.must_change_password = row->Int(12) != 0;
  p.totp_enabled = row->Int(13) != 0;
  p.demo = row->Int(16) != 0;
  // Demo accounts skip the second factor so the demo can be tried at once (serve warns); staff
  // who see people's data need it when the security setting says so (on unless set off).
  p.totp_required = domain::TotpRequired(p.role, row->Int(19) != 0, p.demo);
  p.last_sign_in_at = row->Int(17);
  e.expires_at = row->Int(2);
  e.last_seen_at = last_seen;
  e.persisted_seen = row->Int(3);
  e.fetched_at = now;
  return e;
}

boost::asio::awaitable<std::optional<http::Principal>> SessionGatekeeper::Authenticate(
    const http::RawRequest& req, const std::string& ip) {
  auto token = SessionToken(req);
  if (!token) co_return std::nullopt;
  const std::string hash = security::HashToken(*token);
  const int64_t now = s_.clock.NowMillis();
  auto cached = s_.sessions->Get(hash);
  constexpr int64_t kRefreshMs = 5000;
  if (!cached || now - cached->fetched_at > kRefreshMs) {
    const ApiSettings settings = s_.settings;
    // Capture by reference only: GCC 12 destroys a co_await operand's temporaries twice
    // (PR 100611), so a lambda owning a std::string must not appear inside co_await.
    const int64_t known_last_seen = cached ? cached->last_seen_at : 0;
    auto loaded = co_await s_.db.Read(
        [&](store::Connection& c) { return LoadSession(c, hash, now, settings, known_last_seen); });
    if (!loaded) {
      s_.sessions->Erase(hash);
      co_return std::nullopt;
    }
    s_.sessions->Put(hash, *loaded);
    cached = std::move(loaded);
  }
  if (cached->expires_at <= now || cached->last_seen_at + s_.settings.idle_timeout_ms <= now) {
    s_.sessions->Erase(hash);
    co_return std::nullopt;
  }
  s_.sessions->Touch(hash, now);
  // Persist activity at most once a minute so other nodes see it, without a write per request.
  if (now - cached->persisted_seen > 60'000) {
    s_.sessions->MarkPersisted(hash, now);
    s_.db.SubmitWrite(
        [hash, now](store::Connection& c) {
          c.Execute(
              "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
              {now, hash, now});
        },
        [](std::exception_ptr) {});
  }
  co_return cached->principal;
}

bool SessionGatekeeper::RoleHas(domain::Role role, std::string_view permission) const {
  return domain::RoleHas(role, permission);
}

boost::asio::awaitable<void> SessionGatekeeper::RecordDenied(const http::Request& req,
                                                             const http::Route& route,
                                                             std::string_view reason) {
  // The route pattern, never the concrete path: paths and queries may carry identifiers.
  const std::string what = std::string(http::bhttp::to_string(route.method)) + " " + route.pattern;
  const std::string why(reason);
  try {
    co_await s_.db.Write([&](store::Connection& c) {
      s_.Audit(c, ActorOf(req), "route", what, "access", "denied", why);
    });
  } catch (const std::exception&) {
    // The refusal stands even if it could not be recorded.
  }
}

boost::json::object UserJson(const http::Principal& p) {
  boost::json::array perms;
  if (const auto* role = domain::FindRole(p.role)) {
    perms.emplace_back(domain::kSessionSelf);
    for (auto perm : role->permissions) perms.emplace_back(perm);
  }
  auto out = IdentityJson(p.user_id, p);
  out["permissions"] = std::move(perms);
  out["must_change_password"] = p.must_change_password;
  out["totp_enabled"] = p.totp_enabled;
  out["totp_required"] = p.totp_required;
  return out;
}

boost::json::object IdentityJson(int64_t id, const domain::AccountIdentity& a) {
  const auto* role = domain::FindRole(a.role);
  return boost::json::object{{"id", id},
                             {"login", a.login},
                             {"display_name", a.display_name},
                             {"role", domain::ToString(a.role)},
                             {"role_label", role ? role->label : ""},
                             {"region_code", a.region_code},
                             {"region_name", a.region_name}};
}

}  // namespace hejia::api
