// MakeCsr, MakeAlpnChallengeCertificate and LeafNotAfter, read back with OpenSSL: the
// CSR of RFC 8555 §7.4 and the challenge certificate of RFC 8737 §3.
#include "acme/certificates.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace samizdat::acme {
namespace {

std::vector<std::string> DnsNames(const STACK_OF(GENERAL_NAME) * names) {
  std::vector<std::string> hosts;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type != GEN_DNS) {
      hosts.push_back("(not DNS)");
      continue;
    }
    hosts.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.dNSName)),
                       ASN1_STRING_length(name->d.dNSName));
  }
  return hosts;
}

std::unique_ptr<X509, decltype(&X509_free)> ReadCertificate(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), pem.size()), BIO_free);
  return {PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free};
}

TEST(CsrTest, NamesEveryHostAndIsSignedByTheKey) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok());
  auto der = MakeCsr(*key, {"blog.example", "www.blog.example"});
  ASSERT_TRUE(der.ok()) << der.status().ToString();
  const auto* p = reinterpret_cast<const unsigned char*>(der->data());
  std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> request(
      d2i_X509_REQ(nullptr, &p, static_cast<long>(der->size())), X509_REQ_free);
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(X509_REQ_verify(request.get(), key->get()), 1);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> public_key(X509_REQ_get_pubkey(request.get()),
                                                                 EVP_PKEY_free);
  EXPECT_EQ(EVP_PKEY_eq(public_key.get(), key->get()), 1);

  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(request.get());
  ASSERT_NE(extensions, nullptr);
  auto* names = static_cast<GENERAL_NAMES*>(
      X509V3_get_d2i(extensions, NID_subject_alt_name, nullptr, nullptr));
  ASSERT_NE(names, nullptr);
  EXPECT_EQ(DnsNames(names), (std::vector<std::string>{"blog.example", "www.blog.example"}));
  GENERAL_NAMES_free(names);
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);

  char cn[128] = {};
  X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(request.get()), NID_commonName, cn,
                            sizeof cn);
  EXPECT_STREQ(cn, "blog.example");
}

TEST(CsrTest, RefusesHostsThatAreNotDnsNames) {
  auto key = EcKey::Generate();
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(MakeCsr(*key, {}).status().IsInvalidArgument());
  for (const char* bad :
       {"blog.example:8080", "a..b", "-a.example", "a b", "1.2.3.4,DNS:x", "", "a.example-"}) {
    auto csr = MakeCsr(*key, {"ok.example", bad});
    EXPECT_TRUE(csr.status().IsInvalidArgument()) << bad;
    EXPECT_EQ(csr.status().message(), std::string(bad) + " is not a DNS name");
  }
  EXPECT_TRUE(IsDnsName("xn--bcher-kva.example"));
  EXPECT_TRUE(IsDnsName("localhost"));
}

TEST(AlpnCertificateTest, CarriesTheCriticalAcmeIdentifierOfTheKeyAuthorization) {
  const std::string key_authorization = "token-abc.thumbprint-xyz";
  auto made = MakeAlpnChallengeCertificate("blog.example", key_authorization);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  auto certificate = ReadCertificate(made->chain);
  ASSERT_NE(certificate, nullptr);

  // Self-signed by the key given with it.
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(made->key.data(), made->key.size()),
                                                BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(X509_verify(certificate.get(), key.get()), 1);

  auto* names = static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate.get(), NID_subject_alt_name, nullptr, nullptr));
  ASSERT_NE(names, nullptr);
  EXPECT_EQ(DnsNames(names), std::vector<std::string>{"blog.example"});
  GENERAL_NAMES_free(names);

  std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> oid(
      OBJ_txt2obj("1.3.6.1.5.5.7.1.31", 1), ASN1_OBJECT_free);
  int index = X509_get_ext_by_OBJ(certificate.get(), oid.get(), -1);
  ASSERT_GE(index, 0);
  X509_EXTENSION* extension = X509_get_ext(certificate.get(), index);
  EXPECT_EQ(X509_EXTENSION_get_critical(extension), 1);
  const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(extension);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key_authorization.data()), key_authorization.size(),
         digest);
  // extnValue = DER(OCTET STRING (SIZE (32))): tag 04, length 32, the digest.
  std::string expected = std::string("\x04\x20", 2) +
                         std::string(reinterpret_cast<const char*>(digest), sizeof digest);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                        ASN1_STRING_length(value)),
            expected);
}

TEST(AlpnCertificateTest, RefusesAHostThatIsNotADnsName) {
  EXPECT_TRUE(MakeAlpnChallengeCertificate("a b", "x.y").status().IsInvalidArgument());
}

TEST(LeafNotAfterTest, ReadsTheFirstCertificatesExpiry) {
  auto made = MakeAlpnChallengeCertificate("blog.example", "t.k");
  ASSERT_TRUE(made.ok());
  auto not_after = LeafNotAfter(made->chain);
  ASSERT_TRUE(not_after.ok());
  auto days =
      std::chrono::duration_cast<std::chrono::seconds>(*not_after - Now()).count() / 86400.0;
  EXPECT_NEAR(days, 7.0, 0.01);
  EXPECT_TRUE(LeafNotAfter("no certificate").status().IsInvalidArgument());
}

}  // namespace
}  // namespace samizdat::acme
