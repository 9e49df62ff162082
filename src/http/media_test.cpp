#include "http/media.hpp"

#include <gtest/gtest.h>

namespace hejia::http {
namespace {

using K = ByteRange::Kind;

TEST(ByteRange, NoOrMalformedRangeIsTheWholeFile) {
  EXPECT_EQ(ParseByteRange("", 100, 10).kind, K::kWhole);
  EXPECT_EQ(ParseByteRange("items=0-5", 100, 10).kind, K::kWhole);
  EXPECT_EQ(ParseByteRange("bytes=abc", 100, 10).kind, K::kWhole);
  EXPECT_EQ(ParseByteRange("bytes=5-2", 100, 10).kind, K::kWhole);
  EXPECT_EQ(ParseByteRange("bytes=0-1,5-6", 100, 10).kind, K::kWhole);
  EXPECT_EQ(ParseByteRange("bytes=-", 100, 10).kind, K::kWhole);
  EXPECT_EQ(ParseByteRange("bytes=0-5", 0, 10).kind, K::kWhole);
}

TEST(ByteRange, ClosedOpenAndSuffixRanges) {
  auto r = ParseByteRange("bytes=10-19", 100, 50);
  EXPECT_EQ(r.kind, K::kPartial);
  EXPECT_EQ(r.first, 10u);
  EXPECT_EQ(r.last, 19u);
  r = ParseByteRange("bytes=90-200", 100, 50);  // clipped to the file
  EXPECT_EQ(r.last, 99u);
  r = ParseByteRange("bytes=0-", 100, 30);  // open: one chunk
  EXPECT_EQ(r.first, 0u);
  EXPECT_EQ(r.last, 29u);
  r = ParseByteRange("bytes=80-", 100, 30);
  EXPECT_EQ(r.last, 99u);
  r = ParseByteRange("bytes=-10", 100, 30);
  EXPECT_EQ(r.first, 90u);
  EXPECT_EQ(r.last, 99u);
  r = ParseByteRange("bytes=-500", 100, 1000);
  EXPECT_EQ(r.first, 0u);
  r = ParseByteRange("bytes=0-99", 100, 30);  // never more than a chunk
  EXPECT_EQ(r.Length(), 30u);
}

TEST(ByteRange, PastTheEndIsUnsatisfiable) {
  EXPECT_EQ(ParseByteRange("bytes=100-", 100, 10).kind, K::kUnsatisfiable);
  EXPECT_EQ(ParseByteRange("bytes=-0", 100, 10).kind, K::kUnsatisfiable);
  const auto res = ByteRangeResponse({K::kUnsatisfiable}, 100, "video/mp4", "", "abc", "no-store");
  EXPECT_EQ(res.result_int(), 416);
  EXPECT_EQ(res[bhttp::field::content_range], "bytes */100");
}

TEST(ByteRange, ThePartialAnswer) {
  const auto res = ByteRangeResponse(ParseByteRange("bytes=2-4", 10, 100), 10, "video/mp4", "cde",
                                     "abc", "public, max-age=86400");
  EXPECT_EQ(res.result_int(), 206);
  EXPECT_EQ(res[bhttp::field::content_range], "bytes 2-4/10");
  EXPECT_EQ(res[bhttp::field::accept_ranges], "bytes");
  EXPECT_EQ(res[bhttp::field::etag], "\"abc\"");
  EXPECT_EQ(res.body(), "cde");
}

}  // namespace
}  // namespace hejia::http
