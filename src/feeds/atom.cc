// RenderAtom: the Atom 1.0 feed in Blogger's shape (blogger.md §3.3).
#include <string>

#include "feeds/comment_entries.h"
#include "feeds/feed.h"
#include "feeds/feed_parts.h"
#include "text/xml_writer.h"

namespace samizdat::feeds {

namespace {

using internal::Link;

void WriteLink(text::XmlWriter& xml, const Link& link) {
  if (link.type.empty()) {
    xml.Empty("link", {{"rel", link.rel}, {"href", link.href}});
  } else if (link.title.empty()) {
    xml.Empty("link", {{"rel", link.rel}, {"type", link.type}, {"href", link.href}});
  } else {
    xml.Empty("link",
              {{"rel", link.rel}, {"type", link.type}, {"href", link.href}, {"title", link.title}});
  }
}

void WritePerson(text::XmlWriter& xml, const internal::Person& person) {
  xml.Open("author");
  xml.Element("name", person.name);
  if (!person.uri.empty()) xml.Element("uri", person.uri);
  xml.Element("email", internal::kNoReplyEmail);
  const std::string size = std::to_string(person.image_size);
  xml.Empty("gd:image", {{"rel", internal::kThumbnailRel},
                         {"width", size},
                         {"height", size},
                         {"src", person.image_src}});
  xml.Close();
}

void WritePostEntry(text::XmlWriter& xml, const FeedModel& feed, const Post& post) {
  xml.Open("entry");
  xml.Element("id", PostEntryId(feed.blog->id, post.id, post.feed_id));
  xml.Element("published", internal::Rfc3339(feed, post.published));
  xml.Element("updated", internal::Rfc3339(feed, post.updated));
  for (const std::string& label : post.labels) {
    xml.Empty("category", {{"scheme", internal::kCategoryScheme}, {"term", label}});
  }
  xml.Element("title", post.title, {{"type", "text"}});
  const internal::EntryBody body = internal::BodyOf(feed, post);
  if (body.is_summary) {
    xml.Element("summary", body.text, {{"type", "text"}});
  } else {
    xml.Element("content", body.text, {{"type", "html"}});
  }
  for (const Link& link : internal::EntryLinks(feed, post)) WriteLink(xml, link);
  WritePerson(xml, internal::BlogAuthor(feed, post.author));
  internal::WriteThumbnail(xml, feed, post);
  xml.Element("thr:total", std::to_string(internal::ShownCommentCount(post)));
  xml.Close();
}

void WriteCommentEntry(text::XmlWriter& xml, const FeedModel& feed, const CommentEntry& entry) {
  const Comment& c = entry.comment;
  xml.Open("entry");
  xml.Element("id", CommentAtomId(feed.blog->id, c.id));
  xml.Element("published", internal::Rfc3339(feed, c.published));
  xml.Element("updated", internal::Rfc3339(feed, c.published));
  xml.Element("title", internal::CommentTitle(c), {{"type", "text"}});
  const internal::EntryBody body = internal::CommentBody(feed, entry);
  if (body.is_summary) {
    xml.Element("summary", body.text, {{"type", "text"}});
  } else {
    xml.Element("content", body.text, {{"type", "html"}});
  }
  for (const Link& link : internal::CommentLinks(feed, entry)) WriteLink(xml, link);
  WritePerson(xml, internal::Commenter(c));
  const internal::InReplyTo reply = internal::InReplyToOf(feed, entry);
  xml.Empty(
      "thr:in-reply-to",
      {{"href", reply.href}, {"ref", reply.ref}, {"source", reply.source}, {"type", "text/html"}});
  for (const internal::Property& p : internal::CommentProperties(feed, c)) {
    xml.Empty("gd:extendedProperty", {{"name", p.name}, {"value", p.value}});
  }
  xml.Close();
}

}  // namespace

std::string RenderAtom(const FeedModel& feed) {
  text::XmlWriter xml;
  xml.Open("feed", {{"xmlns", internal::kAtomNs},
                    {"xmlns:openSearch", internal::kOpenSearchNs},
                    {"xmlns:blogger", internal::kBloggerNs},
                    {"xmlns:georss", internal::kGeoRssNs},
                    {"xmlns:gd", internal::kGdNs},
                    {"xmlns:thr", internal::kThrNs}});
  xml.Element("id", internal::FeedId(feed));
  xml.Element("updated", internal::Rfc3339(feed, internal::FeedUpdated(feed)));
  for (const std::string& label : internal::FeedCategories(feed)) {
    xml.Empty("category", {{"term", label}});
  }
  xml.Element("title", internal::FeedTitle(feed), {{"type", "text"}});
  xml.Element("subtitle", feed.blog->description, {{"type", "text"}});
  for (const Link& link : internal::FeedLinks(feed)) WriteLink(xml, link);
  WritePerson(xml, internal::BlogAuthor(feed, feed.author_name));
  xml.Element("generator", internal::kGenerator, {{"version", internal::kGeneratorVersion}});
  xml.Element("openSearch:totalResults", std::to_string(feed.total_results));
  xml.Element("openSearch:startIndex", std::to_string(feed.start_index));
  xml.Element("openSearch:itemsPerPage", std::to_string(feed.items_per_page));
  if (feed.kind == FeedKind::kPosts) {
    for (const Post& post : feed.posts) WritePostEntry(xml, feed, post);
  } else {
    for (const CommentEntry& entry : feed.comments) WriteCommentEntry(xml, feed, entry);
  }
  xml.Close();
  return std::move(xml).Finish();
}

}  // namespace samizdat::feeds
