// Feeds: a blog's posts (or comments) as Atom 1.0, RSS 2.0, Blogger's GData JSON and
// JSON Feed 1.1, in the shapes Blogger serves (../shared/reference/blogger.md §3), so
// that a subscriber of a blog that moved from Blogger notices nothing.
//
// Pure functions: a FeedModel in, the document's bytes out. No I/O; thread-safe.
// Text is escaped exactly once; characters XML 1.0 forbids are dropped; relative URLs
// in bodies are resolved against the URL of the post they belong to (a comment's: its
// post's), never against the feed's. The blog's description is plain text in every
// format: Atom's subtitle and alt=json's are type "text", RSS's description carries it
// escaped as HTML (readers take RSS text as HTML), JSON Feed's description as it is.
// Post entries carry Blogger's author (name, uri, email, gd:image) and, when the post
// has an image, media:thumbnail (see feeds/thumbnail.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "feeds/absolutize.h"  // AbsolutizeUrls, part of this header's contract

namespace samizdat::feeds {

enum class FeedKind {
  kPosts,         // /feeds/posts/default, /-/LABEL, /POSTID (one entry)
  kBlogComments,  // /feeds/comments/default
  kPostComments,  // /feeds/POSTID/comments/default
};

// One entry of a comment feed: a published comment and the path of its post.
struct CommentEntry {
  Comment comment;           // comment.post_id names the post
  std::string post_path;     // the post's permalink path, "/2022/01/slug.html"
  std::string post_feed_id;  // the post's Post::feed_id ("": Blogger's form)
};

// `blog` must be non-null. For kPostComments, parent_post names the post (its id 0 when
// absent). Comment feeds (kBlogComments, kPostComments) carry `comments` as their
// entries, in the order given; the caller gives only comments readers may see.
struct FeedModel {
  FeedKind kind = FeedKind::kPosts;
  const Blog* blog = nullptr;       // not owned; must outlive the call
  TimeZone zone = TimeZone::Utc();  // the blog's zone: times carry its offset
  std::string base_url;             // "http://example.com", no trailing slash
  bool summary = false;             // entries carry <summary> instead of <content>
  std::string self_url;             // absolute URL of this very feed, with its query
  // Absolute URL of the next page, if any, in this feed's own format (a JSON Feed's
  // next page is JSON Feed).
  std::optional<std::string> next_url;
  std::optional<std::string> previous_url;
  int total_results = 0;  // openSearch:totalResults
  int start_index = 1;    // 1-based
  int items_per_page = 25;
  std::vector<Post> posts;               // the entries, in order (kPosts)
  std::vector<CommentEntry> comments;    // the entries, in order (comment feeds)
  std::vector<std::string> blog_labels;  // every label of the blog: feed-level categories
  std::string author_name;               // the blog's owner, the feed's author; "" = "Unknown"
  // For kPostComments: the post whose comments these are.
  std::optional<Post> parent_post;
};

// Blogger's Atom id of a blog and of a post: "tag:blogger.com,1999:blog-B",
// "tag:blogger.com,1999:blog-B.post-P".
std::string BlogAtomId(int64_t blog_id);
std::string PostAtomId(int64_t blog_id, int64_t post_id);
// A post's entry id in every format (Atom id, RSS guid, JSON ids): `feed_id` when it is
// not empty (Post::feed_id: an imported WordPress guid, kept so that a subscriber sees no
// post twice after the move), else PostAtomId.
std::string PostEntryId(int64_t blog_id, int64_t post_id, std::string_view feed_id);
// A comment's Atom id: Blogger uses the posts' form, "tag:blogger.com,1999:blog-B.post-C".
std::string CommentAtomId(int64_t blog_id, int64_t comment_id);
// A comment's permalink: "POSTURL?showComment=<epoch ms of published>#c<ID>".
std::string CommentPermalink(std::string_view post_url, const Comment& comment);

std::string RenderAtom(const FeedModel& feed);
std::string RenderRss(const FeedModel& feed);
// alt=json: the GData JSON mapping of the Atom feed ({"version":"1.0","encoding":"UTF-8",
// "feed":{...}}), text in "$t", ':' in names as '$', counts as strings.
std::string RenderGDataJson(const FeedModel& feed);
// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), for /feed.json.
std::string RenderJsonFeed(const FeedModel& feed);

}  // namespace samizdat::feeds
