// MakeWxrExportWriter: a small blog written as WordPress WXR 1.2, parsed back with
// libxml2 and checked field by field.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "recording_sink.h"
#include "transfer/readers.h"
#include "transfer/writers.h"
#include "xpath_doc.h"  // tests/unit/

namespace samizdat::transfer {
namespace {

using samizdat::testing::XPathDoc;
using Strings = XPathDoc::Strings;

// The parsed output, queried with XPath (prefixes wp, content, excerpt, dc).
class XmlDoc : public XPathDoc {
 public:
  explicit XmlDoc(const std::string& bytes)
      : XPathDoc(bytes, {{"wp", "http://wordpress.org/export/1.2/"},
                         {"content", "http://purl.org/rss/1.0/modules/content/"},
                         {"excerpt", "http://wordpress.org/export/1.2/excerpt/"},
                         {"dc", "http://purl.org/dc/elements/1.1/"}}) {}
};

std::string Item(std::string_view post_id) {
  return "/rss/channel/item[wp:post_id='" + std::string(post_id) + "']";
}
std::string CommentOf(std::string_view post_id, std::string_view comment_id) {
  return Item(post_id) + "/wp:comment[wp:comment_id='" + std::string(comment_id) + "']";
}

struct SampleBlog {
  Blog blog;
  std::vector<Post> posts;
  std::vector<Comment> comments;  // oldest first
};

// A post with threaded comments of every status, a page, a draft without a path, a
// scheduled post with closed comments; text needing escaping, "]]>" in bodies, labels
// with spaces and accents.
SampleBlog MakeSample() {
  SampleBlog s;
  s.blog.id = 4018409750605546395;
  s.blog.title = "Notes & <Things>";
  s.blog.description = "About \"stuff\"\x02";
  s.blog.time_zone = "America/New_York";
  s.blog.locale = "fr";
  s.blog.updated = FromEpochMillis(1642259880000);

  Post post;
  post.id = 9223372036854775000;  // near the top of int64: WXR takes any integer
  post.blog_id = s.blog.id;
  post.kind = PostKind::kPost;
  post.status = PostStatus::kPublished;
  post.title = "Fish & <chips>";
  post.path = "/2022/01/fish-chips.html";
  post.body_html = "<p>a ]]> b &amp; <b>c</b> ]]]]> d</p>";
  post.author = "Otto & co";
  post.labels = {"With Space", "Café crème", "Q&A"};
  post.published = FromEpochMillis(1642259880002);  // 2022-01-15T15:18:00.002Z
  post.updated = FromEpochMillis(1642263480000);    // 2022-01-15T16:18:00Z
  post.comment_count = 2;
  s.posts.push_back(post);

  Post page;
  page.id = 12;
  page.blog_id = s.blog.id;
  page.kind = PostKind::kPage;
  page.status = PostStatus::kPublished;
  page.title = "About";
  page.path = "/p/about.html";
  page.body_html = "<p>me</p>";
  page.author = "Otto";
  page.published = FromEpochMillis(1533238680000);  // 2018-08-02T19:38:00Z
  page.updated = page.published;
  s.posts.push_back(page);

  Post draft;
  draft.id = 13;
  draft.blog_id = s.blog.id;
  draft.status = PostStatus::kDraft;
  draft.title = "Unfinished";
  draft.body_html = "<p>later</p>";
  draft.published = FromEpochMillis(1642259880000);
  draft.updated = draft.published;
  s.posts.push_back(draft);

  Post scheduled = draft;
  scheduled.id = 14;
  scheduled.status = PostStatus::kScheduled;
  scheduled.path = "/2030/05/tomorrow.html";
  scheduled.comments_mode = CommentsMode::kClosed;
  s.posts.push_back(scheduled);

  Post hidden = page;
  hidden.id = 15;
  hidden.path = "/p/quiet.html";
  hidden.comments_mode = CommentsMode::kHidden;
  s.posts.push_back(hidden);

  const auto comment = [&](int64_t id, int64_t parent, CommentStatus status, std::string body) {
    Comment c;
    c.id = id;
    c.blog_id = s.blog.id;
    c.post_id = post.id;
    c.parent_id = parent;
    c.status = status;
    c.author_name = "Ann & <Bob>";
    c.author_url = "https://ann.example/?a=1&b=2";
    c.body_html = std::move(body);
    c.published = FromEpochMillis(1642263480123 + id * 1000);
    s.comments.push_back(c);
  };
  comment(555, 0, CommentStatus::kPublished, "<p>top ]]> &amp;</p>");
  comment(556, 555, CommentStatus::kPublished, "<p>reply</p>");
  comment(557, 0, CommentStatus::kPending, "<p>waiting</p>");
  comment(558, 0, CommentStatus::kSpam, "<p>buy</p>");
  comment(559, 556, CommentStatus::kDeleted, "<p>gone</p>");
  return s;
}

std::string Export(const SampleBlog& s) {
  std::ostringstream out;
  auto writer = MakeWxrExportWriter(out);
  writer->Begin(s.blog, "https://example.com");
  for (const Post& post : s.posts) {
    writer->Post(post);
    for (const Comment& c : s.comments) {
      if (c.post_id == post.id) writer->Comment(c, post);
    }
  }
  writer->End();
  return out.str();
}

class WxrWriterTest : public ::testing::Test {
 protected:
  WxrWriterTest() : xml_(Export(MakeSample())), doc_(xml_) {}
  std::string xml_;
  XmlDoc doc_;
};

TEST_F(WxrWriterTest, WritesTheChannel) {
  ASSERT_TRUE(doc_.ok()) << xml_;
  EXPECT_EQ(doc_.One("/rss/@version"), "2.0");
  EXPECT_EQ(doc_.One("/rss/channel/title"), "Notes & <Things>");
  EXPECT_EQ(doc_.One("/rss/channel/link"), "https://example.com");
  EXPECT_EQ(doc_.One("/rss/channel/description"), "About \"stuff\"");
  EXPECT_EQ(doc_.One("/rss/channel/language"), "fr");
  EXPECT_EQ(doc_.One("/rss/channel/wp:wxr_version"), "1.2");
  EXPECT_EQ(doc_.One("/rss/channel/wp:base_site_url"), "https://example.com");
  EXPECT_EQ(doc_.One("/rss/channel/wp:base_blog_url"), "https://example.com");
  // The import service keeps the ids of a file whose generator is exactly "samizdat".
  EXPECT_EQ(doc_.One("/rss/channel/generator"), "samizdat");
  EXPECT_EQ(doc_.All("/rss/channel/item").size(), 5u);
}

TEST_F(WxrWriterTest, WritesAPostItem) {
  const std::string item = Item("9223372036854775000");
  EXPECT_EQ(doc_.One(item + "/title"), "Fish & <chips>");
  EXPECT_EQ(doc_.One(item + "/link"), "https://example.com/2022/01/fish-chips.html");
  EXPECT_EQ(doc_.One(item + "/pubDate"), "Sat, 15 Jan 2022 15:18:00 +0000");
  EXPECT_EQ(doc_.One(item + "/dc:creator"), "Otto & co");
  EXPECT_EQ(doc_.One(item + "/guid/@isPermaLink"), "false");
  EXPECT_EQ(doc_.One(item + "/guid"),
            "tag:blogger.com,1999:blog-4018409750605546395.post-9223372036854775000");
  // The body reads back exactly, "]]>" and all.
  EXPECT_EQ(doc_.One(item + "/content:encoded"), "<p>a ]]> b &amp; <b>c</b> ]]]]> d</p>");
  EXPECT_NE(xml_.find("<content:encoded><![CDATA[<p>a ]]]]><![CDATA[> b"), std::string::npos);
  EXPECT_EQ(doc_.One(item + "/wp:post_date"), "2022-01-15 10:18:00");  // New York
  EXPECT_EQ(doc_.One(item + "/wp:post_date_gmt"), "2022-01-15 15:18:00");
  EXPECT_EQ(doc_.One(item + "/wp:post_modified_gmt"), "2022-01-15 16:18:00");
  EXPECT_EQ(doc_.One(item + "/wp:comment_status"), "open");
  EXPECT_EQ(doc_.One(item + "/wp:post_name"), "fish-chips");
  EXPECT_EQ(doc_.One(item + "/wp:status"), "publish");
  EXPECT_EQ(doc_.One(item + "/wp:post_type"), "post");
  EXPECT_EQ(doc_.All(item + "/category[@domain='category']"),
            (Strings{"With Space", "Café crème", "Q&A"}));
  EXPECT_EQ(doc_.All(item + "/category/@nicename"),
            (Strings{"with-space", "caf%c3%a9-cr%c3%a8me", "qa"}));
  EXPECT_EQ(doc_.One(item + "/wp:postmeta[wp:meta_key='samizdat_path']/wp:meta_value"),
            "/2022/01/fish-chips.html");
}

TEST_F(WxrWriterTest, WritesPagesDraftsAndScheduledPosts) {
  EXPECT_EQ(doc_.One(Item("12") + "/wp:post_type"), "page");
  EXPECT_EQ(doc_.One(Item("12") + "/wp:post_name"), "about");
  EXPECT_EQ(doc_.One(Item("12") + "/link"), "https://example.com/p/about.html");
  EXPECT_EQ(doc_.One(Item("12") + "/guid"),
            "tag:blogger.com,1999:blog-4018409750605546395.page-12");

  // A draft has no address: no link, no slug, no path to keep.
  EXPECT_EQ(doc_.One(Item("13") + "/wp:status"), "draft");
  EXPECT_EQ(doc_.One(Item("13") + "/link"), "");
  EXPECT_EQ(doc_.One(Item("13") + "/wp:post_name"), "");
  EXPECT_EQ(doc_.All(Item("13") + "/wp:postmeta").size(), 0u);

  EXPECT_EQ(doc_.One(Item("14") + "/wp:status"), "future");
  EXPECT_EQ(doc_.One(Item("14") + "/wp:comment_status"), "closed");
  EXPECT_EQ(doc_.One(Item("14") + "/wp:postmeta[wp:meta_key='samizdat_path']/wp:meta_value"),
            "/2030/05/tomorrow.html");
  EXPECT_EQ(doc_.One(Item("15") + "/wp:comment_status"), "closed");  // hidden
}

TEST_F(WxrWriterTest, NestsEveryCommentWithItsStatusAndThread) {
  const std::string post = "9223372036854775000";
  EXPECT_EQ(doc_.All(Item(post) + "/wp:comment/wp:comment_id"),
            (Strings{"555", "556", "557", "558", "559"}));
  EXPECT_EQ(doc_.All(Item(post) + "/wp:comment/wp:comment_approved"),
            (Strings{"1", "1", "0", "spam", "trash"}));
  EXPECT_EQ(doc_.All(Item(post) + "/wp:comment/wp:comment_parent"),
            (Strings{"0", "555", "0", "0", "556"}));
  const std::string top = CommentOf(post, "555");
  EXPECT_EQ(doc_.One(top + "/wp:comment_author"), "Ann & <Bob>");
  EXPECT_EQ(doc_.One(top + "/wp:comment_author_url"), "https://ann.example/?a=1&b=2");
  EXPECT_EQ(doc_.One(top + "/wp:comment_date_gmt"), "2022-01-15 16:27:15");
  EXPECT_EQ(doc_.One(top + "/wp:comment_date"), "2022-01-15 11:27:15");
  EXPECT_EQ(doc_.One(top + "/wp:comment_content"), "<p>top ]]> &amp;</p>");
  EXPECT_EQ(doc_.All("//wp:comment").size(), 5u);  // only on the post
}

TEST(WxrWriterEmptyTest, AnEmptyBlogIsAWellFormedChannel) {
  Blog blog;
  blog.title = "x";
  std::ostringstream out;
  auto writer = MakeWxrExportWriter(out);
  writer->Begin(blog, "http://h");
  writer->End();
  XmlDoc doc(out.str());
  ASSERT_TRUE(doc.ok()) << out.str();
  EXPECT_EQ(doc.One("/rss/channel/title"), "x");
  EXPECT_EQ(doc.All("/rss/channel/item").size(), 0u);
}

TEST(WxrRoundTripTest, ReadWxrGivesBackWhatWasWritten) {
  const SampleBlog s = MakeSample();
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("wxr_round_trip_" + std::to_string(getpid()) + ".xml");
  std::ofstream(file) << Export(s);
  testing::RecordingSink sink;
  const Status read = ReadWxr(file.string(), sink);
  std::filesystem::remove(file);
  ASSERT_TRUE(read.ok()) << read.message();

  const SourceBlog blog = sink.Blog();
  EXPECT_EQ(blog.title, s.blog.title);
  EXPECT_EQ(blog.description, "About \"stuff\"");  // the control character dropped
  EXPECT_EQ(blog.generator, "samizdat");
  EXPECT_EQ(blog.url, "https://example.com");

  ASSERT_EQ(sink.posts.size(), s.posts.size());
  for (size_t i = 0; i < s.posts.size(); ++i) {
    const Post& want = s.posts[i];
    const SourcePost& got = sink.posts[i];
    SCOPED_TRACE(want.title);
    EXPECT_EQ(got.original_id, std::to_string(want.id));
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.content_html, want.body_html);
    EXPECT_EQ(got.labels, want.labels);
    EXPECT_EQ(got.author, want.author);
    EXPECT_EQ(got.permalink,
              want.status == PostStatus::kDraft ? "" : "https://example.com" + want.path);
    // To the millisecond and every comments switch: samizdat's extension says them.
    EXPECT_EQ(got.published, want.published);
    EXPECT_EQ(got.updated, want.updated);
    EXPECT_EQ(got.comments_mode, want.comments_mode);
  }

  ASSERT_EQ(sink.comments.size(), s.comments.size());
  for (size_t i = 0; i < s.comments.size(); ++i) {
    const Comment& want = s.comments[i];
    const SourceComment& got = sink.comments[i];
    SCOPED_TRACE(want.id);
    EXPECT_EQ(got.original_id, std::to_string(want.id));
    EXPECT_EQ(got.post_original_id, std::to_string(want.post_id));
    EXPECT_EQ(got.parent_original_id, want.parent_id == 0 ? "" : std::to_string(want.parent_id));
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.author_name, want.author_name);
    EXPECT_EQ(got.author_url, want.author_url);
    EXPECT_EQ(got.content_html, want.body_html);
    EXPECT_EQ(got.published, want.published);
  }
  EXPECT_TRUE(sink.skipped.empty()) << sink.skipped.front();
}

}  // namespace
}  // namespace samizdat::transfer
