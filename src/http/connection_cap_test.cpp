#include <gtest/gtest.h>

#include "http/server.hpp"

namespace hejia::http {
namespace {

TEST(ConnectionCap, StaysBelowTheDescriptorLimitWithAReserve) {
  EXPECT_EQ(ConnectionCap(10000, 256), 192u);  // 64 kept for the database, logs and files
  EXPECT_EQ(ConnectionCap(10000, 1024), 922u);
  EXPECT_EQ(ConnectionCap(10000, 1u << 20), 10000u);  // the configured cap, when it is lower
  EXPECT_EQ(ConnectionCap(10000, 20), 16u);           // never nothing at all
}

}  // namespace
}  // namespace hejia::http
