// Files attached to a case (photos of injuries, medical and police papers): upload as the raw
// request body, list, download. Only JPEG, PNG, WebP and PDF whose first bytes match the
// declared type, at most 10 MB; stored encrypted outside the web root (store/attachment_store),
// one file per content. Everything answers 404 unless the case is in the caller's area;
// uploads and downloads are audited (entity `attachment`), the file's name is encrypted at rest
// (it may name a victim).
#include "api/case_common.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "http/json_body.hpp"
#include "http/media.hpp"
#include "http/paging.hpp"
#include "store/attachment_store.hpp"

namespace hejia::api {

namespace {

constexpr size_t kMaxAttachmentBytes = 10u << 20;  // 10 MB
constexpr int64_t kMaxAttachmentName = 100;        // characters

std::string NameAd(int64_t attachment_id) {
  return "attachments/name/" + std::to_string(attachment_id);
}

std::string CheckedName(const http::Request& req) {
  auto name = http::QueryText(req, "name", kMaxAttachmentName);
  if (!name) throw Invalid("name", "请提供文件名 / give the file name (?name=)");
  store::CheckCaseText(*name, "name", kMaxAttachmentName, false);
  if (name->find_first_of("/\\") != std::string::npos)
    throw Invalid("name", "文件名不能含有路径 / the file name cannot hold a path");
  return *name;
}

json::object ItemJson(const store::Row& r, const security::FieldCipher& cipher) {
  const int64_t id = r.Int(0);
  json::value uploaded_by = nullptr;
  if (!r.IsNull(5)) uploaded_by = json::object{{"id", r.Int(5)}, {"name", r.Text(6)}};
  json::object o{{"id", id},
                 {"case_id", r.Int(1)},
                 {"mime", r.Text(3)},
                 {"size", r.Int(4)},
                 {"uploaded_by", std::move(uploaded_by)},
                 {"created_at", FormatBeijing(r.Int(7))}};
  auto name = cipher.Decrypt(r.Text(2), NameAd(id));
  if (name) {
    o["name"] = *name;
  } else {
    o["name"] = nullptr;
    o["integrity_failed"] = true;
  }
  return o;
}

constexpr std::string_view kItemSql =
    "SELECT a.id, a.case_id, a.name, a.mime, a.size, a.uploaded_by, COALESCE(u.display_name, ''), "
    "a.created_at FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by";

asio::awaitable<http::Response> UploadRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  const std::string name = CheckedName(req);
  const std::string mime = http::DeclaredMediaType(req);
  if (!store::IsAttachmentType(mime))
    throw Invalid("content_type",
                  "只能上传 JPEG、PNG、WebP 图片或 PDF / only JPEG, PNG or WebP images and PDF "
                  "files may be attached");
  const std::string& body = req.raw.body();
  if (body.size() > kMaxAttachmentBytes)
    throw ApiError(ErrorKind::kTooLarge, "payload_too_large",
                   "文件不能超过 10 MB / the file exceeds 10 MB");
  if (body.empty()) throw Invalid("body", "文件是空的 / the file is empty");
  if (store::SniffAttachmentType(body) != mime)
    throw Invalid("content_type",
                  "文件内容与声明的类型不符 / the file's content does not match its type");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  // The file goes to disk on a pool thread (never an I/O thread), and only for a case the caller
  // may see; the metadata row follows in the write.
  auto stored = co_await s.db.Read([&](store::Connection& c) {
    cases::LoadOr404(c, scope, id);
    return s.attachments->Put(s.cipher, body);
  });
  auto item = co_await s.db.Write([&](store::Connection& c) {
    cases::LoadOr404(c, scope, id);
    const int64_t aid =
        c.QueryOne(
             "INSERT INTO attachments (case_id, sha256, mime, size, name, uploaded_by, "
             "created_at) VALUES (?, ?, ?, ?, '', ?, ?) RETURNING id",
             {id, stored.sha256, mime, static_cast<int64_t>(body.size()), req.Caller().user_id,
              now})
            ->Int(0);
    c.Execute("UPDATE attachments SET name = ? WHERE id = ?",
              {s.cipher.Encrypt(name, NameAd(aid)), aid});
    s.Audit(c, ActorOf(req), "attachment", std::to_string(aid), "create", "ok",
            "case=" + std::to_string(id) + ";mime=" + mime +
                ";size=" + std::to_string(body.size()) + (stored.created ? "" : ";stored_before"));
    return ItemJson(*c.QueryOne(std::string(kItemSql) + " WHERE a.id = ?", {aid}), s.cipher);
  });
  co_return http::JsonResponse(201, item);
}

asio::awaitable<http::Response> ListRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  auto page = http::ParsePage(req, {"created_at"}, "created_at", false);
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto body = co_await s.db.Read([&](store::Connection& c) {
    cases::LoadOr404(c, scope, id);
    const int64_t total =
        c.QueryOne("SELECT COUNT(*) FROM attachments WHERE case_id = ?", {id})->Int(0);
    const std::string order = page.descending ? " DESC" : " ASC";
    json::array items;
    for (const auto& r : c.Query(std::string(kItemSql) + " WHERE a.case_id = ? ORDER BY a.id" +
                                     order + " LIMIT ? OFFSET ?",
                                 {id, page.page_size, page.Offset()}))
      items.push_back(ItemJson(r, s.cipher));
    return json::serialize(http::PageBody(std::move(items), page, total));
  });
  co_return people::JsonText(std::move(body));
}

asio::awaitable<http::Response> DownloadRoute(Services& s, http::Request& req) {
  const int64_t id = cases::PathId(req);
  const int64_t aid = cases::PathId(req, "aid");
  const ScopeFilter scope = ScopeOf(req.Caller());
  struct Loaded {
    bool found = false;
    std::string mime;
    std::optional<std::string> name;
    store::AttachmentStore::ReadResult file;
  };
  auto loaded = co_await s.db.Read([&](store::Connection& c) {
    Loaded out;
    if (!store::LoadCase(c, scope, id)) return out;
    auto row = c.QueryOne("SELECT sha256, mime, name FROM attachments WHERE id = ? AND case_id = ?",
                          {aid, id});
    if (!row) return out;
    out.found = true;
    out.mime = row->Text(1);
    out.name = s.cipher.Decrypt(row->Text(2), NameAd(aid));
    out.file = s.attachments->Get(s.cipher, row->Text(0));
    return out;
  });
  if (!loaded.found) throw NotFound("附件不存在 / no such attachment");
  const bool ok = loaded.file.status == store::AttachmentStore::ReadStatus::kOk && loaded.name;
  const std::string entity_id = std::to_string(aid);
  const std::string detail =
      "case=" + std::to_string(id) +
      (ok                                                                   ? ""
       : loaded.file.status == store::AttachmentStore::ReadStatus::kMissing ? ";file_missing"
                                                                            : ";integrity");
  // The evidence leaves the server only with its committed audit row.
  co_await s.db.Write([&](store::Connection& c) {
    s.Audit(c, ActorOf(req), "attachment", entity_id, "read", ok ? "ok" : "failed", detail);
  });
  if (!ok) throw cases::IntegrityFailed();
  const std::string fallback =
      "attachment-" + entity_id + "." + std::string(store::AttachmentExtension(loaded.mime));
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, loaded.mime);
  res.set(http::bhttp::field::content_disposition,
          cases::ContentDisposition(fallback, *loaded.name));
  res.set("X-Content-Type-Options", "nosniff");
  // Opened anyway (a PDF viewer, an image tab), the file runs no script and reaches nothing.
  res.set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:");
  res.set(http::bhttp::field::cache_control, "no-store");
  res.body() = std::move(loaded.file.content);
  res.prepare_payload();
  co_return res;
}

json::value AttachmentSchema() {
  return schema::Shape(
      "id:integer case_id:integer name:string? mime:string size:integer uploaded_by:object? "
      "created_at:string");
}

}  // namespace

void AddAttachmentRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/cases/{id}/attachments", "cases");
  std::string types;
  for (const auto& type : store::kAttachmentTypes)
    types += (types.empty() ? "" : " | ") + std::string(type.mime);
  area.Add(verb::post, "", "case.write",
           "Attach a file to a case: the raw file as the body, Content-Type " + types +
               ", at most 10 MB",
           UploadRoute,
           {.query = {{"name", "string", "the file's name (at most 100 characters)"}},
            .response_schema = AttachmentSchema(),
            .success_status = 201,
            .body_limit = kMaxAttachmentBytes});
  area.Add(verb::get, "", "case.read", "The files attached to a case", ListRoute,
           {.response_schema = AttachmentSchema(), .paged = true});
  area.Add(verb::get, "/{aid}", "case.read",
           "Download an attached file (audited; served as a download, sandboxed)", DownloadRoute);
}

}  // namespace hejia::api
