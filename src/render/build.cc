// View builders: domain types -> view models, in the blog's language.
#include "render/build.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "text/escape.h"
#include "text/html_text.h"
#include "text/jump_break.h"
#include "text/slug.h"
#include "text/url_attributes.h"

namespace samizdat::render {
namespace {

// The meta description's length, in characters (what search engines show).
constexpr size_t kDescriptionChars = 150;

// The blog's date pattern, unless it is the English default `english` and the
// language has its own ("EEEE d MMMM yyyy" in French).
std::string_view PatternFor(const Locale& locale, const std::string& pattern,
                            std::string_view english, std::string_view message) {
  return pattern == english ? locale.Message(message) : std::string_view(pattern);
}

// The src of the first <img> of `html`, as written; "" when none.
std::string FirstImageIn(std::string_view html) {
  static constexpr std::string_view kSrc[] = {"src"};
  for (text::UrlAttribute& attr : text::UrlAttributesOf(html, kSrc)) {
    if (attr.tag == "img" && !attr.value.empty()) return std::move(attr.value);
  }
  return "";
}

// The src of the body's first <img> ("" when none). gumbo reads the body only up to the
// end of the first "<img" tag written (the whole body when that is not an image, as
// inside an attribute), and not at all when there is none.
std::string FirstImageUrl(std::string_view body_html) {
  constexpr std::string_view kImg = "<img";
  const auto same = [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a) == b;
  };
  const auto at = std::search(body_html.begin(), body_html.end(), kImg.begin(), kImg.end(), same);
  if (at == body_html.end()) return "";
  const size_t end = body_html.find('>', static_cast<size_t>(at - body_html.begin()));
  if (end != std::string_view::npos) {
    std::string url = FirstImageIn(body_html.substr(0, end + 1));
    if (!url.empty()) return url;
  }
  return FirstImageIn(body_html);
}

void SetShareUrls(PostView& view, std::string_view base_url) {
  const std::string url = text::PercentEncode(std::string(base_url) + view.url);
  const std::string title = text::PercentEncode(view.title);
  view.share_email_url = "mailto:?subject=" + title + "&body=" + url;
  view.share_twitter_url = "https://twitter.com/intent/tweet?url=" + url + "&text=" + title;
  view.share_facebook_url = "https://www.facebook.com/sharer/sharer.php?u=" + url;
  view.share_pinterest_url = "https://pinterest.com/pin/create/button/?url=" + url;
  if (!view.first_image_url.empty()) {
    const bool root =
        view.first_image_url.starts_with("/") && !view.first_image_url.starts_with("//");
    view.share_pinterest_url +=
        "&media=" + text::PercentEncode(root ? std::string(base_url) + view.first_image_url
                                             : view.first_image_url);
  }
}

bool LessIgnoringAsciiCase(const std::string& a, const std::string& b) {
  auto lower = [](unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [&](char x, char y) {
    return lower(static_cast<unsigned char>(x)) < lower(static_cast<unsigned char>(y));
  });
}

// The message `name` with "{0}" as <b>subject</b>, then ". Show all posts" linked.
std::string StatusLine(const Locale& locale, std::string_view name, std::string_view subject) {
  const std::string_view line = locale.Message(name);
  const size_t at = line.find("{0}");
  std::string out(line.substr(0, at));
  out += "<b>";
  text::AppendEscapedHtml(subject, out);
  out += "</b>";
  if (at != std::string_view::npos) out += line.substr(at + 3);
  out += ". <a href=\"/\">";
  text::AppendEscapedHtml(locale.Message("showAllPosts"), out);
  out += "</a>";
  return out;
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

BlogView MakeBlogView(const Blog& blog) {
  BlogView view;
  view.id = std::to_string(blog.id);
  view.title = blog.title;
  view.description = blog.description;
  view.banner_url = blog.banner_url;
  // Blogger gives the header image the blog title as its alt text.
  view.banner_alt = blog.banner_alt.empty() ? blog.title : blog.banner_alt;
  return view;
}

PostView MakePostView(const Blog& blog, const TimeZone& zone, const Post& post,
                      std::string_view base_url) {
  const Locale& locale = Locale::For(blog.locale);
  const Blog defaults;
  PostView view;
  view.id = std::to_string(post.id);
  view.title = post.title;
  view.url = post.path;
  view.date_header = locale.FormatDate(
      post.published, zone,
      PatternFor(locale, blog.date_format, defaults.date_format, "dateHeaderFormat"));
  view.body_html = post.body_html;
  view.author = post.author;
  view.time_text =
      locale.FormatDate(post.published, zone,
                        PatternFor(locale, blog.time_format, defaults.time_format, "timeFormat"));
  view.iso_time = FormatRfc3339(post.published, zone);
  view.iso_updated =
      FormatRfc3339(post.updated < post.published ? post.published : post.updated, zone);
  view.comment_count = post.comment_count;
  view.comment_count_text = locale.CommentCountText(post.comment_count);
  view.labels.reserve(post.labels.size());
  for (const std::string& label : post.labels) {
    view.labels.push_back(LabelLink{label, text::LabelUrl(label), 0, false});
  }
  if (!view.labels.empty()) view.labels.back().last = true;
  view.comments_feed_url = "/feeds/" + view.id + "/comments/default";
  view.is_page = post.kind == PostKind::kPage;
  view.description = text::Summarize(post.body_text, kDescriptionChars);
  view.first_image_url = FirstImageUrl(post.body_html);
  SetShareUrls(view, base_url);
  return view;
}

std::vector<PostView> MakePostViews(const Blog& blog, const TimeZone& zone,
                                    const std::vector<Post>& posts, std::string_view base_url) {
  std::vector<PostView> views;
  views.reserve(posts.size());
  int last_day_key = -1;
  for (const Post& post : posts) {
    PostView view = MakePostView(blog, zone, post, base_url);
    const LocalTime local = zone.ToLocal(post.published);
    const int day_key = (local.year * 100 + local.month) * 100 + local.day;
    if (day_key == last_day_key) view.date_header.clear();
    last_day_key = day_key;
    if (std::optional<text::JumpBreak> cut = text::FindJumpBreak(post.body_html)) {
      view.body_html = std::move(cut->before_html);
      view.jump_url = post.path + "#" + std::string(text::kJumpAnchor);
      view.jump_text = cut->custom_text.empty() ? blog.jump_link_text : cut->custom_text;
    }
    views.push_back(std::move(view));
  }
  return views;
}

std::vector<PostView> MakeSearchPostViews(const Blog& blog, const TimeZone& zone,
                                          const std::vector<SearchHit>& hits,
                                          std::string_view base_url) {
  std::vector<Post> posts;
  posts.reserve(hits.size());
  for (const SearchHit& hit : hits) posts.push_back(hit.post);
  std::vector<PostView> views = MakePostViews(blog, zone, posts, base_url);
  for (size_t i = 0; i < views.size(); ++i) views[i].snippet_html = hits[i].snippet_html;
  return views;
}

Sidebar MakeSidebar(const Blog& blog, const TimeZone& zone,
                    const std::vector<Time>& published_times, const std::vector<LabelCount>& labels,
                    std::vector<PageLink> pages, int expanded_year) {
  const Locale& locale = Locale::For(blog.locale);
  // year -> month -> count, both newest first.
  std::map<int, std::map<int, int, std::greater<>>, std::greater<>> buckets;
  for (Time t : published_times) {
    const LocalTime local = zone.ToLocal(t);
    ++buckets[local.year][local.month];
  }
  Sidebar sidebar;
  sidebar.lang = locale.tag();
  if (expanded_year == 0 && !buckets.empty()) expanded_year = buckets.begin()->first;
  sidebar.archive.reserve(buckets.size());
  for (const auto& [year, months] : buckets) {
    ArchiveYear y;
    y.year = year;
    y.url = "/" + std::to_string(year) + "/";
    y.expanded = year == expanded_year;
    y.months.reserve(months.size());
    for (const auto& [month, count] : months) {
      // The month standing alone ("LLLL": Russian "январь", not the dated "января").
      y.months.push_back(
          ArchiveMonth{locale.FormatDate(zone.FromLocal(year, month, 15), zone, "LLLL"),
                       y.url + TwoDigits(month) + "/", count});
      y.count += count;
    }
    sidebar.archive.push_back(std::move(y));
  }
  sidebar.labels.reserve(labels.size());
  for (const LabelCount& label : labels) {
    sidebar.labels.push_back(LabelLink{label.name, text::LabelUrl(label.name), label.count, false});
  }
  std::stable_sort(
      sidebar.labels.begin(), sidebar.labels.end(),
      [](const LabelLink& a, const LabelLink& b) { return LessIgnoringAsciiCase(a.name, b.name); });
  if (!sidebar.labels.empty()) sidebar.labels.back().last = true;
  sidebar.pages = std::move(pages);
  sidebar.about = blog.description;
  return sidebar;
}

std::string LabelStatusHtml(const Locale& locale, std::string_view label, int count) {
  return StatusLine(locale, count > 0 ? "showingPostsWithLabel" : "noPostsWithLabel", label);
}

std::string SearchStatusHtml(const Locale& locale, std::string_view query, int count) {
  return StatusLine(locale, count > 0 ? "showingPostsByRelevance" : "noPostsMatchingQuery", query);
}

std::string ArchiveStatusHtml(const Locale& locale, std::string_view period_text) {
  return StatusLine(locale, "showingPostsFrom", period_text);
}

}  // namespace samizdat::render
