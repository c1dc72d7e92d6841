// The sitemap (sitemaps.org protocol 0.9) and robots.txt of a blog, as Blogger serves
// them: every published post and page with its last change, and a robots.txt that keeps
// crawlers out of /search and points them at the sitemap. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace samizdat::feeds {

struct SitemapUrl {
  std::string path;  // "/2022/01/slug.html"
  Time last_modified{};
};

// A sitemaps.org 0.9 <urlset> with base_url + path and <lastmod> in UTC. The protocol
// allows 50,000 URLs per file; callers pass at most kSitemapMaxUrls.
inline constexpr int kSitemapMaxUrls = 50'000;
std::string RenderSitemap(std::string_view base_url, const std::vector<SitemapUrl>& urls);

// Blogger's default robots.txt for a blog at base_url.
std::string RenderRobotsTxt(std::string_view base_url);

}  // namespace samizdat::feeds
