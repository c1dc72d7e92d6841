// The plain-HTTP port beside samizdat's own HTTPS: every request is sent to its https://
// address (301 for GET and HEAD, 308 for the other methods, which keeps the method and
// body), except ACME's HTTP-01 challenges (/.well-known/acme-challenge/…), which must be
// answered over plain HTTP, and requests a trusted proxy says came over HTTPS.
//
// Thread safety: the returned handler may be called concurrently, as `next` may.
#pragma once

#include <cstdint>

#include "http/server.h"

namespace samizdat::web {

// `next` answers HTTPS requests and challenges; `https_port` is the port the redirects
// name (none when it is 443). A request whose Host is missing or not a host name is 400.
http::Handler RedirectPlainToHttps(http::Handler next, uint16_t https_port);

}  // namespace samizdat::web
