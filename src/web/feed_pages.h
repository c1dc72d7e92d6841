// The feed builders of the public site: Blogger's feed URLs mapped to store queries and
// the feeds/ writers. No HTTP here.
#pragma once

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

// True for the paths feeds answer: /feeds/..., /atom.xml, /rss.xml, /feed.json, and the
// sitemap and robots.txt (machine-read, with absolute URLs like feeds).
bool IsFeedPath(std::string_view path);

// Builds the feed at `segments` (the decoded path segments, e.g. {"feeds", "posts",
// "default", "-", "A b"}). `base_url` ("http://example.com") makes links absolute;
// `self_url` is the absolute URL of this request. Errors are the store's.
Result<FeedOutcome> BuildFeed(store::Store& store, const service::BlogEntry& entry,
                              const std::vector<std::string>& segments, const FeedQuery& query,
                              const std::string& base_url, const std::string& self_url);

}  // namespace samizdat::web
