// BlogDirectory: the blogs a server answers for, kept in memory and re-read only when
// the store says something changed (in this process or another), so that finding the
// blog of a request costs no query. When a blog's generation moves, its cached pages
// are dropped; when only its comment_seq moves, only the cached pages showing the
// comments that changed are.
//
// When the store cannot be read (a lost database), the blogs read before stay in force,
// so cached pages can still be served, and the re-read is tried again on a later call,
// at most once per retry interval: a dead database is not asked by every request.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <atomic>
#include <chrono>
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
  static constexpr std::chrono::milliseconds kRetryInterval{100};

  // `cache` may be null (no page cache). After a failed re-read, the next one waits
  // `retry_interval`.
  BlogDirectory(store::Store& store, PageCache* cache,
                std::chrono::milliseconds retry_interval = kRetryInterval)
      : store_(store), cache_(cache), retry_interval_(retry_interval) {}

  // Re-reads the blogs if the store's change stamp moved since the last successful
  // re-read. Cheap when nothing changed (no query). Errors are the store's; after one,
  // ForHost() keeps answering from the blogs read before (Loaded() says whether there
  // are any), and calls within the retry interval return the error without asking the
  // store again (nor waiting for another thread's retry).
  Status Refresh();
  // Whether the blogs were ever read: whether ForHost() has anything to answer from.
  bool Loaded() const { return loaded_.load(std::memory_order_acquire); }
  // The blog for a Host header value: the one with that host, or the only blog when
  // there is a single one. Null when none matches.
  std::shared_ptr<const BlogEntry> ForHost(std::string_view host) const;
  // The blog of a request's Host, after a Refresh(): the refresh's error only when no
  // blogs were ever read (the ones read before answer otherwise, so cached pages stay
  // served while the database is away); NotFound when no blog matches.
  Result<std::shared_ptr<const BlogEntry>> Lookup(std::string_view host);

 private:
  using Snapshot = std::vector<std::shared_ptr<const BlogEntry>>;
  using Clock = std::chrono::steady_clock;

  // Reads the blogs, drops the cached pages they outdate and installs the new snapshot.
  Status Reread(uint64_t stamp);

  store::Store& store_;
  PageCache* cache_;
  const std::chrono::milliseconds retry_interval_;
  std::mutex refresh_mutex_;          // one re-read at a time
  Status last_error_;                 // GUARDED_BY(refresh_mutex_)
  Clock::time_point retry_at_;        // GUARDED_BY(refresh_mutex_)
  std::atomic<bool> failing_{false};  // the last re-read failed
  std::atomic<uint64_t> seen_stamp_{0};
  std::atomic<bool> loaded_{false};
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const Snapshot> snapshot_ =
      std::make_shared<Snapshot>();  // GUARDED_BY(snapshot_mutex_)
};

}  // namespace samizdat::service
