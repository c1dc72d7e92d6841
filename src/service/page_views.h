// PageViews: readers' views of post pages (the PopularPosts widget's counts), counted in
// memory on the request path — cached pages included, at the cost of one sharded map
// increment — and added to the store every few seconds by a background thread, and once
// more when it stops. Requests whose User-Agent names a bot, crawler or spider are not
// counted. Views are kept per post and per UTC day (store::Store::AddPageViews), so the
// widget's timeRange (ALL_TIME, LAST_MONTH, LAST_WEEK) can be answered.
//
// Counts are keyed by the page's path: a cached page knows its path, not its post. The
// store resolves the path to the published post when it adds them.
//
// Thread safety: Count may be called from any number of threads at once; Flush too.
// Errors: a flush that fails keeps its counts for the next one (logged).
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace samizdat::service {

class PageViews {
 public:
  // Starts the flushing thread when `flush_every` is positive (0: flushed only by Flush).
  explicit PageViews(store::Store& store,
                     std::chrono::milliseconds flush_every = std::chrono::seconds(5));
  // Stops the thread and flushes what is left.
  ~PageViews();
  PageViews(const PageViews&) = delete;
  PageViews& operator=(const PageViews&) = delete;

  // One view of the blog's page at `path`, unless `user_agent` names a bot.
  void Count(int64_t blog_id, std::string_view path, std::string_view user_agent);
  // Adds the views counted so far to the store, on `now`'s UTC day.
  Status Flush(Time now);

  // Whether a User-Agent names a bot, crawler or spider (any case).
  static bool IsBot(std::string_view user_agent);

 private:
  struct Key {
    int64_t blog_id;
    std::string_view path;  // into the map's own string for stored keys
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(const Key& key) const;
  };
  struct Equal {
    using is_transparent = void;
    bool operator()(const Key& a, const Key& b) const {
      return a.blog_id == b.blog_id && a.path == b.path;
    }
  };
  // A counted page: the key's path points into `path`, which never moves (node-based map).
  struct Counter {
    std::string path;
    int64_t views = 0;
  };
  using Counts = std::unordered_map<Key, std::unique_ptr<Counter>, Hash, Equal>;
  struct Shard {
    std::mutex mutex;
    Counts counts;  // GUARDED_BY(mutex)
  };
  static constexpr size_t kShards = 16;

  void Add(int64_t blog_id, std::string_view path, int64_t views);
  void Run(std::chrono::milliseconds every);

  store::Store& store_;
  std::array<Shard, kShards> shards_;
  std::mutex flush_mutex_;  // one flush at a time
  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;  // GUARDED_BY(stop_mutex_)
  std::thread thread_;
};

}  // namespace samizdat::service
