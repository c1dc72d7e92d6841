// The feed builders of the public site: Blogger's feeds (and the sitemap and robots.txt)
// as store queries and the feeds/ writers. No HTTP here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "service/blog_directory.h"
#include "store/store.h"
#include "web/feed_query.h"

namespace samizdat::web {

struct FeedOutcome {
  int status = 200;  // 200, or 404 for an unknown feed or post
  std::string content_type;
  std::string body;
};

// What every feed is built from; all must outlive the call. `base_url`
// ("http://example.com") makes links absolute; `self_url` is the absolute URL of the
// request.
struct FeedInputs {
  store::Store& store;
  const service::BlogEntry& entry;
  const FeedQuery& query;
  const std::string& base_url;
  const std::string& self_url;
};

// The builders, one per kind of feed, in the format the query's alt asks for. Errors are
// the store's; a post or comment that is not there (or not published) is a 404 outcome.
// `projection` is "default", "full" or "summary".
// /feeds/posts/PROJECTION[/-/LABEL/LABEL...]: the posts (with every label given).
Result<FeedOutcome> PostsFeed(const FeedInputs& in, std::string_view projection,
                              std::vector<std::string> labels);
// /feeds/posts/PROJECTION/POSTID: one published post.
Result<FeedOutcome> PostFeed(const FeedInputs& in, std::string_view projection, int64_t post_id);
// /feeds/comments/PROJECTION: the blog's published comments.
Result<FeedOutcome> BlogCommentsFeed(const FeedInputs& in, std::string_view projection);
// /feeds/POSTID/comments/PROJECTION: one post's published comments.
Result<FeedOutcome> PostCommentsFeed(const FeedInputs& in, std::string_view projection,
                                     int64_t post_id);
// /feeds/POSTID/comments/PROJECTION/COMMENTID: one published comment of that post.
Result<FeedOutcome> CommentFeed(const FeedInputs& in, std::string_view projection, int64_t post_id,
                                int64_t comment_id);
// Blogger's aliases of the posts feed: /atom.xml (Atom unless alt says otherwise),
// /rss.xml (RSS unless alt says otherwise) and /feed.json (JSON Feed).
Result<FeedOutcome> AtomFeed(const FeedInputs& in);
Result<FeedOutcome> RssFeed(const FeedInputs& in);
Result<FeedOutcome> JsonFeed(const FeedInputs& in);
// The machine-read documents beside the feeds: /sitemap.xml and /robots.txt.
Result<FeedOutcome> Sitemap(const FeedInputs& in);
Result<FeedOutcome> RobotsTxt(const FeedInputs& in);
// Any other path under /feeds/: 404.
Result<FeedOutcome> NoFeed(const FeedInputs& in);

}  // namespace samizdat::web
