// View builders: domain types -> view models, with Blogger's English texts.
#include "render/build.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "text/escape.h"
#include "text/jump_break.h"
#include "text/slug.h"

namespace samizdat::render {
namespace {

constexpr std::string_view kShowAll = ". <a href=\"/\">Show all posts</a>";

std::string ShareUrl(const Blog& blog, const Post& post, std::string_view target) {
  return "https://www.blogger.com/share-post.g?blogID=" + std::to_string(blog.id) +
         "&postID=" + std::to_string(post.id) + "&target=" + std::string(target);
}

bool LessIgnoringAsciiCase(const std::string& a, const std::string& b) {
  auto lower = [](unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [&](char x, char y) {
    return lower(static_cast<unsigned char>(x)) < lower(static_cast<unsigned char>(y));
  });
}

std::string StatusLine(std::string_view lead, std::string_view subject) {
  std::string out(lead);
  out += "<b>";
  out += text::EscapeHtml(subject);
  out += "</b>";
  out += kShowAll;
  return out;
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::string CommentCountText(int n) {
  if (n <= 0) return "No comments";
  if (n == 1) return "1 comment";
  return std::to_string(n) + " comments";
}

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

PostView MakePostView(const Blog& blog, const TimeZone& zone, const Post& post) {
  PostView view;
  view.id = std::to_string(post.id);
  view.title = post.title;
  view.url = post.path;
  view.date_header = FormatPattern(post.published, zone, blog.date_format);
  view.body_html = post.body_html;
  view.author = post.author;
  view.time_text = FormatPattern(post.published, zone, blog.time_format);
  view.iso_time = FormatRfc3339(post.published, zone);
  view.comment_count = post.comment_count;
  view.comment_count_text = CommentCountText(post.comment_count);
  view.labels.reserve(post.labels.size());
  for (const std::string& label : post.labels) {
    view.labels.push_back(LabelLink{label, text::LabelUrl(label), 0, false});
  }
  if (!view.labels.empty()) view.labels.back().last = true;
  view.comments_feed_url = "/feeds/" + view.id + "/comments/default";
  view.share_email_url = ShareUrl(blog, post, "email");
  view.share_twitter_url = ShareUrl(blog, post, "twitter");
  view.share_facebook_url = ShareUrl(blog, post, "facebook");
  view.share_pinterest_url = ShareUrl(blog, post, "pinterest");
  view.is_page = post.kind == PostKind::kPage;
  return view;
}

std::vector<PostView> MakePostViews(const Blog& blog, const TimeZone& zone,
                                    const std::vector<Post>& posts) {
  std::vector<PostView> views;
  views.reserve(posts.size());
  int last_day_key = -1;
  for (const Post& post : posts) {
    PostView view = MakePostView(blog, zone, post);
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
                                          const std::vector<SearchHit>& hits) {
  std::vector<Post> posts;
  posts.reserve(hits.size());
  for (const SearchHit& hit : hits) posts.push_back(hit.post);
  std::vector<PostView> views = MakePostViews(blog, zone, posts);
  for (size_t i = 0; i < views.size(); ++i) views[i].snippet_html = hits[i].snippet_html;
  return views;
}

Sidebar MakeSidebar(const Blog& blog, const TimeZone& zone,
                    const std::vector<Time>& published_times, const std::vector<LabelCount>& labels,
                    std::vector<PageLink> pages, int expanded_year) {
  // year -> month -> count, both newest first.
  std::map<int, std::map<int, int, std::greater<>>, std::greater<>> buckets;
  for (Time t : published_times) {
    const LocalTime local = zone.ToLocal(t);
    ++buckets[local.year][local.month];
  }
  Sidebar sidebar;
  if (expanded_year == 0 && !buckets.empty()) expanded_year = buckets.begin()->first;
  sidebar.archive.reserve(buckets.size());
  for (const auto& [year, months] : buckets) {
    ArchiveYear y;
    y.year = year;
    y.url = "/" + std::to_string(year) + "/";
    y.expanded = year == expanded_year;
    y.months.reserve(months.size());
    for (const auto& [month, count] : months) {
      y.months.push_back(
          ArchiveMonth{std::string(MonthName(month)), y.url + TwoDigits(month) + "/", count});
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

std::string LabelStatusHtml(std::string_view label, int count) {
  return StatusLine(count > 0 ? "Showing posts with label " : "No posts with label ", label);
}

std::string SearchStatusHtml(std::string_view query, int count) {
  return StatusLine(
      count > 0 ? "Showing posts sorted by relevance for query " : "No posts matching the query: ",
      query);
}

std::string ArchiveStatusHtml(std::string_view period_text) {
  return StatusLine("Showing posts from ", period_text);
}

}  // namespace samizdat::render
