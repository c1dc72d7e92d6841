// Tests for device tokens: made for one account under one key, checked without state.
#include "auth/device_token.h"

#include <gtest/gtest.h>

#include "auth/form_token.h"

namespace samizdat::auth {
namespace {

TEST(DeviceTokenTest, ATokenChecksForItsAccountAndNamesItsNonce) {
  const std::string key = RandomSecretKey();
  const std::string token = MakeDeviceToken(key, "ann@example.com");
  auto nonce = CheckDeviceToken(key, "ann@example.com", token);
  ASSERT_TRUE(nonce.has_value()) << token;
  EXPECT_EQ(nonce->size(), 64u);
  EXPECT_TRUE(token.starts_with(*nonce + "."));
  // Each sign-in gets its own device.
  EXPECT_NE(CheckDeviceToken(key, "ann@example.com", MakeDeviceToken(key, "ann@example.com")),
            nonce);
}

TEST(DeviceTokenTest, RefusesOtherAccountsKeysAndForgeries) {
  const std::string key = RandomSecretKey();
  const std::string token = MakeDeviceToken(key, "ann@example.com");
  EXPECT_FALSE(CheckDeviceToken(key, "bob@example.com", token));
  EXPECT_FALSE(CheckDeviceToken(RandomSecretKey(), "ann@example.com", token));
  std::string tampered = token;
  tampered[3] = tampered[3] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(CheckDeviceToken(key, "ann@example.com", tampered));
  tampered = token;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(CheckDeviceToken(key, "ann@example.com", tampered));
  for (const char* junk : {"", ".", "abc", "abc.def"}) {
    EXPECT_FALSE(CheckDeviceToken(key, "ann@example.com", junk)) << junk;
  }
  EXPECT_FALSE(CheckDeviceToken(key, "ann@example.com", token.substr(0, 64)));
  EXPECT_FALSE(CheckDeviceToken(key, "ann@example.com", token + "0"));
}

}  // namespace
}  // namespace samizdat::auth
