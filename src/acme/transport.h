// The ACME client's HTTPS requests, through libcurl: GET, HEAD and POST with a JOSE body,
// each under a time limit, verifying the server against the system's roots or a given CA
// file, and returning the status, body and the headers ACME uses.
//
// Errors: Unavailable when the server cannot be reached, the TLS handshake fails or the
// time limit passes (the message names the URL); an HTTP error status is not an error of
// the call. Thread safety: a Transport may be used from one thread at a time.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::acme {

struct TransportOptions {
  std::string ca_file;  // PEM roots to trust instead of the system's; empty: the system's
  std::chrono::milliseconds timeout{30'000};  // per request, connection to last byte
  std::string user_agent = "samizdat";
  // Asked while a request runs: true ends it at once (Unavailable "cancelled"). May be empty.
  std::function<bool()> cancelled;
};

struct Reply {
  long status = 0;
  std::string body;
  std::string content_type;
  std::string location;     // Location
  std::string nonce;        // Replay-Nonce
  std::string retry_after;  // Retry-After
};

class Transport {
 public:
  explicit Transport(TransportOptions options) : options_(std::move(options)) {}

  Result<Reply> Get(const std::string& url);
  Result<Reply> Head(const std::string& url);
  // POST with Content-Type: application/jose+json.
  Result<Reply> Post(const std::string& url, std::string_view jws);

 private:
  enum class Method { kGet, kHead, kPost };
  Result<Reply> Send(Method method, const std::string& url, std::string_view body);

  TransportOptions options_;
};

}  // namespace samizdat::acme
