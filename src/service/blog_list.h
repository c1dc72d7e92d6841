// BlogList: the blogroll widget's data. A BlogList widget's setting `feeds` holds the
// followed blogs' feed URLs, one per line (Blogger keeps them on its servers; samizdat
// keeps them in the theme's b:widget-settings). A background thread reads every feed of
// every blog's BlogList widgets every 30 minutes with libcurl (service/http_fetch.h;
// 15 s and 2 MB at most per feed, local addresses allowed), parses it (Atom or RSS 2.0,
// libxml2) and keeps the newest item of each followed blog in the store; the widget
// reads them from there (service/widget_sources.h). A feed that cannot be read keeps
// its last item.
//
// Thread safety: RefreshAll may be called from several threads, though one at a time
// is enough; the refresher's thread calls it alone.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "blogger/theme.h"
#include "core/model.h"
#include "core/status.h"
#include "service/http_fetch.h"
#include "store/store.h"

namespace samizdat::service {

// The name of the BlogList widget setting that lists the followed feeds.
inline constexpr std::string_view kBlogListFeedsSetting = "feeds";

// One BlogList widget of a blog's theme and the feeds it follows, in the setting's order.
struct BlogListWidget {
  std::string widget_id;
  std::vector<std::string> feed_urls;
};

// The BlogList widgets of a theme's sections (the `feeds` setting split on lines, blank
// lines and surrounding spaces dropped).
std::vector<BlogListWidget> BlogListWidgets(const std::vector<blogger::SectionInfo>& sections);

// The newest item of an Atom or RSS 2.0 feed with its blog's title and address:
// InvalidArgument when the bytes are no such feed or it has no item. `feed_url` is set
// as given; `fetched` is left 0.
Result<store::BlogListEntry> ReadNewestItem(std::string_view feed_url, std::string_view bytes);

struct BlogListOptions {
  std::chrono::milliseconds interval = std::chrono::minutes(30);
  FetchOptions fetch;  // BlogListRefresher sets its defaults: 15 s, 2 MB, local allowed
};

class BlogListRefresher {
 public:
  // A blog's BlogList widgets (from its theme); empty for a blog without any.
  using WidgetsOf = std::function<Result<std::vector<BlogListWidget>>(const Blog& blog)>;

  BlogListRefresher(store::Store& store, WidgetsOf widgets, BlogListOptions options = {});
  // Stops the thread (if started), waiting for a refresh under way.
  ~BlogListRefresher();
  BlogListRefresher(const BlogListRefresher&) = delete;
  BlogListRefresher& operator=(const BlogListRefresher&) = delete;

  // Starts the thread: a refresh now, then one every interval.
  void Start();
  // Reads every feed of every blog's BlogList widgets and stores what changed (a widget's
  // items are replaced, and its blog's pages drop from caches, only when they differ).
  // A feed that fails is logged and keeps its stored item; only the store's errors are
  // returned.
  Status RefreshAll(Time now);

  // The fetch options used (the defaults above applied).
  const FetchOptions& fetch_options() const { return options_.fetch; }

 private:
  Status RefreshWidget(const Blog& blog, const BlogListWidget& widget, Time now);

  store::Store& store_;
  WidgetsOf widgets_;
  BlogListOptions options_;
  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;  // GUARDED_BY(stop_mutex_)
  std::thread thread_;
};

}  // namespace samizdat::service
