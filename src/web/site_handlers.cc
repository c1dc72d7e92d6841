// Site's handlers, one per row of the public site's pages and feeds in the route table:
// each turns its row's captures into a call of a page builder (site_pages.h) or a feed
// builder (feed_pages.h).
#include <cstdio>

#include "web/http_status.h"
#include "web/site.h"

namespace samizdat::web {

http::Response Site::HomePage(const http::Request& request, const RouteMatch& match) {
  // /?p=12, /?cat=5, /?feed=rss2: an old WordPress address, not the home page.
  if (IsWordPressQuery(match.encoded_query)) return WordPressAddress(request, match);
  return Page(request, match, web::IndexPage);
}

http::Response Site::IndexPage(const http::Request& request, const RouteMatch& match) {
  return Page(request, match, web::IndexPage);
}

http::Response Site::SearchPage(const http::Request& request, const RouteMatch& match) {
  return Page(request, match, web::SearchPage);
}

http::Response Site::LabelPage(const http::Request& request, const RouteMatch& match) {
  return Page(request, match,
              [&](const PageInputs& in) { return web::LabelPage(in, match.captures.label); });
}

http::Response Site::PostPage(const http::Request& request, const RouteMatch& match) {
  return Page(
      request, match,
      [&](const PageInputs& in) { return ItemPage(in, match.path, PostKind::kPost); },
      /*counts_view=*/true);
}

http::Response Site::StaticPage(const http::Request& request, const RouteMatch& match) {
  return Page(request, match,
              [&](const PageInputs& in) { return ItemPage(in, match.path, PostKind::kPage); });
}

http::Response Site::YearArchive(const http::Request& request, const RouteMatch& match) {
  return Page(request, match,
              [&](const PageInputs& in) { return ArchivePage(in, match.captures.year, 0); });
}

http::Response Site::MonthArchive(const http::Request& request, const RouteMatch& match) {
  return Page(request, match, [&](const PageInputs& in) {
    return ArchivePage(in, match.captures.year, match.captures.month);
  });
}

http::Response Site::OldArchive(const http::Request& request, const RouteMatch& match) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  char location[16];
  std::snprintf(location, sizeof location, "/%04d/%02d/", match.captures.year,
                match.captures.month);
  return MovedTo(location);
}

http::Response Site::NotFoundPage(const http::Request& request, const RouteMatch& match) {
  return Page(request, match,
              [](const PageInputs& in) -> Result<PageOutcome> { return web::NotFoundPage(in); });
}

http::Response Site::WordPressAddress(const http::Request& request, const RouteMatch& match) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));
  // Feed readers poll /feed/ often: the answer is found before any page is built.
  auto old = OldAddress(entry->blog, match);
  if (!old.ok()) return ErrorResponse("The page could not be read", old.status());
  if (old->status == 301) return MovedTo(old->location);
  auto query = ParseListQuery(match.encoded_query);
  if (!query.ok()) return http::Response::Text(400, query.status().message() + "\n");
  // Leads nowhere: the 404 page, never from the cache ("/?p=12" would find the home page
  // there).
  return BuildPage(
      request, *entry, match, *query, match.path,
      [](const PageInputs& in) -> Result<PageOutcome> { return web::NotFoundPage(in); });
}

http::Response Site::PostsFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, [&](const FeedInputs& in) {
    return web::PostsFeed(in, match.captures.projection, {});
  });
}

http::Response Site::LabelFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, [&](const FeedInputs& in) {
    return web::PostsFeed(in, match.captures.projection, match.captures.labels);
  });
}

http::Response Site::PostFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, [&](const FeedInputs& in) {
    return web::PostFeed(in, match.captures.projection, match.captures.post_id);
  });
}

http::Response Site::BlogCommentsFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, [&](const FeedInputs& in) {
    return web::BlogCommentsFeed(in, match.captures.projection);
  });
}

http::Response Site::PostCommentsFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, [&](const FeedInputs& in) {
    return web::PostCommentsFeed(in, match.captures.projection, match.captures.post_id);
  });
}

http::Response Site::CommentFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, [&](const FeedInputs& in) {
    return web::CommentFeed(in, match.captures.projection, match.captures.post_id,
                            match.captures.comment_id);
  });
}

http::Response Site::AtomFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, web::AtomFeed);
}

http::Response Site::RssFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, web::RssFeed);
}

http::Response Site::JsonFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, web::JsonFeed);
}

http::Response Site::Sitemap(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, web::Sitemap);
}

http::Response Site::RobotsTxt(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, web::RobotsTxt);
}

http::Response Site::NoFeed(const http::Request& request, const RouteMatch& match) {
  return Feed(request, match, web::NoFeed);
}

}  // namespace samizdat::web
