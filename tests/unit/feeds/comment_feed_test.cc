// Comment feeds in all four formats: Blogger's ids, permalinks, reply links and
// in-reply-to targets, escaped names and absolute URLs.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "feeds/feed.h"
#include "sample_feed.h"

namespace samizdat::feeds {
namespace {

namespace json = boost::json;
using testing::SampleCommentFeed;
using testing::SamplePost;
using testing::XmlDoc;

constexpr char kPostUrl[] = "http://example.com/2022/01/in-kazakhstan.html";
constexpr char kTopId[] = "tag:blogger.com,1999:blog-8735240187212123456.post-555";
constexpr char kReplyId[] = "tag:blogger.com,1999:blog-8735240187212123456.post-556";

// XPath of the entry with that Atom id.
std::string Entry(const std::string& id) { return "/a:feed/a:entry[a:id='" + id + "']"; }

TEST(CommentAtomTest, EntriesInOrderWithBloggerIds) {
  XmlDoc doc(RenderAtom(SampleCommentFeed()));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.All("/a:feed/a:entry/a:id"), (std::vector<std::string>{kReplyId, kTopId}));
  EXPECT_EQ(doc.One("/a:feed/os:totalResults"), "2");
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:published"), "2022-01-15T17:18:00.123+01:00");
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:updated"), "2022-01-15T17:18:00.123+01:00");
  // The feed changed when its newest comment came.
  EXPECT_EQ(doc.One("/a:feed/a:updated"), "2022-01-15T18:18:00.000+01:00");
}

TEST(CommentAtomTest, PermalinkCarriesEpochMillisAndCommentAnchor) {
  XmlDoc doc(RenderAtom(SampleCommentFeed()));
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:link[@rel='alternate']/@href"),
            std::string(kPostUrl) + "?showComment=1642263480123#c555");
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:link[@rel='alternate']/@type"), "text/html");
  // Blogger's comment widget reads the permalink as the third link.
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:link[3]/@rel"), "alternate");
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:link[@rel='self']/@href"),
            "http://example.com/feeds/1276418104709695660/comments/default/555");
}

TEST(CommentAtomTest, OnlyRepliesLinkTheirParentComment) {
  XmlDoc doc(RenderAtom(SampleCommentFeed()));
  EXPECT_EQ(doc.All(Entry(kTopId) + "/a:link[@rel='related']").size(), 0u);
  EXPECT_EQ(doc.One(Entry(kReplyId) + "/a:link[4]/@rel"), "related");
  EXPECT_EQ(doc.One(Entry(kReplyId) + "/a:link[@rel='related']/@href"),
            "http://example.com/feeds/1276418104709695660/comments/default/555?v=2");
}

TEST(CommentAtomTest, InReplyToNamesThePost) {
  XmlDoc doc(RenderAtom(SampleCommentFeed()));
  const std::string r = Entry(kReplyId) + "/thr:in-reply-to";
  EXPECT_EQ(doc.One(r + "/@href"), kPostUrl);
  EXPECT_EQ(doc.One(r + "/@ref"),
            "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660");
  EXPECT_EQ(doc.One(r + "/@source"), "http://example.com/feeds/posts/default/1276418104709695660");
  EXPECT_EQ(doc.One(r + "/@type"), "text/html");
}

TEST(CommentAtomTest, AuthorsAreEscapedOnceAndAnonymousHasAName) {
  const std::string bytes = RenderAtom(SampleCommentFeed());
  EXPECT_NE(bytes.find("<name>Ann &amp; &lt;Bob&gt;</name>"), std::string::npos);
  XmlDoc doc(bytes);
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:author/a:name"), "Ann & <Bob>");
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:author/a:uri"), "https://ann.example/?a=1&b=2");
  EXPECT_EQ(doc.One(Entry(kReplyId) + "/a:author/a:name"), "Anonymous");
  EXPECT_EQ(doc.All(Entry(kReplyId) + "/a:author/a:uri").size(), 0u);
  // Blogger's commenter without a profile: its blank image, which widgets recognise.
  for (const char* id : {kTopId, kReplyId}) {
    EXPECT_EQ(doc.One(Entry(id) + "/a:author/a:email"), "noreply@blogger.com");
    EXPECT_EQ(doc.One(Entry(id) + "/a:author/gd:image/@src"),
              "https://img1.blogblog.com/img/blank.gif");
  }
}

TEST(CommentAtomTest, BodyIsHtmlWithAbsoluteUrls) {
  XmlDoc doc(RenderAtom(SampleCommentFeed()));
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:content[@type='html']"),
            "<p>Nice &amp; <a href=\"http://example.com/2021/12/older.html\">short</a></p>");
}

TEST(CommentAtomTest, RelativeUrlsResolveAgainstThePostsUrl) {
  FeedModel feed = SampleCommentFeed();
  feed.comments[1].comment.body_html = "<p><a href=\"#c12\">up</a> <a href=\"x.html\">x</a></p>";
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:content"),
            "<p><a href=\"" + std::string(kPostUrl) +
                "#c12\">up</a> "
                "<a href=\"http://example.com/2022/01/x.html\">x</a></p>");
}

TEST(CommentAtomTest, TitleIsTheStartOfTheText) {
  XmlDoc doc(RenderAtom(SampleCommentFeed()));
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:title"), "Nice & short");
  const std::string long_title = doc.One(Entry(kReplyId) + "/a:title");
  EXPECT_TRUE(long_title.starts_with("A much longer answer")) << long_title;
  EXPECT_TRUE(long_title.ends_with("...")) << long_title;
  EXPECT_LE(long_title.size(), 53u) << long_title;
}

TEST(CommentAtomTest, BloggerExtendedProperties) {
  XmlDoc doc(RenderAtom(SampleCommentFeed()));
  EXPECT_EQ(doc.One(Entry(kTopId) + "/gd:extendedProperty[@name='blogger.displayTime']/@value"),
            "January 15, 2022 at 5:18 PM");
  EXPECT_EQ(doc.All(Entry(kTopId) + "/gd:extendedProperty[@name='blogger.itemClass']").size(), 1u);
}

TEST(CommentAtomTest, SummaryFeedsCarryText) {
  FeedModel feed = SampleCommentFeed();
  feed.summary = true;
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:summary[@type='text']"), "Nice & short");
  EXPECT_EQ(doc.All("/a:feed/a:entry/a:content").size(), 0u);
}

TEST(CommentAtomTest, BlogFeedLinksEachCommentToItsOwnPost) {
  FeedModel feed = SampleCommentFeed();
  feed.kind = FeedKind::kBlogComments;
  feed.parent_post.reset();
  feed.comments[0].comment.post_id = 42;
  feed.comments[0].post_path = "/2023/02/other.html";
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One("/a:feed/a:id"), "tag:blogger.com,1999:blog-8735240187212123456.comments");
  EXPECT_EQ(doc.One(Entry(kReplyId) + "/a:link[@rel='alternate']/@href"),
            "http://example.com/2023/02/other.html?showComment=1642267080000#c556");
  EXPECT_EQ(doc.One(Entry(kReplyId) + "/thr:in-reply-to/@ref"),
            "tag:blogger.com,1999:blog-8735240187212123456.post-42");
  EXPECT_EQ(doc.One(Entry(kReplyId) + "/a:link[@rel='related']/@href"),
            "http://example.com/feeds/42/comments/default/555?v=2");
  EXPECT_EQ(doc.One(Entry(kTopId) + "/a:link[@rel='alternate']/@href"),
            std::string(kPostUrl) + "?showComment=1642263480123#c555");
}

TEST(CommentRssTest, ItemsWithGuidsPermalinksAndAuthors) {
  XmlDoc doc(RenderRss(SampleCommentFeed()));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.All("/rss/channel/item/guid"), (std::vector<std::string>{kReplyId, kTopId}));
  const std::string top = "/rss/channel/item[guid='" + std::string(kTopId) + "']";
  EXPECT_EQ(doc.One(top + "/link"), std::string(kPostUrl) + "?showComment=1642263480123#c555");
  EXPECT_EQ(doc.One(top + "/author"), "noreply@blogger.com (Ann & <Bob>)");
  EXPECT_EQ(doc.One(top + "/pubDate"), "Sat, 15 Jan 2022 17:18:00 +0100");
  EXPECT_EQ(doc.One(top + "/title"), "Nice & short");
  EXPECT_EQ(doc.One(top + "/description"),
            "<p>Nice &amp; <a href=\"http://example.com/2021/12/older.html\">short</a></p>");
  EXPECT_EQ(doc.One(top + "/thr:in-reply-to/@href"), kPostUrl);
}

json::object ParseObject(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  EXPECT_FALSE(ec) << text;
  return v.is_object() ? v.as_object() : json::object{};
}

std::string T(const json::value& v) { return std::string(v.at("$t").as_string()); }
std::string S(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : ""; }

TEST(CommentGDataJsonTest, EntriesInBloggerShape) {
  const json::object root = ParseObject(RenderGDataJson(SampleCommentFeed()));
  const json::array& entries = root.at("feed").at("entry").as_array();
  ASSERT_EQ(entries.size(), 2u);
  const json::value& reply = entries.at(0);
  const json::value& top = entries.at(1);
  EXPECT_EQ(T(reply.at("id")), kReplyId);
  EXPECT_EQ(T(top.at("id")), kTopId);
  EXPECT_EQ(top.at("link").at(2).at("rel"), "alternate");
  EXPECT_EQ(S(top.at("link").at(2).at("href")),
            std::string(kPostUrl) + "?showComment=1642263480123#c555");
  EXPECT_EQ(top.at("link").as_array().size(), 3u);
  EXPECT_EQ(reply.at("link").at(3).at("href"),
            "http://example.com/feeds/1276418104709695660/comments/default/555?v=2");
  EXPECT_EQ(reply.at("thr$in-reply-to").at("ref"),
            "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660");
  EXPECT_EQ(T(top.at("author").at(0).at("name")), "Ann & <Bob>");
  EXPECT_EQ(T(top.at("author").at(0).at("uri")), "https://ann.example/?a=1&b=2");
  EXPECT_EQ(T(reply.at("author").at(0).at("name")), "Anonymous");
  EXPECT_FALSE(reply.at("author").at(0).as_object().contains("uri"));
  EXPECT_EQ(reply.at("author").at(0).at("gd$image").at("src"),
            "https://img1.blogblog.com/img/blank.gif");
  EXPECT_EQ(T(top.at("content")),
            "<p>Nice &amp; <a href=\"http://example.com/2021/12/older.html\">short</a></p>");
  EXPECT_EQ(top.at("gd$extendedProperty").at(1).at("name"), "blogger.displayTime");
  EXPECT_EQ(top.at("gd$extendedProperty").at(1).at("value"), "January 15, 2022 at 5:18 PM");
}

TEST(CommentJsonFeedTest, ItemsWithPermalinksAndAuthors) {
  const json::object f = ParseObject(RenderJsonFeed(SampleCommentFeed()));
  const json::array& items = f.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const json::value& top = items.at(1);
  EXPECT_EQ(top.at("id"), kTopId);
  EXPECT_EQ(S(top.at("url")), std::string(kPostUrl) + "?showComment=1642263480123#c555");
  EXPECT_EQ(top.at("content_html"),
            "<p>Nice &amp; <a href=\"http://example.com/2021/12/older.html\">short</a></p>");
  EXPECT_EQ(top.at("date_published"), "2022-01-15T17:18:00.123+01:00");
  EXPECT_EQ(top.at("authors").at(0).at("name"), "Ann & <Bob>");
  EXPECT_EQ(top.at("authors").at(0).at("url"), "https://ann.example/?a=1&b=2");
  EXPECT_EQ(items.at(0).at("authors").at(0).at("name"), "Anonymous");
}

TEST(CommentFeedTest, HiddenThreadsCountNoComments) {
  FeedModel feed = testing::SampleFeed();
  feed.posts[0].comments_mode = CommentsMode::kHidden;
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.One("/a:feed/a:entry/thr:total"), "0");
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:link[@type='text/html'][@rel='replies']/@title"),
            "0 Comments");
  XmlDoc rss(RenderRss(feed));
  EXPECT_EQ(rss.One("/rss/channel/item/thr:total"), "0");
  const json::object root = ParseObject(RenderGDataJson(feed));
  EXPECT_EQ(T(root.at("feed").at("entry").at(0).at("thr$total")), "0");
}

TEST(CommentFeedTest, PostsFeedsIgnoreComments) {
  FeedModel feed = SampleCommentFeed();
  feed.kind = FeedKind::kPosts;
  feed.parent_post.reset();
  feed.posts = {SamplePost()};
  XmlDoc doc(RenderAtom(feed));
  EXPECT_EQ(doc.All("/a:feed/a:entry/a:id"),
            (std::vector<std::string>{
                "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660"}));
}

}  // namespace
}  // namespace samizdat::feeds
