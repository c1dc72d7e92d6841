// RenderGDataJson: alt=json, the GData JSON mapping of the Atom feed (blogger.md §3.3).
#include <boost/json.hpp>
#include <string>

#include "feeds/comment_entries.h"
#include "feeds/feed.h"
#include "feeds/feed_parts.h"
#include "feeds/thumbnail.h"

namespace samizdat::feeds {

namespace {

namespace json = boost::json;
using internal::Clean;
using internal::Link;

// {"$t": text}
json::object Text(std::string_view text) { return {{"$t", Clean(text)}}; }

json::array Links(const std::vector<Link>& links) {
  json::array out;
  for (const Link& link : links) {
    json::object o{{"rel", Clean(link.rel)}};
    if (!link.type.empty()) o["type"] = Clean(link.type);
    o["href"] = Clean(link.href);
    if (!link.title.empty()) o["title"] = Clean(link.title);
    out.push_back(std::move(o));
  }
  return out;
}

// [{"name":…,"uri":…,"email":…,"gd$image":{…}}], as Blogger maps an Atom author.
json::array Author(const internal::Person& person) {
  json::object author{{"name", Text(person.name)}};
  if (!person.uri.empty()) author["uri"] = Text(person.uri);
  author["email"] = Text(internal::kNoReplyEmail);
  const std::string size = std::to_string(person.image_size);
  author["gd$image"] = json::object{{"rel", internal::kThumbnailRel},
                                    {"width", size},
                                    {"height", size},
                                    {"src", Clean(person.image_src)}};
  return {std::move(author)};
}

json::object PostEntry(const FeedModel& feed, const Post& post) {
  json::object entry;
  entry["id"] = Text(PostEntryId(feed.blog->id, post.id, post.feed_id));
  entry["published"] = Text(internal::Rfc3339(feed, post.published));
  entry["updated"] = Text(internal::Rfc3339(feed, post.updated));
  if (!post.labels.empty()) {
    json::array categories;
    for (const std::string& label : post.labels) {
      categories.push_back(
          json::object{{"scheme", internal::kCategoryScheme}, {"term", Clean(label)}});
    }
    entry["category"] = std::move(categories);
  }
  entry["title"] = json::object{{"type", "text"}, {"$t", Clean(post.title)}};
  const internal::EntryBody body = internal::BodyOf(feed, post);
  if (body.is_summary) {
    entry["summary"] = json::object{{"type", "text"}, {"$t", Clean(body.text)}};
  } else {
    entry["content"] = json::object{{"type", "html"}, {"$t", Clean(body.text)}};
  }
  entry["link"] = Links(internal::EntryLinks(feed, post));
  entry["author"] = Author(internal::BlogAuthor(feed, post.author));
  if (const auto thumbnail = internal::PostThumbnail(feed, post)) {
    const std::string size = std::to_string(kThumbnailSize);
    entry["media$thumbnail"] = json::object{{"xmlns$media", internal::kMediaNs},
                                            {"url", Clean(*thumbnail)},
                                            {"height", size},
                                            {"width", size}};
  }
  entry["thr$total"] = Text(std::to_string(internal::ShownCommentCount(post)));
  return entry;
}

json::object CommentEntryObject(const FeedModel& feed, const CommentEntry& e) {
  const Comment& c = e.comment;
  json::object entry;
  entry["id"] = Text(CommentAtomId(feed.blog->id, c.id));
  entry["published"] = Text(internal::Rfc3339(feed, c.published));
  entry["updated"] = Text(internal::Rfc3339(feed, c.published));
  entry["title"] = json::object{{"type", "text"}, {"$t", Clean(internal::CommentTitle(c))}};
  const internal::EntryBody body = internal::CommentBody(feed, e);
  if (body.is_summary) {
    entry["summary"] = json::object{{"type", "text"}, {"$t", Clean(body.text)}};
  } else {
    entry["content"] = json::object{{"type", "html"}, {"$t", Clean(body.text)}};
  }
  entry["link"] = Links(internal::CommentLinks(feed, e));
  entry["author"] = Author(internal::Commenter(c));
  const internal::InReplyTo reply = internal::InReplyToOf(feed, e);
  entry["thr$in-reply-to"] = json::object{{"href", Clean(reply.href)},
                                          {"ref", Clean(reply.ref)},
                                          {"source", Clean(reply.source)},
                                          {"type", "text/html"}};
  json::array properties;
  for (const internal::Property& p : internal::CommentProperties(feed, c)) {
    properties.push_back(json::object{{"name", Clean(p.name)}, {"value", Clean(p.value)}});
  }
  entry["gd$extendedProperty"] = std::move(properties);
  return entry;
}

}  // namespace

std::string RenderGDataJson(const FeedModel& feed) {
  json::object f;
  f["xmlns"] = internal::kAtomNs;
  f["xmlns$openSearch"] = internal::kOpenSearchNs;
  f["xmlns$blogger"] = internal::kBloggerNs;
  f["xmlns$georss"] = internal::kGeoRssNs;
  f["xmlns$gd"] = internal::kGdNs;
  f["xmlns$thr"] = internal::kThrNs;
  f["id"] = Text(internal::FeedId(feed));
  f["updated"] = Text(internal::Rfc3339(feed, internal::FeedUpdated(feed)));
  const std::vector<std::string>& labels = internal::FeedCategories(feed);
  if (!labels.empty()) {
    json::array categories;
    for (const std::string& label : labels)
      categories.push_back(json::object{{"term", Clean(label)}});
    f["category"] = std::move(categories);
  }
  f["title"] = json::object{{"type", "text"}, {"$t", Clean(internal::FeedTitle(feed))}};
  f["subtitle"] = json::object{{"type", "text"}, {"$t", Clean(feed.blog->description)}};
  f["link"] = Links(internal::FeedLinks(feed));
  f["author"] = Author(internal::BlogAuthor(feed, feed.author_name));
  f["generator"] =
      json::object{{"version", internal::kGeneratorVersion}, {"$t", internal::kGenerator}};
  f["openSearch$totalResults"] = Text(std::to_string(feed.total_results));
  f["openSearch$startIndex"] = Text(std::to_string(feed.start_index));
  f["openSearch$itemsPerPage"] = Text(std::to_string(feed.items_per_page));
  json::array entries;
  if (feed.kind == FeedKind::kPosts) {
    for (const Post& post : feed.posts) entries.push_back(PostEntry(feed, post));
  } else {
    for (const CommentEntry& e : feed.comments) entries.push_back(CommentEntryObject(feed, e));
  }
  f["entry"] = std::move(entries);
  return json::serialize(
      json::object{{"version", "1.0"}, {"encoding", "UTF-8"}, {"feed", std::move(f)}});
}

}  // namespace samizdat::feeds
