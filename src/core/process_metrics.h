// The process's own instruments, bumped where the work happens and written out by
// /metrics (web/metrics_page.h). Process-wide, as Prometheus clients' default registry
// is: every Site, store and cache of the process adds to the same ones. Requests by
// route and status are counted by the router (web/request_metrics.h), which knows the
// rows.
//
// Thread safety: as metrics.h's Counters and Histogram: bump from any thread.
#pragma once

#include "core/metrics.h"

namespace samizdat::metrics {

// What a comment sent through the form became.
enum class CommentFate { kAccepted = 0, kHeld = 1, kRefused = 2 };

struct ProcessMetrics {
  // The page cache (service/page_cache.h): lookups that found a page, and that did not;
  // the body bytes of the answers given from it (web/site.cc).
  Counters cache_hits{1};
  Counters cache_misses{1};
  Counters cache_bytes{1};
  // A page or feed made on a cache miss: its store reads and its rendering.
  Histogram render_seconds{kLatencyBuckets};
  // One store call: a read snapshot, or a write until it is durable (store/sql/sql_store.h).
  Histogram store_read_seconds{kLatencyBuckets};
  Histogram store_write_seconds{kLatencyBuckets};
  // Store calls that failed for the store's sake (the database away, an I/O or SQL
  // error), not for the data's (not found, a conflict, bad input).
  Counters store_errors{1};
  // Indexed by CommentFate.
  Counters comments{3};
};

ProcessMetrics& Process();

}  // namespace samizdat::metrics
