// WidgetSourceCache: the live widgets' data per page, read once per generation and TTL.
#include "service/widget_sources.h"

#include <algorithm>
#include <utility>

#include "core/log.h"
#include "core/strings.h"
#include "render/build.h"
#include "service/blog_list.h"

namespace samizdat::service {
namespace {

constexpr int kDefaultPopular = 5;
constexpr int kMaxPopular = 50;
constexpr int64_t kDayMillis = 24 * 3600 * 1000;

struct PopularSettings {
  bool shown = false;
  int64_t days = 0;  // 0: all time
  int count = kDefaultPopular;
};

PopularSettings PopularOf(const std::vector<blogger::SectionInfo>& sections) {
  for (const blogger::SectionInfo& section : sections) {
    for (const blogger::WidgetInfo& widget : section.widgets) {
      if (widget.type != "PopularPosts") continue;
      PopularSettings settings;
      settings.shown = true;
      for (const auto& [name, value] : widget.settings) {
        const std::string_view v = TrimBlank(value);
        if (name == "timeRange") {
          settings.days = v == "LAST_WEEK" ? 7 : v == "LAST_MONTH" ? 30 : 0;
        } else if (name == "numItemsToShow") {
          settings.count =
              std::clamp(ParseInteger<int>(v).value_or(kDefaultPopular), 1, kMaxPopular);
        }
      }
      return settings;
    }
  }
  return {};
}

bool HasWidget(const std::vector<blogger::SectionInfo>& sections, std::string_view type) {
  for (const blogger::SectionInfo& section : sections) {
    for (const blogger::WidgetInfo& widget : section.widgets) {
      if (widget.type == type) return true;
    }
  }
  return false;
}

render::BlogListItem ItemOf(store::BlogListEntry entry) {
  return render::BlogListItem{std::move(entry.blog_title),
                              std::move(entry.blog_url),
                              std::move(entry.item_title),
                              std::move(entry.item_url),
                              std::move(entry.snippet),
                              std::move(entry.thumbnail_url),
                              entry.updated};
}

}  // namespace

std::shared_ptr<const WidgetSourceCache::Snapshot> WidgetSourceCache::Read(
    const BlogEntry& entry, const std::vector<blogger::SectionInfo>& sections,
    std::string_view base_url, Time now) {
  const auto clock = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    auto it = snapshots_.find(entry.blog.id);
    if (it != snapshots_.end() && it->second->generation == entry.blog.generation &&
        it->second->base_url == base_url && clock - it->second->read < ttl_) {
      return it->second;
    }
  }
  // Read outside the lock; two workers missing at once both read, the later one stays.
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->generation = entry.blog.generation;
  snapshot->base_url = std::string(base_url);
  snapshot->read = clock;
  if (const PopularSettings popular = PopularOf(sections); popular.shown) {
    const int64_t today = ToEpochMillis(now) / kDayMillis;
    const int64_t from_day = popular.days == 0 ? 0 : today - popular.days + 1;
    auto top = store_.TopPosts(entry.blog.id, from_day, popular.count);
    if (top.ok()) {
      for (const store::PostViews& viewed : *top) {
        snapshot->popular.push_back(
            render::MakePostView(entry.blog, entry.zone, viewed.post, base_url));
      }
    } else {
      log::Warn("popular posts of " + entry.blog.host + ": " + top.status().ToString());
    }
  }
  for (const BlogListWidget& widget : BlogListWidgets(sections)) {
    auto items = store_.ListBlogList(entry.blog.id, widget.widget_id);
    if (!items.ok()) {
      log::Warn("blog list of " + entry.blog.host + ": " + items.status().ToString());
      continue;
    }
    std::vector<render::BlogListItem>& list = snapshot->lists[widget.widget_id];
    for (store::BlogListEntry& item : *items) list.push_back(ItemOf(std::move(item)));
    // Newest first, as Blogger lists them.
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& a, const auto& b) { return a.updated > b.updated; });
  }
  std::lock_guard lock(mutex_);
  snapshots_[entry.blog.id] = snapshot;
  return snapshot;
}

bool WidgetSourceCache::Fill(const BlogEntry& entry,
                             const std::vector<blogger::SectionInfo>& sections,
                             std::string_view base_url, const ContactService* contact, Time now,
                             render::WidgetSources& sources) {
  std::shared_ptr<const Snapshot> snapshot = Read(entry, sections, base_url, now);
  sources.popular_posts = snapshot->popular;
  sources.blog_list = [snapshot](const std::string& widget_id) {
    auto it = snapshot->lists.find(widget_id);
    return it == snapshot->lists.end() ? std::vector<render::BlogListItem>() : it->second;
  };
  if (contact == nullptr || !HasWidget(sections, "ContactForm")) return false;
  sources.contact_form_token = contact->FormToken(entry.blog.id, now);
  return true;
}

}  // namespace samizdat::service
