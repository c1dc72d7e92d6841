// Site: the public blog pages at Blogger's URLs — home, posts, pages, archives, labels,
// search, the themed 404 — served from the page cache when it can, rendered otherwise;
// and the comment form's POST.
//
// Thread safety: Handle may be called concurrently from the server's worker threads.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/server.h"
#include "render/theme.h"
#include "render/view.h"
#include "service/blog_directory.h"
#include "service/comments.h"
#include "service/page_cache.h"
#include "store/store.h"
#include "web/site_pages.h"

namespace samizdat::web {

struct SiteOptions {
  bool cache_pages = true;
  std::size_t cache_bytes = 64 * 1024 * 1024;
  // Cached pages are kept in sealed memfds (two per page, plain and gzip) and sent with
  // sendfile; this bounds the file descriptors they hold.
  std::size_t cache_files = 512;
};

class Site {
 public:
  Site(store::Store& store, service::CommentService& comments, render::Theme theme,
       SiteOptions options);

  // GET (or HEAD) of a public page.
  http::Response Handle(const http::Request& request);

  // POST /comment: a reader's comment from a post page's form (fields post_id,
  // parent_id, token, name, url, body and the honeypot email). Published: 303 to the
  // comment's permalink. Held: 202 with the post page and a notice. Refused: the post
  // page with the reason above the refilled form, status 400, 403, 404, 409 or 429
  // (with Retry-After); 415 for a body that is not a urlencoded form.
  http::Response HandleComment(const http::Request& request);

  // GET /media/HASH.EXT: an uploaded file of the blog, cacheable for good (its name is
  // its content's hash: ETag "HASH", 304 on If-None-Match), never sniffed as another
  // type. 404 for a name that is no stored file.
  http::Response HandleMedia(const http::Request& request);

  // The blogs this site answers for (the admin finds its blog there too).
  service::BlogDirectory& blogs() { return blogs_; }

 private:
  // 503 "`what`: <the store's reason>"; with Retry-After when the database is only away
  // for now (Unavailable: PostgreSQL reconnects by itself).
  static http::Response StoreFailure(const std::string& what, const Status& status);
  // GET of a feed (IsFeedPath); `segments` are the decoded path segments.
  http::Response HandleFeed(const http::Request& request, const service::BlogEntry& entry,
                            std::string_view encoded_path, const std::vector<std::string>& segments,
                            std::string_view encoded_query);
  // Fills the cache (when `cacheable`, with the comments the page depends on) and
  // answers with the page.
  http::Response Respond(const http::Request& request, const service::BlogEntry& entry,
                         std::string key, int status, std::string content_type, std::string body,
                         bool cacheable, service::CommentDeps deps = {}, bool ages = false);
  // The blog of the request after a refresh; a plain error response when there is none.
  std::variant<std::shared_ptr<const service::BlogEntry>, http::Response> BlogFor(
      const http::Request& request);
  // The comment form source of pages rendered now, refilled after a POST when given.
  CommentFormSource FormSource(std::optional<render::CommentFormView> refill = std::nullopt);

  // The sidebar's HTML, rendered once per blog generation and expanded year (pages
  // with a search query in the box render their own).
  std::shared_ptr<const std::string> SidebarFor(const service::BlogEntry& entry, int expanded_year,
                                                std::string_view search_query);

  store::Store& store_;
  service::CommentService& comments_;
  const render::Theme theme_;
  const SiteOptions options_;
  std::unique_ptr<service::PageCache> cache_;  // null when caching is off
  service::BlogDirectory blogs_;

  std::mutex sidebar_mutex_;
  // (blog id, expanded year) -> (generation, sidebar HTML). GUARDED_BY(sidebar_mutex_)
  std::map<std::pair<int64_t, int>, std::pair<int64_t, std::shared_ptr<const std::string>>>
      sidebars_;
};

}  // namespace samizdat::web
