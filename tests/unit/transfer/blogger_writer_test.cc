// MakeBloggerExportWriter: a small blog written as Blogger's classic export, parsed back
// with libxml2 and checked field by field.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
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

constexpr std::string_view kBase = "https://example.com";
constexpr std::string_view kTag = "tag:blogger.com,1999:blog-4018409750605546395";
constexpr std::string_view kKind = "http://schemas.google.com/blogger/2008/kind#";

// The parsed output, queried with XPath (prefixes a: Atom, app, thr, gd).
class XmlDoc : public XPathDoc {
 public:
  explicit XmlDoc(const std::string& bytes)
      : XPathDoc(bytes, {{"a", "http://www.w3.org/2005/Atom"},
                         {"app", "http://purl.org/atom/app#"},
                         {"thr", "http://purl.org/syndication/thread/1.0"},
                         {"gd", "http://schemas.google.com/g/2005"},
                         {"s", "https://samizdat.blog/ns/export/1"}}) {}
};

// The entry with Atom id `id`, as an XPath prefix.
std::string Entry(std::string_view id) { return "/a:feed/a:entry[a:id='" + std::string(id) + "']"; }
std::string PostEntry(std::string_view id) {
  return Entry(std::string(kTag) + ".post-" + std::string(id));
}

// A blog with a post, a page, a draft and a scheduled post; threaded comments of every
// status on the post; text that needs escaping, labels with spaces and accents, "]]>".
struct SampleBlog {
  Blog blog;
  std::vector<Post> posts;
  std::vector<Comment> comments;  // all on posts[0], oldest first
  std::string theme;              // its Blogger theme
};

SampleBlog MakeSample() {
  SampleBlog s;
  s.blog.id = 4018409750605546395;
  s.blog.title = "Notes & <Things>";
  s.theme =
      "<html xmlns:b='http://www.google.com/2005/gml/b'><b:skin><![CDATA[a{}]]></b:skin>"
      "<body>&amp; <data:blog.title/></body></html>\n";
  s.blog.description = "A \"blog\" about 'stuff' \x01with a control";
  s.blog.time_zone = "Europe/Paris";
  s.blog.created = FromEpochMillis(1262304000000);  // 2010-01-01T00:00:00Z
  s.blog.updated = FromEpochMillis(1642259880000);  // 2022-01-15T15:18:00Z

  Post post;
  post.id = 1276418104709695660;
  post.blog_id = s.blog.id;
  post.kind = PostKind::kPost;
  post.status = PostStatus::kPublished;
  post.title = "Fish & <chips> \"today\"";
  post.path = "/2022/01/fish-chips.html";
  post.body_html = "<p>a ]]> b &amp; <b>c</b></p>";
  post.author = "Otto";
  post.labels = {"with space", "été", "Q&A"};
  post.published = FromEpochMillis(1642259880002);  // 2022-01-15T15:18:00.002Z
  post.updated = FromEpochMillis(1642263480000);    // 2022-01-15T16:18:00Z
  post.comment_count = 3;
  s.posts.push_back(post);

  Post page;
  page.id = 1406163839769953231;
  page.blog_id = s.blog.id;
  page.kind = PostKind::kPage;
  page.status = PostStatus::kPublished;
  page.title = "About";
  page.path = "/p/about.html";
  page.body_html = "<p>About me</p>";
  page.author = "Otto";
  page.published = FromEpochMillis(1533238680001);
  page.updated = FromEpochMillis(1533238707171);
  s.posts.push_back(page);

  Post draft;
  draft.id = 5590533389087749201;
  draft.blog_id = s.blog.id;
  draft.kind = PostKind::kPost;
  draft.status = PostStatus::kDraft;
  draft.title = "Unfinished";
  draft.body_html = "<p>later</p>";
  draft.labels = {"ideas"};
  draft.published = FromEpochMillis(1642259880000);
  draft.updated = FromEpochMillis(1642259880000);
  s.posts.push_back(draft);

  Post scheduled = draft;
  scheduled.id = 77;
  scheduled.status = PostStatus::kScheduled;
  scheduled.title = "Tomorrow";
  scheduled.path = "/2030/05/tomorrow.html";
  scheduled.labels = {};
  scheduled.published = FromEpochMillis(1904198400000);  // 2030-05-05T08:00:00Z
  s.posts.push_back(scheduled);

  Comment top;
  top.id = 555;
  top.blog_id = s.blog.id;
  top.post_id = post.id;
  top.status = CommentStatus::kPublished;
  top.author_name = "Ann & <Bob>";
  top.author_url = "https://ann.example/?a=1&b=2";
  top.body_html = "<p>Nice &amp; short ]]></p>";
  top.body_text = "Nice & short ]]>";
  top.published = FromEpochMillis(1642263480123);  // 2022-01-15T16:18:00.123Z
  s.comments.push_back(top);

  Comment reply = top;
  reply.id = 556;
  reply.parent_id = 555;
  reply.author_name = "Anonymous";
  reply.author_url = "";
  reply.body_html = "<p>A much longer answer that goes on and on well past fifty characters</p>";
  reply.body_text = "A much longer answer that goes on and on well past fifty characters";
  reply.published = FromEpochMillis(1642267080000);
  s.comments.push_back(reply);

  Comment pending = top;
  pending.id = 557;
  pending.status = CommentStatus::kPending;
  pending.body_html = "<p>waiting</p>";
  s.comments.push_back(pending);

  Comment spam = top;
  spam.id = 558;
  spam.status = CommentStatus::kSpam;
  spam.body_html = "<p>buy now</p>";
  s.comments.push_back(spam);

  Comment deleted = top;
  deleted.id = 559;
  deleted.status = CommentStatus::kDeleted;
  deleted.body_html = "<p>regretted words</p>";
  deleted.body_text = "regretted words";
  s.comments.push_back(deleted);

  Comment reply_to_deleted = reply;
  reply_to_deleted.id = 560;
  reply_to_deleted.parent_id = 559;
  s.comments.push_back(reply_to_deleted);

  Comment reply_to_pending = reply;
  reply_to_pending.id = 561;
  reply_to_pending.parent_id = 557;
  s.comments.push_back(reply_to_pending);
  return s;
}

std::string Export(const SampleBlog& s) {
  std::ostringstream out;
  auto writer = MakeBloggerExportWriter(out);
  writer->Begin(s.blog, kBase);
  writer->Theme(s.theme);
  for (const Post& post : s.posts) {
    writer->Post(post);
    for (const Comment& c : s.comments) {
      if (c.post_id == post.id) writer->Comment(c, post);
    }
  }
  writer->End();
  return out.str();
}

class BloggerWriterTest : public ::testing::Test {
 protected:
  BloggerWriterTest() : xml_(Export(MakeSample())), doc_(xml_) {}
  std::string xml_;
  XmlDoc doc_;
};

TEST_F(BloggerWriterTest, IsWellFormedAtomWithTheBlogsIdAndTitle) {
  ASSERT_TRUE(doc_.ok()) << xml_;
  EXPECT_EQ(doc_.One("/a:feed/a:id"), std::string(kTag) + ".archive");
  EXPECT_EQ(doc_.One("/a:feed/a:title"), "Notes & <Things>");
  EXPECT_EQ(doc_.One("/a:feed/a:title/@type"), "text");
  EXPECT_EQ(doc_.One("/a:feed/a:generator"), "samizdat");
  EXPECT_EQ(doc_.One("/a:feed/a:updated"), "2022-01-15T16:18:00.000+01:00");
  EXPECT_EQ(doc_.One("/a:feed/a:link[@rel='alternate']/@href"), "https://example.com/");
}

TEST_F(BloggerWriterTest, WritesTheSettingsBloggerKnows) {
  const std::string settings = std::string(kTag) + ".settings.";
  EXPECT_EQ(doc_.One(Entry(settings + "BLOG_NAME") + "/a:content"), "Notes & <Things>");
  // The control character is dropped, the quotes survive.
  EXPECT_EQ(doc_.One(Entry(settings + "BLOG_DESCRIPTION") + "/a:content"),
            "A \"blog\" about 'stuff' with a control");
  EXPECT_EQ(doc_.One(Entry(settings + "BLOG_TIME_ZONE") + "/a:content"), "Europe/Paris");
  EXPECT_EQ(doc_.One(Entry(settings + "BLOG_NAME") + "/a:content/@type"), "text");
  EXPECT_EQ(
      doc_.All("/a:feed/a:entry/a:category[@term='" + std::string(kKind) + "settings']").size(),
      3u);
}

TEST_F(BloggerWriterTest, WritesTheThemeAsBloggersTemplateEntry) {
  const std::string e = Entry(std::string(kTag) + ".layout");
  EXPECT_EQ(doc_.One(e + "/a:category/@term"), std::string(kKind) + "template");
  EXPECT_EQ(doc_.One(e + "/a:title"), "Template: Notes & <Things>");
  EXPECT_EQ(doc_.One(e + "/a:content/@type"), "text");
  EXPECT_EQ(doc_.One(e + "/a:content"), MakeSample().theme);
}

TEST_F(BloggerWriterTest, WritesAPublishedPostAsBloggerDoes) {
  const std::string e = PostEntry("1276418104709695660");
  EXPECT_EQ(doc_.One(e + "/a:published"), "2022-01-15T16:18:00.002+01:00");
  EXPECT_EQ(doc_.One(e + "/a:updated"), "2022-01-15T17:18:00.000+01:00");
  EXPECT_EQ(doc_.One(e + "/a:category[@scheme='http://schemas.google.com/g/2005#kind']/@term"),
            std::string(kKind) + "post");
  EXPECT_EQ(doc_.All(e + "/a:category[@scheme='http://www.blogger.com/atom/ns#']/@term"),
            (Strings{"with space", "été", "Q&A"}));
  EXPECT_EQ(doc_.One(e + "/a:title"), "Fish & <chips> \"today\"");
  EXPECT_EQ(doc_.One(e + "/a:title/@type"), "text");
  EXPECT_EQ(doc_.One(e + "/a:content"), "<p>a ]]> b &amp; <b>c</b></p>");
  EXPECT_EQ(doc_.One(e + "/a:content/@type"), "html");
  EXPECT_EQ(doc_.One(e + "/a:link[@rel='alternate']/@href"),
            "https://example.com/2022/01/fish-chips.html");
  EXPECT_EQ(doc_.One(e + "/a:link[@rel='replies' and @type='application/atom+xml']/@href"),
            "https://example.com/feeds/1276418104709695660/comments/default");
  EXPECT_EQ(doc_.One(e + "/a:author/a:name"), "Otto");
  EXPECT_EQ(doc_.One(e + "/thr:total"), "3");
  EXPECT_EQ(doc_.All(e + "/app:control").size(), 0u);
}

TEST_F(BloggerWriterTest, WritesAPageWithItsOwnIdAndKind) {
  const std::string e = Entry(std::string(kTag) + ".page-1406163839769953231");
  EXPECT_EQ(doc_.One(e + "/a:category[@scheme='http://schemas.google.com/g/2005#kind']/@term"),
            std::string(kKind) + "page");
  EXPECT_EQ(doc_.One(e + "/a:link[@rel='alternate']/@href"), "https://example.com/p/about.html");
  EXPECT_EQ(doc_.One(e + "/a:title"), "About");
}

TEST_F(BloggerWriterTest, WritesDraftsWithoutAPermalinkAndScheduledPostsLiveInTheFuture) {
  const std::string draft = PostEntry("5590533389087749201");
  EXPECT_EQ(doc_.One(draft + "/app:control/app:draft"), "yes");
  EXPECT_EQ(doc_.All(draft + "/a:link[@rel='alternate']").size(), 0u);
  EXPECT_EQ(doc_.All(draft + "/a:category[@scheme='http://www.blogger.com/atom/ns#']/@term"),
            (Strings{"ideas"}));
  // A scheduled post is listed as Blogger lists it: live, dated in the future.
  const std::string scheduled = PostEntry("77");
  EXPECT_EQ(doc_.All(scheduled + "/app:control").size(), 0u);
  EXPECT_EQ(doc_.One(scheduled + "/a:link[@rel='alternate']/@href"),
            "https://example.com/2030/05/tomorrow.html");
  EXPECT_EQ(doc_.One(scheduled + "/a:published"), "2030-05-05T10:00:00.000+02:00");
}

TEST_F(BloggerWriterTest, WritesCommentsAfterTheirPostWithThreads) {
  const std::string post_ref = std::string(kTag) + ".post-1276418104709695660";
  const std::string top = PostEntry("555");
  EXPECT_EQ(doc_.One(top + "/a:category/@term"), std::string(kKind) + "comment");
  EXPECT_EQ(doc_.One(top + "/a:published"), "2022-01-15T17:18:00.123+01:00");
  EXPECT_EQ(doc_.One(top + "/a:content"), "<p>Nice &amp; short ]]></p>");
  EXPECT_EQ(doc_.One(top + "/a:content/@type"), "html");
  EXPECT_EQ(doc_.One(top + "/a:title"), "Nice & short ]]>");
  EXPECT_EQ(doc_.One(top + "/a:author/a:name"), "Ann & <Bob>");
  EXPECT_EQ(doc_.One(top + "/a:author/a:uri"), "https://ann.example/?a=1&b=2");
  EXPECT_EQ(doc_.One(top + "/thr:in-reply-to/@ref"), post_ref);
  EXPECT_EQ(doc_.One(top + "/thr:in-reply-to/@href"),
            "https://example.com/2022/01/fish-chips.html");
  EXPECT_EQ(doc_.One(top + "/a:link[@rel='alternate']/@href"),
            "https://example.com/2022/01/fish-chips.html?showComment=1642263480123#c555");
  EXPECT_EQ(doc_.All(top + "/a:link[@rel='related']").size(), 0u);

  const std::string reply = PostEntry("556");
  EXPECT_EQ(doc_.One(reply + "/a:link[@rel='related']/@href"),
            "https://example.com/feeds/1276418104709695660/comments/default/555");
  EXPECT_EQ(doc_.One(reply + "/a:title"), "A much longer answer that goes on and on well past...");
  EXPECT_EQ(doc_.All(reply + "/a:author/a:uri").size(), 0u);

  // Entries come in order: the post, then its comments.
  const Strings ids = doc_.All("/a:feed/a:entry/a:id");
  const auto at = [&](std::string_view id) {
    return std::find(ids.begin(), ids.end(), std::string(kTag) + ".post-" + std::string(id)) -
           ids.begin();
  };
  EXPECT_LT(at("1276418104709695660"), at("555"));
  EXPECT_LT(at("555"), at("556"));
  EXPECT_LT(at("556"), static_cast<std::ptrdiff_t>(ids.size()));
}

// Pending and spam comments are in the file for samizdat only: their kind is samizdat's,
// so a reader that knows entries by Blogger's kinds passes over them.
TEST_F(BloggerWriterTest, HoldsPendingAndSpamWhereOtherReadersPassAndMarksDeletedRemoved) {
  const std::string comment_kind = "a:category[@term='" + std::string(kKind) + "comment']";
  for (const char* id : {"557", "558"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(doc_.All(PostEntry(id) + "/" + comment_kind).size(), 0u);
    EXPECT_EQ(doc_.One(PostEntry(id) + "/a:category/@term"),
              "https://samizdat.blog/ns/export/1#held-comment");
  }

  const std::string deleted = PostEntry("559");
  EXPECT_EQ(doc_.One(deleted + "/gd:extendedProperty[@name='blogger.contentRemoved']/@value"),
            "true");
  // Other readers see Blogger's placeholder; the words are in samizdat's extension only.
  EXPECT_EQ(doc_.One(deleted + "/a:content"), "This comment has been removed.");
  EXPECT_EQ(doc_.One(deleted + "/s:comment/s:content"), "<p>regretted words</p>");
  // Its reply keeps its place in the thread.
  EXPECT_EQ(doc_.One(PostEntry("560") + "/a:link[@rel='related']/@href"),
            "https://example.com/feeds/1276418104709695660/comments/default/559");
  // A reply to a held comment is top level for other readers; samizdat's own names it.
  EXPECT_EQ(doc_.All(PostEntry("561")).size(), 1u);
  EXPECT_EQ(doc_.All(PostEntry("561") + "/a:link[@rel='related']").size(), 0u);
  EXPECT_EQ(doc_.One(PostEntry("561") + "/s:comment/@parent"), "557");
  EXPECT_EQ(
      doc_.All("/a:feed/a:entry/a:category[@term='" + std::string(kKind) + "comment']").size(), 5u);
}

TEST_F(BloggerWriterTest, DeclaresTheAppNamespaceForDrafts) {
  EXPECT_NE(xml_.find("xmlns:app='http://purl.org/atom/app#'"), std::string::npos);
  EXPECT_NE(xml_.find("<app:draft>yes</app:draft>"), std::string::npos);
}

// The Atom part validates against the Atom RELAX NG schema (Blogger's own extensions
// are foreign markup there). Skipped where jing is not installed.
TEST_F(BloggerWriterTest, ValidatesAgainstTheAtomSchema) {
  const std::filesystem::path schema = SAMIZDAT_ATOM_SCHEMA;
  if (!std::filesystem::exists("/usr/bin/jing") || !std::filesystem::exists(schema)) {
    GTEST_SKIP() << "jing or " << schema << " missing";
  }
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("blogger_writer_test_" + std::to_string(getpid()) + ".xml");
  std::ofstream(file) << xml_;
  // jing prints what does not validate on stdout; its launcher's warnings go to stderr.
  const std::string command =
      "/usr/bin/jing -c '" + schema.string() + "' '" + file.string() + "' 2>/dev/null";
  const int status = std::system(command.c_str());
  std::filesystem::remove(file);
  EXPECT_EQ(status, 0) << xml_;
}

TEST(BloggerWriterEmptyTest, AnEmptyBlogIsAValidFeedAndAnUnknownZoneFallsBackToUtc) {
  Blog blog;
  blog.id = 9;
  blog.time_zone = "Not/AZone";
  std::ostringstream out;
  auto writer = MakeBloggerExportWriter(out);
  writer->Begin(blog, "http://h");
  writer->End();
  XmlDoc doc(out.str());
  ASSERT_TRUE(doc.ok()) << out.str();
  EXPECT_EQ(doc.One("/a:feed/a:id"), "tag:blogger.com,1999:blog-9.archive");
  EXPECT_EQ(doc.One(Entry("tag:blogger.com,1999:blog-9.settings.BLOG_TIME_ZONE") + "/a:content"),
            "UTC");
  EXPECT_EQ(doc.One("/a:feed/a:updated"), "1970-01-01T00:00:00.000Z");
}

// What ReadBloggerAtom gives back from the export: the same blog, ids, paths, titles,
// bodies, labels, times (to the millisecond), statuses and threads.
TEST_F(BloggerWriterTest, ReadBloggerAtomGivesBackWhatWasWritten) {
  const SampleBlog s = MakeSample();
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("blogger_round_trip_" + std::to_string(getpid()) + ".xml");
  std::ofstream(file) << xml_;
  testing::RecordingSink sink;
  const Status read = ReadBloggerAtom(file.string(), sink);
  std::filesystem::remove(file);
  ASSERT_TRUE(read.ok()) << read.message();

  const SourceBlog blog = sink.Blog();
  EXPECT_EQ(blog.original_id, "4018409750605546395");
  EXPECT_EQ(blog.title, s.blog.title);
  EXPECT_EQ(blog.description, "A \"blog\" about 'stuff' with a control");
  EXPECT_EQ(blog.time_zone, "Europe/Paris");
  EXPECT_EQ(blog.generator, "samizdat");
  EXPECT_EQ(blog.url, "https://example.com/");
  ASSERT_EQ(sink.themes.size(), 1u);
  EXPECT_EQ(sink.themes[0].xml, s.theme);

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
    EXPECT_EQ(got.permalink, want.path.empty() ? "" : "https://example.com" + want.path);
    EXPECT_EQ(got.published, want.published);
    EXPECT_EQ(got.updated, want.updated);
  }

  // Every comment comes back as it was, in every status.
  EXPECT_EQ(sink.CommentIds(),
            (std::set<std::string>{"555", "556", "557", "558", "559", "560", "561"}));
  for (const Comment& want : s.comments) {
    const SourceComment& got = sink.Comment(std::to_string(want.id));
    SCOPED_TRACE(want.id);
    EXPECT_EQ(got.post_original_id, std::to_string(want.post_id));
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.author_name, want.author_name);
    EXPECT_EQ(got.author_url, want.author_url);
    EXPECT_EQ(got.content_html, want.body_html);
    EXPECT_EQ(got.published, want.published);
  }
  EXPECT_EQ(sink.Comment("556").parent_original_id, "555");
  EXPECT_EQ(sink.Comment("560").parent_original_id, "559");  // under the removed comment
  EXPECT_EQ(sink.Comment("561").parent_original_id, "557");  // its parent is pending
  EXPECT_EQ(sink.Comment("559").parent_original_id, "");
}

}  // namespace
}  // namespace samizdat::transfer
