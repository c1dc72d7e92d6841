// Tests for session tokens, their hashes and CSRF tokens.
#include "auth/session_token.h"

#include <gtest/gtest.h>

#include <set>

#include "auth/form_token.h"

namespace samizdat::auth {
namespace {

bool IsLowerHex(const std::string& s) {
  return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(SessionTokenTest, TokensAre64HexDigitsAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string token = NewSessionToken();
    EXPECT_EQ(token.size(), 64u);
    EXPECT_TRUE(IsLowerHex(token)) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(SessionTokenTest, HashIsStableHexAndNotTheToken) {
  std::string token = NewSessionToken();
  std::string hash = SessionTokenHash(token);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_TRUE(IsLowerHex(hash));
  EXPECT_NE(hash, token);
  EXPECT_EQ(SessionTokenHash(token), hash);
  EXPECT_NE(SessionTokenHash(NewSessionToken()), hash);
  // BLAKE2b-256 of "" (RFC 7693's parameters, 32-byte output).
  EXPECT_EQ(SessionTokenHash(""),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(SessionTokenTest, CsrfDependsOnKeyAndSession) {
  std::string key = RandomSecretKey();
  std::string hash = SessionTokenHash(NewSessionToken());
  std::string csrf = CsrfToken(key, hash);
  EXPECT_EQ(csrf.size(), 64u);
  EXPECT_TRUE(IsLowerHex(csrf));
  EXPECT_EQ(CsrfToken(key, hash), csrf);
  EXPECT_NE(CsrfToken(RandomSecretKey(), hash), csrf);
  EXPECT_NE(CsrfToken(key, SessionTokenHash(NewSessionToken())), csrf);
  EXPECT_NE(csrf, hash);
  // Keys of any length work and are not truncated.
  EXPECT_NE(CsrfToken("", hash), CsrfToken("k", hash));
  EXPECT_NE(CsrfToken(std::string(100, 'a'), hash), CsrfToken(std::string(99, 'a'), hash));
}

TEST(SessionTokenTest, TokensEqualComparesWholeStrings) {
  EXPECT_TRUE(TokensEqual("abc", "abc"));
  EXPECT_TRUE(TokensEqual("", ""));
  EXPECT_FALSE(TokensEqual("abc", "abd"));
  EXPECT_FALSE(TokensEqual("abc", "ab"));
  EXPECT_FALSE(TokensEqual("", "a"));
}

}  // namespace
}  // namespace samizdat::auth
