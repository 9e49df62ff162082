// What the staff's and the portal's legal-education routes share: where published media lives,
// which uploads an item takes, and serving a stored file in byte ranges.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <string>

#include "api/services.hpp"
#include "common/error.hpp"
#include "domain/legal_education.hpp"
#include "http/media.hpp"
#include "store/attachment_store.hpp"

namespace hejia::api::legal {

/// The largest part of a file one answer carries (a player asks for the next part).
inline constexpr uint64_t kMediaChunk = 2u << 20;

/// Published media sits beside the attachments, in their directory's "media" folder, plain.
inline store::MediaStore Media(const Services& s) {
  return store::MediaStore(s.attachments->root() / "media");
}

/// The type a file's first bytes show, as the declared `mime` would name it ("" when none): an
/// image for a poster; video or audio for an item (an MP4 declared as audio/mp4 is M4A audio).
inline std::string SniffedType(std::string_view file, const std::string& mime, bool poster) {
  if (poster) {
    const std::string_view t = store::SniffAttachmentType(file);
    return t == "application/pdf" ? "" : std::string(t);
  }
  const std::string_view t = domain::SniffMediaType(file);
  if (t == "video/mp4" && mime == "audio/mp4") return "audio/mp4";
  return std::string(t);
}

/// Refuses an upload to an item that is not editable, or a file its kind does not take.
inline void CheckUpload(const domain::LegalContent& item, const std::string& mime, bool poster) {
  if (auto p = domain::EditProblem(item))
    throw ApiError(ErrorKind::kConflict, "invalid_state", p->message, p->field);
  if (poster) return;
  if (auto p = domain::MediaProblem(item, mime)) throw Invalid(p->field, p->message);
}

/// The stored file `sha` (of `mime`) as the request's Range asks: 206 with one part, 200 with the
/// whole file, 416 past its end, 304 when the client has it (If-None-Match). 404 when there is
/// none. The file is read on the pool, never on an I/O thread.
inline boost::asio::awaitable<http::Response> ServeFile(Services& s, const http::Request& req,
                                                        std::string sha, std::string mime,
                                                        std::string_view cache_control) {
  if (sha.empty()) throw NotFound("没有文件 / no file");
  const std::string etag = "\"" + sha + "\"";
  if (auto it = req.raw.find(http::bhttp::field::if_none_match);
      it != req.raw.end() && it->value() == etag) {
    http::Response res{http::bhttp::status::not_modified, 11};
    res.set(http::bhttp::field::etag, etag);
    res.set(http::bhttp::field::cache_control, cache_control);
    co_return res;
  }
  const std::string range_header = [&] {
    auto it = req.raw.find(http::bhttp::field::range);
    return it == req.raw.end() ? std::string() : std::string(it->value());
  }();
  struct Read {
    uint64_t size = 0;
    http::ByteRange range;
    std::optional<std::string> bytes;
  };
  auto read = co_await s.db.Read([&](store::Connection&) {
    Read out;
    const auto media = Media(s);
    const auto size = media.Size(sha);
    if (!size) return out;
    out.size = *size;
    out.range = http::ParseByteRange(range_header, *size, kMediaChunk);
    if (out.range.kind == http::ByteRange::Kind::kPartial)
      out.bytes = media.Read(sha, out.range.first, out.range.Length());
    else if (out.range.kind == http::ByteRange::Kind::kWhole)
      out.bytes = media.Read(sha, 0, *size);
    else
      out.bytes = std::string();
    return out;
  });
  if (!read.bytes) throw NotFound("文件缺失 / the file is missing");
  co_return http::ByteRangeResponse(read.range, read.size, std::move(mime), std::move(*read.bytes),
                                    sha, cache_control);
}

}  // namespace hejia::api::legal
