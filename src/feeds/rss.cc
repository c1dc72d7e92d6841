// RenderRss: the RSS 2.0 feed in Blogger's shape (alt=rss, blogger.md §3.3).
#include <string>

#include "feeds/comment_entries.h"
#include "feeds/feed.h"
#include "feeds/feed_parts.h"
#include "text/escape.h"
#include "text/xml_writer.h"

namespace samizdat::feeds {

namespace {

// "noreply@blogger.com (NAME)": RSS wants an email address, a name may follow.
std::string RssPerson(std::string_view name) {
  return std::string(internal::kNoReplyEmail) + " (" + internal::PersonName(name) + ")";
}

void WritePostItem(text::XmlWriter& xml, const FeedModel& feed, const Post& post) {
  const std::string url = internal::PostUrl(feed, post);
  xml.Open("item");
  // A guid is a permalink unless it says otherwise: Blogger's ids and other ids that are
  // no http(s) URL say so.
  const std::string guid = PostEntryId(feed.blog->id, post.id, post.feed_id);
  if (internal::IsHttpUrl(guid)) {
    xml.Element("guid", guid);
  } else {
    xml.Element("guid", guid, {{"isPermaLink", "false"}});
  }
  xml.Element("pubDate", internal::Rfc822(feed, post.published));
  xml.Element("atom:updated", internal::Rfc3339(feed, post.updated));
  for (const std::string& label : post.labels) {
    xml.Element("category", label, {{"domain", internal::kCategoryScheme}});
  }
  xml.Element("title", post.title);
  xml.Element("description", internal::RssDescription(internal::BodyOf(feed, post)));
  xml.Element("link", url);
  xml.Element("author", RssPerson(post.author));
  internal::WriteThumbnail(xml, feed, post);
  xml.Element("comments", url + "#comment-form");
  xml.Element("thr:total", std::to_string(internal::ShownCommentCount(post)));
  xml.Close();
}

void WriteCommentItem(text::XmlWriter& xml, const FeedModel& feed, const CommentEntry& entry) {
  const Comment& c = entry.comment;
  xml.Open("item");
  xml.Element("guid", CommentAtomId(feed.blog->id, c.id), {{"isPermaLink", "false"}});
  xml.Element("pubDate", internal::Rfc822(feed, c.published));
  xml.Element("atom:updated", internal::Rfc3339(feed, c.published));
  xml.Element("title", internal::CommentTitle(c));
  xml.Element("description", internal::RssDescription(internal::CommentBody(feed, entry)));
  xml.Element("link", CommentPermalink(internal::CommentPostUrl(feed, entry), c));
  xml.Element("author", RssPerson(internal::CommenterName(c)));
  const internal::InReplyTo reply = internal::InReplyToOf(feed, entry);
  xml.Empty(
      "thr:in-reply-to",
      {{"href", reply.href}, {"ref", reply.ref}, {"source", reply.source}, {"type", "text/html"}});
  xml.Close();
}

}  // namespace

std::string RenderRss(const FeedModel& feed) {
  text::XmlWriter xml;
  xml.Open("rss", {{"version", "2.0"},
                   {"xmlns:atom", internal::kAtomNs},
                   {"xmlns:openSearch", internal::kOpenSearchNs},
                   {"xmlns:blogger", internal::kBloggerNs},
                   {"xmlns:georss", internal::kGeoRssNs},
                   {"xmlns:gd", internal::kGdNs},
                   {"xmlns:thr", internal::kThrNs}});
  xml.Open("channel");
  xml.Element("atom:id", internal::FeedId(feed));
  xml.Element("lastBuildDate", internal::Rfc822(feed, internal::FeedUpdated(feed)));
  for (const std::string& label : internal::FeedCategories(feed)) xml.Element("category", label);
  xml.Element("title", internal::FeedTitle(feed));
  // The blog's description is plain text; readers take RSS descriptions as HTML.
  xml.Element("description", text::EscapeHtml(feed.blog->description));
  xml.Element("link", internal::FeedAlternateUrl(feed));
  xml.Element("managingEditor", RssPerson(feed.author_name));
  xml.Element("generator", internal::kGenerator);
  xml.Empty("atom:link",
            {{"rel", "self"}, {"type", "application/rss+xml"}, {"href", feed.self_url}});
  if (feed.next_url) {
    xml.Empty("atom:link",
              {{"rel", "next"}, {"type", "application/rss+xml"}, {"href", *feed.next_url}});
  }
  xml.Element("openSearch:totalResults", std::to_string(feed.total_results));
  xml.Element("openSearch:startIndex", std::to_string(feed.start_index));
  xml.Element("openSearch:itemsPerPage", std::to_string(feed.items_per_page));
  if (feed.kind == FeedKind::kPosts) {
    for (const Post& post : feed.posts) WritePostItem(xml, feed, post);
  } else {
    for (const CommentEntry& entry : feed.comments) WriteCommentItem(xml, feed, entry);
  }
  xml.Close();
  xml.Close();
  return std::move(xml).Finish();
}

}  // namespace samizdat::feeds
