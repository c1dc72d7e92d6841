// `serve --acme`: the flags of automatic HTTPS certificates, and the background thread
// that installs the stored certificates into the server's http::TlsCertificates and has
// service::CertificateService order the missing and expiring ones (every
// --acme-check-seconds, a minute by default).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace samizdat::store {
class Store;
}
namespace samizdat::http {
class TlsCertificates;
}

namespace samizdat::app {

struct AcmeFlags {
  bool enabled = false;
  std::string email;
  std::string directory = "https://acme-v02.api.letsencrypt.org/directory";
  std::string ca_file;                  // roots to trust for the directory; empty: the system's
  std::vector<std::string> challenges;  // empty: http-01 then tls-alpn-01
  int check_seconds = 60;
  int renew_days = 30;
};

// Adds --acme, --acme-email, --acme-directory, --acme-ca, --acme-challenge,
// --acme-check-seconds and --acme-renew-days to `serve`.
void AddAcmeFlags(CLI::App& serve, AcmeFlags& flags);

// InvalidArgument naming the flag when the flags cannot work: no --acme-email, an
// unreadable --acme-ca, an unknown --acme-challenge, ...
Status CheckAcmeFlags(const AcmeFlags& flags);

// The running ACME work of one `serve`; stopping it (destroying it) waits for an order
// in progress to end.
class AcmeRunner {
 public:
  // Checks the flags (CheckAcmeFlags) and installs the stored certificates into `certificates`.
  // `store` and `certificates` must outlive it.
  static Result<std::unique_ptr<AcmeRunner>> Create(const AcmeFlags& flags, store::Store& store,
                                                    http::TlsCertificates& certificates);
  virtual ~AcmeRunner() = default;
  // Starts the thread, whose first check begins at once: call it once the server's ports
  // are bound, so that the CA's validation finds them.
  virtual void Begin() = 0;

 protected:
  AcmeRunner() = default;
};

}  // namespace samizdat::app
