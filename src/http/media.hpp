// Files in answers and requests: the media type a request body declares, and byte ranges
// (RFC 9110 §14): what part of a file a request asks for, and the answer that sends
// it. A video player asks for "bytes=0-" and then for the parts it seeks to; an open-ended range is
// answered with at most `max_chunk` bytes (the player asks on), so no request makes the server read
// a whole film. A malformed or multi-part Range is ignored (the whole file, as the RFC allows);
// one starting past the end is 416.
#pragma once
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/json_body.hpp"
#include "http/request.hpp"

namespace hejia::http {

/// The media type a request's body declares: Content-Type without parameters, lower case; "" when
/// none.
inline std::string DeclaredMediaType(const Request& req) {
  auto it = req.raw.find(bhttp::field::content_type);
  if (it == req.raw.end()) return "";
  std::string type(it->value().substr(0, it->value().find(';')));
  for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return TrimSpaces(type);
}

struct ByteRange {
  enum class Kind { kWhole, kPartial, kUnsatisfiable };
  Kind kind = Kind::kWhole;
  uint64_t first = 0, last = 0;  ///< inclusive, when kPartial
  uint64_t Length() const { return last - first + 1; }
};

namespace detail {
inline std::optional<uint64_t> Number(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace detail

/// The range `header` (the Range field's value, "" when absent) asks of a file of `size` bytes.
inline ByteRange ParseByteRange(std::string_view header, uint64_t size, uint64_t max_chunk) {
  ByteRange whole;
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit || size == 0 || max_chunk == 0) return whole;
  const std::string_view spec = header.substr(kUnit.size());
  if (spec.find(',') != std::string_view::npos) return whole;
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  const auto first_text = spec.substr(0, dash), last_text = spec.substr(dash + 1);
  ByteRange r{ByteRange::Kind::kPartial};
  if (first_text.empty()) {  // a suffix: the last N bytes
    const auto n = detail::Number(last_text);
    if (!n) return whole;
    if (*n == 0) return {ByteRange::Kind::kUnsatisfiable};
    r.first = *n >= size ? 0 : size - *n;
    r.last = size - 1;
  } else {
    const auto first = detail::Number(first_text);
    if (!first) return whole;
    if (*first >= size) return {ByteRange::Kind::kUnsatisfiable};
    r.first = *first;
    if (last_text.empty()) {
      r.last = std::min(size - 1, r.first + max_chunk - 1);
    } else {
      const auto last = detail::Number(last_text);
      if (!last || *last < *first) return whole;
      r.last = std::min(*last, size - 1);
    }
  }
  if (r.Length() > max_chunk) r.last = r.first + max_chunk - 1;
  return r;
}

/// The answer carrying `body` (the bytes of `range` of a file of `size`, or all of it): 206 with
/// Content-Range, or 200; 416 with "bytes */size" when unsatisfiable. `etag` is a strong
/// validator (the content's digest), `cache_control` as the caller decides.
inline Response ByteRangeResponse(const ByteRange& range, uint64_t size, std::string mime,
                                  std::string body, const std::string& etag,
                                  std::string_view cache_control) {
  Response res{range.kind == ByteRange::Kind::kPartial ? bhttp::status::partial_content
               : range.kind == ByteRange::Kind::kUnsatisfiable
                   ? bhttp::status::range_not_satisfiable
                   : bhttp::status::ok,
               11};
  res.set(bhttp::field::accept_ranges, "bytes");
  res.set(bhttp::field::etag, "\"" + etag + "\"");
  res.set(bhttp::field::cache_control, cache_control);
  res.set("X-Content-Type-Options", "nosniff");
  if (range.kind == ByteRange::Kind::kUnsatisfiable) {
    res.set(bhttp::field::content_range, "bytes */" + std::to_string(size));
    res.prepare_payload();
    return res;
  }
  res.set(bhttp::field::content_type, mime);
  if (range.kind == ByteRange::Kind::kPartial)
    res.set(bhttp::field::content_range, "bytes " + std::to_string(range.first) + "-" +
                                             std::to_string(range.last) + "/" +
                                             std::to_string(size));
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

}  // namespace hejia::http
