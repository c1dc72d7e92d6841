// Site's common path: the blog by Host, cache lookup, page or feed build and render,
// cache fill; and Site::MediaFile, the uploaded files.
#include "web/site.h"

#include <chrono>

#include "core/log.h"
#include "core/process_metrics.h"
#include "render/build.h"
#include "render/locale.h"
#include "service/media.h"
#include "web/delivery.h"
#include "web/feed_query.h"
#include "web/http_status.h"
#include "web/query.h"
#include "web/site_pages.h"

namespace samizdat::web {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

// A comment permalink (?showComment=MS) that picks the comment page shown: no
// commentPage says which.
bool IsPermalink(const ListQuery& query) { return query.show_comment && !query.comment_page; }

}  // namespace

std::string BaseUrl(const http::Request& request, const Blog& blog) {
  std::string_view host = request.host;
  const bool plain = !host.empty() && host.size() <= 255 &&
                     host.find_first_not_of(
                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789.-:[]") == std::string_view::npos;
  const std::string scheme = request.secure ? "https://" : "http://";
  return scheme + std::string(plain ? host : std::string_view(blog.host));
}

Site::Site(store::Store& store, service::CommentService& comments, render::Theme theme,
           SiteOptions options)
    : store_(store),
      comments_(comments),
      theme_(std::move(theme)),
      options_(options),
      cache_(options.cache_pages
                 ? std::make_unique<service::PageCache>(options.cache_bytes, options.cache_files)
                 : nullptr),
      blogs_(store, cache_.get()),
      themes_(store),
      widget_sources_(store) {}

Site::SidebarParts Site::SidebarPartsFor(const service::BlogEntry& entry, int expanded_year) {
  const auto key = std::make_pair(entry.blog.id, expanded_year);
  {
    std::lock_guard lock(sidebar_mutex_);
    auto it = sidebars_.find(key);
    if (it != sidebars_.end() && it->second.generation == entry.blog.generation) return it->second;
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
  // The blog's authors: the users of the blog, else (a blog no user is tied to) the
  // instance's admins.
  auto authors = std::make_shared<std::vector<render::AuthorView>>();
  if (auto users = store_.ListUsers(); users.ok()) {
    for (bool admins : {false, true}) {
      for (const User& user : *users) {
        const bool of_blog = admins ? user.role == UserRole::kAdmin : user.blog_id == entry.blog.id;
        if (of_blog) authors->push_back({user.display_name, "", "", ""});
      }
      if (!authors->empty()) break;
    }
  }
  SidebarParts parts;
  parts.generation = entry.blog.generation;
  parts.data = std::make_shared<const render::Sidebar>(
      render::MakeSidebar(entry.blog, entry.zone, times, labels, std::move(pages), expanded_year));
  parts.authors = std::move(authors);
  std::lock_guard lock(sidebar_mutex_);
  // Entries of older generations are replaced as their keys come back; a blog has few.
  sidebars_[key] = parts;
  return parts;
}

SidebarSource Site::SidebarSourceFor(const service::BlogEntry& entry, const blogger::Theme* blogger,
                                     int& expanded_year) {
  return [this, &entry, &expanded_year, blogger](int year, std::string_view search_query) {
    expanded_year = year;
    static const auto kNone = std::make_shared<const std::string>();
    return blogger ? kNone : SidebarFor(entry, year, search_query);
  };
}

std::shared_ptr<const std::string> Site::SidebarFor(const service::BlogEntry& entry,
                                                    int expanded_year,
                                                    std::string_view search_query) {
  SidebarParts parts = SidebarPartsFor(entry, expanded_year);
  if (!search_query.empty()) {
    return std::make_shared<const std::string>(theme_.RenderSidebar(*parts.data, search_query));
  }
  if (parts.html) return parts.html;
  auto html = std::make_shared<const std::string>(theme_.RenderSidebar(*parts.data, ""));
  std::lock_guard lock(sidebar_mutex_);
  auto it = sidebars_.find({entry.blog.id, expanded_year});
  if (it != sidebars_.end() && it->second.generation == parts.generation) it->second.html = html;
  return html;
}

http::Response Site::MovedTo(const std::string& location) {
  http::Response response = http::Response::Text(301, "Moved to " + location + "\n");
  response.headers.push_back({"Location", location});
  return response;
}

std::variant<std::shared_ptr<const service::BlogEntry>, http::Response> Site::BlogFor(
    const http::Request& request) {
  auto entry = blogs_.Lookup(request.host);
  if (entry.ok()) return std::move(*entry);
  if (entry.status().IsNotFound())
    return http::Response::Text(404, entry.status().message() + "\n");
  return ErrorResponse("The blog's database is unavailable", entry.status());
}

http::Response Site::MediaFile(const http::Request& request, const RouteMatch& match) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));
  const Captures& name = match.captures;
  Result<Media> file = service::MediaService(store_).Get(entry->blog, name.hash + "." + name.ext);
  if (!file.ok()) {
    if (file.status().IsNotFound()) return NoMediaFile(request, match);
    return ErrorResponse("The file could not be read", file.status());
  }
  http::Response response;
  const std::string etag = "\"" + file->hash + "\"";
  // Never sniffed as another type: nosniff comes with every answer (security_headers.h).
  response.headers = {{"ETag", etag}, {"Cache-Control", "public, max-age=31536000, immutable"}};
  if (EtagMatches(request.GetHeader("If-None-Match"), etag)) {
    response.status = 304;
    return response;
  }
  response.headers.push_back({"Content-Type", file->content_type});
  response.body = std::make_shared<const std::string>(std::move(file->bytes));
  return response;
}

http::Response Site::Health(const http::Request&, const RouteMatch&) {
  const Result<int> read = store_.GetBodyVersion();
  if (read.ok()) return http::Response::Text(200, "ok\n");
  http::Response response = http::Response::Text(
      503, read.status().code() == Status::Code::kUnavailable ? "the database is unavailable\n"
                                                              : "the database cannot be read\n");
  response.headers = ErrorHeaders(read.status());
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

http::Response Site::NoMediaFile(const http::Request&, const RouteMatch&) {
  return http::Response::Text(404, "No such file.\n");
}

CommentFormSource Site::FormSource(std::optional<render::CommentFormView> refill) {
  CommentFormSource source;
  source.token = [this, now = Now()](int64_t post_id) { return comments_.FormToken(post_id, now); };
  source.refill = std::move(refill);
  return source;
}

std::optional<http::Response> Site::FromCache(const http::Request& request, const Blog& blog,
                                              std::string_view key) {
  if (!cache_) return std::nullopt;
  metrics::ProcessMetrics& metrics = metrics::Process();
  auto page = cache_->Find(blog.id, blog.generation, key);
  if (!page) {
    metrics.cache_misses.Add(0);
    return std::nullopt;
  }
  http::Response response = Deliver(request, *page);
  metrics.cache_hits.Add(0);
  if (!request.is_head) {
    metrics.cache_bytes.Add(
        0, response.file_body ? response.file_body->size() : response.body->size());
  }
  return response;
}

void Site::CountView(const http::Request& request, int64_t blog_id, const std::string& path,
                     int status) {
  if (options_.page_views == nullptr || status != 200 || request.is_head || request.method != "GET")
    return;
  options_.page_views->Count(blog_id, path, request.GetHeader("User-Agent"));
}

http::Response Site::Page(const http::Request& request, const RouteMatch& match,
                          const BuildPageFn& build, bool counts_view) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));
  auto query = ParseListQuery(match.encoded_query);
  if (!query.ok()) return http::Response::Text(400, query.status().message() + "\n");

  // A Blogger theme is looked up in memory (compiled once per version).
  auto blogger = themes_.Compiled(entry->blog);
  if (!blogger.ok()) return ErrorResponse("The blog's theme could not be read", blogger.status());
  // Pages hold absolute URLs (head, share links): one copy per scheme and host.
  std::string key = BaseUrl(request, entry->blog) + match.path + query->cache_key_suffix;
  // A permalink (?showComment=MS) names its comment page only once the comments are
  // read; while they fit one page, all the post's permalinks share that page here.
  if (IsPermalink(*query)) key += "&sc";
  if (auto cached = FromCache(request, entry->blog, key)) {
    if (counts_view) CountView(request, entry->blog.id, match.path, cached->status);
    return std::move(*cached);
  }
  const auto started = std::chrono::steady_clock::now();
  http::Response response =
      BuildPage(request, *entry, match, *query, std::move(key), build, blogger->get());
  metrics::Process().render_seconds.Observe(std::chrono::steady_clock::now() - started);
  if (counts_view) CountView(request, entry->blog.id, match.path, response.status);
  return response;
}

http::Response Site::BuildPage(const http::Request& request, const service::BlogEntry& entry,
                               const RouteMatch& match, const ListQuery& query, std::string key,
                               const BuildPageFn& build, const blogger::Theme* blogger) {
  int sidebar_year = 0;
  const SidebarSource sidebar = SidebarSourceFor(entry, blogger, sidebar_year);
  const CommentFormSource form = FormSource();
  const std::string base_url = BaseUrl(request, entry.blog);
  auto outcome = build(PageInputs{store_, entry, query, sidebar, form, base_url});
  if (!outcome.ok()) return ErrorResponse("The page could not be read", outcome.status());
  if (outcome->status == 404) {
    auto old = OldAddress(entry.blog, match);
    if (!old.ok()) return ErrorResponse("The page could not be read", old.status());
    if (old->status == 301) return MovedTo(old->location);
  }

  // Search results and reply forms are not kept: any text or id makes a new key, and a
  // stream of them would push the blog's real pages out of the cache.
  const bool cacheable = outcome->status == 200 && query.q.empty() && query.reply == 0;
  std::vector<std::string> keys;
  if (IsPermalink(query)) {
    // The page shown is the comment page's own (commentPage=N gets the same bytes); a
    // page of several would show another page for another permalink.
    keys.push_back(base_url + match.path + query.cache_key_suffix +
                   CommentPageKey(outcome->comment_page));
    if (outcome->comment_pages == 1) keys.push_back(std::move(key));
  } else {
    keys.push_back(std::move(key));
  }
  service::CommentDeps deps{std::move(outcome->comment_posts), false, entry.blog.comment_seq};
  std::string body;
  bool holds_token = false;
  if (blogger) {
    auto rendered =
        RenderBlogger(request, entry, *blogger, outcome->view, sidebar_year, &holds_token);
    if (!rendered.ok()) {
      http::Response failed = http::Response::Text(
          500,
          "This blog's theme failed to render this page: " + rendered.status().message() + "\n");
      failed.headers.push_back({"Cache-Control", "no-store"});
      return failed;
    }
    body = std::move(*rendered);
  } else {
    body = theme_.Render(outcome->view);
  }
  return Respond(request, entry, std::move(keys), outcome->status, kHtml, std::move(body),
                 cacheable, std::move(deps), outcome->has_comment_form || holds_token);
}

Result<std::string> Site::RenderBlogger(const http::Request& request,
                                        const service::BlogEntry& entry,
                                        const blogger::Theme& theme, const render::PageView& view,
                                        int expanded_year, bool* holds_token) {
  const SidebarParts sidebar = SidebarPartsFor(entry, expanded_year);
  const std::string base_url = BaseUrl(request, entry.blog);
  render::WidgetSources sources;
  sources.authors = *sidebar.authors;
  const bool token =
      widget_sources_.Fill(entry, theme.sections(), base_url, options_.contact, Now(), sources);
  if (holds_token != nullptr) *holds_token = token;
  // FeaturedPost: the post its setting names, or (id 0) the newest.
  sources.post_by_id = [&](int64_t post_id) -> std::optional<render::PostView> {
    std::optional<Post> post;
    if (post_id != 0) {
      if (auto found = store_.GetPost(entry.blog.id, post_id); found.ok()) post = *found;
    } else {
      store::PostQuery newest;
      newest.blog_id = entry.blog.id;
      newest.limit = 1;
      if (auto listed = store_.ListPosts(newest); listed.ok() && !listed->empty()) {
        post = listed->front();
      }
    }
    if (!post || post->status != PostStatus::kPublished || post->kind != PostKind::kPost) {
      return std::nullopt;
    }
    return render::MakePostView(entry.blog, entry.zone, *post, base_url);
  };
  const render::BloggerPageInput input{
      entry.blog,     entry.zone,     render::Locale::For(entry.blog.locale),
      view,           *sidebar.data,  base_url,
      request.target, view.head_html, sources};
  auto rendered = theme.Render(render::MakeBloggerData(theme, input));
  if (rendered.ok()) return rendered;
  {
    std::lock_guard lock(sidebar_mutex_);
    auto [logged, first] = theme_failures_logged_.try_emplace(entry.blog.id, -1);
    if (logged->second == entry.blog.generation) return rendered.status();
    logged->second = entry.blog.generation;
  }
  log::Error("blog " + entry.blog.host + ": its Blogger theme failed on " + request.target + ": " +
             rendered.status().message());
  return rendered.status();
}

Result<OldUrlAnswer> Site::OldAddress(const Blog& blog, const RouteMatch& match) {
  OldUrlLookups lookups;
  lookups.redirect = [&](std::string_view old_path) -> Result<std::optional<std::string>> {
    auto to = store_.GetRedirect(blog.id, old_path);
    if (to.ok()) return std::optional<std::string>(std::move(*to));
    if (to.status().IsNotFound()) return std::optional<std::string>();
    return to.status();
  };
  lookups.post_id_at = [&](std::string_view path) -> Result<std::optional<int64_t>> {
    auto post = store_.GetPostByPath(blog.id, path);
    if (post.ok() && post->status == PostStatus::kPublished) return std::optional(post->id);
    if (post.ok() || post.status().IsNotFound()) return std::optional<int64_t>();
    return post.status();
  };
  return WordPressLocation(match.encoded_path, match.encoded_query, lookups);
}

http::Response Site::Feed(const http::Request& request, const RouteMatch& match,
                          const BuildFeedFn& build) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));
  auto query = ParseFeedQuery(match.encoded_query);
  if (!query.ok()) return http::Response::Text(400, query.status().message() + "\n");
  const std::string base_url = BaseUrl(request, entry->blog);
  // Links in a feed are absolute, so its bytes depend on the host asked for.
  std::string key = "feed " + base_url + match.encoded_path + query->cache_key_suffix;
  if (auto cached = FromCache(request, entry->blog, key)) return std::move(*cached);
  const std::string self_url = base_url + request.target;
  const auto started = std::chrono::steady_clock::now();
  auto outcome = build(FeedInputs{store_, *entry, *query, base_url, self_url});
  metrics::Process().render_seconds.Observe(std::chrono::steady_clock::now() - started);
  if (!outcome.ok()) return ErrorResponse("The feed could not be read", outcome.status());
  if (outcome->status != 200) return http::Response::Text(outcome->status, outcome->body);
  // Post feeds carry comment counts, comment feeds the comments: any comment drops them.
  service::CommentDeps deps{{}, true, entry->blog.comment_seq};
  return Respond(request, *entry, {std::move(key)}, 200, std::move(outcome->content_type),
                 std::move(outcome->body), true, std::move(deps));
}

http::Response Site::Respond(const http::Request& request, const service::BlogEntry& entry,
                             std::vector<std::string> keys, int status, std::string content_type,
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
    for (std::string& key : keys) {
      cache_->Put(entry.blog.id, entry.blog.generation, std::move(key), page, deps, expires);
    }
  }
  return Deliver(request, *page);
}

}  // namespace samizdat::web
