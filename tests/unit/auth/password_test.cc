// Tests for argon2id password hashes and random passwords.
#include "auth/password.h"

#include <gtest/gtest.h>

#include <set>

namespace samizdat::auth {
namespace {

TEST(Password, VerifiesTheRightPasswordOnly) {
  const auto hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", *hash));
  EXPECT_FALSE(VerifyPassword("Correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST(Password, SaltsEachHash) {
  const auto a = HashPassword("same password");
  const auto b = HashPassword("same password");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword("same password", *b));
}

TEST(Password, HandlesEmptyAndNonAsciiPasswords) {
  const auto empty = HashPassword("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(VerifyPassword("", *empty));
  EXPECT_FALSE(VerifyPassword(" ", *empty));
  const auto cyrillic = HashPassword("пароль");
  ASSERT_TRUE(cyrillic.ok());
  EXPECT_TRUE(VerifyPassword("пароль", *cyrillic));
  EXPECT_FALSE(VerifyPassword("парол", *cyrillic));
}

TEST(Password, RefusesMalformedHashes) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "x"));
  EXPECT_FALSE(VerifyPassword("x", "$argon2id$v=19$m=65536,t=2,p=1$garbage"));
}

TEST(RandomPassword, HasTheLengthAndAlphabetAndVaries) {
  EXPECT_EQ(RandomPassword(0), "");
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const std::string password = RandomPassword(16);
    ASSERT_EQ(password.size(), 16u);
    for (char c : password) {
      EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
          << password;
    }
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 20u);
}

}  // namespace
}  // namespace samizdat::auth
