// Site::Handle: blog by host, cache lookup, page build and render, cache fill; and
// Site::HandleMedia, the uploaded files.
#include "web/site.h"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>

#include "render/build.h"
#include "service/media.h"
#include "web/delivery.h"
#include "web/feed_pages.h"
#include "web/feed_query.h"
#include "web/query.h"
#include "web/site_pages.h"

namespace samizdat::web {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

// "http://HOST" for absolute links in feeds: the host the client asked for (when it is a
// plain host name), else the blog's; https when a proxy in front says so.
std::string BaseUrl(const http::Request& request, const Blog& blog) {
  std::string_view host = request.host;
  const bool plain = !host.empty() && host.size() <= 255 &&
                     host.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789.-:[]") == std::string_view::npos;
  const std::string scheme =
      request.GetHeader("X-Forwarded-Proto") == "https" ? "https://" : "http://";
  return scheme + std::string(plain ? host : std::string_view(blog.host));
}

// "/?p=12" or "/?page_id=4" when the query names a WordPress post or page; "" otherwise.
std::string WordPressIdPath(std::string_view encoded_query) {
  auto params = boost::urls::parse_query(encoded_query);
  if (!params) return "";
  for (const auto& param : *params) {
    const std::string key = param.key.decode();
    if ((key == "p" || key == "page_id") && param.has_value) {
      const std::string value = param.value.decode();
      if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos) {
        return "/?" + key + "=" + value;
      }
    }
  }
  return "";
}

http::Response Redirect(const std::string& location) {
  http::Response response = http::Response::Text(301, "Moved to " + location + "\n");
  response.headers.push_back({"Location", location});
  return response;
}

}  // namespace

Site::Site(store::Store& store, service::CommentService& comments, render::Theme theme,
           SiteOptions options)
    : store_(store),
      comments_(comments),
      theme_(std::move(theme)),
      options_(options),
      cache_(options.cache_pages
                 ? std::make_unique<service::PageCache>(options.cache_bytes, options.cache_files)
                 : nullptr),
      blogs_(store, cache_.get()) {}

std::shared_ptr<const std::string> Site::SidebarFor(const service::BlogEntry& entry,
                                                    int expanded_year,
                                                    std::string_view search_query) {
  const auto key = std::make_pair(entry.blog.id, expanded_year);
  if (search_query.empty()) {
    std::lock_guard lock(sidebar_mutex_);
    auto it = sidebars_.find(key);
    if (it != sidebars_.end() && it->second.first == entry.blog.generation)
      return it->second.second;
  }
  // Built outside the lock; a failed query shows an empty sidebar rather than no page.
  std::vector<Time> times;
  if (auto published = store_.ListPublishedTimes(entry.blog.id); published.ok()) {
    times = std::move(*published);
  }
  std::vector<LabelCount> labels;
  if (auto counts = store_.LabelCounts(entry.blog.id); counts.ok()) labels = std::move(*counts);
  std::vector<render::PageLink> pages;
  store::PostQuery page_query;
  page_query.blog_id = entry.blog.id;
  page_query.kind = PostKind::kPage;
  page_query.oldest_first = true;
  page_query.limit = 100;
  if (auto listed = store_.ListPosts(page_query); listed.ok()) {
    for (const Post& page : *listed) pages.push_back({page.title, page.path});
  }
  auto sidebar = std::make_shared<const std::string>(theme_.RenderSidebar(
      render::MakeSidebar(entry.blog, entry.zone, times, labels, std::move(pages), expanded_year),
      search_query));
  if (!search_query.empty()) return sidebar;
  std::lock_guard lock(sidebar_mutex_);
  // Entries of older generations are replaced as their keys come back; a blog has few.
  sidebars_[key] = {entry.blog.generation, sidebar};
  return sidebar;
}

http::Response Site::StoreFailure(const std::string& what, const Status& status) {
  http::Response response = http::Response::Text(503, what + ": " + status.message() + "\n");
  if (status.code() == Status::Code::kUnavailable) response.headers.push_back({"Retry-After", "5"});
  return response;
}

std::variant<std::shared_ptr<const service::BlogEntry>, http::Response> Site::BlogFor(
    const http::Request& request) {
  auto entry = blogs_.Lookup(request.host);
  if (entry.ok()) return std::move(*entry);
  if (entry.status().IsNotFound())
    return http::Response::Text(404, entry.status().message() + "\n");
  return StoreFailure("The blog's database is unavailable", entry.status());
}

http::Response Site::HandleMedia(const http::Request& request) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));
  constexpr std::string_view kPrefix = "/media/";
  const std::string_view path =
      std::string_view(request.target).substr(0, std::string_view(request.target).find('?'));
  Result<Media> file = service::MediaService(store_).Get(entry->blog, path.substr(kPrefix.size()));
  if (!file.ok()) {
    if (file.status().IsNotFound()) return http::Response::Text(404, "No such file.\n");
    return StoreFailure("The file could not be read", file.status());
  }
  http::Response response;
  const std::string etag = "\"" + file->hash + "\"";
  response.headers = {{"ETag", etag},
                      {"Cache-Control", "public, max-age=31536000, immutable"},
                      {"X-Content-Type-Options", "nosniff"}};
  if (EtagMatches(request.GetHeader("If-None-Match"), etag)) {
    response.status = 304;
    return response;
  }
  response.headers.push_back({"Content-Type", file->content_type});
  response.body = std::make_shared<const std::string>(std::move(file->bytes));
  return response;
}

CommentFormSource Site::FormSource(std::optional<render::CommentFormView> refill) {
  CommentFormSource source;
  source.token = [this, now = Now()](int64_t post_id) { return comments_.FormToken(post_id, now); };
  source.refill = std::move(refill);
  return source;
}

http::Response Site::Handle(const http::Request& request) {
  auto target = boost::urls::parse_origin_form(request.target);
  if (!target) return http::Response::Text(400, "The request target is not a valid URL path.\n");
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));

  const std::string path = target->path();
  if (IsFeedPath(path)) {
    std::vector<std::string> segments;
    for (const std::string segment : target->segments()) segments.push_back(segment);
    return HandleFeed(request, *entry, target->encoded_path(), segments, target->encoded_query());
  }

  // An imported WordPress blog's /?p=ID and /?page_id=ID lead to the posts' new paths.
  if (path == "/") {
    if (std::string old = WordPressIdPath(target->encoded_query()); !old.empty()) {
      if (auto to = store_.GetRedirect(entry->blog.id, old); to.ok()) return Redirect(*to);
    }
  }
  auto query = ParseListQuery(target->encoded_query());
  if (!query.ok()) return http::Response::Text(400, query.status().message() + "\n");

  std::string key = path + query->cache_key_suffix;
  if (cache_) {
    if (auto page = cache_->Find(entry->blog.id, entry->blog.generation, key)) {
      return Deliver(request, *page);
    }
  }

  SidebarSource sidebar = [this, &entry](int year, std::string_view search_query) {
    return SidebarFor(*entry, year, search_query);
  };
  auto outcome = BuildPage(store_, *entry, path, *query, sidebar, FormSource());
  if (!outcome.ok()) {
    return StoreFailure("The page could not be read", outcome.status());
  }
  if (outcome->status == 301) return Redirect(outcome->redirect);
  if (outcome->status == 404) {
    // An imported post's old address (kept by the import) leads to its path here.
    if (auto to = store_.GetRedirect(entry->blog.id, target->encoded_path()); to.ok()) {
      return Redirect(*to);
    }
  }

  // Search results and reply forms are not kept: any text or id makes a new key, and a
  // stream of them would push the blog's real pages out of the cache.
  const bool cacheable = outcome->status == 200 && query->q.empty() && query->reply == 0;
  service::CommentDeps deps{std::move(outcome->comment_posts), false, entry->blog.comment_seq};
  return Respond(request, *entry, std::move(key), outcome->status, kHtml,
                 theme_.Render(outcome->view), cacheable, std::move(deps),
                 outcome->has_comment_form);
}

http::Response Site::HandleFeed(const http::Request& request, const service::BlogEntry& entry,
                                std::string_view encoded_path,
                                const std::vector<std::string>& segments,
                                std::string_view encoded_query) {
  auto query = ParseFeedQuery(encoded_query);
  if (!query.ok()) return http::Response::Text(400, query.status().message() + "\n");
  const std::string base_url = BaseUrl(request, entry.blog);
  // Links in a feed are absolute, so its bytes depend on the host asked for.
  std::string key = "feed " + base_url + std::string(encoded_path) + query->cache_key_suffix;
  if (cache_) {
    if (auto page = cache_->Find(entry.blog.id, entry.blog.generation, key)) {
      return Deliver(request, *page);
    }
  }
  auto outcome = BuildFeed(store_, entry, segments, *query, base_url, base_url + request.target);
  if (!outcome.ok()) {
    return StoreFailure("The feed could not be read", outcome.status());
  }
  if (outcome->status != 200) return http::Response::Text(outcome->status, outcome->body);
  // Post feeds carry comment counts, comment feeds the comments: any comment drops them.
  service::CommentDeps deps{{}, true, entry.blog.comment_seq};
  return Respond(request, entry, std::move(key), 200, std::move(outcome->content_type),
                 std::move(outcome->body), true, std::move(deps));
}

http::Response Site::Respond(const http::Request& request, const service::BlogEntry& entry,
                             std::string key, int status, std::string content_type,
                             std::string body, bool cacheable, service::CommentDeps deps,
                             bool ages) {
  cacheable = cacheable && cache_ != nullptr;
  const Time last_modified = std::max(entry.blog.updated, entry.blog.comments_updated);
  auto page = service::CachedPage::Make(status, std::move(content_type), std::move(body),
                                        last_modified, cacheable || AcceptsGzip(request));
  if (cacheable) {
    page = service::CachedPage::Seal(std::move(page));
    // A page holding a form token is re-rendered before the token could go stale.
    std::optional<service::PageCache::Clock::time_point> expires;
    if (ages) expires = service::PageCache::Clock::now() + comments_.settings().form_ttl / 4;
    cache_->Put(entry.blog.id, entry.blog.generation, std::move(key), page, std::move(deps),
                expires);
  }
  return Deliver(request, *page);
}

}  // namespace samizdat::web
