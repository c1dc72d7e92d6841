// RenderAtom: Blogger's Atom shape, parsed back with libxml2.
#include <gtest/gtest.h>

#include "feeds/feed.h"
#include "sample_feed.h"

namespace samizdat::feeds {
namespace {

using testing::SampleFeed;
using testing::SamplePost;
using testing::XmlDoc;

TEST(AtomIdsTest, BloggerForms) {
  EXPECT_EQ(BlogAtomId(42), "tag:blogger.com,1999:blog-42");
  EXPECT_EQ(PostAtomId(42, 1276418104709695660),
            "tag:blogger.com,1999:blog-42.post-1276418104709695660");
}

TEST(AtomTest, FeedHeaderInBloggerShape) {
  FeedModel feed = SampleFeed();
  const std::string atom = RenderAtom(feed);
  EXPECT_TRUE(atom.starts_with(
      "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'"));
  XmlDoc doc(atom);
  ASSERT_TRUE(doc.ok()) << atom;
  EXPECT_EQ(doc.One("/a:feed/a:id"), "tag:blogger.com,1999:blog-8735240187212123456");
  EXPECT_EQ(doc.One("/a:feed/a:updated"), "2022-01-15T16:18:00.000+01:00");
  EXPECT_EQ(doc.All("/a:feed/a:category/@term"), (std::vector<std::string>{"politics", "Q&A"}));
  EXPECT_EQ(doc.One("/a:feed/a:title[@type='text']"), "War & Peace <notes>");
  // The description is plain text, and says so.
  EXPECT_EQ(doc.One("/a:feed/a:subtitle[@type='text']"), "A blog about \"things\" & 'stuff'");
  EXPECT_EQ(doc.All("/a:feed/a:link/@rel"),
            (std::vector<std::string>{"http://schemas.google.com/g/2005#feed", "self", "alternate",
                                      "hub"}));
  EXPECT_EQ(doc.One("/a:feed/a:link[@rel='http://schemas.google.com/g/2005#feed']/@href"),
            "http://example.com/feeds/posts/default");
  EXPECT_EQ(doc.One("/a:feed/a:link[@rel='self']/@href"), feed.self_url);
  EXPECT_EQ(doc.One("/a:feed/a:link[@rel='alternate'][@type='text/html']/@href"),
            "http://example.com/");
  EXPECT_EQ(doc.One("/a:feed/a:author/a:name"), "Otto");
  EXPECT_EQ(doc.One("/a:feed/a:author/a:uri"), "http://example.com/");
  EXPECT_EQ(doc.One("/a:feed/a:author/a:email"), "noreply@blogger.com");
  EXPECT_EQ(doc.One("/a:feed/a:author/gd:image/@src"),
            "https://img1.blogblog.com/img/b16-rounded.gif");
  EXPECT_EQ(doc.One("/a:feed/a:generator"), "samizdat");
  EXPECT_EQ(doc.One("/a:feed/os:totalResults"), "1");
  EXPECT_EQ(doc.One("/a:feed/os:startIndex"), "1");
  EXPECT_EQ(doc.One("/a:feed/os:itemsPerPage"), "25");
}

TEST(AtomTest, EntryInBloggerShape) {
  XmlDoc doc(RenderAtom(SampleFeed()));
  ASSERT_TRUE(doc.ok());
  const std::string e = "/a:feed/a:entry";
  EXPECT_EQ(doc.One(e + "/a:id"),
            "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660");
  EXPECT_EQ(doc.One(e + "/a:published"), "2022-01-15T16:18:00.002+01:00");
  EXPECT_EQ(doc.One(e + "/a:updated"), "2022-01-15T17:18:00.000+01:00");
  EXPECT_EQ(doc.All(e + "/a:category[@scheme='http://www.blogger.com/atom/ns#']/@term"),
            (std::vector<std::string>{"politics", "Q&A"}));
  EXPECT_EQ(doc.One(e + "/a:title[@type='text']"), "In Kazakhstan & <elsewhere>");
  EXPECT_EQ(
      doc.All(e + "/a:link/@href"),
      (std::vector<std::string>{"http://example.com/feeds/1276418104709695660/comments/default",
                                "http://example.com/2022/01/in-kazakhstan.html#comment-form",
                                "http://example.com/feeds/posts/default/1276418104709695660",
                                "http://example.com/feeds/posts/default/1276418104709695660",
                                "http://example.com/2022/01/in-kazakhstan.html"}));
  // Blogger's order: widgets that read link[4] as the post's URL find it there.
  EXPECT_EQ(doc.All(e + "/a:link/@rel"),
            (std::vector<std::string>{"replies", "replies", "edit", "self", "alternate"}));
  EXPECT_EQ(doc.One(e + "/a:link[@type='text/html'][@rel='replies']/@title"), "3 Comments");
  EXPECT_EQ(doc.One(e + "/a:link[@rel='alternate']/@title"), "In Kazakhstan & <elsewhere>");
  EXPECT_EQ(doc.One(e + "/a:author/a:name"), "Otto");
  EXPECT_EQ(doc.One(e + "/a:author/a:uri"), "http://example.com/");
  EXPECT_EQ(doc.One(e + "/a:author/a:email"), "noreply@blogger.com");
  const std::string image = e + "/a:author/gd:image";
  EXPECT_EQ(doc.One(image + "/@rel"), "http://schemas.google.com/g/2005#thumbnail");
  EXPECT_EQ(doc.One(image + "/@width"), "16");
  EXPECT_EQ(doc.One(image + "/@height"), "16");
  EXPECT_EQ(doc.One(image + "/@src"), "https://img1.blogblog.com/img/b16-rounded.gif");
  EXPECT_EQ(doc.One(e + "/media:thumbnail/@url"), "http://example.com/images/a.png");
  EXPECT_EQ(doc.One(e + "/media:thumbnail/@width"), "72");
  EXPECT_EQ(doc.One(e + "/media:thumbnail/@height"), "72");
  EXPECT_EQ(doc.One(e + "/thr:total"), "3");
  EXPECT_EQ(doc.All(e + "/a:summary").size(), 0u);
}

TEST(AtomTest, ContentIsTheBodyEscapedOnceWithAbsoluteUrls) {
  XmlDoc doc(RenderAtom(SampleFeed()));
  // The parsed text of <content> is the HTML itself: escaped exactly once.
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:content[@type='html']"),
            "<p>See <a href=\"http://example.com/2021/12/older.html\">this</a> and "
            "<img src=\"http://example.com/images/a.png\" alt=\"a\"> and "
            "<a href=\"https://other.org/x\">that</a>.</p>");
}

TEST(AtomTest, RelativeUrlsResolveAgainstThePostNotTheFeed) {
  FeedModel feed = SampleFeed();
  feed.base_url = "https://host.example";
  feed.self_url = "https://host.example/feeds/posts/default";
  feed.posts[0].path = "/2024/05/post.html";
  feed.posts[0].body_html =
      "<p><a href=\"other.html\">o</a><a href=\"#anchor\">a</a>"
      "<img src=\"pics/x.jpg\" alt=\"x\"><a href=\"../x\">u</a><a href=\"/abs\">b</a></p>";
  XmlDoc doc(RenderAtom(feed));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:content"),
            "<p><a href=\"https://host.example/2024/05/other.html\">o</a>"
            "<a href=\"https://host.example/2024/05/post.html#anchor\">a</a>"
            "<img src=\"https://host.example/2024/05/pics/x.jpg\" alt=\"x\">"
            "<a href=\"https://host.example/2024/x\">u</a>"
            "<a href=\"https://host.example/abs\">b</a></p>");
  EXPECT_EQ(doc.One("/a:feed/a:entry/media:thumbnail/@url"),
            "https://host.example/2024/05/pics/x.jpg");
}

TEST(AtomTest, NoImageNoThumbnail) {
  FeedModel feed = SampleFeed();
  feed.posts[0].body_html = "<p>Words only, <a href=\"/x.png\">a link</a>.</p>";
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.All("/a:feed/a:entry/media:thumbnail").size(), 0u);
}

TEST(AtomTest, SummaryFeedCarriesPlainTextSummary) {
  FeedModel feed = SampleFeed();
  feed.summary = true;
  feed.posts[0].body_text = std::string(300, 'a') + " " + std::string(300, 'b');
  XmlDoc doc(RenderAtom(feed));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.All("/a:feed/a:entry/a:content").size(), 0u);
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:summary[@type='text']"), std::string(300, 'a') + "…");
}

TEST(AtomTest, SummaryFallsBackToTheBodyHtmlText) {
  FeedModel feed = SampleFeed();
  feed.summary = true;
  feed.posts[0].body_text.clear();
  feed.posts[0].body_html = "<p>One &amp; two</p><p>three</p>";
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:summary"), "One & two\nthree");
}

TEST(AtomTest, SummaryTextThatLooksLikeATagStaysText) {
  FeedModel feed = SampleFeed();
  feed.summary = true;
  feed.posts[0].body_text.clear();
  feed.posts[0].body_html = "<p>Use &lt;textarea&gt; for input &amp; more</p>";
  const std::string atom = RenderAtom(feed);
  // Escaped once, in a type="text" summary: a reader shows the characters as written.
  EXPECT_NE(atom.find("<summary type='text'>Use &lt;textarea&gt; for input &amp; more</summary>"),
            std::string::npos)
      << atom;
}

TEST(AtomTest, SummaryEndsAtTheJumpBreak) {
  FeedModel feed = SampleFeed();
  feed.summary = true;
  feed.posts[0].body_text = "Intro one\nthe rest, which the summary leaves out";
  feed.posts[0].body_html =
      "<ul><li>Intro <b>one</b><a name=\"more\"></a></li><li>the rest</li></ul><p>which</p>";
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:summary[@type='text']"), "Intro one");
  // A break with nothing before it: the first characters, as without a break.
  feed.posts[0].body_html = "<a name=\"more\"></a><p>the rest</p>";
  XmlDoc first(RenderAtom(feed));
  EXPECT_EQ(first.One("/a:feed/a:entry/a:summary[@type='text']"),
            "Intro one\nthe rest, which the summary leaves out");
}

TEST(AtomTest, HostileTextStaysText) {
  FeedModel feed = SampleFeed();
  Post& p = feed.posts[0];
  p.title = "A & B < C > D \" ' 😀 ]]> <![CDATA[ x \x01y\x0bz";
  p.author = "שלום עולם";  // right-to-left text
  p.labels = {"<b>", "]]>"};
  const std::string atom = RenderAtom(feed);
  XmlDoc doc(atom);
  ASSERT_TRUE(doc.ok()) << atom;
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:title"), "A & B < C > D \" ' 😀 ]]> <![CDATA[ x yz");
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:author/a:name"), "שלום עולם");
  EXPECT_EQ(doc.All("/a:feed/a:entry/a:category/@term"), (std::vector<std::string>{"<b>", "]]>"}));
  EXPECT_EQ(atom.find('\x01'), std::string::npos);
  EXPECT_EQ(atom.find('\x0b'), std::string::npos);
}

TEST(AtomTest, NextAndPreviousLinksOnlyWhenSet) {
  FeedModel feed = SampleFeed();
  XmlDoc plain(RenderAtom(feed));
  EXPECT_EQ(plain.All("/a:feed/a:link[@rel='next']").size(), 0u);
  EXPECT_EQ(plain.All("/a:feed/a:link[@rel='previous']").size(), 0u);
  feed.next_url = "http://example.com/feeds/posts/default?start-index=26&max-results=25";
  feed.previous_url = "http://example.com/feeds/posts/default?start-index=1&max-results=25";
  const std::string atom = RenderAtom(feed);
  EXPECT_NE(atom.find("start-index=26&amp;max-results=25"), std::string::npos);
  XmlDoc paged(atom);
  EXPECT_EQ(paged.One("/a:feed/a:link[@rel='next']/@href"), *feed.next_url);
  EXPECT_EQ(paged.One("/a:feed/a:link[@rel='previous']/@href"), *feed.previous_url);
}

TEST(AtomTest, TotalsAndPaging) {
  FeedModel feed = SampleFeed();
  feed.total_results = 49;
  feed.start_index = 26;
  feed.items_per_page = 25;
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One("/a:feed/os:totalResults"), "49");
  EXPECT_EQ(doc.One("/a:feed/os:startIndex"), "26");
  EXPECT_EQ(doc.One("/a:feed/os:itemsPerPage"), "25");
}

TEST(AtomTest, EveryEntryHasAnAuthorEvenWithoutAName) {
  FeedModel feed = SampleFeed();
  feed.author_name.clear();
  feed.posts[0].author.clear();
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One("/a:feed/a:author/a:name"), "Unknown");
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:author/a:name"), "Unknown");
}

TEST(AtomTest, EmptyPostCommentFeedIsValidWithBloggerIds) {
  FeedModel feed = SampleFeed();
  feed.kind = FeedKind::kPostComments;
  feed.parent_post = SamplePost();
  feed.total_results = 0;
  feed.self_url = "http://example.com/feeds/1276418104709695660/comments/default";
  XmlDoc doc(RenderAtom(feed));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.One("/a:feed/a:id"),
            "tag:blogger.com,1999:blog-8735240187212123456.post1276418104709695660..comments");
  EXPECT_EQ(doc.All("/a:feed/a:entry").size(), 0u);
  EXPECT_EQ(doc.All("/a:feed/a:category").size(), 0u);
  EXPECT_EQ(doc.One("/a:feed/os:totalResults"), "0");
  EXPECT_EQ(doc.One("/a:feed/a:title"),
            "Comments on War & Peace <notes>: In Kazakhstan & <elsewhere>");
  EXPECT_EQ(doc.One("/a:feed/a:link[@rel='alternate']/@href"),
            "http://example.com/2022/01/in-kazakhstan.html");
  EXPECT_EQ(doc.One("/a:feed/a:link[@rel='http://schemas.google.com/g/2005#feed']/@href"),
            "http://example.com/feeds/1276418104709695660/comments/default");
  EXPECT_EQ(doc.One("/a:feed/a:author/a:name"), "Otto");
}

TEST(AtomTest, EmptyBlogCommentFeed) {
  FeedModel feed = SampleFeed();
  feed.kind = FeedKind::kBlogComments;
  feed.total_results = 0;
  XmlDoc doc(RenderAtom(feed));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.One("/a:feed/a:id"), "tag:blogger.com,1999:blog-8735240187212123456.comments");
  EXPECT_EQ(doc.All("/a:feed/a:entry").size(), 0u);
  EXPECT_EQ(doc.One("/a:feed/a:link[@rel='http://schemas.google.com/g/2005#feed']/@href"),
            "http://example.com/feeds/comments/default");
}

}  // namespace
}  // namespace samizdat::feeds
