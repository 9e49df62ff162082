// The dispatcher: a request to its route (permission, CSRF, the one error shape), or to the built
// web UI; and the security headers and error answer every response shares.
#include <boost/url/parse.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <spdlog/spdlog.h>

#include "common/error.hpp"
#include "http/error_status.hpp"
#include "http/server.hpp"

namespace hejia::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

Response ErrorResponse(unsigned status, std::string_view code, std::string_view message,
                       std::string_view field) {
  boost::json::object err{{"code", code}, {"message", message}};
  if (!field.empty()) err["field"] = field;
  return JsonResponse(status, boost::json::object{{"error", std::move(err)}});
}

void ApplySecurityHeaders(Response& res) {
  // A handler may set a stricter policy of its own (a downloaded attachment: sandbox).
  if (res.find("Content-Security-Policy") == res.end())
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set(bhttp::field::server, "hejia");
}

namespace {

bool IsStateChanging(bhttp::verb v) {
  return v != bhttp::verb::get && v != bhttp::verb::head && v != bhttp::verb::options;
}

// "application/json", with or without parameters, in any case.
bool IsJsonType(std::string_view type) {
  constexpr std::string_view kJson = "application/json";
  if (type.size() < kJson.size()) return false;
  for (size_t i = 0; i < kJson.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i]) return false;
  return type.size() == kJson.size() || type[kJson.size()] == ';' || type[kJson.size()] == ' ';
}

bool ConstantTimeEq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char d = 0;
  for (size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

std::string_view MimeType(std::string_view path) {
  auto ext = path.substr(path.rfind('.') == std::string_view::npos ? path.size() : path.rfind('.'));
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

asio::awaitable<Response> Dispatcher::Dispatch(const RawRequest& raw, std::string client_ip,
                                               StreamBody* stream) {
  Response res;
  const auto start = std::chrono::steady_clock::now();
  std::string_view target = raw.target();
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) {
    res = ErrorResponse(400, "bad_request", "请求地址无效 / malformed request target");
  } else {
    std::string path(parsed->path());
    if (path.find('\0') != std::string::npos) path.clear();
    std::vector<std::pair<std::string, std::string>> query;
    for (auto p : parsed->params()) query.emplace_back(p.key, p.value);
    if (path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/readyz") {
      res = co_await DispatchApi(raw, std::move(client_ip), path, std::move(query), stream);
    } else if (raw.method() == bhttp::verb::get || raw.method() == bhttp::verb::head) {
      res = ServeStatic(raw, path);
    } else {
      res = ErrorResponse(404, "not_found", "未找到 / not found");
    }
  }
  ApplySecurityHeaders(res);
  if (raw.method() == bhttp::verb::head) {
    const auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  // Paths and queries can carry identifiers (phone, ID number): only the method, status and time
  // are logged here; handlers log by route pattern.
  if (res.result_int() >= 500)
    spdlog::warn("{} -> {} in {} us", std::string(raw.method_string()), res.result_int(), us);
  co_return res;
}

asio::awaitable<Response> Dispatcher::DispatchApi(
    const RawRequest& raw, std::string client_ip, std::string_view path,
    std::vector<std::pair<std::string, std::string>> query, StreamBody* stream) {
  std::map<std::string, std::string, std::less<>> params;
  bool path_known = false;
  // HEAD is answered by the GET route; the body is dropped in Dispatch.
  const auto method = raw.method() == bhttp::verb::head ? bhttp::verb::get : raw.method();
  const Route* route = router_.Match(method, path, params, path_known);
  if (!route) {
    if (path_known)
      co_return ErrorResponse(405, "method_not_allowed", "不支持此方法 / method not allowed");
    co_return ErrorResponse(404, "not_found", "未找到 / not found");
  }
  // A JSON route reads JSON only. A form or text body (what another site can make a browser send
  // without asking first) is refused before anything else, sign-in included.
  if (IsStateChanging(raw.method()) && !route->body_schema.is_null() && !raw.body().empty() &&
      !IsJsonType(raw[bhttp::field::content_type]))
    co_return ErrorResponse(415, "unsupported_media_type",
                            "请以 JSON 提交 / send the body as application/json");
  Request req{raw,          path, std::move(client_ip), std::move(params), std::move(query),
              std::nullopt, {}};
  try {
    if (!IsSessionless(route->permission)) {
      req.principal = co_await gate_.Authenticate(raw, req.client_ip);
      if (!req.principal)
        co_return ErrorResponse(401, "unauthenticated", "请先登录 / sign in first");
      if (IsStateChanging(raw.method())) {
        auto it = raw.find("X-CSRF-Token");
        if (it == raw.end() || !ConstantTimeEq(it->value(), req.principal->csrf_token)) {
          co_await gate_.RecordDenied(req, *route, "csrf_failed");
          co_return ErrorResponse(403, "csrf_failed",
                                  "缺少或错误的 CSRF 令牌 / missing or wrong CSRF token");
        }
      }
      if (!route->allow_pending) {
        if (req.principal->must_change_password)
          co_return ErrorResponse(403, "password_change_required",
                                  "请先修改密码 / change your password first");
        if (req.principal->totp_required && !req.principal->totp_enabled)
          co_return ErrorResponse(403, "totp_enrolment_required",
                                  "请先绑定动态口令 / enrol a TOTP authenticator first");
      }
      if (!gate_.RoleHas(req.principal->role, route->permission)) {
        co_await gate_.RecordDenied(req, *route, "forbidden");
        co_return ErrorResponse(403, "forbidden", "无权访问 / forbidden");
      }
    }
    Response res = co_await route->handler(req);
    if (stream && req.stream && res.result_int() == 200) *stream = std::move(req.stream);
    co_return res;
  } catch (const ApiError& e) {
    boost::json::object err{{"code", e.code()}, {"message", e.message()}};
    if (!e.field().empty()) err["field"] = e.field();
    if (!e.details().is_null()) err["details"] = e.details();
    Response res =
        JsonResponse(HttpStatus(e.kind()), boost::json::object{{"error", std::move(err)}});
    if (e.retry_after()) res.set(bhttp::field::retry_after, std::to_string(*e.retry_after()));
    co_return res;
  } catch (const DbError& e) {
    if (e.constraint())
      co_return ErrorResponse(409, "conflict", "与现有数据冲突 / conflicts with existing data");
    spdlog::error("database error on {} {}: {}", std::string(raw.method_string()), route->pattern,
                  e.what());
    co_return ErrorResponse(503, "unavailable", "数据库暂不可用 / database unavailable");
  } catch (const std::exception& e) {
    spdlog::error("internal error on {} {}: {}", std::string(raw.method_string()), route->pattern,
                  e.what());
    co_return ErrorResponse(500, "internal", "服务器内部错误 / internal error");
  }
}

boost::asio::awaitable<bool> Dispatcher::MayReadBody(const RawRequest& header,
                                                     const std::string& client_ip) {
  auto parsed = boost::urls::parse_origin_form(header.target());
  if (!parsed) co_return true;  // answered 400 or 404 without the body mattering
  const std::string path(parsed->path());
  std::map<std::string, std::string, std::less<>> params;
  bool path_known = false;
  const auto* route = router_.Match(header.method(), path, params, path_known);
  if (!route || IsSessionless(route->permission)) co_return true;
  co_return (co_await gate_.Authenticate(header, client_ip)).has_value();
}

uint64_t Dispatcher::BodyLimit(bhttp::verb method, std::string_view target) const {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return options_.body_limit;
  const std::string path(parsed->path());
  std::map<std::string, std::string, std::less<>> params;
  bool path_known = false;
  const auto* route = router_.Match(method == bhttp::verb::head ? bhttp::verb::get : method, path,
                                    params, path_known);
  return route && route->body_limit > options_.body_limit ? route->body_limit : options_.body_limit;
}

Response Dispatcher::ServeStatic(const RawRequest& raw, std::string_view path) const {
  if (options_.static_root.empty() || path.find("..") != std::string_view::npos ||
      path.find('\\') != std::string_view::npos)
    return ErrorResponse(404, "not_found", "未找到 / not found");
  std::string rel(path);
  if (rel.empty() || rel == "/") rel = "/index.html";
  const auto exists = [&](const std::string& p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(options_.static_root + p, ec);
  };
  std::string served = rel;
  if (!exists(served)) {
    // Client-side routes: anything without a file extension gets the app's entry page.
    const auto last = rel.substr(rel.rfind('/') + 1);
    if (last.find('.') != std::string::npos)
      return ErrorResponse(404, "not_found", "未找到 / not found");
    // The public portal lives under /life (a neutral address for browser history); /portal,
    // its first address, still opens it (the portal then moves to /life).
    const auto under = [&](std::string_view base) {
      return rel.starts_with(base) && (rel.size() == base.size() || rel[base.size()] == '/');
    };
    const bool portal = under("/life") || under("/portal");
    served = portal ? "/portal.html" : "/index.html";
    if (!exists(served)) served = "/index.html";
  }
  Response res{bhttp::status::ok, raw.version()};
  res.set(bhttp::field::content_type, MimeType(served));
  // A pre-compressed copy (scripts/build-web.sh writes FILE.gz beside FILE) for browsers that
  // take gzip: a slow phone gets the portal in about a third of the bytes. One file is read.
  std::optional<std::string> body;
  if (raw[bhttp::field::accept_encoding].find("gzip") != std::string_view::npos &&
      (body = ReadFile(options_.static_root + served + ".gz")))
    res.set(bhttp::field::content_encoding, "gzip");
  else
    body = ReadFile(options_.static_root + served);
  if (!body) return ErrorResponse(404, "not_found", "未找到 / not found");
  res.set(bhttp::field::vary, "Accept-Encoding");
  // Hashed assets never change; pages must be revalidated.
  if (served.rfind("/assets/", 0) == 0)
    res.set(bhttp::field::cache_control, "public, max-age=31536000, immutable");
  else
    res.set(bhttp::field::cache_control, "no-cache");
  if (raw.method() != bhttp::verb::head) res.body() = std::move(*body);
  res.prepare_payload();
  return res;
}

}  // namespace hejia::http
