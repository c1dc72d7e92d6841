// Outbound HTTP: many GETs at once through libcurl's multi interface, each under a size
// cap and a time limit, following a few redirects, retried with backoff when the network
// or the server failed (not when the file is missing). Only http and https, and only to
// public addresses: a URL whose host is (or resolves to, or redirects to) a loopback,
// private, link-local, shared or multicast address is refused before any connection, as
// WordPress's importer refuses it (wp_safe_remote_get), so a file's URL cannot reach the
// server's own network. Behind a proxy (http_proxy, https_proxy or all_proxy in the
// environment, which libcurl follows) the connection is the proxy's, and the proxy
// decides.
//
// Thread safety: FetchAll may be called from several threads at once (each call has its
// own libcurl handles). The callbacks run on the calling thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace samizdat::service {

struct FetchOptions {
  int parallel = 4;                           // transfers at once
  std::size_t max_bytes = 10 * 1024 * 1024;   // a larger body fails ("larger than …")
  std::chrono::milliseconds timeout{60'000};  // per attempt, connection to last byte
  std::chrono::milliseconds connect_timeout{15'000};
  int attempts = 3;                        // for network errors, 5xx and 429
  std::chrono::milliseconds backoff{500};  // before the 2nd attempt; doubled after
  int max_redirects = 5;
  std::string user_agent = "samizdat";
  // Whether connections to non-public addresses are allowed (see above); a proxy in the
  // environment allows them too.
  bool private_addresses = false;
};

// One URL's outcome.
struct Fetched {
  std::size_t index = 0;  // the URL's place in the list given to FetchAll
  bool ok = false;        // a 2xx answer within the limits
  std::string bytes;      // ok: the body
  std::string error;      // !ok: why, in words ("HTTP 404", "timed out after 60 s")
};

// Fetches every URL of `urls`; `done` gets each one's outcome once, as it ends (any
// order). Returns when every URL has ended. A URL that fails is never an error of the
// call: only Internal, when libcurl cannot be set up (then `done` is never called).
Status FetchAll(const std::vector<std::string>& urls, const FetchOptions& options,
                const std::function<void(Fetched)>& done);

}  // namespace samizdat::service
