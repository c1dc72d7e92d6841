// PageCache: a bounded map of rendered pages, invalidated by blog generation and by
// comment changes of the posts they show.
#include "service/page_cache.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "text/gzip.h"

namespace samizdat::service {
namespace {

// A content hash for ETags: xxHash's XXH3, which reads a page about three times as fast
// as libstdc++'s std::hash (a rendered page is hashed on every request without the cache).
// Not a security boundary: a collision only costs a stale 304.
uint64_t ContentHash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace

std::shared_ptr<const CachedPage> CachedPage::Make(int status, std::string content_type,
                                                   std::string body, Time last_modified,
                                                   bool with_gzip) {
  auto page = std::make_shared<CachedPage>();
  page->status = status;
  page->content_type = std::move(content_type);
  char etag[24];
  std::snprintf(etag, sizeof etag, "\"%016llx\"",
                static_cast<unsigned long long>(ContentHash(body)));
  page->etag = etag;
  if (with_gzip) page->gzip_body = std::make_shared<const std::string>(text::GzipCompress(body));
  page->body = std::make_shared<const std::string>(std::move(body));
  page->last_modified = last_modified;
  page->last_modified_http = FormatHttpDate(last_modified);
  return page;
}

std::shared_ptr<const CachedPage> CachedPage::Seal(std::shared_ptr<const CachedPage> page) {
  auto sealed = std::make_shared<CachedPage>(*page);
  if (page->body) {
    auto bytes = SealedBytes::Make(*page->body);
    if (!bytes.ok()) return page;
    sealed->sealed_body = std::move(*bytes);
    sealed->body.reset();
  }
  if (page->gzip_body) {
    auto bytes = SealedBytes::Make(*page->gzip_body);
    if (!bytes.ok()) return page;
    sealed->sealed_gzip_body = std::move(*bytes);
    sealed->gzip_body.reset();
  }
  return sealed;
}

std::size_t CachedPage::bytes() const {
  auto size = [](const auto& p) -> std::size_t { return p ? p->size() : 0; };
  return size(body) + size(gzip_body) + size(sealed_body) + size(sealed_gzip_body);
}

std::size_t CachedPage::files() const { return (sealed_body ? 1 : 0) + (sealed_gzip_body ? 1 : 0); }

std::string PageCache::FullKey(int64_t blog_id, std::string_view key) {
  std::string full = std::to_string(blog_id);
  full.push_back(' ');
  full.append(key);
  return full;
}

std::shared_ptr<const CachedPage> PageCache::Find(int64_t blog_id, int64_t generation,
                                                  std::string_view key) const {
  const std::string full = FullKey(blog_id, key);
  std::shared_lock lock(mutex_);
  auto it = entries_.find(full);
  if (it == entries_.end() || it->second.generation != generation) return nullptr;
  if (it->second.expires && Clock::now() >= *it->second.expires) return nullptr;
  return it->second.page;
}

void PageCache::Put(int64_t blog_id, int64_t generation, std::string key,
                    std::shared_ptr<const CachedPage> page, CommentDeps deps,
                    std::optional<Clock::time_point> expires) {
  std::string full = FullKey(blog_id, key);
  const std::size_t bytes = full.size() + page->bytes() + 256 + deps.posts.size() * 8;
  const std::size_t files = page->files();
  if (bytes > max_bytes_ || files > max_files_) return;
  std::unique_lock lock(mutex_);
  if (IsStaleLocked(blog_id, deps)) return;
  if (auto it = entries_.find(full); it != entries_.end()) EraseLocked(it);
  while ((bytes_ + bytes > max_bytes_ || files_ + files > max_files_) && !oldest_.empty()) {
    EraseLocked(entries_.find(oldest_.front()));
  }
  oldest_.push_back(full);
  entries_.emplace(std::move(full), Entry{blog_id, generation, std::move(deps), expires,
                                          std::move(page), bytes, files, std::prev(oldest_.end())});
  bytes_ += bytes;
  files_ += files;
}

void PageCache::DropBlog(int64_t blog_id) {
  std::unique_lock lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    if (it->second.blog_id == blog_id) EraseLocked(it);
    it = next;
  }
}

void PageCache::DropComments(int64_t blog_id, int64_t seq, const std::vector<int64_t>& post_ids) {
  std::unique_lock lock(mutex_);
  int64_t& blog_seq = blog_comment_seq_[blog_id];
  blog_seq = std::max(blog_seq, seq);
  for (int64_t post_id : post_ids) {
    int64_t& post_seq = post_comment_seq_[{blog_id, post_id}];
    post_seq = std::max(post_seq, seq);
  }
  // A scan, not an index: comment writes are rare next to reads, and a blog's cache
  // holds thousands of entries at most.
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    const Entry& entry = it->second;
    if (entry.blog_id == blog_id &&
        (entry.deps.all_posts ||
         std::any_of(entry.deps.posts.begin(), entry.deps.posts.end(), [&](int64_t id) {
           return std::find(post_ids.begin(), post_ids.end(), id) != post_ids.end();
         }))) {
      EraseLocked(it);
    }
    it = next;
  }
}

bool PageCache::IsStaleLocked(int64_t blog_id, const CommentDeps& deps) const {
  if (deps.all_posts) {
    auto it = blog_comment_seq_.find(blog_id);
    return it != blog_comment_seq_.end() && it->second > deps.comment_seq;
  }
  for (int64_t post_id : deps.posts) {
    auto it = post_comment_seq_.find({blog_id, post_id});
    if (it != post_comment_seq_.end() && it->second > deps.comment_seq) return true;
  }
  return false;
}

std::size_t PageCache::bytes() const {
  std::shared_lock lock(mutex_);
  return bytes_;
}

std::size_t PageCache::files() const {
  std::shared_lock lock(mutex_);
  return files_;
}

void PageCache::EraseLocked(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.bytes;
  files_ -= it->second.files;
  oldest_.erase(it->second.age);
  entries_.erase(it);
}

}  // namespace samizdat::service
