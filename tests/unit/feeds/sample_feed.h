// A sample blog and posts for the feed tests, and a libxml2 reader to check XML output.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "feeds/feed.h"
#include "xpath_doc.h"  // tests/unit/

namespace samizdat::feeds::testing {

inline const Blog& SampleBlog() {
  static const Blog blog = [] {
    Blog b;
    b.id = 8735240187212123456;
    b.title = "War & Peace <notes>";
    b.description = "A blog about \"things\" & 'stuff'";
    b.time_zone = "Europe/Paris";
    b.updated = FromEpochMillis(1642259880000);  // 2022-01-15T15:18:00Z
    return b;
  }();
  return blog;
}

inline Post SamplePost() {
  Post p;
  p.id = 1276418104709695660;
  p.blog_id = SampleBlog().id;
  p.kind = PostKind::kPost;
  p.status = PostStatus::kPublished;
  p.title = "In Kazakhstan & <elsewhere>";
  p.path = "/2022/01/in-kazakhstan.html";
  p.body_html =
      "<p>See <a href=\"/2021/12/older.html\">this</a> and "
      "<img src=\"/images/a.png\" alt=\"a\"> and <a href=\"https://other.org/x\">that</a>.</p>";
  p.body_text = "See this and and that.";
  p.author = "Otto";
  p.labels = {"politics", "Q&A"};
  p.published = FromEpochMillis(1642259880002);  // 2022-01-15T15:18:00.002Z
  p.updated = FromEpochMillis(1642263480000);    // 2022-01-15T16:18:00Z
  p.comment_count = 3;
  return p;
}

inline FeedModel SampleFeed() {
  FeedModel f;
  f.kind = FeedKind::kPosts;
  f.blog = &SampleBlog();
  f.zone = TimeZone::Find("Europe/Paris").value();
  f.base_url = "http://example.com";
  f.self_url = "http://example.com/feeds/posts/default?alt=atom";
  f.total_results = 1;
  f.posts = {SamplePost()};
  f.blog_labels = {"politics", "Q&A"};
  f.author_name = "Otto";
  return f;
}

// A top-level comment (id 555) on SamplePost and a reply to it (id 556) by someone who
// gave no name.
inline std::vector<CommentEntry> SampleComments() {
  const Post post = SamplePost();
  Comment top;
  top.id = 555;
  top.blog_id = SampleBlog().id;
  top.post_id = post.id;
  top.status = CommentStatus::kPublished;
  top.author_name = "Ann & <Bob>";
  top.author_url = "https://ann.example/?a=1&b=2";
  top.body_html = "<p>Nice &amp; <a href=\"/2021/12/older.html\">short</a></p>";
  top.body_text = "Nice & short";
  top.published = FromEpochMillis(1642263480123);  // 2022-01-15T16:18:00.123Z
  Comment reply = top;
  reply.id = 556;
  reply.parent_id = 555;
  reply.author_name.clear();
  reply.author_url.clear();
  reply.body_html = "<p>A much longer answer that goes on and on well past fifty characters</p>";
  reply.body_text = "A much longer answer that goes on and on well past fifty characters";
  reply.published = FromEpochMillis(1642267080000);       // 2022-01-15T17:18:00Z
  return {{reply, post.path, ""}, {top, post.path, ""}};  // newest first
}

// SampleFeed as the comments of SamplePost.
inline FeedModel SampleCommentFeed() {
  FeedModel f = SampleFeed();
  f.kind = FeedKind::kPostComments;
  f.parent_post = SamplePost();
  f.posts.clear();
  f.comments = SampleComments();
  f.total_results = 2;
  f.self_url = "http://example.com/feeds/1276418104709695660/comments/default";
  return f;
}

// A parsed XML document with the feeds' namespace prefixes registered for XPath.
class XmlDoc : public samizdat::testing::XPathDoc {
 public:
  explicit XmlDoc(const std::string& bytes)
      : XPathDoc(bytes, {{"a", "http://www.w3.org/2005/Atom"},
                         {"os", "http://a9.com/-/spec/opensearchrss/1.0/"},
                         {"thr", "http://purl.org/syndication/thread/1.0"},
                         {"gd", "http://schemas.google.com/g/2005"},
                         {"media", "http://search.yahoo.com/mrss/"}}) {}
};

}  // namespace samizdat::feeds::testing
