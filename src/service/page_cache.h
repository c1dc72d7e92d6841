// PageCache: rendered pages kept in memory, each with a gzip copy and its validators,
// so that a cached page is served without touching the database or rendering.
//
// Entries are tagged with their blog's generation at render time; a lookup with a newer
// generation misses, and DropBlog() frees a blog's entries at once. Comment writes do
// not move the generation: an entry also names the posts whose comments it shows
// (CommentDeps), and DropComments() frees only those. An entry may carry an expiry
// (pages holding a comment form token). Memory is bounded by `max_bytes` and open files
// (sealed bodies) by `max_files`: past either, the oldest entries are evicted first.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/sealed_bytes.h"
#include "core/time.h"

namespace samizdat::service {

struct CachedPage {
  int status = 200;
  std::string content_type;
  // The bytes, in memory (a fresh page) or in sealed memfds that go out with sendfile
  // (a page made by Seal for the cache); one of the two is set for each variant.
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzip_body;  // null when not made (see Make)
  std::shared_ptr<const SealedBytes> sealed_body;
  std::shared_ptr<const SealedBytes> sealed_gzip_body;
  std::string etag;  // quoted strong validator: "\"1f2e...\""
  Time last_modified{};
  std::string last_modified_http;  // last_modified as an HTTP date, formatted once

  // Builds an entry and derives the ETag from the body's bytes. The gzip copy is made
  // only `with_gzip`: worth it for a page that goes into the cache or to a client that
  // asked for gzip, a waste otherwise.
  static std::shared_ptr<const CachedPage> Make(int status, std::string content_type,
                                                std::string body, Time last_modified,
                                                bool with_gzip = true);
  // A copy of `page` whose bodies live in sealed memfds instead of memory, so that they
  // can be sent without a copy; `page` itself when the system refuses (e.g. no fds left).
  static std::shared_ptr<const CachedPage> Seal(std::shared_ptr<const CachedPage> page);

  bool has_gzip() const { return gzip_body || sealed_gzip_body; }
  std::size_t bytes() const;  // body sizes, in memory or sealed
  std::size_t files() const;  // open fds held (0 to 2)
};

// What of the blog's comments a cached page shows, so that a comment write drops only
// the pages it changes.
struct CommentDeps {
  std::vector<int64_t> posts;  // posts whose comments or comment counts the page shows
  bool all_posts = false;      // comments of every post (the blog's comments feed)
  int64_t comment_seq = 0;     // the blog's comment_seq known when rendering began
};

class PageCache {
 public:
  PageCache(std::size_t max_bytes, std::size_t max_files)
      : max_bytes_(max_bytes), max_files_(max_files) {}

  using Clock = std::chrono::steady_clock;

  // The page stored under (blog_id, key) if it was rendered at `generation` and has not
  // expired; else null.
  std::shared_ptr<const CachedPage> Find(int64_t blog_id, int64_t generation,
                                         std::string_view key) const;
  // Stores a page, unless a comment of a post in `deps` changed after deps.comment_seq
  // (DropComments told so): the page may show the comments as they were before.
  void Put(int64_t blog_id, int64_t generation, std::string key,
           std::shared_ptr<const CachedPage> page, CommentDeps deps = {},
           std::optional<Clock::time_point> expires = std::nullopt);
  // Drops every page of the blog.
  void DropBlog(int64_t blog_id);
  // The comments of `post_ids` changed, the blog's comment_seq now being `seq`: drops
  // the pages that show them (and the pages showing every post's comments), and refuses
  // later Puts of pages rendered before `seq`.
  void DropComments(int64_t blog_id, int64_t seq, const std::vector<int64_t>& post_ids);
  std::size_t bytes() const;
  std::size_t files() const;

 private:
  struct Entry {
    int64_t blog_id;
    int64_t generation;
    CommentDeps deps;
    std::optional<Clock::time_point> expires;
    std::shared_ptr<const CachedPage> page;
    std::size_t bytes;
    std::size_t files;
    std::list<std::string>::iterator age;  // position in oldest_
  };
  static std::string FullKey(int64_t blog_id, std::string_view key);
  void EraseLocked(std::unordered_map<std::string, Entry>::iterator it);
  // Whether a comment shown by a page with `deps` changed after it began rendering.
  bool IsStaleLocked(int64_t blog_id, const CommentDeps& deps) const;

  const std::size_t max_bytes_;
  const std::size_t max_files_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mutex_)
  std::list<std::string> oldest_;                   // GUARDED_BY(mutex_), oldest first
  std::size_t bytes_ = 0;                           // GUARDED_BY(mutex_)
  std::size_t files_ = 0;                           // GUARDED_BY(mutex_)
  // (blog id, post id) -> the comment_seq of its last comment change; and blog id -> the
  // last comment_seq of any change. GUARDED_BY(mutex_); an int per post ever commented.
  std::map<std::pair<int64_t, int64_t>, int64_t> post_comment_seq_;
  std::unordered_map<int64_t, int64_t> blog_comment_seq_;
};

}  // namespace samizdat::service
