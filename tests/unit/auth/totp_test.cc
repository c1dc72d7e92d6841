// Tests for TOTP codes against RFC 6238's test vectors, the ±1 step window and the key URI.
#include "auth/totp.h"

#include <gtest/gtest.h>

#include <set>

namespace samizdat::auth {
namespace {

using std::chrono::seconds;

// RFC 6238 Appendix B's SHA-1 secret: the ASCII digits "1234567890" twice (20 bytes).
const std::string kRfcSecret = "12345678901234567890";

Time At(int64_t unix_seconds) { return FromEpochMillis(unix_seconds * 1000); }

// Appendix B's SHA-1 rows. The RFC prints 8 digits; a 6-digit code is the same truncated
// number modulo 10^6 (RFC 4226 5.3), so its last 6 digits are the code apps show.
struct Vector {
  int64_t time;
  const char* eight_digits;
};
constexpr Vector kVectors[] = {
    {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
    {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
};

TEST(TotpTest, CodesAreRfc6238AppendixBVectors) {
  for (const Vector& v : kVectors) {
    const std::string code = std::string(v.eight_digits).substr(2);
    EXPECT_EQ(TotpCode(kRfcSecret, At(v.time)), code) << "T = " << v.time;
    EXPECT_EQ(MatchTotp(kRfcSecret, code, At(v.time)), v.time / 30) << "T = " << v.time;
  }
}

TEST(TotpTest, AcceptsTheStepBeforeAndAfterButNoFurther) {
  const Time now = At(1111111111);  // step 37037037
  const int64_t step = TotpStep(now);
  EXPECT_EQ(step, 37037037);
  for (int64_t offset = -1; offset <= 1; ++offset) {
    const std::string code = TotpCode(kRfcSecret, now + seconds(30 * offset));
    EXPECT_EQ(MatchTotp(kRfcSecret, code, now), step + offset) << offset;
  }
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - seconds(60)), now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + seconds(60)), now), std::nullopt);
}

TEST(TotpTest, RefusesWhatIsNotSixDigits) {
  const Time now = At(59);
  EXPECT_EQ(MatchTotp(kRfcSecret, "287 082", now), 1);              // as an app shows it
  EXPECT_EQ(MatchTotp(kRfcSecret, "94287082", now), std::nullopt);  // 8 digits: not ours
  EXPECT_EQ(MatchTotp(kRfcSecret, "", now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, "28708", now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, "28708x", now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, "-28708", now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, "287083", now), std::nullopt);
  EXPECT_EQ(MatchTotp("another secret, twenty", "287082", now), std::nullopt);
}

TEST(TotpTest, SecretsAreRandomAndBase32Unpadded) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) seen.insert(NewTotpSecret());
  EXPECT_EQ(seen.size(), 20u);
  EXPECT_EQ(seen.begin()->size(), kTotpSecretBytes);
  EXPECT_EQ(TotpBase32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");  // RFC 4648 alphabet
  EXPECT_EQ(TotpBase32("f"), "MY");
}

TEST(TotpTest, UriIsTheKeyUriFormatEscaped) {
  EXPECT_EQ(TotpUri("blog.example.com", "ann@example.com", kRfcSecret),
            "otpauth://totp/blog.example.com:ann@example.com?"
            "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=blog.example.com");
  EXPECT_EQ(TotpUri("My Blog", "a b&c@example.com", kRfcSecret),
            "otpauth://totp/My%20Blog:a%20b&c@example.com?"
            "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=My%20Blog");
}

}  // namespace
}  // namespace samizdat::auth
