// The portal's legal-education column (普法园地, issue 13, point 3): the published items only —
// a draft, an item in review or a withdrawn one is answered exactly like one that does not exist —
// with their videos and audio in byte ranges and their poster frames, no account, no tracker.
#include "api/legal_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "http/paging.hpp"
#include "store/legal_repo.hpp"

namespace hejia::api {

namespace {

// Revalidated every time: a withdrawn item leaves the portal at once.
constexpr std::string_view kPublicCache = "no-cache";

json::object ItemJson(const store::PublishedItem& p) {
  const std::string base = "/api/v1/public/legal/" + std::to_string(p.id);
  return json::object{
      {"id", p.id},
      {"title", p.title},
      {"kind", p.kind},
      {"topic", p.topic},
      {"producer", p.producer},
      {"region_name", p.region_name},
      {"summary", p.summary},
      {"duration_seconds", p.duration_seconds},
      {"published_at", FormatBeijing(p.published_at)},
      {"media_url", p.media_sha.empty() ? json::value(nullptr) : json::value(base + "/media")},
      {"media_type", p.media_sha.empty() ? json::value(nullptr) : json::value(p.media_mime)},
      {"media_size", p.media_size},
      {"poster_url", p.poster_sha.empty() ? json::value(nullptr) : json::value(base + "/poster")}};
}

std::string Choice(const http::Request& req, std::string_view name, auto values) {
  const std::string text = http::QueryText(req, name, 40).value_or("");
  if (text.empty()) return text;
  for (auto v : values)
    if (domain::ToString(v) == text) return text;
  throw Invalid(std::string(name), "取值无效 / not one of the choices");
}

asio::awaitable<http::Response> ListRoute(Services& s, http::Request& req) {
  const auto page = http::ParsePage(req, {"published_at"}, "published_at", true);
  const std::string topic = Choice(req, "topic", domain::kLegalTopics);
  const std::string kind = Choice(req, "kind", domain::kLegalContentKinds);
  auto body = co_await s.db.Read([&](store::Connection& c) {
    auto found = store::ListPublished(c, topic, kind, page.page_size, page.Offset());
    json::array items;
    for (const auto& p : found.items) items.push_back(ItemJson(p));
    return http::PageBody(std::move(items), page, found.total);
  });
  http::Response res = http::JsonResponse(200, body);
  res.set(http::bhttp::field::cache_control, kPublicCache);
  co_return res;
}

asio::awaitable<http::Response> OneRoute(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto item = co_await s.db.Read([&](store::Connection& c) { return store::FindPublished(c, id); });
  if (!item) throw NotFound("内容不存在 / no such item");
  json::object o = ItemJson(*item);
  o["body"] = item->body;
  http::Response res = http::JsonResponse(200, o);
  res.set(http::bhttp::field::cache_control, kPublicCache);
  co_return res;
}

asio::awaitable<http::Response> FileRoute(Services& s, http::Request& req, bool poster) {
  const int64_t id = people::PathId(req);
  auto item = co_await s.db.Read([&](store::Connection& c) { return store::FindPublished(c, id); });
  if (!item) throw NotFound("内容不存在 / no such item");
  co_return co_await legal::ServeFile(s, req, poster ? item->poster_sha : item->media_sha,
                                      poster ? item->poster_mime : item->media_mime,
                                      "public, max-age=600");
}

}  // namespace

void AddLegalPublicRoutes(http::Router& router, Services& s) {
  const std::string pub(http::kPublic);
  AreaRoutes area(router, s, "/api/v1/public/legal", "public");
  const std::string item_shape =
      "id:integer title:string kind:string topic:string producer:string region_name:string "
      "summary:string duration_seconds:integer published_at:string media_url:string? "
      "media_type:string? media_size:integer poster_url:string?";
  area.Add(
      verb::get, "", pub,
      "The published legal-education items, newest first (topic, kind: optional filters)",
      ListRoute,
      {.query = {{"topic", "string", "one topic"}, {"kind", "string", "video | article | audio"}},
       .response_schema = schema::Shape(item_shape),
       .paged = true});
  area.Add(verb::get, "/{id}", pub, "One published item, with an article's text", OneRoute,
           {.response_schema = schema::Shape(item_shape + " body:string")});
  area.Add(verb::get, "/{id}/media", pub,
           "A published item's video or audio, in byte ranges (Range: bytes=…)",
           [](Services& s, http::Request& r) { return FileRoute(s, r, false); });
  area.Add(verb::get, "/{id}/poster", pub, "A published item's poster frame",
           [](Services& s, http::Request& r) { return FileRoute(s, r, true); });
}

}  // namespace hejia::api
