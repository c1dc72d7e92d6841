// WidgetSourceCache: what the PopularPosts, BlogList and ContactForm widgets of a
// Blogger-themed page show — the blog's most viewed posts (service/page_views.h), the
// followed blogs' newest items (service/blog_list.h), the contact form's token
// (service/contact.h) — filled into render::WidgetSources for each page. The store is
// read at most once per blog generation and `ttl`, so a page served from it costs no
// query; page views do not move the generation, so the list follows them within `ttl`.
//
// The PopularPosts widget's settings (the first such widget of the theme): timeRange
// ALL_TIME (the default), LAST_MONTH (30 days) or LAST_WEEK (7 days), and numItemsToShow
// (default 5, at most 50).
//
// Thread safety: Fill may be called from every worker at once.
// Errors: a store failure leaves the widgets empty for that page (logged), never the page.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "blogger/theme.h"
#include "core/time.h"
#include "render/blogger_data.h"
#include "service/blog_directory.h"
#include "service/contact.h"
#include "store/store.h"

namespace samizdat::service {

class WidgetSourceCache {
 public:
  explicit WidgetSourceCache(store::Store& store,
                             std::chrono::milliseconds ttl = std::chrono::seconds(60))
      : store_(store), ttl_(ttl) {}

  // Sets sources.popular_posts, sources.blog_list and (with `contact`, when the theme has
  // a ContactForm widget) sources.contact_form_token for a page of `entry`'s blog whose
  // theme has `sections`, asked for at `base_url` ("https://example.com", for the posts'
  // absolute links) and shown at `now`. Returns whether the page holds a form token (it
  // must then leave the page cache before the token expires, as a comment form's page).
  bool Fill(const BlogEntry& entry, const std::vector<blogger::SectionInfo>& sections,
            std::string_view base_url, const ContactService* contact, Time now,
            render::WidgetSources& sources);

 private:
  struct Snapshot {
    int64_t generation = 0;
    std::string base_url;
    std::chrono::steady_clock::time_point read;
    std::vector<render::PostView> popular;
    std::unordered_map<std::string, std::vector<render::BlogListItem>> lists;  // by widget id
  };
  std::shared_ptr<const Snapshot> Read(const BlogEntry& entry,
                                       const std::vector<blogger::SectionInfo>& sections,
                                       std::string_view base_url, Time now);

  store::Store& store_;
  const std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::unordered_map<int64_t, std::shared_ptr<const Snapshot>> snapshots_;  // GUARDED_BY(mutex_)
};

}  // namespace samizdat::service
