// An ECDSA P-256 key, the ACME account's or a certificate's: made, read and written as
// PEM, shown as a JWK (RFC 7517) with its RFC 7638 thumbprint, and signing ES256
// (RFC 7518 §3.4).
//
// Errors: FromPem returns InvalidArgument when the text is not a PEM private key, or is
// one of another kind than P-256; Internal when OpenSSL fails underneath.
// Thread safety: a const EcKey may be used from several threads at once.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::acme {

// Base64url without padding (RFC 7515 §2), as JWS and ACME spell bytes.
std::string Base64Url(std::string_view bytes);

class EcKey {
 public:
  static Result<EcKey> Generate();
  static Result<EcKey> FromPem(std::string_view pem);

  // The private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").
  Result<std::string> ToPem() const;
  // The public key as a JWK with the members RFC 7638 §3.2 hashes, in its order and
  // without whitespace: {"crv":"P-256","kty":"EC","x":"…","y":"…"}.
  const std::string& Jwk() const { return jwk_; }
  // base64url(SHA-256(Jwk())): the account key's thumbprint of key authorizations.
  std::string Thumbprint() const;
  // The ES256 signature of `data`: R and S, 32 bytes each, big-endian.
  Result<std::string> SignEs256(std::string_view data) const;

  // For OpenSSL calls (CSR and certificate signing); owned by this key.
  EVP_PKEY* get() const { return key_.get(); }

 private:
  struct Free {
    void operator()(EVP_PKEY* key) const;
  };
  EcKey(std::unique_ptr<EVP_PKEY, Free> key, std::string jwk)
      : key_(std::move(key)), jwk_(std::move(jwk)) {}
  static Result<EcKey> Wrap(std::unique_ptr<EVP_PKEY, Free> key);

  std::unique_ptr<EVP_PKEY, Free> key_;
  std::string jwk_;
};

}  // namespace samizdat::acme
