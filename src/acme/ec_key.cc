// EcKey on OpenSSL 3's EVP_PKEY; base64url through libsodium.
#include "acme/ec_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <array>
#include <boost/json.hpp>
#include <vector>

#include "acme/openssl_util.h"

namespace samizdat::acme {

std::string Base64Url(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  text.resize(text.size() - 1);  // the NUL libsodium writes
  return text;
}

void EcKey::Free::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

namespace {

// The coordinate `name` of the public point, 32 bytes big-endian.
Result<std::string> Coordinate(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) return OpenSslError("reading the public key");
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(raw, BN_free);
  std::array<unsigned char, 32> bytes{};
  if (BN_bn2binpad(bn.get(), bytes.data(), bytes.size()) != 32) {
    return OpenSslError("writing the public key");
  }
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

}  // namespace

Result<EcKey> EcKey::Wrap(std::unique_ptr<EVP_PKEY, Free> key) {
  auto x = Coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_X);
  if (!x.ok()) return x.status();
  auto y = Coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y);
  if (!y.ok()) return y.status();
  boost::json::object jwk;  // serialized in insertion order: RFC 7638's lexicographic one
  jwk["crv"] = "P-256";
  jwk["kty"] = "EC";
  jwk["x"] = Base64Url(*x);
  jwk["y"] = Base64Url(*y);
  return EcKey(std::move(key), boost::json::serialize(jwk));
}

Result<EcKey> EcKey::Generate() {
  std::unique_ptr<EVP_PKEY, Free> key(EVP_EC_gen("P-256"));
  if (!key) return OpenSslError("making a P-256 key");
  return Wrap(std::move(key));
}

Result<EcKey> EcKey::FromPem(std::string_view pem) {
  auto bio = MemoryBio(pem);
  if (!bio) return OpenSslError("reading a key");
  std::unique_ptr<EVP_PKEY, Free> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!key) return Status::InvalidArgument("not a PEM private key");
  std::array<char, 64> group{};
  if (!EVP_PKEY_is_a(key.get(), "EC") ||
      EVP_PKEY_get_group_name(key.get(), group.data(), group.size(), nullptr) != 1 ||
      std::string_view(group.data()) != SN_X9_62_prime256v1) {
    return Status::InvalidArgument("not an ECDSA P-256 key");
  }
  return Wrap(std::move(key));
}

Result<std::string> EcKey::ToPem() const {
  auto bio = MemoryBio();
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslError("writing a key");
  }
  return BioText(bio.get());
}

std::string EcKey::Thumbprint() const {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(jwk_.data()), jwk_.size(), digest.data());
  return Base64Url(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

Result<std::string> EcKey::SignEs256(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t der_len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &der_len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return OpenSslError("signing");
  }
  std::vector<unsigned char> der(der_len);
  if (EVP_DigestSign(ctx.get(), der.data(), &der_len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return OpenSslError("signing");
  }
  // OpenSSL writes ECDSA-Sig-Value (DER); JWS wants R || S (RFC 7518 §3.4).
  const unsigned char* p = der.data();
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)), ECDSA_SIG_free);
  if (!sig) return OpenSslError("reading a signature");
  std::array<unsigned char, 64> rs{};
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), rs.data(), 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), rs.data() + 32, 32) != 32) {
    return OpenSslError("writing a signature");
  }
  return std::string(reinterpret_cast<const char*>(rs.data()), rs.size());
}

}  // namespace samizdat::acme
