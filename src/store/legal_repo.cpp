#include "store/legal_repo.hpp"

namespace hejia::store {

namespace {

constexpr std::string_view kPublishedColumns =
    "SELECT l.id, l.title, l.kind, l.topic, l.producer, COALESCE(r.name, ''), l.summary, "
    "l.duration_seconds, COALESCE(l.published_at, 0), l.media_size, l.media_sha, l.media_mime, "
    "l.poster_sha, l.poster_mime";

PublishedItem ReadPublished(const Row& r) {
  PublishedItem p;
  p.id = r.Int(0);
  p.title = r.Text(1);
  p.kind = r.Text(2);
  p.topic = r.Text(3);
  p.producer = r.Text(4);
  p.region_name = r.Text(5);
  p.summary = r.Text(6);
  p.duration_seconds = r.Int(7);
  p.published_at = r.Int(8);
  p.media_size = r.Int(9);
  p.media_sha = r.Text(10);
  p.media_mime = r.Text(11);
  p.poster_sha = r.Text(12);
  p.poster_mime = r.Text(13);
  return p;
}

}  // namespace

PublishedPage ListPublished(Connection& c, const std::string& topic, const std::string& kind,
                            int64_t limit, int64_t offset) {
  const std::string where =
      " FROM legal_contents l LEFT JOIN regions r ON r.code = l.region_code "
      "WHERE l.status = 'published' AND l.retired = 0 AND (? = '' OR l.topic = ?) "
      "AND (? = '' OR l.kind = ?)";
  PublishedPage page;
  page.total = c.QueryOne("SELECT COUNT(*)" + where, {topic, topic, kind, kind})->Int(0);
  for (const auto& r : c.Query(std::string(kPublishedColumns) + where +
                                   " ORDER BY l.published_at DESC, l.id DESC LIMIT ? OFFSET ?",
                               {topic, topic, kind, kind, limit, offset}))
    page.items.push_back(ReadPublished(r));
  return page;
}

std::optional<PublishedItem> FindPublished(Connection& c, int64_t id) {
  auto r = c.QueryOne(std::string(kPublishedColumns) +
                          ", l.body FROM legal_contents l LEFT JOIN regions r ON r.code = "
                          "l.region_code WHERE l.id = ? AND l.status = 'published' AND "
                          "l.retired = 0",
                      {id});
  if (!r) return std::nullopt;
  auto item = ReadPublished(*r);
  item.body = r->Text(14);
  return item;
}

void RecountCampaignLectures(Connection& c) {
  c.Execute(
      "UPDATE legal_campaigns SET lectures_held = (SELECT COUNT(*) FROM legal_events e WHERE "
      "e.campaign_id = legal_campaigns.id AND e.kind = 'school_lecture' AND e.retired = 0)");
}

std::optional<std::string> OtherBrandOfTown(Connection& c, const std::string& region_code,
                                            int64_t except_id) {
  auto r = c.QueryOne(
      "SELECT name FROM legal_brands WHERE region_code = ? AND retired = 0 AND id <> ? LIMIT 1",
      {region_code, except_id});
  if (!r) return std::nullopt;
  return r->Text(0);
}

std::optional<std::string> OwnerPath(Connection& c, std::string_view table, int64_t id) {
  if (table != "legal_campaigns" && table != "legal_brands") return std::nullopt;
  auto r = c.QueryOne(
      "SELECT region_path FROM " + std::string(table) + " WHERE id = ? AND retired = 0", {id});
  if (!r) return std::nullopt;
  return r->Text(0);
}

std::vector<OwnerChoice> OwnerChoices(Connection& c, std::string_view table,
                                      const std::string& lower, const std::string& upper) {
  std::vector<OwnerChoice> out;
  if ((table != "legal_campaigns" && table != "legal_brands") || lower.empty()) return out;
  const std::string year = table == "legal_campaigns" ? "o.year" : "0";
  for (const auto& r :
       c.Query("SELECT o.id, " + year +
                   ", o.name, o.region_code, COALESCE(rg.name, ''), o.level, "
                   "o.retired FROM " +
                   std::string(table) +
                   " o LEFT JOIN regions rg ON rg.code = o.region_code WHERE "
                   "substr(?, 1, length(o.region_path)) = o.region_path OR (o.region_path >= ? AND "
                   "o.region_path < ?) ORDER BY o.retired, o.id DESC LIMIT 500",
               {lower, lower, upper}))
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6) != 0});
  return out;
}

namespace {
constexpr std::string_view kPhotoColumns =
    "SELECT p.id, p.event_id, p.size, p.created_at, p.sha256, p.mime, "
    "COALESCE(u.display_name, '') FROM legal_event_photos p LEFT JOIN users u ON u.id = "
    "p.uploaded_by";
EventPhoto ReadPhoto(const Row& r) {
  return EventPhoto{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Text(4), r.Text(5), r.Text(6)};
}
}  // namespace

std::vector<EventPhoto> ListEventPhotos(Connection& c, int64_t event_id) {
  std::vector<EventPhoto> out;
  for (const auto& r :
       c.Query(std::string(kPhotoColumns) + " WHERE p.event_id = ? ORDER BY p.id", {event_id}))
    out.push_back(ReadPhoto(r));
  return out;
}

std::optional<EventPhoto> FindEventPhoto(Connection& c, int64_t event_id, int64_t photo_id) {
  auto r = c.QueryOne(std::string(kPhotoColumns) + " WHERE p.event_id = ? AND p.id = ?",
                      {event_id, photo_id});
  if (!r) return std::nullopt;
  return ReadPhoto(*r);
}

int64_t InsertEventPhoto(Connection& c, int64_t event_id, const std::string& sha256,
                         const std::string& mime, int64_t size, int64_t user_id, int64_t now_ms) {
  return c
      .QueryOne(
          "INSERT INTO legal_event_photos (event_id, sha256, mime, size, uploaded_by, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {event_id, sha256, mime, size, user_id > 0 ? Value(user_id) : Value(), now_ms})
      ->Int(0);
}

bool DeleteEventPhoto(Connection& c, int64_t event_id, int64_t photo_id) {
  return c.Execute("DELETE FROM legal_event_photos WHERE event_id = ? AND id = ?",
                   {event_id, photo_id}) > 0;
}

int64_t CountEventPhotos(Connection& c, int64_t event_id) {
  return c.QueryOne("SELECT COUNT(*) FROM legal_event_photos WHERE event_id = ?", {event_id})
      ->Int(0);
}

}  // namespace hejia::store
