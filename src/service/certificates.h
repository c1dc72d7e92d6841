// Automatic HTTPS certificates: decides which blog hosts need a certificate from an ACME
// CA (none stored yet, or the stored one expires within `renew_before`), orders them
// through acme::Client, keeps them in the store, and installs the stored ones where the
// server presents them (a CertificateSink: http::TlsCertificates in `serve`).
//
//   service::CertificateService certificates(store, sink, options);
//   certificates.InstallStored();   // at start and every minute: every node serves
//   certificates.Check(Now());      // the same certificates; one node orders them
//
// Sharing: the certificates, the account key (an instance secret, one per directory URL)
// and the HTTP-01 key authorizations are in the store, so any node can answer a
// challenge and every node serves what one ordered. Check() orders only while it holds
// the store's "acme" lease (Store::TakeLease), so of several processes or nodes one
// orders at a time; a crashed holder's lease ends after `lease`.
//
// Failures: an order that fails (the CA down, a challenge refused, a timeout) changes
// nothing stored or served; it is logged with the host, and that host is tried again after
// a back-off: first_backoff, doubled after each failure up to max_backoff, back to the
// start after a success. Back-off is per process.
//
// Thread safety: InstallStored and Check must not run concurrently with each other (one
// background thread calls both); Check may take minutes (it waits for the CA), unless
// options.acme.transport.cancelled ends it (shutdown).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "acme/client.h"
#include "core/log.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace samizdat::service {

// Where certificates go to be served. Each call may fail with InvalidArgument (a chain or
// key that cannot be used); the certificate served before then stays.
class CertificateSink {
 public:
  virtual ~CertificateSink() = default;
  virtual Status Install(const std::string& host, const std::string& chain_pem,
                         const std::string& key_pem) = 0;
  // TLS-ALPN-01 (RFC 8737): the challenge certificate shown to "acme-tls/1" handshakes.
  virtual Status SetAlpnChallenge(const std::string& host, const std::string& cert_pem,
                                  const std::string& key_pem) = 0;
  virtual void ClearAlpnChallenge(const std::string& host) = 0;
};

struct CertificateOptions {
  acme::ClientOptions acme;  // the CA's directory, the contact, the trusted roots
  // Challenge types, the preferred first: "http-01" (answered on the plain-HTTP port from
  // the store, by any node) and "tls-alpn-01" (answered by the ordering node's TLS port).
  std::vector<std::string> challenge_types = {"http-01", "tls-alpn-01"};
  std::chrono::hours renew_before{30 * 24};
  std::chrono::seconds first_backoff{60};
  std::chrono::seconds max_backoff{6 * 3600};
  std::chrono::seconds lease{600};  // longer than one order may take
  std::string holder;               // this process's name in the lease: "host:pid:random"
  // Receives one line per event (issued, installed: kInfo; failed: kWarn), without
  // "samizdat: ".
  std::function<void(log::Level level, std::string_view line)> log;
};

class CertificateService {
 public:
  CertificateService(store::Store& store, CertificateSink& sink, CertificateOptions options);
  ~CertificateService();

  // Installs every stored certificate that is new or changed since the last call.
  // Returns how many; Unavailable/Internal when the store cannot be read. A stored
  // certificate the sink refuses is logged (once) and skipped.
  Result<int> InstallStored();
  // Orders certificates for the blog hosts that need one and are not backing off, if the
  // lease is free. Returns how many were issued (stored and installed); errors reading the
  // store are returned, an order's failure is logged and backed off.
  Result<int> Check(Time now);

 private:
  class Responder;  // certificates.cc: the ChallengeResponder over the store and the sink
  struct Backoff {
    Time next_try{};
    std::chrono::seconds delay{0};
  };

  // The hosts of the blogs that need a certificate at `now`.
  Result<std::vector<std::string>> DueHosts(Time now);
  Status EnsureClient();
  Status Order(const std::string& host, Time now);

  store::Store& store_;
  CertificateSink& sink_;
  CertificateOptions options_;
  std::unique_ptr<acme::Client> client_;   // made at the first order
  std::map<std::string, Time> installed_;  // host -> the stored `updated` installed
  std::map<std::string, Backoff> backoff_;
};

}  // namespace samizdat::service
