// The shared parts of comment feed entries, in Blogger's shape (blogger.md §3.3, §4.1).
#include "feeds/comment_entries.h"

#include <string>

#include "text/html_text.h"

namespace samizdat::feeds {

std::string CommentAtomId(int64_t blog_id, int64_t comment_id) {
  return PostAtomId(blog_id, comment_id);
}

std::string CommentPermalink(std::string_view post_url, const Comment& comment) {
  return std::string(post_url) +
         "?showComment=" + std::to_string(ToEpochMillis(comment.published)) + "#c" +
         std::to_string(comment.id);
}

namespace internal {

namespace {

std::string TextOf(const Comment& comment) {
  return comment.body_text.empty() ? text::HtmlToText(comment.body_html) : comment.body_text;
}

}  // namespace

std::string CommentPostUrl(const FeedModel& feed, const CommentEntry& entry) {
  return feed.base_url + entry.post_path;
}

std::string CommentSelfUrl(const FeedModel& feed, int64_t post_id, int64_t comment_id) {
  return feed.base_url + "/feeds/" + std::to_string(post_id) + "/comments/default/" +
         std::to_string(comment_id);
}

std::vector<Link> CommentLinks(const FeedModel& feed, const CommentEntry& entry) {
  const Comment& c = entry.comment;
  const std::string self = CommentSelfUrl(feed, c.post_id, c.id);
  std::vector<Link> links = {
      {"edit", "application/atom+xml", self, ""},
      {"self", "application/atom+xml", self, ""},
      {"alternate", "text/html", CommentPermalink(CommentPostUrl(feed, entry), c), ""},
  };
  if (c.parent_id != 0) {
    links.push_back({"related", "application/atom+xml",
                     CommentSelfUrl(feed, c.post_id, c.parent_id) + "?v=2", ""});
  }
  return links;
}

InReplyTo InReplyToOf(const FeedModel& feed, const CommentEntry& entry) {
  const int64_t post_id = entry.comment.post_id;
  return {CommentPostUrl(feed, entry), PostEntryId(feed.blog->id, post_id, entry.post_feed_id),
          feed.base_url + "/feeds/posts/default/" + std::to_string(post_id)};
}

std::string CommentTitle(const Comment& comment) {
  std::string title = text::Summarize(TextOf(comment), kCommentTitleChars);
  constexpr std::string_view kEllipsis = "\u2026";
  if (title.ends_with(kEllipsis))
    title.replace(title.size() - kEllipsis.size(), kEllipsis.size(), "...");
  return title;
}

std::string CommenterName(const Comment& comment) {
  return comment.author_name.empty() ? std::string("Anonymous") : comment.author_name;
}

Person Commenter(const Comment& comment) {
  return {CommenterName(comment), comment.author_url, std::string(kCommenterNoPhoto), kNoPhotoSize};
}

EntryBody CommentBody(const FeedModel& feed, const CommentEntry& entry) {
  const Comment& comment = entry.comment;
  if (!feed.summary) {
    return {false, AbsolutizeUrls(comment.body_html, CommentPostUrl(feed, entry))};
  }
  return {true, text::Summarize(TextOf(comment), kSummaryChars)};
}

std::vector<Property> CommentProperties(const FeedModel& feed, const Comment& comment) {
  // Blogger's item class names the commenter's profile; samizdat commenters have none.
  return {
      {"blogger.itemClass", "pid-0"},
      {"blogger.displayTime", FormatPattern(comment.published, feed.zone, kCommentTimePattern)}};
}

}  // namespace internal
}  // namespace samizdat::feeds
