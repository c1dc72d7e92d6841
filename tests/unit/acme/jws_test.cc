// EcKey, SignJws and KeyAuthorization against RFC 7515, 7518, 7638 and 8555: the
// signature verifies with OpenSSL under the key the JWK describes.
#include "acme/jws.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <boost/json.hpp>

#include "acme/ec_key.h"
#include "openssl_test_util.h"

namespace samizdat::acme {
namespace {

namespace json = boost::json;

json::object Decode(std::string_view base64url) {
  return json::parse(FromBase64Url(base64url)).as_object();
}

// Whether `rs` (R || S) is an ES256 signature of `data` by `key`.
bool Verifies(EVP_PKEY* key, const std::string& data, const std::string& rs) {
  if (rs.size() != 64) return false;
  auto* bytes = reinterpret_cast<const unsigned char*>(rs.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  ECDSA_SIG_set0(sig.get(), BN_bin2bn(bytes, 32, nullptr), BN_bin2bn(bytes + 32, 32, nullptr));
  unsigned char* der = nullptr;
  int der_size = i2d_ECDSA_SIG(sig.get(), &der);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  bool ok = EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx.get(), der, der_size,
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  OPENSSL_free(der);
  return ok;
}

TEST(EcKeyTest, JwkHasTheMembersOfRfc7638InOrderAndDescribesTheKey) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  const std::string& jwk = key->Jwk();
  EXPECT_TRUE(jwk.starts_with(R"({"crv":"P-256","kty":"EC","x":")")) << jwk;
  EXPECT_EQ(jwk.find(' '), std::string::npos);
  json::object parsed = json::parse(jwk).as_object();
  EXPECT_EQ(parsed.size(), 4u);
  std::string x = FromBase64Url(parsed["x"].as_string());
  std::string y = FromBase64Url(parsed["y"].as_string());
  ASSERT_EQ(x.size(), 32u);
  ASSERT_EQ(y.size(), 32u);
  auto described = PublicKeyFromXY(x, y);
  ASSERT_NE(described, nullptr);
  EXPECT_EQ(EVP_PKEY_eq(described.get(), key->get()), 1);
}

TEST(EcKeyTest, ThumbprintIsBase64UrlOfSha256OfTheJwk) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok());
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key->Jwk().data()), key->Jwk().size(), digest);
  EXPECT_EQ(FromBase64Url(key->Thumbprint()),
            std::string(reinterpret_cast<const char*>(digest), sizeof digest));
  EXPECT_EQ(key->Thumbprint().size(), 43u);  // 32 bytes, no padding
}

TEST(EcKeyTest, PemRoundTripKeepsTheKey) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok());
  auto pem = key->ToPem();
  ASSERT_TRUE(pem.ok());
  EXPECT_TRUE(pem->starts_with("-----BEGIN PRIVATE KEY-----"));
  auto again = EcKey::FromPem(*pem);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->Jwk(), key->Jwk());
}

TEST(EcKeyTest, RefusesWhatIsNotAP256PrivateKey) {
  auto garbage = EcKey::FromPem("not a key");
  EXPECT_TRUE(garbage.status().IsInvalidArgument());
  EXPECT_EQ(garbage.status().message(), "not a PEM private key");

  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> p384(EVP_EC_gen("P-384"), EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), p384.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  auto other_curve = EcKey::FromPem(std::string_view(data, static_cast<size_t>(size)));
  EXPECT_TRUE(other_curve.status().IsInvalidArgument());
  EXPECT_EQ(other_curve.status().message(), "not an ECDSA P-256 key");
}

TEST(JwsTest, NewAccountRequestCarriesTheJwkAndVerifies) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok());
  auto jws = SignJws(*key, "", "nonce-1", "https://ca.test/new-acct", R"({"a":1})");
  ASSERT_TRUE(jws.ok());
  json::object body = json::parse(*jws).as_object();
  ASSERT_EQ(body.size(), 3u);
  std::string protected64(body["protected"].as_string());
  std::string payload64(body["payload"].as_string());
  json::object header = Decode(protected64);
  EXPECT_EQ(header["alg"], "ES256");
  EXPECT_EQ(header["nonce"], "nonce-1");
  EXPECT_EQ(header["url"], "https://ca.test/new-acct");
  EXPECT_EQ(json::serialize(header["jwk"]), key->Jwk());
  EXPECT_FALSE(header.contains("kid"));  // RFC 8555 §6.2: one or the other
  EXPECT_EQ(FromBase64Url(payload64), R"({"a":1})");
  EXPECT_TRUE(Verifies(key->get(), protected64 + "." + payload64,
                       FromBase64Url(body["signature"].as_string())));
}

TEST(JwsTest, LaterRequestsCarryTheKidAndPostAsGetHasAnEmptyPayload) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok());
  auto jws = SignJws(*key, "https://ca.test/acct/7", "n2", "https://ca.test/order/1", "");
  ASSERT_TRUE(jws.ok());
  json::object body = json::parse(*jws).as_object();
  json::object header = Decode(body["protected"].as_string());
  EXPECT_EQ(header["kid"], "https://ca.test/acct/7");
  EXPECT_FALSE(header.contains("jwk"));
  EXPECT_EQ(body["payload"], "");  // RFC 8555 §6.3
  std::string signed_text = std::string(body["protected"].as_string()) + ".";
  EXPECT_TRUE(Verifies(key->get(), signed_text, FromBase64Url(body["signature"].as_string())));
  // A different text does not verify: the check can fail.
  EXPECT_FALSE(
      Verifies(key->get(), signed_text + "x", FromBase64Url(body["signature"].as_string())));
}

TEST(JwsTest, KeyAuthorizationIsTokenDotThumbprint) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(KeyAuthorization("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA", *key),
            "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA." + key->Thumbprint());
}

TEST(Base64UrlTest, UsesTheUrlAlphabetWithoutPadding) {
  EXPECT_EQ(Base64Url(""), "");
  EXPECT_EQ(Base64Url("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64Url("f"), "Zg");
}

}  // namespace
}  // namespace samizdat::acme
