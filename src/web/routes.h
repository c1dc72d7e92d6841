// The route table: every URL the server answers — the public site, feeds, media, the
// comment form, the admin — one row each, with its methods, its pattern's typed
// captures, its access, its CSRF check, its body limit and its handler (route.h says
// what a row holds and how patterns match). The only place that maps requests to
// handlers.
//
// Thread safety: the table is immutable; the router may be called concurrently.
#pragma once

#include <cstddef>
#include <span>

#include "http/server.h"
#include "web/admin/admin.h"
#include "web/metrics_page.h"
#include "web/route.h"
#include "web/site.h"

namespace samizdat::web {

// What the rows' handlers are called on.
struct Handlers {
  Site& site;
  admin::Admin& admin;
  MetricsPage& metrics;
};

// The table, in order (tests read it).
std::span<const Route> RouteTable();

// The server's handler: FindRoute on the table, then the row's handler. A request other
// than GET and HEAD whose Origin, Sec-Fetch-Site or Referer says it comes from another
// site (origin_check.h) is 403 first (in the admin's layout for admin rows). A path the
// table does not take the method for is 405 with Allow (in the admin's layout under
// /admin); a target that is no URL path is 400. Every answer is counted in `metrics`
// under its row. `site`, `admin` and `metrics` must outlive the handler.
http::Handler MakeRouter(Site& site, admin::Admin& admin, MetricsPage& metrics);

// The body limit of the row a request head goes to (for ServerOptions::body_limit); 0
// (the server's default) when none does.
std::size_t BodyLimitFor(const http::Request& head);

}  // namespace samizdat::web
