// BlogDirectory: the blogs a server answers for, kept in memory and re-read only when
// the store says something changed (in this process or another), so that finding the
// blog of a request costs no query. When a blog's generation moves, its cached pages
// are dropped; when only its comment_seq moves, only the cached pages showing the
// comments that changed are.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "service/page_cache.h"
#include "store/store.h"

namespace samizdat::service {

struct BlogEntry {
  Blog blog;
  TimeZone zone;
};

class BlogDirectory {
 public:
  // `cache` may be null (no page cache).
  BlogDirectory(store::Store& store, PageCache* cache) : store_(store), cache_(cache) {}

  // Re-reads the blogs if the store's change stamp moved since the last call. Cheap
  // when nothing changed (no query). Errors are the store's.
  Status Refresh();
  // The blog for a Host header value: the one with that host, or the only blog when
  // there is a single one. Null when none matches.
  std::shared_ptr<const BlogEntry> ForHost(std::string_view host) const;

 private:
  using Snapshot = std::vector<std::shared_ptr<const BlogEntry>>;

  store::Store& store_;
  PageCache* cache_;
  std::mutex refresh_mutex_;                  // one refresh at a time
  std::atomic<uint64_t> seen_stamp_{0};
  std::atomic<bool> loaded_{false};
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const Snapshot> snapshot_ = std::make_shared<Snapshot>();  // GUARDED_BY(snapshot_mutex_)
};

}  // namespace samizdat::service
