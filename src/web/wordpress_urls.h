// WordPress's addresses of a blog that moved here: where an old URL leads now. One pure
// function maps every form; the blog's redirects (kept by the import) and its posts are
// read through the lookups given.
//
// The forms (old_path is a redirect's key, exactly as the import stored it):
//   an old permalink or page (/2020/01/05/hello/, /about/), category, tag, author and
//   attachment page (/category/news/, /tag/x/, /author/login/, /2020/01/05/hello/photo/)
//                     its redirect, found with or without the trailing slash
//   /?p=12 /?page_id=4 /?cat=5 /?tag=x /?attachment_id=9 /?author=2
//                     the redirect of "/?KEY=VALUE" (the first of these keys the query
//                     has, in this order: p, page_id, attachment_id, cat, tag, author);
//                     none: 404 (an unknown ?p= is no home page)
//   OLD/comment-page-N/, OLD&cpage=N     OLD's redirect + "#comments"
//   OLD/page/N/, OLD&paged=N             OLD's redirect (a label's first page)
//   OLD/trackback/                       OLD's redirect
//   OLD/feed/ (/feed/rss2/, /rss/, /rdf/, /atom/), OLD&feed=rss2|rss|rdf|atom
//                     a label's feed /feeds/posts/default/-/LABEL when OLD leads to
//                     /search/label/LABEL; a post's or page's comments feed
//                     /feeds/ID/comments/default when it leads to one; else the blog's
//                     posts feed (an author's feed); none for an absolute URL
//   /feed/ /feed/rss2/ /feed/rss/ /feed/rdf/ /wp-rss2.php /wp-rss.php /wp-rdf.php
//   /?feed=rss2|rss|rdf          /feeds/posts/default?alt=rss
//   /feed/atom/ /wp-atom.php /?feed=atom   /feeds/posts/default
//   /comments/feed/ /wp-commentsrss2.php /?feed=comments-rss2
//                                /feeds/comments/default?alt=rss
//   /comments/feed/atom/ /?feed=comments-atom   /feeds/comments/default
//   /page/N/                     /
//   /YYYY/MM/DD/                 /YYYY/MM/ (the month's archive)
//   /?s=WORDS                    /search?q=WORDS
//   /?m=YYYY, /?m=YYYYMM, /?m=YYYYMMDD   /YYYY/, /YYYY/MM/ (Blogger's ?m=1 is not a date)
// WordPress's /feed/ is RSS 2.0, so its feeds lead to RSS (alt=rss); /atom/ ones to Atom.
// A redirect to an absolute URL (an attachment's file) is followed as it is.
//
// Thread safety: pure; the lookups are called on the caller's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samizdat::web {

// What the mapping reads of the blog. A lookup's error (the store's) is passed on.
struct OldUrlLookups {
  // Where the redirect from `old_path` ("/2020/01/05/hello/", "/?p=12") leads: a path of
  // the blog or an absolute URL; nullopt when there is none.
  std::function<Result<std::optional<std::string>>(std::string_view old_path)> redirect;
  // The id of the published post or page at `path` ("/2020/01/hello.html"); nullopt
  // when there is none.
  std::function<Result<std::optional<int64_t>>(std::string_view path)> post_id_at;
};

struct OldUrlAnswer {
  // 301: the address moved to `location` (a path of the blog, or an absolute URL).
  // 404: a WordPress address that leads nowhere here (an unknown ?p=).
  // 0: no old address of the blog: the request's own page answers.
  int status = 0;
  std::string location;
};

// True when a query of the home page is WordPress's (p, page_id, attachment_id, cat, tag,
// author, feed, s, or m holding a date), so "/?QUERY" is an old address, not the home page.
bool IsWordPressQuery(std::string_view encoded_query);

// Where the old address `encoded_path` ("/2020/01/05/hello/feed/") with `encoded_query`
// ("p=12", "" for none), both as the request sent them, leads now (the forms above).
Result<OldUrlAnswer> WordPressLocation(std::string_view encoded_path,
                                       std::string_view encoded_query,
                                       const OldUrlLookups& lookups);

}  // namespace samizdat::web
