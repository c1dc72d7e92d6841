// The certificates an HTTPS listener presents (OpenSSL), chosen for each connection by the
// name the client asks for (SNI): that host's certificate, else the default one.
//
//   auto certificates = std::make_shared<http::TlsCertificates>();
//   auto pem = http::ReadPemFiles("fullchain.pem", "privkey.pem");
//   if (!pem.ok()) ...;
//   if (auto st = certificates->SetDefault(pem->chain, pem->key); !st.ok()) ...;
//   options.tls = certificates;          // server.h
//   ...
//   certificates->Set("example.com", chain, key);   // later, e.g. an ACME renewal
//
// Setting a certificate replaces the one before for the handshakes that begin afterwards;
// connections already open keep theirs. TLS-ALPN-01 (RFC 8737): a client that offers only
// the ALPN protocol "acme-tls/1" for a host with a challenge certificate is shown that
// certificate, and its handshake ends there (no HTTP follows).
//
// Errors: the setters parse and check before they change anything; InvalidArgument says
// what is wrong in words (no certificate in the PEM text, a key that cannot be read, a key
// that does not belong to the certificate), and the certificates in force stay.
//
// Thread safety: every method may be called from any thread while the server runs.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

struct ssl_ctx_st;  // OpenSSL's SSL_CTX

namespace samizdat::http {

struct PemPair {
  std::string chain;  // the leaf certificate first, then its intermediates
  std::string key;    // its private key
};

// Reads a certificate chain file and a private key file (PEM, as certbot writes them).
// NotFound or InvalidArgument naming the file: unreadable, or not PEM of that kind.
Result<PemPair> ReadPemFiles(const std::string& chain_path, const std::string& key_path);

class TlsCertificates {
 public:
  TlsCertificates();
  ~TlsCertificates();
  TlsCertificates(const TlsCertificates&) = delete;
  TlsCertificates& operator=(const TlsCertificates&) = delete;

  // The certificate for every name that has none of its own (and for clients without SNI).
  Status SetDefault(std::string_view chain_pem, std::string_view key_pem);
  // The certificate for `host` (a DNS name, case-insensitive; no port).
  Status Set(std::string_view host, std::string_view chain_pem, std::string_view key_pem);
  // When the certificate set for `host` (the default one, for "") stops being valid;
  // nullopt when none is set for it (the default one is not asked).
  std::optional<std::chrono::system_clock::time_point> NotAfter(std::string_view host) const;

  // TLS-ALPN-01: the self-signed certificate carrying the acmeIdentifier extension that an
  // ACME server's "acme-tls/1" handshake for `host` is shown, until cleared.
  Status SetAlpnChallenge(std::string_view host, std::string_view cert_pem,
                          std::string_view key_pem);
  void ClearAlpnChallenge(std::string_view host);

  // True when no certificate at all is set: handshakes then fail.
  bool empty() const;

  // For http::Server: makes the server's OpenSSL context switch each handshake to the
  // certificate chosen here. This object must outlive `context`.
  void InstallOn(ssl_ctx_st* context) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samizdat::http
