// RenderJsonFeed: JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
#include <boost/json.hpp>
#include <string>

#include "feeds/comment_entries.h"
#include "feeds/feed.h"
#include "feeds/feed_parts.h"

namespace samizdat::feeds {

namespace {

namespace json = boost::json;
using internal::Clean;

json::array Authors(std::string_view name) {
  return {json::object{{"name", Clean(internal::PersonName(name))}}};
}

json::object Item(const FeedModel& feed, const Post& post) {
  json::object item;
  item["id"] = Clean(PostEntryId(feed.blog->id, post.id, post.feed_id));
  item["url"] = Clean(internal::PostUrl(feed, post));
  item["title"] = Clean(post.title);
  const internal::EntryBody body = internal::BodyOf(feed, post);
  if (body.is_summary) {
    // JSON Feed requires content_html or content_text in every item.
    item["summary"] = Clean(body.text);
    item["content_text"] = Clean(body.text);
  } else {
    item["content_html"] = Clean(body.text);
  }
  item["date_published"] = internal::Rfc3339(feed, post.published);
  item["date_modified"] = internal::Rfc3339(feed, post.updated);
  if (!post.labels.empty()) {
    json::array tags;
    for (const std::string& label : post.labels) tags.push_back(json::string(Clean(label)));
    item["tags"] = std::move(tags);
  }
  item["authors"] = Authors(post.author);
  return item;
}

json::object CommentItem(const FeedModel& feed, const CommentEntry& entry) {
  const Comment& c = entry.comment;
  json::object item;
  item["id"] = CommentAtomId(feed.blog->id, c.id);
  item["url"] = Clean(CommentPermalink(internal::CommentPostUrl(feed, entry), c));
  item["title"] = Clean(internal::CommentTitle(c));
  const internal::EntryBody body = internal::CommentBody(feed, entry);
  if (body.is_summary) {
    item["summary"] = Clean(body.text);
    item["content_text"] = Clean(body.text);
  } else {
    item["content_html"] = Clean(body.text);
  }
  item["date_published"] = internal::Rfc3339(feed, c.published);
  json::object author{{"name", Clean(internal::CommenterName(c))}};
  if (!c.author_url.empty()) author["url"] = Clean(c.author_url);
  item["authors"] = json::array{std::move(author)};
  return item;
}

}  // namespace

std::string RenderJsonFeed(const FeedModel& feed) {
  json::object f;
  f["version"] = "https://jsonfeed.org/version/1.1";
  f["title"] = Clean(internal::FeedTitle(feed));
  f["home_page_url"] = Clean(internal::FeedAlternateUrl(feed));
  f["feed_url"] = Clean(feed.self_url);
  if (!feed.blog->description.empty()) f["description"] = Clean(feed.blog->description);
  if (feed.next_url) f["next_url"] = Clean(*feed.next_url);
  if (!feed.blog->locale.empty()) f["language"] = Clean(feed.blog->locale);
  f["authors"] = Authors(feed.author_name);
  json::array items;
  if (feed.kind == FeedKind::kPosts) {
    for (const Post& post : feed.posts) items.push_back(Item(feed, post));
  } else {
    for (const CommentEntry& entry : feed.comments) items.push_back(CommentItem(feed, entry));
  }
  f["items"] = std::move(items);
  return json::serialize(f);
}

}  // namespace samizdat::feeds
