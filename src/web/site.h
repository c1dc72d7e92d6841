// Site: the handlers of the public blog at Blogger's URLs — pages (home, posts, pages,
// archives, labels, search, the themed 404) — in the blog's Blogger theme when it wears
// one (service/themes.h), else in the default theme — feeds, the sitemap and robots.txt, served
// from the page cache when it can and built otherwise; uploaded files; the comment
// form's POST. The route table (routes.cc) names a handler for each URL; a handler gets
// the typed captures of its row's pattern.
//
// Errors: a Host with no blog is 404; a failure of the store is answered as HttpStatusOf
// says (http_status.h).
//
// Thread safety: the handlers may be called concurrently from the server's threads.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "blogger/theme.h"
#include "http/server.h"
#include "render/blogger_data.h"
#include "render/theme.h"
#include "render/view.h"
#include "service/blog_directory.h"
#include "service/comments.h"
#include "service/contact.h"
#include "service/page_cache.h"
#include "service/page_views.h"
#include "service/themes.h"
#include "service/widget_sources.h"
#include "store/store.h"
#include "web/feed_pages.h"
#include "web/route.h"
#include "web/site_pages.h"
#include "web/wordpress_urls.h"

namespace samizdat::web {

struct SiteOptions {
  bool cache_pages = true;
  std::size_t cache_bytes = 64 * 1024 * 1024;
  // Cached pages are kept in sealed memfds (two per page, plain and gzip) and sent with
  // sendfile; this bounds the file descriptors they hold.
  std::size_t cache_files = 512;
  // The PopularPosts widget's counts: every 200 answer to a GET of a post's page is
  // counted here (cached or not; bots are not); null: nothing is counted.
  service::PageViews* page_views = nullptr;
  // The ContactForm widget's messages (POST /contact-form); null: the route answers 404.
  service::ContactService* contact = nullptr;
};

class Site {
 public:
  Site(store::Store& store, service::CommentService& comments, render::Theme theme,
       SiteOptions options);

  // Pages (site_handlers.cc). Each answers GET (and HEAD) of its row's pattern. The home
  // page with a WordPress query (/?p=12, /?cat=5, /?feed=rss2) is that old address.
  http::Response HomePage(const http::Request& request, const RouteMatch& match);
  http::Response IndexPage(const http::Request& request, const RouteMatch& match);
  http::Response SearchPage(const http::Request& request, const RouteMatch& match);
  http::Response LabelPage(const http::Request& request, const RouteMatch& match);
  http::Response PostPage(const http::Request& request, const RouteMatch& match);
  http::Response StaticPage(const http::Request& request, const RouteMatch& match);
  http::Response YearArchive(const http::Request& request, const RouteMatch& match);
  http::Response MonthArchive(const http::Request& request, const RouteMatch& match);
  // /YYYY_MM_DD_archive.html: 301 to /YYYY/MM/.
  http::Response OldArchive(const http::Request& request, const RouteMatch& match);
  // Any other path: the themed 404, or a 301 where an old address of the blog leads now
  // (WordPressLocation, wordpress_urls.h: an imported post's old permalink, a category).
  http::Response NotFoundPage(const http::Request& request, const RouteMatch& match);
  // WordPress's feeds (/feed/, /wp-rss2.php, ...), day archives and home-page queries:
  // 301 where WordPressLocation says, else the themed 404.
  http::Response WordPressAddress(const http::Request& request, const RouteMatch& match);

  // Feeds (site_handlers.cc), in the format the query's alt asks for.
  http::Response PostsFeed(const http::Request& request, const RouteMatch& match);
  http::Response LabelFeed(const http::Request& request, const RouteMatch& match);
  http::Response PostFeed(const http::Request& request, const RouteMatch& match);
  http::Response BlogCommentsFeed(const http::Request& request, const RouteMatch& match);
  http::Response PostCommentsFeed(const http::Request& request, const RouteMatch& match);
  http::Response CommentFeed(const http::Request& request, const RouteMatch& match);
  http::Response AtomFeed(const http::Request& request, const RouteMatch& match);
  http::Response RssFeed(const http::Request& request, const RouteMatch& match);
  http::Response JsonFeed(const http::Request& request, const RouteMatch& match);
  http::Response Sitemap(const http::Request& request, const RouteMatch& match);
  http::Response RobotsTxt(const http::Request& request, const RouteMatch& match);
  // Any other path under /feeds/: 404.
  http::Response NoFeed(const http::Request& request, const RouteMatch& match);

  // /healthz: "ok" once the store answers a cheap read; else 503 saying the database is
  // unavailable (the store's own message goes to no one: it may name hosts).
  http::Response Health(const http::Request& request, const RouteMatch& match);

  // POST /comment (comment_post.cc): a reader's comment from a post's or page's form (fields
  // post_id, parent_id, token, name, url, body and the honeypot email). Published: 303
  // to the comment's permalink. Held: 202 with the post page and a notice. Refused: the
  // post page with the reason above the refilled form, status 400, 403, 404, 409 or 429
  // (with Retry-After); 415 for a body that is not a urlencoded form.
  http::Response PostComment(const http::Request& request, const RouteMatch& match);

  // GET /contact-form (contact_form.cc): the blog's contact form on a plain page of its
  // own (not cached: it holds a form token), for any theme. POST /contact-form: a
  // reader's message from it or from a ContactForm widget (fields name, email,
  // email-message, token and the honeypot website), screened by service::ContactService.
  // Sent: 200, the form page saying so. Refused: the form page with the reason above the
  // refilled form, status 400, 403 or 429 (with Retry-After), nothing stored; 415 for a
  // body that is not a urlencoded form. Both 404 when the site takes no messages.
  http::Response ContactPage(const http::Request& request, const RouteMatch& match);
  http::Response PostContact(const http::Request& request, const RouteMatch& match);

  // GET /media/HASH.EXT: an uploaded file of the blog, cacheable for good (its name is
  // its content's hash: ETag "HASH", 304 on If-None-Match), never sniffed as another
  // type. 404 for a name that is no stored file.
  http::Response MediaFile(const http::Request& request, const RouteMatch& match);
  // Any other path under /media/: 404.
  http::Response NoMediaFile(const http::Request& request, const RouteMatch& match);

  // GET /.well-known/acme-challenge/TOKEN (acme_challenge.cc): an ACME CA's HTTP-01
  // validation (RFC 8555 §8.3): the token's key authorization from the store as
  // text/plain, whatever the host; 404 for a token with none (unknown or expired).
  http::Response AcmeChallenge(const http::Request& request, const RouteMatch& match);

  // The blogs this site answers for (the admin finds its blog there too).
  service::BlogDirectory& blogs() { return blogs_; }
  // The blogs' Blogger themes, compiled once per version (the admin changes them here).
  service::ThemeService& themes() { return themes_; }

 private:
  using BuildPageFn = std::function<Result<PageOutcome>(const PageInputs&)>;
  using BuildFeedFn = std::function<Result<FeedOutcome>(const FeedInputs&)>;
  // The page cached under `key` for the blog, delivered (counted as a cache hit, with
  // its bytes); nullopt when there is none (a miss) or caching is off.
  std::optional<http::Response> FromCache(const http::Request& request, const Blog& blog,
                                          std::string_view key);
  // A page of the blog of the request: from the cache, or as BuildPage makes it.
  // `counts_view`: a 200 answer to a GET is a page view (SiteOptions::page_views).
  http::Response Page(const http::Request& request, const RouteMatch& match,
                      const BuildPageFn& build, bool counts_view = false);
  // Counts a view of the blog's page at `path` when the answer is a 200 to a GET.
  void CountView(const http::Request& request, int64_t blog_id, const std::string& path,
                 int status);
  // The page `build` makes, rendered by the theme and put in the cache under `key` (a
  // permalink's page under its comment page's key instead, and under `key` too while the
  // post's comments fit one page); a 404 outcome answers 301 instead where the request's
  // old address leads now.
  // `blogger`: the blog's Blogger theme, rendering the page instead of the default theme
  // (null: the default theme).
  http::Response BuildPage(const http::Request& request, const service::BlogEntry& entry,
                           const RouteMatch& match, const ListQuery& query, std::string key,
                           const BuildPageFn& build, const blogger::Theme* blogger = nullptr);
  // The page in the blog's Blogger theme: its data (render/blogger_data.h) from the view
  // the builder made and the structured sidebar with `expanded_year` open. A theme
  // that fails (its limits) is a 500 page naming FILE:LINE:COLUMN, logged once per
  // blog generation.
  // `holds_token`, when given, learns whether the page holds a contact form's token.
  Result<std::string> RenderBlogger(const http::Request& request, const service::BlogEntry& entry,
                                    const blogger::Theme& theme, const render::PageView& view,
                                    int expanded_year, bool* holds_token = nullptr);
  // Where the request's address, an old one of the blog, leads now (wordpress_urls.h).
  Result<OldUrlAnswer> OldAddress(const Blog& blog, const RouteMatch& match);
  // A feed of the blog of the request: from the cache, or built by `build` and cached.
  http::Response Feed(const http::Request& request, const RouteMatch& match,
                      const BuildFeedFn& build);
  // Fills the cache (when `cacheable`: the page under each of `keys`, with the comments
  // it depends on) and answers with the page.
  http::Response Respond(const http::Request& request, const service::BlogEntry& entry,
                         std::vector<std::string> keys, int status, std::string content_type,
                         std::string body, bool cacheable, service::CommentDeps deps = {},
                         bool ages = false);
  // 301 Moved Permanently to `location`.
  static http::Response MovedTo(const std::string& location);
  // The blog of the request after a refresh; a plain error response when there is none.
  std::variant<std::shared_ptr<const service::BlogEntry>, http::Response> BlogFor(
      const http::Request& request);
  // The comment form source of pages rendered now, refilled after a POST when given.
  CommentFormSource FormSource(std::optional<render::CommentFormView> refill = std::nullopt);

  // What the sidebar shows, and its HTML in the default theme, made once per blog
  // generation and expanded year (pages with a search query in the box render their
  // own HTML); with the blog's authors, for a Blogger theme's Profile widget.
  struct SidebarParts {
    int64_t generation = 0;
    std::shared_ptr<const render::Sidebar> data;
    std::shared_ptr<const std::vector<render::AuthorView>> authors;
    std::shared_ptr<const std::string> html;  // null until the default theme asks
  };
  SidebarParts SidebarPartsFor(const service::BlogEntry& entry, int expanded_year);
  std::shared_ptr<const std::string> SidebarFor(const service::BlogEntry& entry, int expanded_year,
                                                std::string_view search_query);
  // The page builders' sidebar: SidebarFor's HTML, or, for a Blogger theme (which
  // renders the sidebar's widgets itself), nothing; either way `expanded_year` learns the
  // year the builder opens. Refers to its arguments: they must outlive it.
  SidebarSource SidebarSourceFor(const service::BlogEntry& entry, const blogger::Theme* blogger,
                                 int& expanded_year);

  store::Store& store_;
  service::CommentService& comments_;
  const render::Theme theme_;
  const SiteOptions options_;
  std::unique_ptr<service::PageCache> cache_;  // null when caching is off
  service::BlogDirectory blogs_;
  service::ThemeService themes_;
  // PopularPosts, BlogList and ContactForm: what they show, per blog generation and minute.
  service::WidgetSourceCache widget_sources_;

  std::mutex sidebar_mutex_;
  // (blog id, expanded year) -> its sidebar. GUARDED_BY(sidebar_mutex_)
  std::map<std::pair<int64_t, int>, SidebarParts> sidebars_;
  // Blog id -> the generation whose Blogger theme failure was last logged.
  // GUARDED_BY(sidebar_mutex_)
  std::map<int64_t, int64_t> theme_failures_logged_;
};

}  // namespace samizdat::web
