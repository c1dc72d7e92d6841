// The delay formula of sign-in throttling (the store-backed counting is tested through
// AccountService in accounts_test.cc).
#include "service/signin_throttle.h"

#include <gtest/gtest.h>

namespace samizdat::service {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(ThrottleDelayTest, FreeFailuresThenDoublingUpToTheCap) {
  ThrottleSettings settings;  // 3 free, 1 s, capped at 15 minutes
  for (int n = 0; n < 3; ++n) EXPECT_EQ(ThrottleDelay(n, 3, settings), seconds(0)) << n;
  EXPECT_EQ(ThrottleDelay(3, 3, settings), seconds(1));
  EXPECT_EQ(ThrottleDelay(4, 3, settings), seconds(2));
  EXPECT_EQ(ThrottleDelay(5, 3, settings), seconds(4));
  EXPECT_EQ(ThrottleDelay(6, 3, settings), seconds(8));
  EXPECT_EQ(ThrottleDelay(12, 3, settings), seconds(512));
  EXPECT_EQ(ThrottleDelay(13, 3, settings), minutes(15));
  EXPECT_EQ(ThrottleDelay(1'000'000, 3, settings), minutes(15));
}

TEST(ThrottleDelayTest, FollowsTheSettings) {
  ThrottleSettings settings;
  settings.first_delay = seconds(5);
  settings.max_delay = seconds(30);
  EXPECT_EQ(ThrottleDelay(9, 10, settings), seconds(0));
  EXPECT_EQ(ThrottleDelay(10, 10, settings), seconds(5));
  EXPECT_EQ(ThrottleDelay(11, 10, settings), seconds(10));
  EXPECT_EQ(ThrottleDelay(12, 10, settings), seconds(20));
  EXPECT_EQ(ThrottleDelay(13, 10, settings), seconds(30));
  EXPECT_EQ(ThrottleDelay(0, 0, settings), seconds(5));
}

}  // namespace
}  // namespace samizdat::service
