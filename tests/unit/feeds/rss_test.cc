// RenderRss: Blogger's RSS 2.0 shape, parsed back with libxml2.
#include <gtest/gtest.h>

#include "feeds/feed.h"
#include "sample_feed.h"

namespace samizdat::feeds {
namespace {

using testing::SampleFeed;
using testing::XmlDoc;

TEST(RssTest, ChannelInBloggerShape) {
  FeedModel feed = SampleFeed();
  XmlDoc doc(RenderRss(feed));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.One("/rss/@version"), "2.0");
  EXPECT_EQ(doc.One("/rss/channel/a:id"), "tag:blogger.com,1999:blog-8735240187212123456");
  EXPECT_EQ(doc.One("/rss/channel/lastBuildDate"), "Sat, 15 Jan 2022 16:18:00 +0100");
  EXPECT_EQ(doc.All("/rss/channel/category"), (std::vector<std::string>{"politics", "Q&A"}));
  EXPECT_EQ(doc.One("/rss/channel/title"), "War & Peace <notes>");
  // Plain text, escaped as HTML: readers take an RSS description as HTML.
  EXPECT_EQ(doc.One("/rss/channel/description"),
            "A blog about &quot;things&quot; &amp; &#39;stuff&#39;");
  EXPECT_EQ(doc.One("/rss/channel/link"), "http://example.com/");
  EXPECT_EQ(doc.One("/rss/channel/managingEditor"), "noreply@blogger.com (Otto)");
  EXPECT_EQ(doc.One("/rss/channel/generator"), "samizdat");
  EXPECT_EQ(doc.One("/rss/channel/a:link[@rel='self'][@type='application/rss+xml']/@href"),
            feed.self_url);
  EXPECT_EQ(doc.All("/rss/channel/a:link[@rel='next']").size(), 0u);
  EXPECT_EQ(doc.One("/rss/channel/os:totalResults"), "1");
}

TEST(RssTest, ItemInBloggerShape) {
  XmlDoc doc(RenderRss(SampleFeed()));
  ASSERT_TRUE(doc.ok());
  const std::string i = "/rss/channel/item";
  EXPECT_EQ(doc.One(i + "/guid[@isPermaLink='false']"),
            "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660");
  EXPECT_EQ(doc.One(i + "/pubDate"), "Sat, 15 Jan 2022 16:18:00 +0100");
  EXPECT_EQ(doc.One(i + "/a:updated"), "2022-01-15T17:18:00.000+01:00");
  EXPECT_EQ(doc.All(i + "/category[@domain='http://www.blogger.com/atom/ns#']"),
            (std::vector<std::string>{"politics", "Q&A"}));
  EXPECT_EQ(doc.One(i + "/title"), "In Kazakhstan & <elsewhere>");
  EXPECT_NE(doc.One(i + "/description").find("<a href=\"http://example.com/2021/12/older.html\">"),
            std::string::npos);
  EXPECT_EQ(doc.One(i + "/link"), "http://example.com/2022/01/in-kazakhstan.html");
  EXPECT_EQ(doc.One(i + "/author"), "noreply@blogger.com (Otto)");
  EXPECT_EQ(doc.One(i + "/comments"), "http://example.com/2022/01/in-kazakhstan.html#comment-form");
  EXPECT_EQ(doc.One(i + "/media:thumbnail/@url"), "http://example.com/images/a.png");
  EXPECT_EQ(doc.One(i + "/thr:total"), "3");
}

TEST(RssTest, SummaryIsTextEscapedAsHtml) {
  FeedModel feed = SampleFeed();
  feed.summary = true;
  feed.posts[0].body_text.clear();
  feed.posts[0].body_html = "<p>Use &lt;textarea&gt; for input &amp; more</p>";
  XmlDoc doc(RenderRss(feed));
  ASSERT_TRUE(doc.ok());
  // The description's HTML is the text escaped: a reader shows "Use <textarea> ...".
  EXPECT_EQ(doc.One("/rss/channel/item/description"), "Use &lt;textarea&gt; for input &amp; more");
}

TEST(RssTest, FullBodyIsHtmlWithUrlsResolvedAgainstThePost) {
  FeedModel feed = SampleFeed();
  feed.posts[0].body_html = "<p><a href=\"other.html\">&lt;o&gt;</a></p>";
  XmlDoc doc(RenderRss(feed));
  EXPECT_EQ(doc.One("/rss/channel/item/description"),
            "<p><a href=\"http://example.com/2022/01/other.html\">&lt;o&gt;</a></p>");
}

TEST(RssTest, DatesUseTheZoneOffset) {
  FeedModel feed = SampleFeed();
  feed.zone = TimeZone::Find("America/New_York").value();
  feed.posts[0].published = FromEpochMillis(1657700340000);  // 2022-07-13T08:19:00Z
  XmlDoc doc(RenderRss(feed));
  EXPECT_EQ(doc.One("/rss/channel/item/pubDate"), "Wed, 13 Jul 2022 04:19:00 -0400");
  feed.zone = TimeZone::Utc();
  XmlDoc utc(RenderRss(feed));
  EXPECT_EQ(utc.One("/rss/channel/item/pubDate"), "Wed, 13 Jul 2022 08:19:00 +0000");
}

TEST(RssTest, HostileTextStaysText) {
  FeedModel feed = SampleFeed();
  feed.posts[0].title = "]]> <![CDATA[ & \x01 😀 مرحبا";
  const std::string rss = RenderRss(feed);
  XmlDoc doc(rss);
  ASSERT_TRUE(doc.ok()) << rss;
  EXPECT_EQ(doc.One("/rss/channel/item/title"), "]]> <![CDATA[ &  😀 مرحبا");
}

TEST(RssTest, EmptyCommentFeedIsWellFormed) {
  FeedModel feed = SampleFeed();
  feed.kind = FeedKind::kBlogComments;
  feed.total_results = 0;
  XmlDoc doc(RenderRss(feed));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.All("/rss/channel/item").size(), 0u);
  EXPECT_EQ(doc.One("/rss/channel/a:id"), "tag:blogger.com,1999:blog-8735240187212123456.comments");
  EXPECT_EQ(doc.One("/rss/channel/os:totalResults"), "0");
}

}  // namespace
}  // namespace samizdat::feeds
