// Legal education (issue 13, point 3): the record kit's routes for content items, campaigns,
// brands and events; a content item's review (submit → publish or return; withdraw), its video or
// audio file and poster frame (uploaded raw, served in byte ranges); an event's photos. The
// portal's column is in legal_public_api.cpp.
#include "api/case_common.hpp"
#include "api/legal_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "store/attachment_store.hpp"
#include "store/legal_repo.hpp"
#include "store/legal_tables.hpp"

namespace hejia::api {

namespace kit {
/// A content item is new as a draft and changed only as a draft or withdrawn.
template <>
struct Rules<domain::LegalContent> {
  static void Stamp(domain::LegalContent& item, const http::Principal&, int64_t) {
    item.status = domain::ContentStatus::kDraft;
  }
  static void Check(store::Connection&, const domain::LegalContent& item, int64_t, bool creating) {
    if (creating) return;
    if (auto p = domain::EditProblem(item))
      throw ApiError(ErrorKind::kConflict, "invalid_state", p->message, p->field);
  }
};
/// One brand per town: a second is refused while the first is not retired.
template <>
struct Rules<domain::LegalBrand> {
  static void Check(store::Connection& c, const domain::LegalBrand& brand, int64_t, bool) {
    if (auto other = store::OtherBrandOfTown(c, brand.region.code, brand.meta.id))
      throw ApiError(ErrorKind::kConflict, "brand_exists",
                     "该镇街已有品牌「" + *other + "」，一镇一品 / this town already has a brand",
                     "region_code");
  }
};
/// An event is filed under a campaign or brand whose region holds its own.
template <>
struct Rules<domain::LegalEvent> {
  static void Check(store::Connection& c, const domain::LegalEvent& event, int64_t, bool) {
    const auto owner = [&](std::string_view table, int64_t id, const char* field,
                           const char* what) {
      if (id == 0) return;
      const auto path = store::OwnerPath(c, table, id);
      if (!path)
        throw people::NotFoundField(field, std::string(what) + "不存在 / no such " + field);
      if (!domain::MayFileUnder(*path, event.region.path))
        throw Invalid(
            field, std::string("活动不在该") + what + "的范围内 / the event is outside its region");
    };
    owner("legal_campaigns", event.campaign_id, "campaign_id", "专项行动");
    owner("legal_brands", event.brand_id, "brand_id", "品牌");
  }
};
}  // namespace kit

namespace {

namespace sk = store::kit;
using domain::ContentAction;
using domain::LegalContent;
using domain::LegalEvent;

const kit::RecordRoutes kContentRoutes{.path = "/api/v1/legal-contents",
                                       .tag = "legal_content",
                                       .read_permission = "legal.read",
                                       .write_permission = "legal.write",
                                       .noun = "legal-education item",
                                       .not_found = "普法内容不存在 / no such item"};
const kit::RecordRoutes kCampaignRoutes{.path = "/api/v1/legal-campaigns",
                                        .tag = "legal_campaign",
                                        .read_permission = "legal.read",
                                        .write_permission = "legal.write",
                                        .noun = "legal-education campaign",
                                        .not_found = "专项行动不存在 / no such campaign"};
const kit::RecordRoutes kBrandRoutes{.path = "/api/v1/legal-brands",
                                     .tag = "legal_brand",
                                     .read_permission = "legal.read",
                                     .write_permission = "legal.write",
                                     .noun = "town brand",
                                     .not_found = "品牌不存在 / no such brand"};

/// POST /legal-contents/{id}/{submit|return|publish|withdraw} {version, note?}
asio::awaitable<http::Response> Move(Services& s, http::Request& req, ContentAction action) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"version", "note"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  auto note = domain::CheckText(body.OptString("note", domain::kReviewNoteMax * 4).value_or(""),
                                domain::kReviewNoteMax, action == ContentAction::kReturn);
  if (note.problem)
    throw Invalid("note", domain::TextProblemMessage(*note.problem, domain::kReviewNoteMax));
  const int64_t now = s.clock.NowMillis();
  const int64_t me = req.Caller().user_id;
  co_return co_await kit::Change<LegalContent>(
      s, kContentRoutes, req, domain::ToString(action),
      [&](store::Connection&, const ScopeFilter&,
          LegalContent& item) -> std::optional<std::string> {
        if (item.meta.version != version) throw StaleVersion(kit::ToJson(item));
        const auto next = domain::ContentTransition(item.status, action);
        if (!next)
          throw ApiError(ErrorKind::kConflict, "invalid_transition",
                         "当前状态不能这样操作 / not possible from " +
                             std::string(domain::ToString(item.status)),
                         "status");
        if (action == ContentAction::kSubmit || action == ContentAction::kPublish)
          if (auto p = domain::PublishProblem(item))
            throw ApiError(ErrorKind::kUnprocessable, "not_ready", p->message, p->field);
        if (action == ContentAction::kPublish && item.submitted_by == me)
          throw ApiError(ErrorKind::kForbidden, "own_submission",
                         "不能审核发布自己提交的内容 / a reviewer may not publish her own "
                         "submission");
        item.status = *next;
        item.review_note = note.text;
        if (action == ContentAction::kSubmit) {
          item.submitted_by = me;
          item.reviewed_by = 0;
        } else {
          item.reviewed_by = me;
        }
        if (action == ContentAction::kPublish) item.published_at = now;
        return "status=" + std::string(domain::ToString(*next));
      });
}

/// PUT /legal-contents/{id}/media or /poster: the raw file as the body.
asio::awaitable<http::Response> Upload(Services& s, http::Request& req, bool poster) {
  const std::string mime = http::DeclaredMediaType(req);
  const std::string& file = req.raw.body();
  if (file.empty()) throw Invalid("body", "文件是空的 / the file is empty");
  if (file.size() > (poster ? domain::kImageBytesMax : domain::kMediaBytesMax))
    throw ApiError(ErrorKind::kTooLarge, "payload_too_large",
                   poster ? "封面不能超过 5 MB / a poster may have at most 5 MB"
                          : "文件不能超过 100 MB / the file exceeds 100 MB");
  const std::string sniffed = legal::SniffedType(file, mime, poster);
  if (sniffed.empty() || sniffed != mime)
    throw Invalid("content_type",
                  "文件内容与声明的类型不符 / the file's content does not match its type");
  const int64_t id = kit::PathId(req);
  // Refused before the file is written when the item is not in my area or not editable.
  auto sha = co_await s.db.Read([&](store::Connection& c) {
    auto item = sk::Load<LegalContent>(c, ScopeOf(req.Caller()), id);
    if (!item) throw NotFound(kContentRoutes.not_found);
    legal::CheckUpload(*item, mime, poster);
    return legal::Media(s).Put(file);
  });
  co_return co_await kit::Change<LegalContent>(
      s, kContentRoutes, req, poster ? "poster" : "media",
      [&](store::Connection&, const ScopeFilter&,
          LegalContent& item) -> std::optional<std::string> {
        legal::CheckUpload(item, mime, poster);
        if (poster) {
          item.poster_sha = sha;
          item.poster_mime = mime;
        } else {
          item.media_sha = sha;
          item.media_mime = mime;
          item.media_size = static_cast<int64_t>(file.size());
        }
        return "mime=" + mime + ";size=" + std::to_string(file.size());
      });
}

/// GET /legal-contents/{id}/media or /poster, for staff of its area (drafts too), in ranges.
asio::awaitable<http::Response> Serve(Services& s, http::Request& req, bool poster) {
  const int64_t id = kit::PathId(req);
  auto item = co_await s.db.Read(
      [&](store::Connection& c) { return sk::Load<LegalContent>(c, ScopeOf(req.Caller()), id); });
  if (!item) throw NotFound(kContentRoutes.not_found);
  co_return co_await legal::ServeFile(s, req, poster ? item->poster_sha : item->media_sha,
                                      poster ? item->poster_mime : item->media_mime,
                                      "private, max-age=600");
}

// ---- events: the kit, the campaigns' counts, photos ----

void RecountAfterEventWrite(Services&, store::Connection& c, const http::Request&, int64_t,
                            int64_t) {
  store::RecountCampaignLectures(c);
}

const kit::RecordRoutes& EventRoutes() {
  static const kit::RecordRoutes routes{.path = "/api/v1/legal-events",
                                        .tag = "legal_event",
                                        .read_permission = "legal.read",
                                        .write_permission = "legal.write",
                                        .noun = "legal-education event",
                                        .not_found = "普法活动不存在 / no such event",
                                        .after_write = RecountAfterEventWrite};
  return routes;
}

json::object PhotoJson(const store::EventPhoto& p) {
  return json::object{{"id", p.id},
                      {"event_id", p.event_id},
                      {"mime", p.mime},
                      {"size", p.size},
                      {"uploaded_by", p.uploaded_by},
                      {"created_at", FormatBeijing(p.created_at)}};
}

/// POST /legal-events/{id}/photos: a JPEG, PNG or WebP photo, at most 5 MB, stored encrypted.
asio::awaitable<http::Response> AddPhoto(Services& s, http::Request& req) {
  const std::string mime = http::DeclaredMediaType(req);
  const std::string& file = req.raw.body();
  if (file.empty()) throw Invalid("body", "文件是空的 / the file is empty");
  if (file.size() > domain::kImageBytesMax)
    throw ApiError(ErrorKind::kTooLarge, "payload_too_large",
                   "照片不能超过 5 MB / a photo may have at most 5 MB");
  if (mime == "application/pdf" || store::SniffAttachmentType(file) != mime)
    throw Invalid("content_type", "照片应为 JPEG、PNG 或 WebP / a photo must be JPEG, PNG or WebP");
  const int64_t id = kit::PathId(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto stored = co_await s.db.Read([&](store::Connection& c) {
    if (!sk::Load<LegalEvent>(c, scope, id)) throw NotFound(EventRoutes().not_found);
    return s.attachments->Put(s.cipher, file);
  });
  const int64_t now = s.clock.NowMillis();
  auto photo = co_await s.db.Write([&](store::Connection& c) {
    auto event = sk::Load<LegalEvent>(c, scope, id);
    if (!event) throw NotFound(EventRoutes().not_found);
    const int64_t pid = store::InsertEventPhoto(
        c, id, stored.sha256, mime, static_cast<int64_t>(file.size()), req.Caller().user_id, now);
    event->photo_count = store::CountEventPhotos(c, id);
    sk::Update(c, s.cipher, *event, now);
    s.Audit(c, ActorOf(req), "legal_event", std::to_string(id), "photo_add", "ok",
            "photo=" + std::to_string(pid) + ";mime=" + mime);
    return PhotoJson(*store::FindEventPhoto(c, id, pid));
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(201, photo);
}

asio::awaitable<http::Response> ListPhotos(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    if (!sk::Load<LegalEvent>(c, ScopeOf(req.Caller()), id))
      throw NotFound(EventRoutes().not_found);
    json::array items;
    for (const auto& p : store::ListEventPhotos(c, id)) items.push_back(PhotoJson(p));
    return json::object{{"items", std::move(items)}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> GetPhoto(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const int64_t pid = cases::PathId(req, "pid");
  auto file = co_await s.db.Read([&](store::Connection& c) {
    if (!sk::Load<LegalEvent>(c, ScopeOf(req.Caller()), id))
      throw NotFound(EventRoutes().not_found);
    auto photo = store::FindEventPhoto(c, id, pid);
    if (!photo) throw NotFound("照片不存在 / no such photo");
    return std::make_pair(photo->mime, s.attachments->Get(s.cipher, photo->sha256));
  });
  if (file.second.status != store::AttachmentStore::ReadStatus::kOk)
    throw ApiError(ErrorKind::kConflict, "integrity", "照片无法读取 / the photo cannot be read");
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, file.first);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Content-Security-Policy", "sandbox; default-src 'none'");
  res.set(http::bhttp::field::cache_control, "private, max-age=600");
  res.body() = std::move(file.second.content);
  res.prepare_payload();
  co_return res;
}

asio::awaitable<http::Response> DeletePhoto(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const int64_t pid = cases::PathId(req, "pid");
  const int64_t now = s.clock.NowMillis();
  co_await s.db.Write([&](store::Connection& c) {
    auto event = sk::Load<LegalEvent>(c, ScopeOf(req.Caller()), id);
    if (!event) throw NotFound(EventRoutes().not_found);
    if (!store::DeleteEventPhoto(c, id, pid)) throw NotFound("照片不存在 / no such photo");
    event->photo_count = store::CountEventPhotos(c, id);
    sk::Update(c, s.cipher, *event, now);
    s.Audit(c, ActorOf(req), "legal_event", std::to_string(id), "photo_delete", "ok",
            "photo=" + std::to_string(pid));
    return 0;
  });
  store::ListTotalsChanged();
  co_return http::EmptyResponse(204);
}

/// GET /legal-campaigns/choices and /legal-brands/choices: what an event of my area may be filed
/// under — the campaigns and brands of my area and of the regions above it (a town's worker files
/// her lecture under the city's campaign, which her lists do not show).
asio::awaitable<http::Response> Choices(Services& s, http::Request& req, std::string_view table) {
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto body = co_await s.db.Read([&](store::Connection& c) {
    json::array items;
    for (const auto& o : store::OwnerChoices(c, table, scope.lower, scope.upper)) {
      json::object item{{"id", o.id},
                        {"name", o.name},
                        {"region_code", o.region_code},
                        {"region_name", o.region_name},
                        {"level", o.level},
                        {"retired", o.retired}};
      if (table == "legal_campaigns") item["year"] = o.year;
      items.push_back(std::move(item));
    }
    return json::object{{"items", std::move(items)}};
  });
  co_return http::JsonResponse(200, body);
}

}  // namespace

void AddLegalRoutes(http::Router& router, Services& s) {
  kit::AddRecordRoutes<LegalContent>(router, s, kContentRoutes);
  kit::AddRecordRoutes<domain::LegalCampaign>(router, s, kCampaignRoutes);
  kit::AddRecordRoutes<domain::LegalBrand>(router, s, kBrandRoutes);
  kit::AddRecordRoutes<LegalEvent>(router, s, EventRoutes());

  const auto choices = schema::Shape("items:object[]", "items");
  AreaRoutes(router, s, kCampaignRoutes.path, kCampaignRoutes.tag)
      .Add(verb::get, "/choices", "legal.read",
           "The campaigns an event of my area may be filed under: my area's and those of the "
           "regions above it",
           [](Services& s, http::Request& r) { return Choices(s, r, "legal_campaigns"); },
           {.response_schema = choices});
  AreaRoutes(router, s, kBrandRoutes.path, kBrandRoutes.tag)
      .Add(verb::get, "/choices", "legal.read",
           "The brands an event of my area may be filed under: my area's and my town's",
           [](Services& s, http::Request& r) { return Choices(s, r, "legal_brands"); },
           {.response_schema = choices});

  AreaRoutes content(router, s, kContentRoutes.path, kContentRoutes.tag);
  const auto item = kit::ResponseSchema<LegalContent>();
  const auto move_body = schema::Shape("version:integer note:string", "version");
  const struct {
    ContentAction action;
    const char* permission;
    const char* summary;
  } moves[] = {
      {ContentAction::kSubmit, "legal.write", "Send a draft (or a withdrawn item) for review"},
      {ContentAction::kReturn, "legal.publish",
       "Return an item in review to its author (a note "
       "is required)"},
      {ContentAction::kPublish, "legal.publish",
       "Publish an item in review on the portal (not by whoever submitted it)"},
      {ContentAction::kWithdraw, "legal.publish", "Take a published item off the portal"},
  };
  for (const auto& m : moves)
    content.Add(verb::post, "/{id}/" + std::string(domain::ToString(m.action)), m.permission,
                m.summary,
                [action = m.action](Services& s, http::Request& r) { return Move(s, r, action); },
                {.body_schema = move_body, .response_schema = item});
  content.Add(verb::put, "/{id}/media", "legal.write",
              "Upload the item's video (video/mp4, video/webm) or audio (audio/mpeg, audio/mp4, "
              "audio/ogg) as the raw body, at most 100 MB",
              [](Services& s, http::Request& r) { return Upload(s, r, false); },
              {.response_schema = item, .body_limit = domain::kMediaBytesMax});
  content.Add(verb::put, "/{id}/poster", "legal.write",
              "Upload the item's poster frame (image/jpeg, image/png, image/webp) as the raw body, "
              "at most 5 MB",
              [](Services& s, http::Request& r) { return Upload(s, r, true); },
              {.response_schema = item, .body_limit = domain::kImageBytesMax});
  content.Add(verb::get, "/{id}/media", "legal.read",
              "The item's video or audio, in byte ranges (Range: bytes=…)",
              [](Services& s, http::Request& r) { return Serve(s, r, false); });
  content.Add(verb::get, "/{id}/poster", "legal.read", "The item's poster frame",
              [](Services& s, http::Request& r) { return Serve(s, r, true); });

  AreaRoutes events(router, s, EventRoutes().path, EventRoutes().tag);
  events.Add(verb::post, "/{id}/photos", "legal.write",
             "Add a photo of an event (image/jpeg, image/png, image/webp as the raw body, at most "
             "5 MB; stored encrypted)",
             AddPhoto,
             {.response_schema = schema::Shape("id:integer event_id:integer mime:string "
                                               "size:integer uploaded_by:string created_at:string"),
              .success_status = 201,
              .body_limit = domain::kImageBytesMax});
  events.Add(verb::get, "/{id}/photos", "legal.read", "The photos of an event", ListPhotos,
             {.response_schema = schema::Shape("items:object[]", "items")});
  events.Add(verb::get, "/{id}/photos/{pid}", "legal.read", "One photo of an event", GetPhoto);
  events.Add(verb::delete_, "/{id}/photos/{pid}", "legal.write", "Remove a photo of an event",
             DeletePhoto, {.success_status = 204});
}

}  // namespace hejia::api
