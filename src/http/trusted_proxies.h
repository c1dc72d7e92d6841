// Trusted proxies: the TCP peers whose forwarding headers (Forwarded, RFC 7239, or
// X-Forwarded-For/-Proto/-Host) are believed, and the resolution of a request's client
// (address, scheme, host) from them. From any other peer those headers are ignored.
//
//   auto proxies = http::TrustedProxies::Parse({"127.0.0.1/32", "10.0.0.0/8"});
//   http::ResolveClient(*proxies, request);  // request.remote_address: the client's
//
// Thread safety: a TrustedProxies is immutable; copies share their networks.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/server.h"

namespace samizdat::http {

class TrustedProxies {
 public:
  TrustedProxies();  // trusts no peer
  // Each of `cidrs` is a network "ADDRESS/PREFIX" (IPv4 or IPv6; host bits are ignored)
  // or a bare address (that one host), parsed by Boost.Asio. InvalidArgument naming the
  // first that is neither.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& cidrs);

  bool empty() const;
  // Whether `address` (an IP address as text; an IPv4-mapped IPv6 address counts as its
  // IPv4 address) lies in a trusted network. False for text that is no IP address.
  bool Trusts(std::string_view address) const;

 private:
  struct Networks;
  explicit TrustedProxies(std::shared_ptr<const Networks> networks);
  std::shared_ptr<const Networks> networks_;
};

// `request` as the server read it (remote_address: the TCP peer; secure: whether the
// peer spoke TLS; host: the Host header) becomes the client's, when the peer is trusted:
//   - remote_address: walking the forwarded-for list (Forwarded's for=, else
//     X-Forwarded-For) from the right, the first address that is not itself a trusted
//     proxy (the left-most when all are); the peer's own when the headers are absent or
//     that entry is no IP address ("unknown", an obfuscated name).
//   - secure: Forwarded's proto= of that same element, else the right-most value of
//     X-Forwarded-Proto (the one the nearest proxy wrote): "https" or "http".
//   - host: Forwarded's host= of that element, else the right-most X-Forwarded-Host,
//     when it is a valid host[:port].
// From an untrusted peer nothing changes.
void ResolveClient(const TrustedProxies& proxies, Request& request);

}  // namespace samizdat::http
