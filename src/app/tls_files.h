// `serve --tls-cert FILE --tls-key FILE`: the certificate files read into the server's
// certificates at start, and read again on SIGHUP (certbot's renewal hook sends it).
//
// Thread safety: Reload may run while the server serves (TlsCertificates is thread-safe).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "http/tls_certificates.h"

namespace samizdat::app {

class TlsFiles {
 public:
  // Reads and checks both files. InvalidArgument or NotFound naming the file when one
  // cannot be read, holds no PEM of its kind, or the key does not belong to the chain.
  static Result<TlsFiles> Load(std::string chain_path, std::string key_path);

  // The certificates to give the server (ServerOptions::tls).
  const std::shared_ptr<http::TlsCertificates>& certificates() const { return certificates_; }

  // Reads both files again and, when they are good, serves them to the handshakes that
  // begin from now on; otherwise the certificate in force stays. Says which on stderr
  // (stdout on success).
  void Reload() const;

 private:
  TlsFiles() = default;
  std::string chain_path_;
  std::string key_path_;
  std::shared_ptr<http::TlsCertificates> certificates_;
};

}  // namespace samizdat::app
