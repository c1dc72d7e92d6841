// /metrics: the process's counters in Prometheus's text format (0.0.4) — requests by
// route and status (counted here, for the router), the page cache, render and store
// latency, comments and store errors (core/process_metrics.h).
//
// Who may read it: a loopback peer whose request no proxy relayed (no Forwarded or
// X-Forwarded-For header: behind a proxy on the same host every request's peer is the
// loopback), or anyone sending the configured token as "Authorization: Bearer TOKEN".
// Anyone else gets the 404 of a page that does not exist, so that the internet learns
// nothing of it; a token that is sent but wrong gets 403, so that the operator knows
// the token, not the path, is wrong.
//
// Thread safety: Count and Handle may be called concurrently.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "core/metrics.h"
#include "http/server.h"
#include "web/route.h"

namespace samizdat::web {

class MetricsPage {
 public:
  // `table`: the route table whose rows Count is given (it must outlive this). `token`:
  // the bearer token that opens /metrics from anywhere; empty: loopback only.
  MetricsPage(std::span<const Route> table, std::string token);

  // One answer of the router: `route` is the row that answered (a row of `table`), or
  // null when none did (no row's pattern matched, or the target was not a path).
  void Count(const Route* route, int status);

  // The GET /metrics answer (or its refusal, as above).
  http::Response Handle(const http::Request& request) const;

  // The exposition text itself.
  std::string Text() const;

 private:
  bool MayRead(const http::Request& request, bool* wrong_token) const;

  std::span<const Route> table_;
  std::string token_;
  // Per row (and a last one for "no row"), per status slot (kStatuses, and a last one for
  // any other status).
  metrics::Counters requests_;
};

}  // namespace samizdat::web
