// The shared feed parts: Blogger's ids, link sets and entry bodies.
#include "feeds/feed_parts.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cstdlib>
#include <optional>
#include <string>

#include "feeds/absolutize.h"
#include "feeds/thumbnail.h"
#include "text/escape.h"
#include "text/html_text.h"
#include "text/jump_break.h"
#include "text/utf8.h"

namespace samizdat::feeds {

std::string BlogAtomId(int64_t blog_id) {
  return "tag:blogger.com,1999:blog-" + std::to_string(blog_id);
}

std::string PostAtomId(int64_t blog_id, int64_t post_id) {
  return BlogAtomId(blog_id) + ".post-" + std::to_string(post_id);
}

std::string PostEntryId(int64_t blog_id, int64_t post_id, std::string_view feed_id) {
  return feed_id.empty() ? PostAtomId(blog_id, post_id) : std::string(feed_id);
}

namespace internal {

namespace {

int64_t ParentPostId(const FeedModel& feed) { return feed.parent_post ? feed.parent_post->id : 0; }

}  // namespace

std::string FeedId(const FeedModel& feed) {
  const std::string blog_id = BlogAtomId(feed.blog->id);
  switch (feed.kind) {
    case FeedKind::kPosts: return blog_id;
    case FeedKind::kBlogComments: return blog_id + ".comments";
    case FeedKind::kPostComments:
      return blog_id + ".post" + std::to_string(ParentPostId(feed)) + "..comments";
  }
  std::abort();  // unreachable: every FeedKind is handled above
}

std::string FeedTitle(const FeedModel& feed) {
  if (feed.kind == FeedKind::kPostComments && feed.parent_post) {
    return "Comments on " + feed.blog->title + ": " + feed.parent_post->title;
  }
  return feed.blog->title;
}

std::string FeedAlternateUrl(const FeedModel& feed) {
  if (feed.kind == FeedKind::kPostComments && feed.parent_post) {
    return PostUrl(feed, *feed.parent_post);
  }
  return feed.base_url + "/";
}

Time FeedUpdated(const FeedModel& feed) {
  Time updated = feed.blog->updated;
  if (feed.kind == FeedKind::kPosts || feed.comments.empty()) return updated;
  updated = feed.comments.front().comment.published;
  for (const CommentEntry& entry : feed.comments) {
    updated = std::max(updated, entry.comment.published);
  }
  return updated;
}

std::vector<Link> FeedLinks(const FeedModel& feed) {
  std::string feed_href;
  switch (feed.kind) {
    case FeedKind::kPosts: feed_href = feed.base_url + "/feeds/posts/default"; break;
    case FeedKind::kBlogComments: feed_href = feed.base_url + "/feeds/comments/default"; break;
    case FeedKind::kPostComments:
      feed_href =
          feed.base_url + "/feeds/" + std::to_string(ParentPostId(feed)) + "/comments/default";
      break;
  }
  std::vector<Link> links = {
      {"http://schemas.google.com/g/2005#feed", "application/atom+xml", feed_href, ""},
      {"self", "application/atom+xml", feed.self_url, ""},
      {"alternate", "text/html", FeedAlternateUrl(feed), ""},
      {"hub", "", "http://pubsubhubbub.appspot.com/", ""},
  };
  if (feed.next_url) links.push_back({"next", "application/atom+xml", *feed.next_url, ""});
  if (feed.previous_url) {
    links.push_back({"previous", "application/atom+xml", *feed.previous_url, ""});
  }
  return links;
}

const std::vector<std::string>& FeedCategories(const FeedModel& feed) {
  static const std::vector<std::string> kNone;
  return feed.kind == FeedKind::kPosts ? feed.blog_labels : kNone;
}

std::string PersonName(std::string_view name) {
  return name.empty() ? std::string("Unknown") : std::string(name);
}

Person BlogAuthor(const FeedModel& feed, std::string_view name) {
  return {PersonName(name), feed.base_url + "/", std::string(kAuthorNoPhoto), kNoPhotoSize};
}

int ShownCommentCount(const Post& post) {
  return post.comments_mode == CommentsMode::kHidden ? 0 : post.comment_count;
}

std::string PostUrl(const FeedModel& feed, const Post& post) { return feed.base_url + post.path; }

std::vector<Link> EntryLinks(const FeedModel& feed, const Post& post) {
  const std::string id = std::to_string(post.id);
  const std::string url = PostUrl(feed, post);
  const std::string self = feed.base_url + "/feeds/posts/default/" + id;
  return {
      {"replies", "application/atom+xml", feed.base_url + "/feeds/" + id + "/comments/default",
       "Post Comments"},
      {"replies", "text/html", url + "#comment-form",
       std::to_string(ShownCommentCount(post)) + " Comments"},
      {"edit", "application/atom+xml", self, ""},
      {"self", "application/atom+xml", self, ""},
      {"alternate", "text/html", url, post.title},
  };
}

EntryBody BodyOf(const FeedModel& feed, const Post& post) {
  if (!feed.summary) return {false, AbsolutizeUrls(post.body_html, PostUrl(feed, post))};
  // A post with a jump break is summed up by what comes before it, as on list pages.
  if (std::optional<text::JumpBreak> cut = text::FindJumpBreak(post.body_html)) {
    std::string before = text::HtmlToText(cut->before_html);
    if (!before.empty()) return {true, std::move(before)};
  }
  const std::string text =
      post.body_text.empty() ? text::HtmlToText(post.body_html) : post.body_text;
  return {true, text::Summarize(text, kSummaryChars)};
}

std::string RssDescription(const EntryBody& body) {
  return body.is_summary ? text::EscapeHtml(body.text) : body.text;
}

std::optional<std::string> PostThumbnail(const FeedModel& feed, const Post& post) {
  return ThumbnailUrl(post.body_html, PostUrl(feed, post));
}

void WriteThumbnail(text::XmlWriter& xml, const FeedModel& feed, const Post& post) {
  const std::optional<std::string> thumbnail = PostThumbnail(feed, post);
  if (!thumbnail) return;
  const std::string size = std::to_string(kThumbnailSize);
  xml.Empty("media:thumbnail",
            {{"xmlns:media", kMediaNs}, {"url", *thumbnail}, {"height", size}, {"width", size}});
}

bool IsHttpUrl(std::string_view s) {
  auto url = boost::urls::parse_absolute_uri(s);
  if (!url) return false;
  const auto scheme = url->scheme_id();
  return (scheme == boost::urls::scheme::http || scheme == boost::urls::scheme::https) &&
         url->has_authority() && !url->encoded_host().empty();
}

std::string Clean(std::string_view s) { return text::StripControlChars(s); }

std::string Rfc3339(const FeedModel& feed, Time t) { return FormatRfc3339(t, feed.zone); }

std::string Rfc822(const FeedModel& feed, Time t) {
  const auto offset =
      std::chrono::duration_cast<std::chrono::minutes>(feed.zone.ToLocal(t).utc_offset).count();
  const int magnitude = static_cast<int>(offset < 0 ? -offset : offset) % (100 * 60);
  const std::string digits = std::to_string(10000 + magnitude / 60 * 100 + magnitude % 60);
  return FormatPattern(t, feed.zone, "EEE, dd MMM yyyy HH:mm:ss ") + (offset < 0 ? '-' : '+') +
         digits.substr(1);
}

}  // namespace internal
}  // namespace samizdat::feeds
