// An ACME client (RFC 8555): finds the account of its key (registering it the first
// time, agreeing to the CA's terms), orders a certificate for some hosts, has each
// authorization's challenge answered by a ChallengeResponder, finalizes the order with a
// CSR for a new P-256 key, and downloads the chain. It keeps nothing but the account's
// URL and the last nonce in memory: storing keys and certificates is the caller's.
//
// Every request is a JWS (jws.h); one refused with badNonce is sent again with the fresh
// nonce, up to three times. Waiting for validation and issuance polls every
// poll_interval (or the server's Retry-After, capped at 10 s) until `validation_timeout`,
// or until transport.cancelled says to stop (Unavailable "…: cancelled").
//
// Errors: Unavailable when the server cannot be reached or answers an error (the
// message carries the URL, the status and the problem document's detail: "a challenge
// of example.com failed: …"); InvalidArgument for hosts that are not DNS names.
// Thread safety: one thread at a time.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "acme/certificates.h"
#include "acme/ec_key.h"
#include "acme/transport.h"
#include "core/status.h"

namespace samizdat::acme {

struct ClientOptions {
  std::string directory_url;  // https://acme-v02.api.letsencrypt.org/directory
  std::string email;          // the account's contact; empty: none
  TransportOptions transport;
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds validation_timeout{120'000};
};

// One challenge to answer (RFC 8555 §8): its type ("http-01", "tls-alpn-01"), the host
// it proves, its token and the key authorization the answer must show.
struct Challenge {
  std::string type;
  std::string host;
  std::string token;
  std::string key_authorization;
};

// What answers challenges: serving the key authorization at
// /.well-known/acme-challenge/TOKEN (http-01), or a challenge certificate (tls-alpn-01).
class ChallengeResponder {
 public:
  virtual ~ChallengeResponder() = default;
  // The types it can answer, the preferred first.
  virtual std::vector<std::string> Types() const = 0;
  // Starts answering; the client then tells the server to validate.
  virtual Status Present(const Challenge& challenge) = 0;
  // Stops answering (validation ended, or the order failed).
  virtual void Withdraw(const Challenge& challenge) = 0;
};

class Client {
 public:
  Client(ClientOptions options, EcKey account_key);

  // The chain (leaf first) and key of a new certificate naming every one of `hosts`.
  Result<CertificatePem> Issue(const std::vector<std::string>& hosts,
                               ChallengeResponder& responder);

 private:
  class Order;  // client.cc: one Issue's state

  Status LoadDirectory();
  Status Register();
  // A signed POST of `payload` ("" for POST-as-GET) to `url`, with the account's kid (or
  // its JWK when `use_jwk`); an error answer becomes an Unavailable status.
  Result<Reply> Post(const std::string& url, const std::string& payload, bool use_jwk = false);

  ClientOptions options_;
  EcKey key_;
  Transport transport_;
  std::string new_nonce_url_, new_account_url_, new_order_url_;
  std::string nonce_;
  std::string kid_;  // the account's URL, once known
};

}  // namespace samizdat::acme
