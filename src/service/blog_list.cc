// BlogList: the followed feeds' newest items, read with libxml2 and refreshed by a thread.
#include "service/blog_list.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <climits>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>

#include "core/log.h"
#include "core/strings.h"
#include "text/html_text.h"
#include "text/url_attributes.h"
#include "text/utf8.h"

namespace samizdat::service {
namespace {

constexpr std::size_t kSnippetChars = 150;

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct XmlCharFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};

// A followed blog's address as the widget may link it: an absolute http(s) URL with a
// host, made valid (text::NormalizeUrl); "" for anything else (a javascript: link, a
// relative one). Feeds are other people's content.
std::string SafeUrl(std::string_view url) {
  std::optional<std::string> normal = text::NormalizeUrl(text::StripControlChars(url));
  if (!normal) return "";
  auto parsed = boost::urls::parse_absolute_uri(*normal);
  if (!parsed || parsed->encoded_host().empty()) return "";
  const std::string scheme = AsciiLower(parsed->scheme());
  return scheme == "http" || scheme == "https" ? *normal : "";
}

bool Named(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE &&
         std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

// The first child element named `name` (any namespace), or null.
const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (Named(child, name)) return child;
  }
  return nullptr;
}

std::string Text(const xmlNode* node) {
  if (node == nullptr) return "";
  std::unique_ptr<xmlChar, XmlCharFree> text(xmlNodeGetContent(node));
  return text ? std::string(TrimBlank(reinterpret_cast<const char*>(text.get()))) : "";
}

std::string Attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return "";
  std::unique_ptr<xmlChar, XmlCharFree> value(
      xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  return value ? std::string(TrimBlank(reinterpret_cast<const char*>(value.get()))) : "";
}

// Atom's link to the page (rel alternate, or no rel), else "".
std::string AlternateLink(const xmlNode* parent) {
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (!Named(child, "link")) continue;
    const std::string rel = Attribute(child, "rel");
    if (rel.empty() || rel == "alternate") return Attribute(child, "href");
  }
  return "";
}

std::optional<Time> ParseTime(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto t = ParseRfc3339(text); t.ok()) return *t;
  if (auto t = ParseHttpDate(text); t.ok()) return *t;
  return std::nullopt;
}

std::string Snippet(const std::string& html) {
  return text::Summarize(text::HtmlToText(html), kSnippetChars);
}

// media:thumbnail's url, else an image enclosure's.
std::string Thumbnail(const xmlNode* item) {
  if (const xmlNode* thumbnail = Child(item, "thumbnail")) return Attribute(thumbnail, "url");
  for (const xmlNode* child = item->children; child != nullptr; child = child->next) {
    if (Named(child, "enclosure") && Attribute(child, "type").starts_with("image/")) {
      return Attribute(child, "url");
    }
  }
  return "";
}

// One item as the widget shows it, and its time (nullopt when it has none).
struct Item {
  store::BlogListEntry entry;
  std::optional<Time> time;
};

Item AtomEntry(const xmlNode* entry) {
  Item item;
  item.entry.item_title = Text(Child(entry, "title"));
  item.entry.item_url = AlternateLink(entry);
  const xmlNode* summary = Child(entry, "summary");
  if (summary == nullptr) summary = Child(entry, "content");
  item.entry.snippet = Attribute(summary, "type") == "text"
                           ? text::Summarize(Text(summary), kSnippetChars)
                           : Snippet(Text(summary));
  item.entry.thumbnail_url = Thumbnail(entry);
  item.time = ParseTime(Text(Child(entry, "updated")));
  if (!item.time) item.time = ParseTime(Text(Child(entry, "published")));
  return item;
}

Item RssItem(const xmlNode* node) {
  Item item;
  item.entry.item_title = Text(Child(node, "title"));
  item.entry.item_url = Text(Child(node, "link"));
  item.entry.snippet = Snippet(Text(Child(node, "description")));
  item.entry.thumbnail_url = Thumbnail(node);
  item.time = ParseTime(Text(Child(node, "pubDate")));
  return item;
}

// Whether two lists show the same (their read times aside).
bool SameItems(const std::vector<store::BlogListEntry>& a,
               const std::vector<store::BlogListEntry>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    if (std::tie(x.feed_url, x.blog_title, x.blog_url, x.item_title, x.item_url, x.snippet,
                 x.thumbnail_url, x.updated) != std::tie(y.feed_url, y.blog_title, y.blog_url,
                                                         y.item_title, y.item_url, y.snippet,
                                                         y.thumbnail_url, y.updated)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<BlogListWidget> BlogListWidgets(const std::vector<blogger::SectionInfo>& sections) {
  std::vector<BlogListWidget> widgets;
  for (const blogger::SectionInfo& section : sections) {
    for (const blogger::WidgetInfo& widget : section.widgets) {
      if (widget.type != "BlogList") continue;
      BlogListWidget found{widget.id, {}};
      for (const auto& [name, value] : widget.settings) {
        if (name != kBlogListFeedsSetting) continue;
        std::string_view rest = value;
        while (!rest.empty()) {
          const size_t end = rest.find('\n');
          const std::string_view line = TrimBlank(rest.substr(0, end));
          if (!line.empty()) found.feed_urls.emplace_back(line);
          rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        }
      }
      widgets.push_back(std::move(found));
    }
  }
  return widgets;
}

Result<store::BlogListEntry> ReadNewestItem(std::string_view feed_url, std::string_view bytes) {
  if (bytes.size() > INT_MAX) return Status::InvalidArgument("the feed is too large");
  // No network, no entity substitution: a feed cannot make the parser read anything else.
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return Status::InvalidArgument("the feed is not well-formed XML");
  std::string blog_title;
  std::string blog_url;
  std::optional<Item> newest;
  auto consider = [&newest](Item item) {
    // The newest by time; among items without one, the first (feeds list newest first).
    if (!newest || (item.time && (!newest->time || *item.time > *newest->time))) {
      newest = std::move(item);
    }
  };
  if (Named(root, "feed")) {
    blog_title = Text(Child(root, "title"));
    blog_url = AlternateLink(root);
    for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
      if (Named(n, "entry")) consider(AtomEntry(n));
    }
  } else if (Named(root, "rss") && Child(root, "channel") != nullptr) {
    const xmlNode* channel = Child(root, "channel");
    blog_title = Text(Child(channel, "title"));
    blog_url = Text(Child(channel, "link"));
    for (const xmlNode* n = channel->children; n != nullptr; n = n->next) {
      if (Named(n, "item")) consider(RssItem(n));
    }
  } else {
    return Status::InvalidArgument("the document is neither an Atom nor an RSS feed");
  }
  if (!newest) return Status::InvalidArgument("the feed has no items");
  store::BlogListEntry entry = std::move(newest->entry);
  entry.feed_url = std::string(feed_url);
  entry.blog_title = blog_title.empty() ? entry.feed_url : std::move(blog_title);
  entry.blog_url = SafeUrl(blog_url);
  entry.item_url = SafeUrl(entry.item_url);
  entry.thumbnail_url = SafeUrl(entry.thumbnail_url);
  // Text the store and the page can hold, whatever the feed's bytes were.
  for (std::string* text : {&entry.blog_title, &entry.item_title, &entry.snippet}) {
    *text = text::StripControlChars(*text);
  }
  entry.updated = newest->time.value_or(Time{});
  return entry;
}

BlogListRefresher::BlogListRefresher(store::Store& store, WidgetsOf widgets,
                                     BlogListOptions options)
    : store_(store), widgets_(std::move(widgets)), options_(std::move(options)) {
  FetchOptions& fetch = options_.fetch;
  fetch.timeout = std::min(fetch.timeout, std::chrono::milliseconds(15'000));
  fetch.connect_timeout = std::min(fetch.connect_timeout, std::chrono::milliseconds(10'000));
  fetch.max_bytes = std::min<std::size_t>(fetch.max_bytes, 2 * 1024 * 1024);
  fetch.attempts = 1;  // the next round is the retry
  // The followed blogs are the owner's choice, as the theme is: a blog on the same host
  // or network is as good as any (and the tests serve their feeds locally).
  fetch.private_addresses = true;
}

BlogListRefresher::~BlogListRefresher() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
}

void BlogListRefresher::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(stop_mutex_);
    do {
      lock.unlock();
      if (Status done = RefreshAll(Now()); !done.ok()) {
        log::Warn("blog lists not refreshed: " + done.ToString());
      }
      lock.lock();
    } while (!stop_cv_.wait_for(lock, options_.interval, [this] { return stopping_; }));
  });
}

Status BlogListRefresher::RefreshAll(Time now) {
  Result<std::vector<Blog>> blogs = store_.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  for (const Blog& blog : *blogs) {
    Result<std::vector<BlogListWidget>> widgets = widgets_(blog);
    if (!widgets.ok()) {
      log::Warn("blog " + blog.host + ": no blog lists: " + widgets.status().ToString());
      continue;
    }
    for (const BlogListWidget& widget : *widgets) {
      SAMIZDAT_RETURN_IF_ERROR(RefreshWidget(blog, widget, now));
    }
  }
  return Status::Ok();
}

Status BlogListRefresher::RefreshWidget(const Blog& blog, const BlogListWidget& widget, Time now) {
  Result<std::vector<store::BlogListEntry>> stored = store_.ListBlogList(blog.id, widget.widget_id);
  if (!stored.ok()) return stored.status();
  std::vector<std::optional<store::BlogListEntry>> read(widget.feed_urls.size());
  Status fetched = FetchAll(widget.feed_urls, options_.fetch, [&](Fetched outcome) {
    const std::string& url = widget.feed_urls[outcome.index];
    if (!outcome.ok) {
      log::Warn("blog list feed " + url + ": " + outcome.error);
      return;
    }
    Result<store::BlogListEntry> entry = ReadNewestItem(url, outcome.bytes);
    if (!entry.ok()) {
      log::Warn("blog list feed " + url + ": " + entry.status().message());
      return;
    }
    entry->fetched = now;
    read[outcome.index] = std::move(*entry);
  });
  if (!fetched.ok()) return fetched;
  std::vector<store::BlogListEntry> items;
  for (size_t i = 0; i < read.size(); ++i) {
    if (read[i]) {
      items.push_back(std::move(*read[i]));
      continue;
    }
    // A feed that failed keeps what was read of it before.
    for (const store::BlogListEntry& before : *stored) {
      if (before.feed_url == widget.feed_urls[i]) items.push_back(before);
    }
  }
  if (SameItems(items, *stored)) return Status::Ok();
  return store_.ReplaceBlogList(blog.id, widget.widget_id, items);
}

}  // namespace samizdat::service
