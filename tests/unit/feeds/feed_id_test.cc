// Post::feed_id (an imported WordPress guid) as the entry id of every format, so that a
// subscriber who follows the move sees no post twice; Blogger's ids when it is empty.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "feeds/feed.h"
#include "sample_feed.h"

namespace samizdat::feeds {
namespace {

namespace json = boost::json;
using testing::SampleCommentFeed;
using testing::SampleFeed;
using testing::XmlDoc;

constexpr const char* kBloggerId =
    "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660";
constexpr const char* kUrlGuid = "http://old.example.com/?p=12";
constexpr const char* kOpaqueGuid = "urn:uuid:5e1b2a3c-0000-4000-8000-000000000012";

FeedModel FeedWithGuid(const std::string& guid) {
  FeedModel feed = SampleFeed();
  feed.posts[0].feed_id = guid;
  return feed;
}

json::value Parse(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  EXPECT_FALSE(ec) << text;
  return v;
}

TEST(FeedIdTest, PostEntryIdIsTheFeedIdElseBloggers) {
  EXPECT_EQ(PostEntryId(8735240187212123456, 1276418104709695660, ""), kBloggerId);
  EXPECT_EQ(PostEntryId(8735240187212123456, 1276418104709695660, kUrlGuid), kUrlGuid);
}

TEST(FeedIdTest, AtomEntryIdIsTheGuid) {
  XmlDoc doc(RenderAtom(FeedWithGuid(kUrlGuid)));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.One("/a:feed/a:entry/a:id"), kUrlGuid);
  XmlDoc blogger(RenderAtom(SampleFeed()));
  EXPECT_EQ(blogger.One("/a:feed/a:entry/a:id"), kBloggerId);
}

TEST(FeedIdTest, RssGuidIsAPermalinkOnlyWhenItIsAnHttpUrl) {
  XmlDoc url(RenderRss(FeedWithGuid(kUrlGuid)));
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url.One("/rss/channel/item/guid"), kUrlGuid);
  EXPECT_EQ(url.All("/rss/channel/item/guid/@isPermaLink").size(), 0u);  // true by default

  XmlDoc https(RenderRss(FeedWithGuid("HTTPS://old.example.com/?p=12")));
  EXPECT_EQ(https.All("/rss/channel/item/guid/@isPermaLink").size(), 0u);

  for (const char* id : {kOpaqueGuid, "12", "http:relative", "ftp://old.example.com/12"}) {
    XmlDoc opaque(RenderRss(FeedWithGuid(id)));
    ASSERT_TRUE(opaque.ok());
    EXPECT_EQ(opaque.One("/rss/channel/item/guid[@isPermaLink='false']"), id);
  }

  // Blogger's ids: exactly as before.
  XmlDoc blogger(RenderRss(SampleFeed()));
  EXPECT_EQ(blogger.One("/rss/channel/item/guid[@isPermaLink='false']"), kBloggerId);
}

TEST(FeedIdTest, JsonFeedAndGDataIdsAreTheGuid) {
  const json::value feed = Parse(RenderJsonFeed(FeedWithGuid(kOpaqueGuid)));
  EXPECT_EQ(feed.at("items").at(0).at("id"), kOpaqueGuid);
  const json::value gdata = Parse(RenderGDataJson(FeedWithGuid(kOpaqueGuid)));
  EXPECT_EQ(gdata.at("feed").at("entry").at(0).at("id").at("$t"), kOpaqueGuid);

  EXPECT_EQ(Parse(RenderJsonFeed(SampleFeed())).at("items").at(0).at("id"), kBloggerId);
  EXPECT_EQ(Parse(RenderGDataJson(SampleFeed())).at("feed").at("entry").at(0).at("id").at("$t"),
            kBloggerId);
}

TEST(FeedIdTest, TextAroundTheGuidIsEscapedOnce) {
  const std::string guid = "http://old.example.com/?p=12&lang=en";
  XmlDoc atom(RenderAtom(FeedWithGuid(guid)));
  ASSERT_TRUE(atom.ok());
  EXPECT_EQ(atom.One("/a:feed/a:entry/a:id"), guid);
  XmlDoc rss(RenderRss(FeedWithGuid(guid)));
  EXPECT_EQ(rss.One("/rss/channel/item/guid"), guid);
}

TEST(FeedIdTest, CommentsReplyToThePostsEntryId) {
  FeedModel feed = SampleCommentFeed();
  for (CommentEntry& entry : feed.comments) entry.post_feed_id = kUrlGuid;
  XmlDoc doc(RenderAtom(feed));
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.All("/a:feed/a:entry/thr:in-reply-to/@ref"),
            (std::vector<std::string>{kUrlGuid, kUrlGuid}));
  // The comments' own ids keep Blogger's form.
  EXPECT_EQ(doc.One("/a:feed/a:entry[1]/a:id"),
            "tag:blogger.com,1999:blog-8735240187212123456.post-556");

  XmlDoc blogger(RenderAtom(SampleCommentFeed()));
  EXPECT_EQ(blogger.All("/a:feed/a:entry/thr:in-reply-to/@ref"),
            (std::vector<std::string>{kBloggerId, kBloggerId}));
}

}  // namespace
}  // namespace samizdat::feeds
