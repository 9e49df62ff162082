#include "domain/legal_education.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

TEST(LegalEducation, StatusesMoveOnlyAlongTheReview) {
  using S = ContentStatus;
  using A = ContentAction;
  EXPECT_EQ(ContentTransition(S::kDraft, A::kSubmit), S::kReview);
  EXPECT_EQ(ContentTransition(S::kReview, A::kPublish), S::kPublished);
  EXPECT_EQ(ContentTransition(S::kReview, A::kReturn), S::kDraft);
  EXPECT_EQ(ContentTransition(S::kPublished, A::kWithdraw), S::kWithdrawn);
  EXPECT_EQ(ContentTransition(S::kWithdrawn, A::kSubmit), S::kReview);
  // never published without review, never withdrawn unless published
  EXPECT_EQ(ContentTransition(S::kDraft, A::kPublish), std::nullopt);
  EXPECT_EQ(ContentTransition(S::kWithdrawn, A::kPublish), std::nullopt);
  EXPECT_EQ(ContentTransition(S::kDraft, A::kWithdraw), std::nullopt);
  EXPECT_EQ(ContentTransition(S::kPublished, A::kSubmit), std::nullopt);
  EXPECT_EQ(ContentTransition(S::kPublished, A::kReturn), std::nullopt);
}

TEST(LegalEducation, PublishingNeedsTheFileOrTheText) {
  LegalContent video;
  video.kind = LegalContentKind::kVideo;
  ASSERT_TRUE(PublishProblem(video));
  EXPECT_EQ(PublishProblem(video)->field, "media");
  video.media_sha = std::string(64, 'a');
  EXPECT_FALSE(PublishProblem(video));
  LegalContent article;
  article.kind = LegalContentKind::kArticle;
  EXPECT_EQ(PublishProblem(article)->field, "body");
  article.body = "反家庭暴力法第二十三条";
  EXPECT_FALSE(PublishProblem(article));
}

TEST(LegalEducation, OnlyDraftsAndWithdrawnItemsAreEdited) {
  LegalContent c;
  EXPECT_FALSE(EditProblem(c));
  c.status = ContentStatus::kReview;
  EXPECT_TRUE(EditProblem(c));
  c.status = ContentStatus::kPublished;
  EXPECT_TRUE(EditProblem(c));
  c.status = ContentStatus::kWithdrawn;
  EXPECT_FALSE(EditProblem(c));
}

TEST(LegalEducation, MediaMatchesTheKind) {
  LegalContent c;
  c.kind = LegalContentKind::kVideo;
  EXPECT_FALSE(MediaProblem(c, "video/mp4"));
  EXPECT_FALSE(MediaProblem(c, "video/webm"));
  EXPECT_TRUE(MediaProblem(c, "audio/mpeg"));
  c.kind = LegalContentKind::kAudio;
  EXPECT_FALSE(MediaProblem(c, "audio/mpeg"));
  EXPECT_TRUE(MediaProblem(c, "video/mp4"));
  c.kind = LegalContentKind::kArticle;
  EXPECT_EQ(MediaProblem(c, "video/mp4")->field, "kind");
}

TEST(LegalEducation, SniffsTheFirstBytes) {
  EXPECT_EQ(SniffMediaType(std::string("\0\0\0\x18"
                                       "ftypisom\0\0\0\0",
                                       16)),
            "video/mp4");
  EXPECT_EQ(SniffMediaType(std::string("\x1A\x45\xDF\xA3\x01", 5)), "video/webm");
  EXPECT_EQ(SniffMediaType("ID3\x04rest"), "audio/mpeg");
  EXPECT_EQ(SniffMediaType(std::string_view("OggS\0", 5)), "audio/ogg");
  EXPECT_EQ(SniffMediaType("<html>"), "");
  EXPECT_EQ(SniffMediaType(""), "");
}

TEST(LegalEducation, EventsFileUnderCampaignsAboveThem) {
  EXPECT_TRUE(MayFileUnder("/c/", "/c/t1/"));
  EXPECT_TRUE(MayFileUnder("/c/t1/", "/c/t1/v2/"));
  EXPECT_TRUE(MayFileUnder("/c/t1/", "/c/t1/"));
  EXPECT_FALSE(MayFileUnder("/c/t1/", "/c/t2/"));
  EXPECT_FALSE(MayFileUnder("/c/t1/v2/", "/c/t1/"));
  EXPECT_FALSE(MayFileUnder("", "/c/"));
}

}  // namespace
}  // namespace hejia::domain
