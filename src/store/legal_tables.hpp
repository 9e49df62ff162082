// Where legal education is stored (migration 24, migrations_cloud.cpp): one declaration each for
// the record kit — content items, campaigns, brands and events. What the kit never takes from a
// body is read-only here: a content item's status, reviewers and media (its status and media
// routes set them), a campaign's count of lectures held and an event's count of photos (kept by
// store/legal_repo.hpp).
#pragma once
#include "domain/legal_education.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

inline constexpr std::string_view kUserPathSql =
    "SELECT r.path FROM users u JOIN regions r ON r.code = u.region_code WHERE u.id = ?";

template <>
struct Table<domain::LegalContent> {
  using T = domain::LegalContent;
  static constexpr std::string_view kName = "legal_contents";
  /// A list's `from` and `to` bound the publication (whole Beijing days).
  static constexpr std::string_view kPeriodField = "published_at";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"title", &T::title, domain::kLegalTitleMax, true, Filter::kContains},
      EnumField<T, domain::LegalContentKind>{"kind", &T::kind, domain::kLegalContentKinds},
      EnumField<T, domain::LegalTopic>{"topic", &T::topic, domain::kLegalTopics},
      TextField<T>{"producer", &T::producer, domain::kProducerMax, false, Filter::kContains},
      RegionField<T>{"region_code", &T::region, domain::kLegalLevels},
      TextField<T>{"summary", &T::summary, domain::kLegalSummaryMax},
      TextField<T>{"body", &T::body, domain::kArticleBodyMax, false, Filter::kNone, false, true},
      IntField<T>{"duration_seconds", &T::duration_seconds, 0, domain::kMediaDurationMax},
      EnumField<T, domain::ContentStatus>{"status", &T::status, domain::kContentStatuses,
                                          Filter::kEquals, true},
      RefField<T>{"submitted_by", &T::submitted_by, kUserPathSql, false, Filter::kNone, true},
      RefField<T>{"reviewed_by", &T::reviewed_by, kUserPathSql, false, Filter::kNone, true},
      TimeField<T>{"published_at", &T::published_at, false, true},
      TextField<T>{"review_note", &T::review_note, domain::kReviewNoteMax, false, Filter::kNone,
                   true},
      TextField<T>{"media_sha", &T::media_sha, domain::kShaMax, false, Filter::kNone, true},
      TextField<T>{"media_mime", &T::media_mime, domain::kMimeMax, false, Filter::kNone, true},
      IntField<T>{"media_size", &T::media_size, 0, INT64_MAX, false, Filter::kNone, true},
      TextField<T>{"poster_sha", &T::poster_sha, domain::kShaMax, false, Filter::kNone, true},
      TextField<T>{"poster_mime", &T::poster_mime, domain::kMimeMax, false, Filter::kNone, true},
  };
};

template <>
struct Table<domain::LegalCampaign> {
  using T = domain::LegalCampaign;
  static constexpr std::string_view kName = "legal_campaigns";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"name", &T::name, domain::kCampaignNameMax, true, Filter::kContains},
      IntField<T>{"year", &T::year, 2000, 2100, true, Filter::kEquals},
      RegionField<T>{"region_code", &T::region, domain::kCampaignLevels},
      IntField<T>{"target_school_lectures", &T::target_school_lectures, 0,
                  domain::kCampaignTargetMax},
      IntField<T>{"lectures_held", &T::lectures_held, 0, INT64_MAX, false, Filter::kNone, true},
      TextField<T>{"description", &T::description, domain::kLegalSummaryMax},
  };
};

template <>
struct Table<domain::LegalBrand> {
  using T = domain::LegalBrand;
  static constexpr std::string_view kName = "legal_brands";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"name", &T::name, domain::kBrandNameMax, true, Filter::kContains},
      RegionField<T>{"region_code", &T::region, domain::kBrandLevels},
      TextField<T>{"description", &T::description, domain::kLegalSummaryMax},
  };
};

template <>
struct Table<domain::LegalEvent> {
  using T = domain::LegalEvent;
  static constexpr std::string_view kName = "legal_events";
  static constexpr std::string_view kPeriodField = "held_at";
  static constexpr auto kFields = std::tuple{
      TextField<T>{"title", &T::title, domain::kLegalTitleMax, true, Filter::kContains},
      EnumField<T, domain::LegalEventKind>{"kind", &T::kind, domain::kLegalEventKinds},
      IntField<T>{"campaign_id", &T::campaign_id, 0, INT64_MAX, false, Filter::kEquals},
      IntField<T>{"brand_id", &T::brand_id, 0, INT64_MAX, false, Filter::kEquals},
      TimeField<T>{"held_at", &T::held_at, true},
      RegionField<T>{"region_code", &T::region, domain::kLegalLevels},
      TextField<T>{"venue", &T::venue, domain::kLegalVenueMax},
      EnumField<T, domain::AudienceType>{"audience", &T::audience, domain::kAudienceTypes},
      IntField<T>{"audience_count", &T::audience_count, 0, domain::kAudienceMax},
      TextField<T>{"speakers", &T::speakers, domain::kLegalSpeakersMax, false, Filter::kContains},
      TextField<T>{"summary", &T::summary, domain::kEventSummaryMax, false, Filter::kNone, false,
                   true},
      IntField<T>{"photo_count", &T::photo_count, 0, INT64_MAX, false, Filter::kNone, true},
  };
};

}  // namespace hejia::store::kit
