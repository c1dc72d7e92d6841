// The route table and FindRoute: which row a method and target reach, with what
// captures, access and body limit; 404, 405 and its Allow; no network.
#include "web/routes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

namespace samizdat::web {
namespace {

Routed Find(std::string_view method, std::string_view target) {
  return FindRoute(RouteTable(), method, target);
}

// The pattern of the row `method target` reaches ("" when none).
std::string PatternOf(std::string_view method, std::string_view target) {
  const Routed routed = Find(method, target);
  return routed.status == 200 ? std::string(routed.match.route->pattern) : "";
}

std::size_t LimitOf(std::string method, std::string target) {
  http::Request head;
  head.method = std::move(method);
  head.target = std::move(target);
  return BodyLimitFor(head);
}

TEST(RoutesTest, APostsPathCapturesYearMonthAndSlug) {
  const Routed routed = Find("GET", "/2024/05/hello.html");
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.match.route->pattern, "/{yyyy}/{mm}/{slug}.html");
  EXPECT_EQ(routed.match.route->access, Access::kPublic);
  EXPECT_EQ(routed.match.captures.year, 2024);
  EXPECT_EQ(routed.match.captures.month, 5);
  EXPECT_EQ(routed.match.captures.slug, "hello");
  EXPECT_EQ(routed.match.path, "/2024/05/hello.html");
}

TEST(RoutesTest, AMonthIsTwoDigitsFrom01To12AndAYearFourDigits) {
  EXPECT_EQ(PatternOf("GET", "/2024/13/x.html"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/2024/00/x.html"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/2024/5/x.html"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/202/05/x.html"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/2024/12/x.html"), "/{yyyy}/{mm}/{slug}.html");
}

TEST(RoutesTest, WordPressFeedsAndDayArchivesHaveTheirRows) {
  for (const char* target :
       {"/feed/", "/feed", "/feed/rss2/", "/feed/rss/", "/feed/rdf/", "/feed/atom/",
        "/comments/feed/", "/comments/feed/atom/", "/wp-rss2.php", "/wp-rss.php", "/wp-rdf.php",
        "/wp-atom.php", "/wp-commentsrss2.php"}) {
    const std::string pattern = PatternOf("GET", target);
    EXPECT_TRUE(pattern.starts_with("/feed") || pattern.starts_with("/comments/feed") ||
                pattern.starts_with("/wp-"))
        << target << " -> " << pattern;
  }
  EXPECT_EQ(PatternOf("GET", "/2020/01/05/"), "/{yyyy}/{mm}/{dd}/?");
  EXPECT_EQ(PatternOf("GET", "/2020/01/05"), "/{yyyy}/{mm}/{dd}/?");
  // Old permalinks and category pages: the fallback row, which finds their redirects.
  EXPECT_EQ(PatternOf("GET", "/2020/01/05/hello/"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/category/news/feed/"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/feed/podcast/"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/?p=12"), "/");
}

TEST(RoutesTest, PagesAndArchives) {
  EXPECT_EQ(PatternOf("GET", "/"), "/");
  EXPECT_EQ(PatternOf("GET", "/index.html"), "/index.html");
  EXPECT_EQ(PatternOf("GET", "/p/about.html"), "/p/{slug}.html");
  EXPECT_EQ(PatternOf("GET", "/search?q=x"), "/search/?");
  EXPECT_EQ(PatternOf("GET", "/search/"), "/search/?");
  EXPECT_EQ(PatternOf("GET", "/2024/"), "/{yyyy}/?");
  EXPECT_EQ(PatternOf("GET", "/2024"), "/{yyyy}/?");
  EXPECT_EQ(PatternOf("GET", "/2024/05/"), "/{yyyy}/{mm}/?");
  EXPECT_EQ(PatternOf("GET", "/2024/05"), "/{yyyy}/{mm}/?");
  EXPECT_EQ(PatternOf("GET", "/2024/05//"), "/{rest...}");
  const Routed old = Find("GET", "/2024_05_31_archive.html");
  ASSERT_EQ(old.status, 200);
  EXPECT_EQ(old.match.route->pattern, "/{yyyy}_{mm}_{dd}_archive.html");
  EXPECT_EQ(old.match.captures.year, 2024);
  EXPECT_EQ(old.match.captures.month, 5);
  EXPECT_EQ(old.match.captures.day, 31);
  EXPECT_EQ(PatternOf("GET", "/no/such/page"), "/{rest...}");
}

TEST(RoutesTest, ALabelIsDecoded) {
  Routed routed = Find("GET", "/search/label/A%20b?max-results=3");
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.match.route->pattern, "/search/label/{label...}");
  EXPECT_EQ(routed.match.captures.label, "A b");
  EXPECT_EQ(routed.match.encoded_path, "/search/label/A%20b");
  EXPECT_EQ(routed.match.encoded_query, "max-results=3");
  routed = Find("GET", "/search/label/A%2FB");
  EXPECT_EQ(routed.match.captures.label, "A/B");
  EXPECT_EQ(PatternOf("GET", "/search/label/"), "/{rest...}");
}

TEST(RoutesTest, BloggersFeeds) {
  Routed routed = Find("GET", "/feeds/posts/default?alt=rss");
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.match.route->pattern, "/feeds/posts/{projection}");
  EXPECT_EQ(routed.match.captures.projection, "default");
  EXPECT_EQ(routed.match.encoded_query, "alt=rss");

  routed = Find("GET", "/feeds/posts/summary/-/A%20b/C");
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.match.route->pattern, "/feeds/posts/{projection}/-/{labels...}");
  EXPECT_EQ(routed.match.captures.projection, "summary");
  EXPECT_EQ(routed.match.captures.labels, (std::vector<std::string>{"A b", "C"}));

  routed = Find("GET", "/feeds/posts/full/12");
  EXPECT_EQ(routed.match.route->pattern, "/feeds/posts/{projection}/{postid}");
  EXPECT_EQ(routed.match.captures.post_id, 12);

  EXPECT_EQ(PatternOf("GET", "/feeds/comments/default"), "/feeds/comments/{projection}");
  EXPECT_EQ(PatternOf("GET", "/feeds/12/comments/full"), "/feeds/{postid}/comments/{projection}");
  routed = Find("GET", "/feeds/12/comments/default/34");
  EXPECT_EQ(routed.match.route->pattern, "/feeds/{postid}/comments/{projection}/{commentid}");
  EXPECT_EQ(routed.match.captures.post_id, 12);
  EXPECT_EQ(routed.match.captures.comment_id, 34);

  for (const char* alias : {"/atom.xml", "/rss.xml", "/feed.json", "/sitemap.xml", "/robots.txt"}) {
    EXPECT_EQ(PatternOf("GET", alias), alias);
  }
  // Anything else under /feeds/ is the feeds' own 404, not a page.
  for (const char* other : {"/feeds/posts/other", "/feeds/posts/default/x",
                            "/feeds/0/comments/default", "/feeds/posts/default/", "/feeds/"}) {
    EXPECT_EQ(PatternOf("GET", other), "/feeds/{rest...}") << other;
  }
}

TEST(RoutesTest, MediaAndTheAdminsStaticFiles) {
  Routed routed = Find("GET", "/media/0123abcd.png");
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.match.captures.hash, "0123abcd");
  EXPECT_EQ(routed.match.captures.ext, "png");
  EXPECT_EQ(PatternOf("GET", "/media/nothing"), "/media/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/media/a/b.png"), "/media/{rest...}");
  routed = Find("GET", "/admin/static/v1/admin.js");
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.match.route->access, Access::kPublic);
  EXPECT_EQ(routed.match.captures.version, "v1");
  EXPECT_EQ(routed.match.captures.file, "admin.js");
  EXPECT_EQ(PatternOf("GET", "/admin/static/admin.js"), "/admin/static/{rest...}");
  // A fallback takes one segment or more: /media and /feeds are pages (the themed 404).
  EXPECT_EQ(PatternOf("GET", "/media/"), "/media/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/media"), "/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/feeds"), "/{rest...}");
}

TEST(RoutesTest, AdminRowsCarryIdsAccessAndCsrf) {
  Routed routed = Find("GET", "/admin/posts/12");
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.match.route->pattern, "/admin/posts/{id}/?");
  EXPECT_EQ(routed.match.route->access, Access::kAuthor);
  EXPECT_FALSE(routed.match.route->csrf);
  EXPECT_EQ(routed.match.captures.id, 12);
  EXPECT_EQ(PatternOf("GET", "/admin/posts/12/"), "/admin/posts/{id}/?");
  EXPECT_EQ(PatternOf("GET", "/admin/posts/new"), "/admin/posts/new/?");

  routed = Find("POST", "/admin/pages/7/revisions/3/restore");
  ASSERT_EQ(routed.status, 200);
  EXPECT_TRUE(routed.match.route->csrf);
  EXPECT_EQ(routed.match.captures.id, 7);
  EXPECT_EQ(routed.match.captures.rid, 3);

  EXPECT_EQ(Find("GET", "/admin/settings").match.route->access, Access::kOwner);
  EXPECT_EQ(Find("GET", "/admin/password").match.route->access, Access::kSignedIn);
  EXPECT_EQ(Find("POST", "/admin/sign-in").match.route->access, Access::kAnyone);
  // A one-time sign-in link is opened without a session (its token is in the query).
  EXPECT_EQ(Find("GET", "/admin/reset").match.route->access, Access::kAnyone);
  EXPECT_EQ(Find("POST", "/admin/reset").match.route->access, Access::kAnyone);
  EXPECT_EQ(Find("GET", "/admin").match.route->access, Access::kAuthor);
  EXPECT_EQ(Find("POST", "/admin/media/abc/delete").match.route->access, Access::kOwner);
  EXPECT_EQ(Find("POST", "/admin/media/abc/delete").match.captures.hash, "abc");
  // The theme and its layout are the owners'; every change carries the token.
  for (const char* path : {"/admin/theme", "/admin/theme/download", "/admin/layout"}) {
    EXPECT_EQ(Find("GET", path).match.route->access, Access::kOwner) << path;
  }
  for (const char* path : {"/admin/theme/restore", "/admin/theme/edit", "/admin/theme/revert",
                           "/admin/layout/move", "/admin/layout/widget", "/admin/layout/add",
                           "/admin/layout/visibility", "/admin/layout/remove"}) {
    EXPECT_EQ(Find("POST", path).match.route->access, Access::kOwner) << path;
    EXPECT_TRUE(Find("POST", path).match.route->csrf) << path;
  }

  // An id is a positive number; anything else is no admin page.
  EXPECT_EQ(PatternOf("GET", "/admin/posts/abc"), "/admin/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/admin/posts/0"), "/admin/{rest...}");
  EXPECT_EQ(PatternOf("GET", "/admin/posts/99999999999999999999"), "/admin/{rest...}");
  EXPECT_EQ(PatternOf("POST", "/admin/no-such-page"), "/admin/{rest...}");
}

TEST(RoutesTest, BodyLimitsComeFromTheRow) {
  EXPECT_EQ(LimitOf("POST", "/comment"), 128u * 1024);
  EXPECT_EQ(LimitOf("POST", "/contact-form"), 128u * 1024);
  EXPECT_EQ(LimitOf("POST", "/admin/messages/12/delete"), 4u * 1024 * 1024);
  EXPECT_EQ(LimitOf("POST", "/admin/media"), 11u * 1024 * 1024);
  EXPECT_EQ(LimitOf("POST", "/admin/import"), 256u * 1024 * 1024);
  EXPECT_EQ(LimitOf("POST", "/admin/theme/restore"), 16u * 1024 * 1024);
  EXPECT_EQ(LimitOf("POST", "/admin/theme/edit"), 16u * 1024 * 1024);
  EXPECT_EQ(LimitOf("POST", "/admin/posts/3"), 4u * 1024 * 1024);
  EXPECT_EQ(LimitOf("POST", "/admin/no-such-page"), 4u * 1024 * 1024);
  EXPECT_EQ(LimitOf("GET", "/admin/media"), 0u);
  EXPECT_EQ(LimitOf("GET", "/"), 0u);
  EXPECT_EQ(LimitOf("POST", "/"), 0u);
}

TEST(RoutesTest, AKnownPathWithAnotherMethodIs405WithAllow) {
  Routed routed = Find("POST", "/2024/05/hello.html");
  EXPECT_EQ(routed.status, 405);
  EXPECT_EQ(routed.allow, "GET, HEAD");
  routed = Find("DELETE", "/");
  EXPECT_EQ(routed.status, 405);
  EXPECT_EQ(routed.allow, "GET, HEAD");
  routed = Find("GET", "/comment");
  EXPECT_EQ(routed.status, 405);
  EXPECT_EQ(routed.allow, "POST");
  // The admin's paths: 405 from the rows of that path, not the admin's 404 row.
  routed = Find("POST", "/admin/posts");
  EXPECT_EQ(routed.status, 405);
  EXPECT_EQ(routed.match.route->access, Access::kAuthor);
  EXPECT_EQ(routed.allow, "GET, HEAD");
  routed = Find("PUT", "/admin/posts/3");
  EXPECT_EQ(routed.status, 405);
  EXPECT_EQ(routed.allow, "GET, HEAD, POST");
  routed = Find("PUT", "/admin/no-such-page");
  EXPECT_EQ(routed.status, 405);
  EXPECT_EQ(routed.allow, "GET, HEAD, POST");
}

TEST(RoutesTest, HeadAnswersLikeGet) {
  // The server hands HEAD to the router as GET (http::Request::method).
  EXPECT_EQ(Find("GET", "/feeds/posts/default").status, 200);
  EXPECT_NE(Find("POST", "/media/x.png").allow.find("HEAD"), std::string::npos);
}

TEST(RoutesTest, ATargetThatIsNoUrlPathIs400) {
  EXPECT_EQ(Find("GET", "/%zz").status, 400);
  EXPECT_EQ(Find("GET", "http://example.com/").status, 400);
}

TEST(RoutesTest, EveryRowIsWellFormed) {
  const std::set<std::string_view> known = {
      "yyyy",  "mm",   "dd",  "id",  "postid",  "commentid", "rid",    "projection", "slug",
      "label", "hash", "ext", "job", "version", "file",      "labels", "rest"};
  for (const Route& route : RouteTable()) {
    SCOPED_TRACE(route.pattern);
    EXPECT_TRUE(route.pattern.starts_with('/'));
    EXPECT_TRUE(route.handle);
    EXPECT_TRUE(route.methods == "GET" || route.methods == "POST" || route.methods == "GET POST");
    // A POST on an admin row carries a CSRF token, except on the admin's 404 row.
    if (route.access != Access::kPublic && route.methods == "POST") {
      EXPECT_TRUE(route.csrf);
    }
    if (route.access == Access::kPublic) {
      EXPECT_FALSE(route.csrf);
    }
    // BodyLimitFor answers GET and HEAD without routing: only a POST row takes a body.
    if (route.methods == "GET") {
      EXPECT_EQ(route.body_limit, 0u);
    }
    for (std::size_t open = route.pattern.find('{'); open != std::string_view::npos;
         open = route.pattern.find('{', open + 1)) {
      std::string_view name = route.pattern.substr(open + 1);
      name = name.substr(0, name.find('}'));
      if (name.ends_with("...")) name.remove_suffix(3);
      EXPECT_TRUE(known.contains(name)) << name;
    }
  }
}

}  // namespace
}  // namespace samizdat::web
