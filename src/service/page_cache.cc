// PageCache: a bounded map of rendered pages, invalidated by blog generation.
#include "service/page_cache.h"

#include <cstdio>
#include <functional>
#include <mutex>

#include "text/gzip.h"

namespace samizdat::service {
namespace {

// A content hash for ETags: libstdc++'s string hash (Murmur-based, word at a time) mixed
// with the length. Not a security boundary: a collision only costs a stale 304.
uint64_t ContentHash(std::string_view bytes) {
  return std::hash<std::string_view>{}(bytes) ^ (bytes.size() * 0x9E3779B97F4A7C15ULL);
}

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
  return page;
}

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
  return it->second.page;
}

void PageCache::Put(int64_t blog_id, int64_t generation, std::string key,
                    std::shared_ptr<const CachedPage> page) {
  std::string full = FullKey(blog_id, key);
  const std::size_t bytes = full.size() + page->body->size() +
                            (page->gzip_body ? page->gzip_body->size() : 0) + 256;
  if (bytes > max_bytes_) return;
  std::unique_lock lock(mutex_);
  if (auto it = entries_.find(full); it != entries_.end()) EraseLocked(it);
  while (bytes_ + bytes > max_bytes_ && !oldest_.empty()) {
    EraseLocked(entries_.find(oldest_.front()));
  }
  oldest_.push_back(full);
  entries_.emplace(std::move(full),
                   Entry{blog_id, generation, std::move(page), bytes, std::prev(oldest_.end())});
  bytes_ += bytes;
}

void PageCache::DropBlog(int64_t blog_id) {
  std::unique_lock lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    if (it->second.blog_id == blog_id) EraseLocked(it);
    it = next;
  }
}

std::size_t PageCache::bytes() const {
  std::shared_lock lock(mutex_);
  return bytes_;
}

void PageCache::EraseLocked(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.bytes;
  oldest_.erase(it->second.age);
  entries_.erase(it);
}

}  // namespace samizdat::service
