// The route table: every URL the server answers, with the methods it takes and the
// largest request body it accepts. The only place that maps requests to handlers.
#pragma once

#include <cstddef>

#include "http/server.h"
#include "web/admin/admin.h"
#include "web/site.h"

namespace samizdat::web {

// What the routes hand requests to.
struct Handlers {
  Site& site;
  admin::Admin& admin;
};

// The server's handler: dispatches a request through the route table. `site` and
// `admin` must outlive the handler.
http::Handler MakeRouter(Site& site, admin::Admin& admin);

// The body limit for a request head (for ServerOptions::body_limit).
std::size_t BodyLimitFor(const http::Request& head);

}  // namespace samizdat::web
