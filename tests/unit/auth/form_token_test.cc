// Tests for comment form tokens, random keys and keyed hashes.
#include "auth/form_token.h"

#include <gtest/gtest.h>

#include <cctype>
#include <limits>
#include <set>
#include <vector>

namespace samizdat::auth {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int64_t kPost = 8735024171871829;
const Time kShown = FromEpochMillis(1'700'000'000'123);
constexpr milliseconds kMinAge = seconds(3);
constexpr milliseconds kMaxAge = std::chrono::hours(24);

class FormTokenTest : public ::testing::Test {
 protected:
  FormTokenCheck Check(std::string_view token, Time now, int64_t post = kPost) const {
    return CheckFormToken(key_, token, post, now, kMinAge, kMaxAge);
  }
  std::string key_ = RandomSecretKey();
  std::string token_ = MakeFormToken(key_, kPost, kShown);
};

TEST(RandomSecretKey, HasTheKeySizeAndDiffersEachTime) {
  std::set<std::string> keys;
  for (int i = 0; i < 20; ++i) {
    const std::string key = RandomSecretKey();
    EXPECT_EQ(key.size(), kSecretKeyBytes);
    keys.insert(key);
  }
  EXPECT_EQ(keys.size(), 20u);
}

TEST_F(FormTokenTest, HasTheDocumentedShapeAndIsUrlSafe) {
  const std::string prefix =
      std::to_string(kPost) + "." + std::to_string(ToEpochMillis(kShown)) + ".";
  ASSERT_EQ(token_.substr(0, prefix.size()), prefix);
  const std::string mac = token_.substr(prefix.size());
  EXPECT_EQ(mac.size(), 43u);  // 32 bytes in unpadded base64
  for (char c : token_) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')
        << "character " << c << " needs escaping in a form field";
  }
}

TEST_F(FormTokenTest, IsDeterministicForTheSameInputs) {
  EXPECT_EQ(MakeFormToken(key_, kPost, kShown), token_);
  EXPECT_NE(MakeFormToken(key_, kPost, kShown + milliseconds(1)), token_);
  EXPECT_NE(MakeFormToken(RandomSecretKey(), kPost, kShown), token_);
}

TEST_F(FormTokenTest, AcceptsATokenBetweenMinAndMaxAge) {
  EXPECT_EQ(Check(token_, kShown + kMinAge), FormTokenCheck::kValid);
  EXPECT_EQ(Check(token_, kShown + minutes(5)), FormTokenCheck::kValid);
  EXPECT_EQ(Check(token_, kShown + kMaxAge), FormTokenCheck::kValid);
}

TEST_F(FormTokenTest, EmptyIsMissing) {
  EXPECT_EQ(Check("", kShown + minutes(1)), FormTokenCheck::kMissing);
}

TEST_F(FormTokenTest, RefusesATokenPostedTooSoon) {
  EXPECT_EQ(Check(token_, kShown), FormTokenCheck::kTooFresh);
  EXPECT_EQ(Check(token_, kShown + kMinAge - milliseconds(1)), FormTokenCheck::kTooFresh);
}

TEST_F(FormTokenTest, RefusesAnExpiredToken) {
  EXPECT_EQ(Check(token_, kShown + kMaxAge + milliseconds(1)), FormTokenCheck::kExpired);
  EXPECT_EQ(Check(token_, kShown + std::chrono::days(400)), FormTokenCheck::kExpired);
}

TEST_F(FormTokenTest, ToleratesAMinuteOfClockSkewButNoMore) {
  const std::string future = MakeFormToken(key_, kPost, kShown + seconds(30));
  // Counts as just shown: too fresh with a minimum age, valid without one.
  EXPECT_EQ(Check(future, kShown), FormTokenCheck::kTooFresh);
  EXPECT_EQ(CheckFormToken(key_, future, kPost, kShown, milliseconds(0), kMaxAge),
            FormTokenCheck::kValid);
  const std::string far_future = MakeFormToken(key_, kPost, kShown + minutes(1) + seconds(1));
  EXPECT_EQ(Check(far_future, kShown), FormTokenCheck::kExpired);
  EXPECT_EQ(CheckFormToken(key_, far_future, kPost, kShown, milliseconds(0), kMaxAge),
            FormTokenCheck::kExpired);
}

TEST_F(FormTokenTest, RefusesATokenForAnotherPost) {
  const Time now = kShown + minutes(1);
  EXPECT_EQ(Check(token_, now, kPost + 1), FormTokenCheck::kMalformed);
  // Rewriting the post id in the token breaks the MAC.
  std::string moved = token_;
  moved.replace(0, std::to_string(kPost).size(), std::to_string(kPost + 1));
  EXPECT_EQ(Check(moved, now, kPost + 1), FormTokenCheck::kMalformed);
}

TEST_F(FormTokenTest, RefusesATokenMadeWithAnotherKey) {
  const std::string forged = MakeFormToken(RandomSecretKey(), kPost, kShown);
  EXPECT_EQ(Check(forged, kShown + minutes(1)), FormTokenCheck::kMalformed);
}

TEST_F(FormTokenTest, RefusesEveryOneCharacterChange) {
  const Time now = kShown + minutes(1);
  for (std::size_t i = 0; i < token_.size(); ++i) {
    for (char c : {'0', '7', 'A', 'z', '-', '_', '.'}) {
      if (token_[i] == c) continue;
      std::string changed = token_;
      changed[i] = c;
      EXPECT_NE(Check(changed, now), FormTokenCheck::kValid) << changed;
    }
  }
}

TEST_F(FormTokenTest, RefusesAnIssueTimeMovedBack) {
  // The obvious forgery: make an old form look fresh, or a fresh one look old enough.
  const std::string issued = std::to_string(ToEpochMillis(kShown));
  const std::string older = std::to_string(ToEpochMillis(kShown) - 10'000);
  std::string changed = token_;
  changed.replace(changed.find(issued), issued.size(), older);
  EXPECT_EQ(Check(changed, kShown + seconds(1)), FormTokenCheck::kMalformed);
}

TEST_F(FormTokenTest, RefusesNonCanonicalNumbers) {
  std::string padded = token_;
  padded.insert(0, "0");
  EXPECT_EQ(Check(padded, kShown + minutes(1)), FormTokenCheck::kMalformed);
}

TEST_F(FormTokenTest, RefusesTruncatedTokens) {
  const Time now = kShown + minutes(1);
  for (std::size_t n = 1; n < token_.size(); ++n) {
    EXPECT_EQ(Check(token_.substr(0, n), now), FormTokenCheck::kMalformed) << n;
  }
}

TEST_F(FormTokenTest, RefusesGarbage) {
  const Time now = kShown + minutes(1);
  for (std::string_view garbage : {"x", ".", "..", "...", "1.2.3", "1.2.", ".1.2", "a.b.c",
                                   "1.2.3.4", "-.-.-", "\xff\xfe.\x00.x", " ", "%20", "null"}) {
    EXPECT_EQ(Check(garbage, now), FormTokenCheck::kMalformed) << garbage;
  }
  EXPECT_EQ(Check(token_ + ".", now), FormTokenCheck::kMalformed);
  EXPECT_EQ(Check(token_ + "A", now), FormTokenCheck::kMalformed);
  EXPECT_EQ(Check(token_ + "!", now), FormTokenCheck::kMalformed);
  EXPECT_EQ(Check(token_ + "=", now), FormTokenCheck::kMalformed);
  EXPECT_EQ(Check(token_ + " ", now), FormTokenCheck::kMalformed);
  EXPECT_EQ(Check(" " + token_, now), FormTokenCheck::kMalformed);
  EXPECT_EQ(Check(token_ + std::string(1000, 'A'), now), FormTokenCheck::kMalformed);
}

TEST_F(FormTokenTest, HandlesExtremeNumbersWithoutOverflow) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const int64_t min = std::numeric_limits<int64_t>::min();
  const std::string ancient = MakeFormToken(key_, min, FromEpochMillis(min));
  EXPECT_EQ(CheckFormToken(key_, ancient, min, FromEpochMillis(max), kMinAge, kMaxAge),
            FormTokenCheck::kExpired);
  const std::string distant = MakeFormToken(key_, max, FromEpochMillis(max));
  EXPECT_EQ(CheckFormToken(key_, distant, max, FromEpochMillis(min), kMinAge, kMaxAge),
            FormTokenCheck::kExpired);
}

TEST(FormTokenKeys, KeysOfAnyLengthWorkAndDifferFromEachOther) {
  // Shorter and longer keys are hashed to 32 bytes: each still signs and checks, and
  // none accepts another's tokens.
  const Time now = kShown + minutes(1);
  const std::vector<std::string> keys = {"",
                                         "k",
                                         "short key",
                                         std::string(31, 'k'),
                                         std::string(32, 'k'),
                                         std::string(33, 'k'),
                                         std::string(100, 'k')};
  for (const std::string& key : keys) {
    const std::string token = MakeFormToken(key, kPost, kShown);
    for (const std::string& other : keys) {
      EXPECT_EQ(
          CheckFormToken(other, token, kPost, now, kMinAge, kMaxAge) == FormTokenCheck::kValid,
          other == key)
          << key.size() << " vs " << other.size();
    }
  }
}

TEST(KeyedHash, IsThirtyTwoLowercaseHexDigits) {
  const std::string hash = KeyedHash(RandomSecretKey(), "203.0.113.7");
  ASSERT_EQ(hash.size(), 32u);
  for (char c : hash) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << hash;
}

TEST(KeyedHash, IsStableForOneKeyAndDependsOnKeyAndValue) {
  const std::string key = RandomSecretKey();
  EXPECT_EQ(KeyedHash(key, "203.0.113.7"), KeyedHash(key, "203.0.113.7"));
  EXPECT_NE(KeyedHash(key, "203.0.113.7"), KeyedHash(key, "203.0.113.8"));
  EXPECT_NE(KeyedHash(key, "203.0.113.7"), KeyedHash(RandomSecretKey(), "203.0.113.7"));
  EXPECT_NE(KeyedHash(key, ""), KeyedHash(key, std::string(1, '\0')));
}

TEST(KeyedHash, DoesNotContainTheValue) {
  const std::string hash = KeyedHash(RandomSecretKey(), "2001:db8::1");
  EXPECT_EQ(hash.find("2001"), std::string::npos);
  EXPECT_EQ(hash.find("db8"), std::string::npos);
}

TEST(KeyedHash, MatchesKnownAnswers) {
  // Keyed BLAKE2b-128, computed independently (Python's hashlib). Pins the algorithm so
  // that hashes stored by one version still compare equal after an upgrade; a key that
  // is not 32 bytes long is first hashed with BLAKE2b-256.
  EXPECT_EQ(KeyedHash(std::string(kSecretKeyBytes, '\0'), "abc"),
            "5f5b3b301f676e9f2ed8d0e8439807c7");
  EXPECT_EQ(KeyedHash("short", "203.0.113.7"), "464cc8f5b3e1020859cbb05a0a2baacc");
}

TEST(FormTokenKeys, MatchesAKnownAnswer) {
  // HMAC-SHA-512 truncated to 32 bytes, computed independently (Python's hmac): tokens
  // issued before an upgrade still check after it.
  std::string key;
  for (int i = 0; i < 32; ++i) key.push_back(static_cast<char>(i));
  EXPECT_EQ(MakeFormToken(key, 42, FromEpochMillis(1'700'000'000'123)),
            "42.1700000000123.0RqRc2fWXai3fkkaPY5f_KnObI366VsSvImUV4WiYGE");
}

TEST(ContentHash, IsBlake2bOfSixteenBytesInHex) {
  // The test vectors of Python's hashlib.blake2b(data, digest_size=16).
  EXPECT_EQ(ContentHash("hello"), "46fb7408d4f285228f4af516ea25851b");
  EXPECT_EQ(ContentHash(""), "cae66941d9efbd404e4d88758ea67670");
  EXPECT_NE(ContentHash(std::string("a\0b", 3)), ContentHash("a"));
}

}  // namespace
}  // namespace samizdat::auth
