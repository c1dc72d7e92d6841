// Tests for sealed secrets: a round trip, a key per purpose, tampering found.
#include "auth/secret_box.h"

#include <gtest/gtest.h>

#include "auth/form_token.h"

namespace samizdat::auth {
namespace {

TEST(SecretBoxTest, UnsealsWhatItSealedUnderTheSameKey) {
  const std::string key = *DeriveSealKey(RandomSecretKey(), "totp-key");
  const std::string sealed = Seal(key, "twenty secret bytes!");
  EXPECT_EQ(sealed.find("twenty secret bytes!"), std::string::npos);
  EXPECT_NE(Seal(key, "twenty secret bytes!"), sealed);  // a fresh nonce each time
  EXPECT_EQ(*Unseal(key, sealed), "twenty secret bytes!");
}

TEST(SecretBoxTest, KeysDifferByInstanceAndPurposeAndAreStable) {
  const std::string instance = RandomSecretKey();
  EXPECT_EQ(*DeriveSealKey(instance, "totp-key"), *DeriveSealKey(instance, "totp-key"));
  EXPECT_NE(*DeriveSealKey(instance, "totp-key"), *DeriveSealKey(instance, "otherkey"));
  EXPECT_NE(*DeriveSealKey(instance, "totp-key"), *DeriveSealKey(RandomSecretKey(), "totp-key"));
  EXPECT_TRUE(DeriveSealKey("short", "totp-key").status().IsInvalidArgument());
  EXPECT_TRUE(DeriveSealKey(instance, "totp").status().IsInvalidArgument());
}

TEST(SecretBoxTest, RefusesAnotherKeyOrAlteredBytes) {
  const std::string key = *DeriveSealKey(RandomSecretKey(), "totp-key");
  std::string sealed = Seal(key, "secret");
  EXPECT_FALSE(Unseal(*DeriveSealKey(RandomSecretKey(), "totp-key"), sealed).ok());
  EXPECT_FALSE(Unseal(key, sealed.substr(0, 10)).ok());
  sealed.back() ^= 1;
  EXPECT_FALSE(Unseal(key, sealed).ok());
}

}  // namespace
}  // namespace samizdat::auth
