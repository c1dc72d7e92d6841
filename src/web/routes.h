// The route table: every URL the server answers, with the methods it takes and the
// largest request body it accepts. The only place that maps requests to handlers.
#pragma once

#include <cstddef>

#include "http/server.h"
#include "web/site.h"

namespace samizdat::web {

// The server's handler: dispatches a request through the route table. `site` must
// outlive the handler.
http::Handler MakeRouter(Site& site);

// The body limit for a request head (for ServerOptions::body_limit).
std::size_t BodyLimitFor(const http::Request& head);

}  // namespace samizdat::web
