// Requests a partner's server signs (the police 110 system's incident pushes, issue 11; the
// provincial dispute platform, issue 13): HMAC-SHA256 with the partner's key over the
// method, the path, the timestamp, a nonce and the SHA-256 of the body, so that an altered body, a
// replay of an old request or a request under another key is refused before anything is read.
// This file checks a signature and its time; whether the nonce was seen before is the store's
// (one row per partner and nonce, kept as long as the time window).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace hejia::security {

/// How far a request's timestamp may be from the server's clock, either way.
inline constexpr int64_t kSignatureWindowSeconds = 5 * 60;

/// What a partner sends beside the body (the headers X-HeJia-Timestamp, X-HeJia-Nonce and
/// X-HeJia-Signature).
struct SignedRequest {
  std::string_view method;     ///< "POST", as sent
  std::string_view path;       ///< "/api/v1/police/incidents", without the query
  std::string_view timestamp;  ///< Unix seconds, decimal
  std::string_view nonce;      ///< 16 to 64 of [A-Za-z0-9_-], new for every request
  std::string_view body;       ///< the raw body, as received
  std::string_view signature;  ///< lowercase hex HMAC-SHA256 (64 characters)
};

/// "METHOD\nPATH\nTIMESTAMP\nNONCE\nsha256-hex(BODY)": what is signed.
std::string CanonicalRequest(const SignedRequest& r);

/// The signature a partner holding `key` (raw bytes, at least 32) sends for `r` (its signature
/// field is ignored): lowercase hex.
std::string SignRequest(std::string_view key, const SignedRequest& r);

enum class SignatureCheck {
  kValid,
  kMalformed,     ///< a timestamp, nonce or signature of the wrong form
  kStale,         ///< the timestamp is more than the window away from now
  kBadSignature,  ///< another key, or the method, path, time, nonce or body changed
};

/// Checks `r` against `key` at `now_seconds` (the server's clock). Constant time in the signature.
SignatureCheck CheckSignature(std::string_view key, const SignedRequest& r, int64_t now_seconds);

}  // namespace hejia::security
