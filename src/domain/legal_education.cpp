#include "domain/legal_education.hpp"

namespace hejia::domain {

std::string_view ToString(LegalContentKind k) {
  switch (k) {
    case LegalContentKind::kVideo:
      return "video";
    case LegalContentKind::kArticle:
      return "article";
    case LegalContentKind::kAudio:
      return "audio";
  }
  return "article";
}

std::string_view ToString(LegalTopic t) {
  switch (t) {
    case LegalTopic::kAntiDomesticViolence:
      return "anti_domestic_violence";
    case LegalTopic::kAntiFraud:
      return "anti_fraud";
    case LegalTopic::kWomensRights:
      return "womens_rights";
    case LegalTopic::kMinorsProtection:
      return "minors_protection";
    case LegalTopic::kMarriageFamily:
      return "marriage_family";
  }
  return "womens_rights";
}

std::string_view ToString(ContentStatus s) {
  switch (s) {
    case ContentStatus::kDraft:
      return "draft";
    case ContentStatus::kReview:
      return "review";
    case ContentStatus::kPublished:
      return "published";
    case ContentStatus::kWithdrawn:
      return "withdrawn";
  }
  return "draft";
}

std::string_view ToString(ContentAction a) {
  switch (a) {
    case ContentAction::kSubmit:
      return "submit";
    case ContentAction::kReturn:
      return "return";
    case ContentAction::kPublish:
      return "publish";
    case ContentAction::kWithdraw:
      return "withdraw";
  }
  return "submit";
}

std::optional<ContentStatus> ContentTransition(ContentStatus from, ContentAction action) {
  using S = ContentStatus;
  switch (action) {
    case ContentAction::kSubmit:
      if (from == S::kDraft || from == S::kWithdrawn) return S::kReview;
      return std::nullopt;
    case ContentAction::kReturn:
      if (from == S::kReview) return S::kDraft;
      return std::nullopt;
    case ContentAction::kPublish:
      if (from == S::kReview) return S::kPublished;
      return std::nullopt;
    case ContentAction::kWithdraw:
      if (from == S::kPublished) return S::kWithdrawn;
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<FieldProblem> PublishProblem(const LegalContent& c) {
  if (c.kind == LegalContentKind::kArticle) {
    if (c.body.empty()) return FieldProblem{"body", "文章还没有正文 / the article has no text"};
    return std::nullopt;
  }
  if (c.media_sha.empty())
    return FieldProblem{"media", c.kind == LegalContentKind::kVideo
                                     ? "请先上传视频文件 / upload the video first"
                                     : "请先上传音频文件 / upload the audio first"};
  return std::nullopt;
}

std::optional<FieldProblem> EditProblem(const LegalContent& c) {
  if (c.status == ContentStatus::kReview)
    return FieldProblem{"status",
                        "审核中的内容不能修改，请先退回 / in review: return it to draft first"};
  if (c.status == ContentStatus::kPublished)
    return FieldProblem{"status", "已发布的内容不能修改，请先撤回 / published: withdraw it first"};
  return std::nullopt;
}

std::optional<FieldProblem> MediaProblem(const LegalContent& c, std::string_view mime) {
  if (c.kind == LegalContentKind::kArticle)
    return FieldProblem{"kind", "文章不上传音视频 / an article takes no video or audio"};
  if (c.kind == LegalContentKind::kVideo && mime != "video/mp4" && mime != "video/webm")
    return FieldProblem{"content_type", "视频应为 MP4 或 WebM / a video must be MP4 or WebM"};
  if (c.kind == LegalContentKind::kAudio && mime != "audio/mpeg" && mime != "audio/mp4" &&
      mime != "audio/ogg")
    return FieldProblem{"content_type", "音频应为 MP3、M4A 或 Ogg / audio must be MP3, M4A or Ogg"};
  return std::nullopt;
}

std::string_view SniffMediaType(std::string_view b) {
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") return "video/mp4";
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("\x1A\x45\xDF\xA3", 4))
    return "video/webm";
  if (b.size() >= 4 && b.substr(0, 4) == "OggS") return "audio/ogg";
  if (b.size() >= 3 && b.substr(0, 3) == "ID3") return "audio/mpeg";
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFF &&
      (static_cast<unsigned char>(b[1]) & 0xE0) == 0xE0)
    return "audio/mpeg";  // an MPEG audio frame's sync word
  return "";
}

std::string_view ToString(LegalEventKind k) {
  switch (k) {
    case LegalEventKind::kSchoolLecture:
      return "school_lecture";
    case LegalEventKind::kLectureHall:
      return "lecture_hall";
    case LegalEventKind::kPerformance:
      return "performance";
    case LegalEventKind::kMediationTraining:
      return "mediation_training";
    case LegalEventKind::kOther:
      return "other";
  }
  return "other";
}

std::string_view ToString(AudienceType a) {
  switch (a) {
    case AudienceType::kStudents:
      return "students";
    case AudienceType::kParents:
      return "parents";
    case AudienceType::kWomen:
      return "women";
    case AudienceType::kVillagers:
      return "villagers";
    case AudienceType::kVolunteers:
      return "volunteers";
    case AudienceType::kPublic:
      return "public";
  }
  return "public";
}

bool MayFileUnder(std::string_view owner_path, std::string_view event_path) {
  return !owner_path.empty() && event_path.substr(0, owner_path.size()) == owner_path;
}

}  // namespace hejia::domain
