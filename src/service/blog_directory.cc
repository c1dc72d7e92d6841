// BlogDirectory: the in-memory host -> blog map, its change-driven refresh, and the
// spaced retries while the store fails.
#include "service/blog_directory.h"

#include "service/blogs.h"

namespace samizdat::service {

Status BlogDirectory::Refresh() {
  const uint64_t stamp = store_.ChangeStamp();
  if (loaded_.load(std::memory_order_acquire) &&
      stamp == seen_stamp_.load(std::memory_order_acquire)) {
    return Status::Ok();
  }
  std::unique_lock refresh(refresh_mutex_, std::defer_lock);
  if (loaded_.load() && failing_.load()) {
    // While the store fails, a request does not queue behind another one's retry (which
    // may wait for a connection timeout): it answers from the blogs read before.
    if (!refresh.try_lock()) {
      return Status::Unavailable("the blogs are being read again after a failure");
    }
  } else {
    refresh.lock();
  }
  if (loaded_.load() && stamp == seen_stamp_.load()) return Status::Ok();
  if (failing_.load() && Clock::now() < retry_at_) return last_error_;
  Status read = Reread(stamp);
  failing_.store(!read.ok());
  if (!read.ok()) {
    last_error_ = read;
    retry_at_ = Clock::now() + retry_interval_;
  }
  return read;
}

Status BlogDirectory::Reread(uint64_t stamp) {
  // The stamp is read before the blogs, so a write landing after that read moves the
  // stamp again and the next request refreshes once more.
  auto blogs = store_.ListBlogs();
  if (!blogs.ok()) return blogs.status();

  std::shared_ptr<const Snapshot> old;
  {
    std::lock_guard lock(snapshot_mutex_);
    old = snapshot_;
  }
  auto fresh = std::make_shared<Snapshot>();
  for (Blog& blog : *blogs) {
    auto zone = TimeZone::Find(blog.time_zone);
    auto entry = std::make_shared<BlogEntry>(
        BlogEntry{std::move(blog), zone.ok() ? *zone : TimeZone::Utc()});
    fresh->push_back(std::move(entry));
  }
  if (cache_ != nullptr) {
    for (const auto& before : *old) {
      const BlogEntry* now = nullptr;
      for (const auto& candidate : *fresh) {
        if (candidate->blog.id == before->blog.id) now = candidate.get();
      }
      if (now == nullptr || now->blog.generation != before->blog.generation) {
        cache_->DropBlog(before->blog.id);
      } else if (now->blog.comment_seq != before->blog.comment_seq) {
        // On failure the old snapshot stays, so the retry compares against it again.
        auto posts = store_.PostsWithCommentsChangedSince(now->blog.id, before->blog.comment_seq);
        if (!posts.ok()) return posts.status();
        cache_->DropComments(now->blog.id, now->blog.comment_seq, *posts);
      }
    }
  }
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot_ = std::move(fresh);
  }
  seen_stamp_.store(stamp, std::memory_order_release);
  loaded_.store(true, std::memory_order_release);
  return Status::Ok();
}

std::shared_ptr<const BlogEntry> BlogDirectory::ForHost(std::string_view host) const {
  std::shared_ptr<const Snapshot> snapshot;
  {
    std::lock_guard lock(snapshot_mutex_);
    snapshot = snapshot_;
  }
  if (snapshot->size() == 1) return snapshot->front();
  const std::string wanted = NormalizeHost(host);
  for (const auto& entry : *snapshot) {
    if (entry->blog.host == wanted) return entry;
  }
  return nullptr;
}

Result<std::shared_ptr<const BlogEntry>> BlogDirectory::Lookup(std::string_view host) {
  if (Status refreshed = Refresh(); !refreshed.ok() && !Loaded()) return refreshed;
  std::shared_ptr<const BlogEntry> entry = ForHost(host);
  if (!entry) return Status::NotFound("no blog is hosted at " + std::string(host));
  return entry;
}

}  // namespace samizdat::service
