// PageViews: sharded in-memory view counts, flushed to the store by a background thread.
#include "service/page_views.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "core/log.h"

namespace samizdat::service {

size_t PageViews::Hash::operator()(const Key& key) const {
  return std::hash<std::string_view>()(key.path) ^ std::hash<int64_t>()(key.blog_id);
}

PageViews::PageViews(store::Store& store, std::chrono::milliseconds flush_every) : store_(store) {
  if (flush_every.count() > 0) thread_ = std::thread([this, flush_every] { Run(flush_every); });
}

PageViews::~PageViews() {
  if (thread_.joinable()) {
    {
      std::lock_guard lock(stop_mutex_);
      stopping_ = true;
    }
    stop_cv_.notify_all();
    thread_.join();
  }
  if (Status flushed = Flush(Now()); !flushed.ok()) {
    log::Error("page views lost at shutdown: " + flushed.ToString());
  }
}

bool PageViews::IsBot(std::string_view user_agent) {
  // Lower-cased into this thread's buffer (no allocation once it has grown): this runs on
  // every cached post page, and string_view::find is much faster than a case-blind search.
  thread_local std::string lower;
  lower.assign(user_agent);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const std::string_view text = lower;
  return text.find("bot") != std::string_view::npos ||
         text.find("crawler") != std::string_view::npos ||
         text.find("spider") != std::string_view::npos;
}

void PageViews::Count(int64_t blog_id, std::string_view path, std::string_view user_agent) {
  if (IsBot(user_agent)) return;
  Add(blog_id, path, 1);
}

void PageViews::Add(int64_t blog_id, std::string_view path, int64_t views) {
  const Key key{blog_id, path};
  Shard& shard = shards_[Hash()(key) % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.counts.find(key);
  if (it == shard.counts.end()) {
    auto counter = std::make_unique<Counter>(Counter{std::string(path), 0});
    const Key stored{blog_id, counter->path};
    it = shard.counts.emplace(stored, std::move(counter)).first;
  }
  it->second->views += views;
}

Status PageViews::Flush(Time now) {
  std::lock_guard flushing(flush_mutex_);
  std::map<int64_t, std::vector<store::PathViews>> by_blog;
  for (Shard& shard : shards_) {
    Counts taken;
    {
      std::lock_guard lock(shard.mutex);
      taken.swap(shard.counts);
    }
    for (auto& [key, counter] : taken) {
      by_blog[key.blog_id].push_back({std::move(counter->path), counter->views});
    }
  }
  const int64_t day = ToEpochMillis(now) / (24 * 3600 * 1000);
  Status first = Status::Ok();
  for (auto& [blog_id, views] : by_blog) {
    Status added = store_.AddPageViews(blog_id, day, views);
    if (added.ok()) continue;
    // Kept for the next flush: the database may be back by then.
    for (const store::PathViews& counted : views) Add(blog_id, counted.path, counted.views);
    if (first.ok()) first = added;
  }
  return first;
}

void PageViews::Run(std::chrono::milliseconds every) {
  std::unique_lock lock(stop_mutex_);
  bool failing = false;  // logged once while the store keeps failing
  while (!stop_cv_.wait_for(lock, every, [this] { return stopping_; })) {
    lock.unlock();
    Status flushed = Flush(Now());
    if (!flushed.ok() && !failing) {
      log::Warn("page views not stored yet (kept for the next try): " + flushed.ToString());
    }
    failing = !flushed.ok();
    lock.lock();
  }
}

}  // namespace samizdat::service
