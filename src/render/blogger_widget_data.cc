// Each widget's own data (data:title, data:widget, its b:widget-settings and its type's
// fields: a Blog's posts and pager, a BlogArchive's intervals, a Label's cloud, a
// Profile's authors…) and data:widgets, the page's widgets by type.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "core/time.h"
#include "render/blogger_data_parts.h"
#include "render/blogger_memo.h"
#include "text/html_text.h"

namespace samizdat::render::internal {
namespace {

using blogger::SectionInfo;
using blogger::WidgetInfo;

std::string_view Setting(const WidgetInfo& w, std::string_view name) {
  for (const auto& [key, value] : w.settings) {
    if (key == name) return value;
  }
  return {};
}

bool SettingIs(const WidgetInfo& w, std::string_view name, bool fallback) {
  const std::string_view v = Setting(w, name);
  return v.empty() ? fallback : v == "true";
}

int SettingInt(const WidgetInfo& w, std::string_view name, int fallback) {
  const std::string_view v = Setting(w, name);
  int n = 0;
  auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), n);
  return error == std::errc() && end == v.data() + v.size() ? n : fallback;
}

// A setting as the theme reads it: true/false as booleans, small integers as numbers
// (ids stay strings: a double would round them), the rest as text.
Value SettingValue(std::string_view v) {
  if (v == "true") return Bool(true);
  if (v == "false") return Bool(false);
  if (!v.empty() && v.size() <= 9 && IsAsciiDigits(v)) {
    int n = 0;
    std::from_chars(v.data(), v.data() + v.size(), n);
    return Num(n);
  }
  return Text(v);
}

std::string Message(const BloggerPageInput& in, std::string_view name, std::string_view fallback) {
  const std::string_view m = in.locale.Message(name);
  return std::string(m.empty() ? fallback : m);
}

Value PostDisplay(bool title, bool snippet, bool image) {
  return Value::OfMap(Map{{"showTitle", Bool(title)},
                          {"showSnippet", Bool(snippet)},
                          {"showFeaturedImage", Bool(image)}});
}

// --- Blog -------------------------------------------------------------------------

Value BylineItem(std::string name, std::string label) {
  return Value::OfMap(Map{{"name", Text(std::move(name))}, {"label", Text(std::move(label))}});
}

void AddBlogFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in,
                   const PageParts& parts) {
  const PageView& view = in.view;
  const std::string author_label =
      std::string(Setting(w, "authorLabel").empty() ? Message(in, "postedBy", "Posted by")
                                                    : Setting(w, "authorLabel"));
  const std::string timestamp_label = std::string(
      Setting(w, "timestampLabel").empty() ? std::string_view("at") : Setting(w, "timestampLabel"));
  const std::string labels_label = Setting(w, "postLabelsLabel").empty()
                                       ? Message(in, "labels", "Labels") + ":"
                                       : std::string(Setting(w, "postLabelsLabel"));
  const std::string comment_label = Setting(w, "commentLabel").empty()
                                        ? Message(in, "comments", "comments")
                                        : std::string(Setting(w, "commentLabel"));
  const bool show_author = SettingIs(w, "showAuthor", true);
  const bool show_timestamp = SettingIs(w, "showTimestamp", true);
  const bool show_labels = SettingIs(w, "showLabels", true);
  const bool show_location = SettingIs(w, "showLocation", false);
  const bool show_share = SettingIs(w, "showShareButtons", true);
  const bool show_comments = SettingIs(w, "showCommentLink", true);

  // The switches as the built-in markup reads them, with Blogger's defaults when the
  // theme's widget leaves one out.
  data.Set("showAuthor", Bool(show_author));
  data.Set("showTimestamp", Bool(show_timestamp));
  data.Set("showLabels", Bool(show_labels));
  data.Set("showLocation", Bool(show_location));
  data.Set("showShareButtons", Bool(show_share));
  data.Set("showCommentLink", Bool(show_comments));
  data.Set("showDateHeader", Bool(SettingIs(w, "showDateHeader", true)));
  data.Set("posts", parts.posts);
  data.Set("numPosts", Num(static_cast<double>(view.posts.size())));
  data.Set("olderPageUrl", Text(AbsoluteUrl(in.base_url, view.pager.older_url)));
  data.Set("newerPageUrl", Text(AbsoluteUrl(in.base_url, view.pager.newer_url)));
  data.Set("homePageUrl", Text(AbsoluteUrl(in.base_url, view.pager.home_url)));
  // A post's page links one post each way: "Older Post", as Blogger titles it.
  const bool item = view.kind == PageKind::kItem;
  data.Set("olderPageTitle", Text(item ? Message(in, "olderPost", "Older Post")
                                       : Message(in, "olderPosts", "Older Posts")));
  data.Set("newerPageTitle", Text(item ? Message(in, "newerPost", "Newer Post")
                                       : Message(in, "newerPosts", "Newer Posts")));
  data.Set("homeMsg", Text(Message(in, "home", "Home")));
  data.Set("navMessage", Value::Html(view.status_message_html));
  const std::string feed = AbsoluteUrl(in.base_url, view.blog.posts_feed_url);
  data.Set("feedLinks",
           Value::OfList({Value::OfMap(Map{{"url", Text(feed)},
                                           {"name", Text("Posts")},
                                           {"feedType", Text("Atom")},
                                           {"mimeType", Text("application/atom+xml")}})}));
  data.Set("feedLinksMsg", Text(Message(in, "subscribeTo", "Subscribe to:")));
  data.Set("showCmtPopup", Bool(false));
  // Blogger's comment iframe is replaced by post.cmtfpIframe's form: no room for it.
  data.Set("cmtIframeInitialHeight", Text("0"));
  data.Set("authorLabel", Text(author_label));
  data.Set("timestampLabel", Text(timestamp_label));
  data.Set("postLabelsLabel", Text(labels_label));
  data.Set("postLocationLabel", Text(Message(in, "location", "Location:")));
  data.Set("commentLabel", Text(comment_label));
  data.Set("postCommentMsg", Text(Message(in, "postAComment", "Post a Comment")));
  data.Set("commentPostedByMsg", Text(Message(in, "said", "said...")));
  data.Set("blogCommentMessage", EmptyText());
  data.Set("blogTeamBlogMessage", EmptyText());
  data.Set("shareMsg", Text(Message(in, "share", "Share")));
  data.Set("adCode", EmptyText());
  data.Set("mobileLinkUrl", EmptyText());
  data.Set("desktopLinkUrl", EmptyText());
  data.Set("messages", Value::OfMap(Map{{"blogComment", EmptyText()}}));
  // Designer-era themes read these through data:top (the widget's data).
  data.Set("showPostLabels", Bool(show_labels));
  data.Set("showEmailButton", Bool(show_share));
  data.Set("showTwitterButton", Bool(show_share));
  data.Set("showFacebookButton", Bool(show_share));
  data.Set("showPinterestButton", Bool(show_share));
  data.Set("showBlogThisButton", Bool(false));
  data.Set("showPlusOne", Bool(false));
  data.Set("showMobileShare", Bool(false));
  data.Set("showDummy", Bool(false));
  data.Set("showStars", Bool(false));
  data.Set("emailThisMsg", Text(Message(in, "emailThis", "Email This")));
  data.Set("blogThisMsg", Text(Message(in, "blogThis", "BlogThis!")));
  data.Set("shareToTwitterMsg", Text(Message(in, "shareToTwitter", "Share to X")));
  data.Set("shareToFacebookMsg", Text(Message(in, "shareToFacebook", "Share to Facebook")));
  data.Set("shareToPinterestMsg", Text(Message(in, "shareToPinterest", "Share to Pinterest")));
  data.Set("emailPostMsg", Text(Message(in, "emailPost", "Email Post")));
  data.Set("editPostMsg", EmptyText());
  data.Set("deleteCommentMsg", EmptyText());
  data.Set("deleteBacklinkMsg", EmptyText());
  data.Set("languageCode", Text(in.locale.tag()));
  // Layouts v3: the bylines the built-in post markup walks, keyed by item name.
  Map all;
  if (show_author) all.Set("author", BylineItem("author", author_label));
  if (show_timestamp) all.Set("timestamp", BylineItem("timestamp", timestamp_label));
  if (show_comments) all.Set("comments", BylineItem("comments", comment_label));
  if (show_labels) all.Set("labels", BylineItem("labels", labels_label));
  if (show_location) all.Set("location", BylineItem("location", ""));
  if (show_share) all.Set("share", BylineItem("share", ""));
  auto region = [&all](std::string name, std::initializer_list<std::string_view> items) {
    Map chosen;
    for (std::string_view item : items) {
      if (const Value* v = all.Find(item)) chosen.Set(std::string(item), *v);
    }
    return Value::OfMap(
        Map{{"regionName", Text(std::move(name))}, {"items", Value::OfMap(std::move(chosen))}});
  };
  data.Set("headerByline", region("header1", {"author", "timestamp"}));
  data.Set("footerBylines",
           Value::OfList({region("footer1", {"comments", "share"}), region("footer2", {"labels"}),
                          region("footer3", {"location"})}));
  data.Set("allBylineItems", Value::OfMap(std::move(all)));
  data.Set("postDisplay", PostDisplay(true, true, true));
}

// --- BlogArchive --------------------------------------------------------------------

Value Interval(const BloggerPageInput& in, std::string name, const std::string& url, int count,
               bool expanded, std::string toggle_id, Value children) {
  return Value::OfMap(Map{{"name", Text(std::move(name))},
                          {"url", Text(AbsoluteUrl(in.base_url, url))},
                          {"post-count", Num(count)},
                          {"expclass", Text(expanded ? "expanded" : "collapsed")},
                          {"toggleId", Text(std::move(toggle_id))},
                          {"data", std::move(children)},
                          {"posts", EmptyList()}});
}

void AddArchiveFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in) {
  std::string style(Setting(w, "showStyle"));
  if (style.empty()) style = std::string(Setting(w, "style"));
  if (style != "FLAT" && style != "MENU") style = "HIERARCHY";
  std::string key = "BlogArchive";
  AppendKeyField(key, in.base_url);
  AppendKeyField(key, style);
  for (const ArchiveYear& year : in.sidebar.archive) {
    AppendKeyField(key, year.year);
    AppendKeyField(key, year.url);
    AppendKeyField(key, year.count);
    AppendKeyField(key, year.expanded);
    AppendKeyField(key, static_cast<int64_t>(year.months.size()));
    for (const ArchiveMonth& m : year.months) {
      AppendKeyField(key, m.name);
      AppendKeyField(key, m.url);
      AppendKeyField(key, m.count);
    }
  }
  data.Set("style", Text(style));
  data.Set("data", Memoized(key, [&in, &style] {
             blogger::List intervals;
             for (const ArchiveYear& year : in.sidebar.archive) {
               const std::string y = std::to_string(year.year);
               if (style == "HIERARCHY") {
                 blogger::List months;
                 for (const ArchiveMonth& m : year.months) {
                   months.push_back(Interval(in, m.name, m.url, m.count, false, "", EmptyList()));
                 }
                 intervals.push_back(Interval(in, y, year.url, year.count, year.expanded,
                                              "ALL-YEARLY-" + y, Value::OfList(std::move(months))));
               } else {
                 for (const ArchiveMonth& m : year.months) {
                   intervals.push_back(
                       Interval(in, m.name + " " + y, m.url, m.count, false, "", EmptyList()));
                 }
               }
             }
             return Value::OfList(std::move(intervals));
           }));
}

// --- Label ------------------------------------------------------------------------

// Blogger's cloud: sizes 1..5 on a log scale of the counts (3 when all are equal).
int CloudSize(int count, int min, int max) {
  if (max <= min || count <= 0) return 3;
  const double span = std::log(static_cast<double>(max)) - std::log(static_cast<double>(min));
  const double at = std::log(static_cast<double>(count)) - std::log(static_cast<double>(min));
  return 1 + static_cast<int>(std::lround(4 * at / span));
}

// The label list as the settings choose and order it.
Value LabelList(const WidgetInfo& w, const BloggerPageInput& in) {
  std::vector<LabelLink> labels = in.sidebar.labels;
  if (Setting(w, "showType") == "SELECTED") {
    std::vector<std::string> chosen;
    std::string_view list = Setting(w, "selectedLabelsList");
    while (!list.empty()) {
      const size_t comma = list.find(',');
      chosen.emplace_back(TrimBlank(list.substr(0, comma)));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    std::erase_if(labels, [&chosen](const LabelLink& l) {
      return std::find(chosen.begin(), chosen.end(), l.name) == chosen.end();
    });
  }
  if (Setting(w, "sorting") == "FREQUENCY") {
    std::stable_sort(labels.begin(), labels.end(),
                     [](const LabelLink& a, const LabelLink& b) { return a.count > b.count; });
  }
  int min = 0;
  int max = 0;
  for (const LabelLink& l : labels) {
    min = min == 0 ? l.count : std::min(min, l.count);
    max = std::max(max, l.count);
  }
  blogger::List list;
  list.reserve(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    const LabelLink& l = labels[i];
    list.push_back(Value::OfMap(Map{{"name", Text(l.name)},
                                    {"url", Text(AbsoluteUrl(in.base_url, l.url))},
                                    {"count", Num(l.count)},
                                    {"cssSize", Num(CloudSize(l.count, min, max))},
                                    {"isLast", Bool(i + 1 == labels.size())}}));
  }
  return Value::OfList(std::move(list));
}

void AddLabelFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in) {
  std::string key = "Label";
  AppendKeyField(key, in.base_url);
  for (std::string_view name : {"showType", "selectedLabelsList", "sorting"}) {
    AppendKeyField(key, Setting(w, name));
  }
  for (const LabelLink& l : in.sidebar.labels) {
    AppendKeyField(key, l.name);
    AppendKeyField(key, l.url);
    AppendKeyField(key, l.count);
  }
  data.Set("labels", Memoized(key, [&w, &in] { return LabelList(w, in); }));
  const std::string_view display = Setting(w, "display");
  // Lowercase, as Blogger gives it: the themes compare data:display == "list" / "cloud".
  data.Set("display", Text(display == "CLOUD" ? "cloud" : "list"));
  data.Set("showFreqNumbers", Bool(SettingIs(w, "showFreqNumbers", false)));
}

// --- Profile ----------------------------------------------------------------------

Value Photo(const std::string& url, const std::string& alt) {
  if (url.empty()) return Value();
  return Value::OfMap(Map{{"image", Text(url)},
                          {"url", Text(url)},
                          {"alt", Text(alt)},
                          {"width", Num(80)},
                          {"height", Num(80)}});
}

void AddProfileFields(Map& data, const BloggerPageInput& in) {
  const std::vector<AuthorView>& authors = in.sources.authors;
  const bool team = authors.size() > 1;
  data.Set("team", Bool(team));
  data.Set("viewProfileMsg",
           Text(Message(in, "viewMyCompleteProfile", "View my complete profile")));
  data.Set("showlocation", Bool(false));
  data.Set("location", EmptyText());
  data.Set("hasgoogleprofile", Bool(false));
  blogger::List list;
  for (const AuthorView& a : authors) {
    list.push_back(Value::OfMap(Map{{"name", Text(a.name)},
                                    {"display", Text(a.name)},
                                    {"userUrl", Text(a.profile_url)},
                                    {"profileLogo", EmptyText()},
                                    {"authorPhoto", Photo(a.image_url, a.name)}}));
  }
  data.Set("authors", Value::OfList(std::move(list)));
  if (!team && !authors.empty()) {
    const AuthorView& a = authors.front();
    data.Set("displayname", Text(a.name));
    data.Set("userUrl", Text(a.profile_url));
    data.Set("aboutme", Text(a.about));
    data.Set("authorPhoto", Photo(a.image_url, a.name));
    data.Set("photo", Photo(a.image_url, a.name));
    data.Set("profileLogo", EmptyText());
  }
}

// --- PageList, LinkList, TextList ---------------------------------------------------

std::string RequestPath(const BloggerPageInput& in) {
  const std::string& t = in.request_target;
  return t.empty() ? std::string("/") : t.substr(0, t.find('?'));
}

void AddPageListFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in) {
  const std::string here = RequestPath(in);
  const std::string_view json = Setting(w, "pageListJson");
  blogger::List links;
  bool has_current = false;
  auto add = [&](std::string title, const std::string& path) {
    const bool current = path == here;
    has_current = has_current || current;
    links.push_back(Value::OfMap(Map{{"title", Text(std::move(title))},
                                     {"href", Text(AbsoluteUrl(in.base_url, path))},
                                     {"isCurrentPage", Bool(current)}}));
  };
  // Blogger lists "Home" when the owner kept it in the list (or never edited the list).
  if (json.empty() || json.find("\"home\"") != std::string_view::npos) {
    const std::string_view home_title = Setting(w, "homeTitle");
    add(home_title.empty() ? Message(in, "home", "Home") : std::string(home_title), "/");
  }
  for (const PageLink& page : in.sidebar.pages) add(page.title, page.url);
  data.Set("links", Value::OfList(std::move(links)));
  data.Set("hasCurrentPage", Bool(has_current));
  data.Set("pageListClass", EmptyText());
  data.Set("overflow", Bool(false));
}

// The numbered settings NAME-0, NAME-1…, in number order.
std::vector<std::pair<int, std::string_view>> Numbered(const WidgetInfo& w, std::string_view name) {
  std::vector<std::pair<int, std::string_view>> out;
  for (const auto& [key, value] : w.settings) {
    if (key.size() <= name.size() + 1 || !key.starts_with(name) || key[name.size()] != '-')
      continue;
    const std::string_view digits = std::string_view(key).substr(name.size() + 1);
    int n = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (error == std::errc() && end == digits.data() + digits.size()) out.emplace_back(n, value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

template <typename T, typename Key>
void SortBySetting(std::vector<T>& items, const WidgetInfo& w, Key key) {
  const std::string_view sorting = Setting(w, "sorting");
  if (sorting == "ALPHA") {
    std::stable_sort(items.begin(), items.end(), [&key](const T& a, const T& b) {
      return AsciiLower(key(a)) < AsciiLower(key(b));
    });
  } else if (sorting == "REVERSE_ALPHA") {
    std::stable_sort(items.begin(), items.end(), [&key](const T& a, const T& b) {
      return AsciiLower(key(a)) > AsciiLower(key(b));
    });
  }
}

void AddLinkListFields(Map& data, const WidgetInfo& w) {
  struct Link {
    std::string_view name;
    std::string_view target;
  };
  std::vector<Link> links;
  const auto texts = Numbered(w, "text");
  for (const auto& [n, target] : Numbered(w, "link")) {
    std::string_view name = target;
    for (const auto& [m, text] : texts) {
      if (m == n) name = text;
    }
    links.push_back({name, target});
  }
  SortBySetting(links, w, [](const Link& l) { return l.name; });
  blogger::List list;
  for (const Link& l : links) {
    list.push_back(Value::OfMap(Map{{"name", Text(l.name)}, {"target", Text(l.target)}}));
  }
  data.Set("links", Value::OfList(std::move(list)));
}

void AddTextListFields(Map& data, const WidgetInfo& w) {
  std::vector<std::string_view> items;
  for (const auto& [n, text] : Numbered(w, "item")) items.push_back(text);
  SortBySetting(items, w, [](std::string_view s) { return s; });
  blogger::List list;
  for (std::string_view item : items) list.push_back(Text(item));
  data.Set("items", Value::OfList(std::move(list)));
}

// --- Header, Image ------------------------------------------------------------------

Value ImageValue(const std::string& url, const std::string& alt, int width, int height) {
  return Value::String(url, Map{{"src", Text(url)},
                                {"url", Text(url)},
                                {"alt", Text(alt)},
                                {"width", Num(width)},
                                {"height", Num(height)}});
}

void AddHeaderFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in) {
  std::string image = AbsoluteUrl(in.base_url, in.view.blog.banner_url);
  if (image.empty()) image = std::string(Setting(w, "displayUrl"));
  const int width = SettingInt(w, "displayWidth", 0);
  const int height = SettingInt(w, "displayHeight", 0);
  std::string placement(Setting(w, "imagePlacement"));
  // With no image the title shows, whatever the old blog's placement was.
  if (image.empty() || placement.empty()) placement = image.empty() ? "BEHIND" : "REPLACE";
  const std::string alt =
      in.view.blog.banner_alt.empty() ? in.view.blog.title : in.view.blog.banner_alt;
  data.Set("title", Text(in.view.blog.title));
  data.Set("description", Text(in.view.blog.description));
  data.Set("useImage", Bool(!image.empty()));
  data.Set("imagePlacement", Text(placement));
  data.Set("sourceUrl", Text(image));
  data.Set("image", image.empty() ? Value() : ImageValue(image, alt, width, height));
  data.Set("width", Num(width));
  data.Set("height", Num(height));
  data.Set("backgroundPositionStyleStr", EmptyText());
  data.Set("widthStyleStr", EmptyText());
}

void AddImageFields(Map& data, const WidgetInfo& w) {
  const std::string url(Setting(w, "displayUrl"));
  const int width = SettingInt(w, "displayWidth", 0);
  const int height = SettingInt(w, "displayHeight", 0);
  data.Set("sourceUrl", Text(url));
  data.Set("image", url.empty() ? Value() : ImageValue(url, w.title, width, height));
  data.Set("width", Num(width));
  data.Set("height", Num(height));
  data.Set("caption", Text(Setting(w, "caption")));
  data.Set("link", Text(Setting(w, "link")));
}

// --- FeaturedPost, PopularPosts, BlogList ---------------------------------------------

std::optional<PostView> FeaturedPost(const WidgetInfo& w, const BloggerPageInput& in) {
  const std::string_view id_text = Setting(w, "postId");
  int64_t id = 0;
  std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  const bool newest = id == 0 || SettingIs(w, "useMostRecentPost", false);
  const PageView& view = in.view;
  // The home page's first post is the newest: no need to ask.
  if (newest && view.kind == PageKind::kIndex && view.pager.home_url.empty() &&
      !view.posts.empty()) {
    return view.posts.front();
  }
  if (!in.sources.post_by_id) return std::nullopt;
  return in.sources.post_by_id(newest ? 0 : id);
}

void AddFeaturedPostFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in) {
  const bool title = SettingIs(w, "showPostTitle", true);
  const bool snippet = SettingIs(w, "showSnippet", true);
  const bool image = SettingIs(w, "showFirstImage", true);
  data.Set("postDisplay", PostDisplay(title, snippet, image));
  const std::optional<PostView> post = FeaturedPost(w, in);
  if (!post) {
    data.Set("posts", EmptyList());
    data.Set("postId", Value());
    return;
  }
  std::string key = "FeaturedPost";
  AppendPostKey(key, in, *post);
  data.Set("posts",
           Memoized(key, [&in, &post] { return Value::OfList({PostData(in, *post, 0)}); }));
  data.Set("postId", Text(post->id));
  data.Set("postTitle", Text(post->title));
  data.Set("postUrl", Text(AbsoluteUrl(in.base_url, post->url)));
  data.Set("postSummary", Text(post->description));
  data.Set("postFirstImage", Text(AbsoluteUrl(in.base_url, post->first_image_url)));
}

void AddPopularPostsFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in) {
  const size_t n = std::min(static_cast<size_t>(std::max(0, SettingInt(w, "numItemsToShow", 5))),
                            in.sources.popular_posts.size());
  std::string key = "PopularPosts";
  for (size_t i = 0; i < n; ++i) AppendPostKey(key, in, in.sources.popular_posts[i]);
  data.Set("posts", Memoized(key, [&in, n] {
             blogger::List posts;
             for (size_t i = 0; i < n; ++i)
               posts.push_back(PostData(in, in.sources.popular_posts[i], i));
             return Value::OfList(std::move(posts));
           }));
  const bool thumbnails = SettingIs(w, "showThumbnails", true);
  const bool snippets = SettingIs(w, "showSnippets", true);
  data.Set("postDisplay", PostDisplay(true, snippets, thumbnails));
}

// "3 days ago": how long since a followed blog's newest item, as Blogger's BlogList
// says it (English; the theme texts have no such message).
std::string TimeSince(Time then, Time now) {
  const int64_t seconds = (ToEpochMillis(now) - ToEpochMillis(then)) / 1000;
  struct Unit {
    int64_t seconds;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{365 * 86400, "year"}, {30 * 86400, "month"},
                                    {7 * 86400, "week"},   {86400, "day"},
                                    {3600, "hour"},        {60, "minute"}};
  for (const Unit& unit : kUnits) {
    if (seconds >= unit.seconds) {
      const int64_t n = seconds / unit.seconds;
      return std::to_string(n) + " " + unit.name + (n == 1 ? "" : "s") + " ago";
    }
  }
  return "just now";
}

void AddBlogListFields(Map& data, const WidgetInfo& w, const BloggerPageInput& in) {
  const size_t n = static_cast<size_t>(std::max(0, SettingInt(w, "numItemsToShow", 0)));
  const Time now = Now();
  blogger::List items;
  if (in.sources.blog_list) {
    for (const BlogListItem& item : in.sources.blog_list(w.id)) {
      if (n != 0 && items.size() >= n) break;
      const Value snippet = Text(item.snippet);
      items.push_back(Value::OfMap(
          Map{{"blogTitle", Text(item.blog_title)},
              {"blogUrl", Text(item.blog_url)},
              {"blogIconUrl", EmptyText()},
              {"itemTitle", Text(item.item_title)},
              {"itemUrl", Text(item.item_url)},
              {"snippet", snippet},
              {"itemSnippet", snippet},
              {"thumbnail", Text(item.thumbnail_url)},
              {"itemThumbnail",
               item.thumbnail_url.empty()
                   ? Value()
                   : Value::String(item.thumbnail_url, Map{{"url", Text(item.thumbnail_url)}})},
              {"timePeriodSinceLastUpdate", Text(TimeSince(item.updated, now))},
              {"updated", Text(FormatRfc3339(item.updated, in.zone))}}));
    }
  }
  data.Set("items", Value::OfList(std::move(items)));
}

void AddContactFormFields(Map& data, const BloggerPageInput& in) {
  data.Set("contactFormNameMsg", Text(Message(in, "contactFormNameMsg", "Name")));
  data.Set("contactFormEmailMsg", Text(Message(in, "contactFormEmailMsg", "Email")));
  data.Set("contactFormMessageMsg", Text(Message(in, "contactFormMessageMsg", "Message")));
  data.Set("contactFormSendMsg", Text(Message(in, "contactFormSendMsg", "Send")));
  data.Set("contactFormMessageSendingMsg",
           Text(Message(in, "contactFormMessageSendingMsg", "Sending...")));
  data.Set("contactFormMessageSentMsg",
           Text(Message(in, "contactFormMessageSentMsg", "Your message has been sent.")));
  data.Set("contactFormMessageNotSentMsg",
           Text(Message(in, "contactFormMessageNotSentMsg",
                        "Message could not be sent. Please try again later.")));
  data.Set("contactFormInvalidEmailMsg",
           Text(Message(in, "contactFormInvalidEmailMsg", "A valid email address is required.")));
  data.Set("contactFormEmptyMessageMsg",
           Text(Message(in, "contactFormEmptyMessageMsg", "Message field cannot be empty.")));
  data.Set("contactFormToken", Text(in.sources.contact_form_token));
  data.Set("submitUrl", Text(in.base_url + "/contact-form"));
}

}  // namespace

Value WidgetData(const WidgetInfo& w, const BloggerPageInput& in, const PageParts& parts) {
  Map data;
  for (const auto& [name, value] : w.settings) data.Set(name, SettingValue(value));
  data.Set("id", Text(w.id));
  data.Set("type", Text(w.type));
  data.Set("sectionId", Text(w.section_id));
  data.Set("instanceId", Text(w.id));
  data.Set("title", Text(w.title));
  data.Set("widget", Value::OfMap(Map{{"instanceId", Text(w.id)},
                                      {"id", Text(w.id)},
                                      {"type", Text(w.type)},
                                      {"sectionId", Text(w.section_id)},
                                      {"title", Text(w.title)},
                                      {"version", Num(w.version)}}));
  data.Set("mobile", Bool(false));
  const std::string& t = w.type;
  if (t == "Blog") {
    AddBlogFields(data, w, in, parts);
  } else if (t == "Header") {
    AddHeaderFields(data, w, in);
  } else if (t == "BlogArchive") {
    AddArchiveFields(data, w, in);
  } else if (t == "Label") {
    AddLabelFields(data, w, in);
  } else if (t == "Profile") {
    AddProfileFields(data, in);
  } else if (t == "PageList") {
    AddPageListFields(data, w, in);
  } else if (t == "LinkList") {
    AddLinkListFields(data, w);
  } else if (t == "TextList") {
    AddTextListFields(data, w);
  } else if (t == "Image") {
    AddImageFields(data, w);
  } else if (t == "HTML") {
    // The owner's gadget: theme-trusted markup, as on Blogger.
    data.Set("content", Value::Html(std::string(Setting(w, "content"))));
  } else if (t == "Attribution") {
    data.Set("attribution", Value::Html("Powered by samizdat"));
    data.Set("copyright", Text(Setting(w, "copyright")));
  } else if (t == "FeaturedPost") {
    AddFeaturedPostFields(data, w, in);
  } else if (t == "PopularPosts") {
    AddPopularPostsFields(data, w, in);
  } else if (t == "BlogList") {
    AddBlogListFields(data, w, in);
  } else if (t == "ContactForm") {
    AddContactFormFields(data, in);
  }
  return Value::OfMap(std::move(data));
}

}  // namespace samizdat::render::internal
