// Legal education (普法, issue 13, point 3): the content the federation produces — videos against
// domestic violence and fraud, articles, audio — reviewed before the portal shows it; the events
// it holds — school lectures, lecture halls, performances, the volunteers' mediation trainings —
// under campaigns with targets (守护花开 与法"童"行: 100 school lectures) and under one brand per
// town (一镇一品). Plain values and the rules over them: no I/O.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/person.hpp"
#include "domain/record.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

enum class LegalContentKind { kVideo, kArticle, kAudio };
inline constexpr std::array kLegalContentKinds{LegalContentKind::kVideo, LegalContentKind::kArticle,
                                               LegalContentKind::kAudio};
std::string_view ToString(LegalContentKind k);

enum class LegalTopic {
  kAntiDomesticViolence,
  kAntiFraud,
  kWomensRights,
  kMinorsProtection,
  kMarriageFamily
};
inline constexpr std::array kLegalTopics{LegalTopic::kAntiDomesticViolence, LegalTopic::kAntiFraud,
                                         LegalTopic::kWomensRights, LegalTopic::kMinorsProtection,
                                         LegalTopic::kMarriageFamily};
std::string_view ToString(LegalTopic t);

/// draft → review → published → withdrawn; review may go back to draft, withdrawn to review.
enum class ContentStatus { kDraft, kReview, kPublished, kWithdrawn };
inline constexpr std::array kContentStatuses{ContentStatus::kDraft, ContentStatus::kReview,
                                             ContentStatus::kPublished, ContentStatus::kWithdrawn};
std::string_view ToString(ContentStatus s);

/// What a worker does to a content item's status.
enum class ContentAction { kSubmit, kReturn, kPublish, kWithdraw };
std::string_view ToString(ContentAction a);

/// The status `action` leads to from `from`, or nullopt when it may not be taken there.
std::optional<ContentStatus> ContentTransition(ContentStatus from, ContentAction action);

/// Who may be placed at which level: the city, a town or a village federation.
inline constexpr std::array kLegalLevels{RegionLevel::kCity, RegionLevel::kTown,
                                         RegionLevel::kVillage};
inline constexpr std::array kCampaignLevels{RegionLevel::kCity, RegionLevel::kTown};
inline constexpr std::array kBrandLevels{RegionLevel::kTown};

inline constexpr std::size_t kLegalTitleMax = 80, kProducerMax = 80, kLegalSummaryMax = 300,
                             kArticleBodyMax = 20000, kReviewNoteMax = 200, kShaMax = 64,
                             kMimeMax = 40, kCampaignNameMax = 60, kBrandNameMax = 40,
                             kLegalVenueMax = 100, kLegalSpeakersMax = 200, kEventSummaryMax = 500;
inline constexpr int64_t kMediaDurationMax = 36000, kAudienceMax = 100000,
                         kCampaignTargetMax = 10000;
/// The largest video or audio file, and the largest poster or event photo, in bytes.
inline constexpr std::size_t kMediaBytesMax = 100u << 20, kImageBytesMax = 5u << 20;

struct LegalContent {
  Meta meta;
  std::string title;
  LegalContentKind kind = LegalContentKind::kVideo;
  LegalTopic topic = LegalTopic::kAntiDomesticViolence;
  std::string producer;
  Placement region;
  std::string summary;
  std::string body;  ///< an article's text
  int64_t duration_seconds = 0;
  ContentStatus status = ContentStatus::kDraft;  ///< set by the status routes only
  int64_t submitted_by = 0, reviewed_by = 0;
  int64_t published_at = 0;
  std::string review_note;
  std::string media_sha, media_mime;  ///< the uploaded video or audio (store/media_store.hpp)
  int64_t media_size = 0;
  std::string poster_sha, poster_mime;  ///< the poster frame
};

/// Why `c` may not be published: a video or audio without its file, an article without its
/// text. nullopt when it may.
std::optional<FieldProblem> PublishProblem(const LegalContent& c);
/// Why `c` may not be changed in its status (in review or published: return or withdraw first).
std::optional<FieldProblem> EditProblem(const LegalContent& c);
/// Why a file of `mime` is not the media of `c` (an article has none; a video takes video/mp4 or
/// video/webm, audio audio/mpeg, audio/mp4 or audio/ogg).
std::optional<FieldProblem> MediaProblem(const LegalContent& c, std::string_view mime);
/// The media type the first bytes of `content` show (MP4 ftyp → video/mp4, WebM, MP3, Ogg), or
/// "". An MP4 is reported as video/mp4; for an audio item the caller accepts audio/mp4 for it.
std::string_view SniffMediaType(std::string_view content);

enum class LegalEventKind {
  kSchoolLecture,
  kLectureHall,
  kPerformance,
  kMediationTraining,
  kOther
};
inline constexpr std::array kLegalEventKinds{
    LegalEventKind::kSchoolLecture, LegalEventKind::kLectureHall, LegalEventKind::kPerformance,
    LegalEventKind::kMediationTraining, LegalEventKind::kOther};
std::string_view ToString(LegalEventKind k);

enum class AudienceType { kStudents, kParents, kWomen, kVillagers, kVolunteers, kPublic };
inline constexpr std::array kAudienceTypes{AudienceType::kStudents,   AudienceType::kParents,
                                           AudienceType::kWomen,      AudienceType::kVillagers,
                                           AudienceType::kVolunteers, AudienceType::kPublic};
std::string_view ToString(AudienceType a);

/// A campaign (法治新征程 平安进万家; 守护花开 与法"童"行) of a year, with its target of school
/// lectures; `lectures_held` counts the school lectures linked to it (kept by the events' writes).
struct LegalCampaign {
  Meta meta;
  std::string name;
  int64_t year = 0;
  Placement region;
  int64_t target_school_lectures = 0;
  int64_t lectures_held = 0;
  std::string description;
};

/// A town's legal-education brand (一镇一品): one per town.
struct LegalBrand {
  Meta meta;
  std::string name;
  Placement region;
  std::string description;
};

struct LegalEvent {
  Meta meta;
  std::string title;
  LegalEventKind kind = LegalEventKind::kSchoolLecture;
  int64_t campaign_id = 0;  ///< 0: none
  int64_t brand_id = 0;     ///< 0: none
  int64_t held_at = 0;
  Placement region;
  std::string venue;
  AudienceType audience = AudienceType::kStudents;
  int64_t audience_count = 0;
  std::string speakers;
  std::string summary;
  int64_t photo_count = 0;  ///< kept by the photo routes
};

/// Whether an event at `event_path` may be filed under a campaign or brand at `owner_path`: the
/// owner's region holds the event's (a town's lecture under the city's campaign, a village's
/// under its town's brand).
bool MayFileUnder(std::string_view owner_path, std::string_view event_path);

}  // namespace hejia::domain
