// The doors of the partners whose servers call us (the police 110 system, the provincial dispute
// platform): each request signed with the partner's key (security/partner_signature.hpp), its
// nonce spent once, and the partner of the door's kind.
#include "api/partner_door.hpp"

#include <spdlog/spdlog.h>

#include "security/partner_signature.hpp"

namespace hejia::api {

namespace {

std::string_view Header(const http::Request& req, std::string_view name) {
  auto it = req.raw.find(name);
  return it == req.raw.end() ? std::string_view() : std::string_view(it->value());
}

ApiError Unauthenticated(std::string code, std::string message) {
  return ApiError(ErrorKind::kUnauthenticated, std::move(code), std::move(message));
}

void Refused(std::string_view code, std::string_view why) {
  spdlog::warn("partner request refused: partner={} reason={}",
               code.size() <= store::kPartnerCodeMax ? code : code.substr(0, 0), why);
}

}  // namespace

store::Partner CheckPartner(store::Connection& c, Services& s, const http::Request& req,
                            int64_t now_ms, std::string_view kind) {
  const auto code = Header(req, "X-HeJia-Partner");
  const auto refuse = [&](std::string_view why) { Refused(code, why); };
  if (code.empty() || code.size() > store::kPartnerCodeMax) {
    refuse("no partner");
    throw Unauthenticated("unauthenticated",
                          "缺少合作方签名 / sign the request (X-HeJia-Partner and signature)");
  }
  auto partner = store::FindPartner(c, code);
  std::optional<std::string> key;
  if (partner && !partner->retired) key = store::PartnerKey(c, s.cipher, partner->id);
  const std::string_view target = req.raw.target();
  const security::SignedRequest signed_request{req.raw.method_string(),
                                               target.substr(0, target.find('?')),
                                               Header(req, "X-HeJia-Timestamp"),
                                               Header(req, "X-HeJia-Nonce"),
                                               req.raw.body(),
                                               Header(req, "X-HeJia-Signature")};
  // An unknown partner is checked against a throwaway key, so the answer takes as long.
  static const std::string kNoKey(32, '\0');
  const auto check = security::CheckSignature(key ? *key : kNoKey, signed_request, now_ms / 1000);
  if (!key || check == security::SignatureCheck::kBadSignature) {
    refuse("bad signature");
    throw Unauthenticated("bad_signature", "签名无效 / the signature does not match");
  }
  if (check == security::SignatureCheck::kMalformed) {
    refuse("malformed");
    throw Unauthenticated("bad_signature",
                          "签名头格式错误 / malformed timestamp, nonce or signature");
  }
  if (check == security::SignatureCheck::kStale) {
    refuse("stale");
    throw Unauthenticated("stale_timestamp",
                          "时间戳超出 5 分钟 / the timestamp is more than 5 minutes off");
  }
  // Signed, but not for this door: the police's key opens no dispute-platform route, and back.
  if (partner->kind != kind) {
    refuse("wrong door");
    throw ApiError(ErrorKind::kForbidden, "forbidden",
                   "该合作方无权使用此接口 / this partner may not use this interface");
  }
  return *partner;
}

void SpendNonce(store::Connection& c, const store::Partner& partner, const http::Request& req,
                int64_t now_ms) {
  const int64_t window_ms = security::kSignatureWindowSeconds * 1000;
  if (store::SpendNonce(c, partner.id, Header(req, "X-HeJia-Nonce"), now_ms + 2 * window_ms,
                        now_ms))
    return;
  Refused(partner.code, "replay");
  throw Unauthenticated("replayed_nonce", "该请求已收到过 / this nonce was used before");
}

store::Partner VerifyPartner(store::Connection& c, Services& s, const http::Request& req,
                             int64_t now_ms, std::string_view kind) {
  auto partner = CheckPartner(c, s, req, now_ms, kind);
  SpendNonce(c, partner, req, now_ms);
  return partner;
}

store::Actor PartnerActor(const store::Partner& p, const http::Request& req) {
  return store::Actor{std::nullopt, "partner:" + p.code, "partner", req.client_ip};
}

}  // namespace hejia::api
