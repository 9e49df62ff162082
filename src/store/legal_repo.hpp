// Legal education beyond the kit's routes: what the public portal lists (published items only),
// the campaigns' counts of school lectures held, the one-brand-per-town check, where a campaign
// or brand sits, and events' photos.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

/// A published item as the portal shows it: no reviewer, no draft.
struct PublishedItem {
  int64_t id = 0;
  std::string title, kind, topic, producer, region_name, summary, body;
  int64_t duration_seconds = 0, published_at = 0, media_size = 0;
  std::string media_sha, media_mime, poster_sha, poster_mime;
};
struct PublishedPage {
  std::vector<PublishedItem> items;  ///< newest published first, without their bodies
  int64_t total = 0;
};
/// The published, not retired items, of `topic` and `kind` when not empty.
PublishedPage ListPublished(Connection& c, const std::string& topic, const std::string& kind,
                            int64_t limit, int64_t offset);
/// One published, not retired item (with its body), or nullopt.
std::optional<PublishedItem> FindPublished(Connection& c, int64_t id);

/// Sets every campaign's lectures_held to the school lectures (not retired) filed under it.
void RecountCampaignLectures(Connection& c);
/// The name of another brand, not retired, of the town `region_code` (not `except_id`).
std::optional<std::string> OtherBrandOfTown(Connection& c, const std::string& region_code,
                                            int64_t except_id);
/// The region path of a campaign or brand not retired, or nullopt. `table` is legal_campaigns or
/// legal_brands (never client text).
std::optional<std::string> OwnerPath(Connection& c, std::string_view table, int64_t id);

/// A campaign or brand an event of an area may be filed under: one whose region holds the area
/// (the city's campaign, a village's town brand) or lies inside it.
struct OwnerChoice {
  int64_t id = 0, year = 0;  ///< year: campaigns only
  std::string name, region_code, region_name, level;
  bool retired = false;
};
/// The campaigns (`table` legal_campaigns) or brands (legal_brands) of `[lower, upper)` and of
/// the regions above `lower`, active ones first, newest first, at most 500.
std::vector<OwnerChoice> OwnerChoices(Connection& c, std::string_view table,
                                      const std::string& lower, const std::string& upper);

struct EventPhoto {
  int64_t id = 0, event_id = 0, size = 0, created_at = 0;
  std::string sha256, mime, uploaded_by;
};
std::vector<EventPhoto> ListEventPhotos(Connection& c, int64_t event_id);
std::optional<EventPhoto> FindEventPhoto(Connection& c, int64_t event_id, int64_t photo_id);
int64_t InsertEventPhoto(Connection& c, int64_t event_id, const std::string& sha256,
                         const std::string& mime, int64_t size, int64_t user_id, int64_t now_ms);
/// Removes a photo; false when the event has no such photo.
bool DeleteEventPhoto(Connection& c, int64_t event_id, int64_t photo_id);
/// The event's photo count.
int64_t CountEventPhotos(Connection& c, int64_t event_id);

}  // namespace hejia::store
