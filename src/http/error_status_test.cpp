#include "http/error_status.hpp"

#include <gtest/gtest.h>

namespace hejia::http {
namespace {

TEST(ErrorStatus, EveryKindHasItsOwnStatus) {
  EXPECT_EQ(HttpStatus(ErrorKind::kBadRequest), 400u);
  EXPECT_EQ(HttpStatus(ErrorKind::kUnauthenticated), 401u);
  EXPECT_EQ(HttpStatus(ErrorKind::kForbidden), 403u);
  EXPECT_EQ(HttpStatus(ErrorKind::kNotFound), 404u);
  EXPECT_EQ(HttpStatus(ErrorKind::kConflict), 409u);
  EXPECT_EQ(HttpStatus(ErrorKind::kTooLarge), 413u);
  EXPECT_EQ(HttpStatus(ErrorKind::kUnprocessable), 422u);
  EXPECT_EQ(HttpStatus(ErrorKind::kLocked), 423u);
  EXPECT_EQ(HttpStatus(ErrorKind::kTooManyRequests), 429u);
  EXPECT_EQ(HttpStatus(ErrorKind::kUnavailable), 503u);
}

TEST(ErrorStatus, InvalidFieldIsABadRequest) {
  const auto e = Invalid("name", "必填 / required");
  EXPECT_EQ(HttpStatus(e.kind()), 400u);
  EXPECT_EQ(e.code(), "validation_failed");
  EXPECT_EQ(e.field(), "name");
}

}  // namespace
}  // namespace hejia::http
