// RenderGDataJson and RenderJsonFeed, parsed back with Boost.JSON.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "feeds/feed.h"
#include "sample_feed.h"

namespace samizdat::feeds {
namespace {

namespace json = boost::json;
using testing::SampleFeed;

json::object Parse(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  EXPECT_FALSE(ec) << text;
  return v.is_object() ? v.as_object() : json::object{};
}

std::string T(const json::value& v) { return std::string(v.at("$t").as_string()); }

TEST(GDataJsonTest, FeedShape) {
  const json::object root = Parse(RenderGDataJson(SampleFeed()));
  EXPECT_EQ(root.at("version"), "1.0");
  EXPECT_EQ(root.at("encoding"), "UTF-8");
  const json::object& f = root.at("feed").as_object();
  EXPECT_EQ(f.at("xmlns"), "http://www.w3.org/2005/Atom");
  EXPECT_EQ(f.at("xmlns$openSearch"), "http://a9.com/-/spec/opensearchrss/1.0/");
  EXPECT_EQ(f.at("xmlns$thr"), "http://purl.org/syndication/thread/1.0");
  EXPECT_EQ(T(f.at("id")), "tag:blogger.com,1999:blog-8735240187212123456");
  EXPECT_EQ(T(f.at("updated")), "2022-01-15T16:18:00.000+01:00");
  EXPECT_EQ(f.at("category").at(1).at("term"), "Q&A");
  EXPECT_EQ(f.at("title").at("type"), "text");
  EXPECT_EQ(T(f.at("title")), "War & Peace <notes>");
  EXPECT_EQ(f.at("link").at(1).at("rel"), "self");
  EXPECT_EQ(T(f.at("author").at(0).at("name")), "Otto");
  EXPECT_EQ(T(f.at("author").at(0).at("email")), "noreply@blogger.com");
  EXPECT_EQ(f.at("subtitle").at("type"), "text");
  EXPECT_EQ(T(f.at("subtitle")), "A blog about \"things\" & 'stuff'");
  EXPECT_EQ(T(f.at("generator")), "samizdat");
  EXPECT_EQ(T(f.at("openSearch$totalResults")), "1");
  EXPECT_EQ(T(f.at("openSearch$startIndex")), "1");
  EXPECT_EQ(T(f.at("openSearch$itemsPerPage")), "25");
}

TEST(GDataJsonTest, EntryShape) {
  const json::object root = Parse(RenderGDataJson(SampleFeed()));
  const json::value& e = root.at("feed").at("entry").at(0);
  EXPECT_EQ(T(e.at("id")),
            "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660");
  EXPECT_EQ(T(e.at("published")), "2022-01-15T16:18:00.002+01:00");
  EXPECT_EQ(e.at("category").at(0).at("scheme"), "http://www.blogger.com/atom/ns#");
  EXPECT_EQ(e.at("category").at(0).at("term"), "politics");
  EXPECT_EQ(T(e.at("title")), "In Kazakhstan & <elsewhere>");
  EXPECT_EQ(e.at("content").at("type"), "html");
  EXPECT_NE(T(e.at("content")).find("src=\"http://example.com/images/a.png\""), std::string::npos);
  const json::array& links = e.at("link").as_array();
  ASSERT_EQ(links.size(), 5u);
  EXPECT_EQ(links[1].at("title"), "3 Comments");
  EXPECT_EQ(links[2].at("rel"), "edit");
  EXPECT_EQ(links[3].at("rel"), "self");
  EXPECT_EQ(links[4].at("rel"), "alternate");
  EXPECT_EQ(links[4].at("href"), "http://example.com/2022/01/in-kazakhstan.html");
  // What Blogger's widgets read: author[0].uri.$t, gd$image.src, media$thumbnail.url.
  const json::value& author = e.at("author").at(0);
  EXPECT_EQ(T(author.at("name")), "Otto");
  EXPECT_EQ(T(author.at("uri")), "http://example.com/");
  EXPECT_EQ(T(author.at("email")), "noreply@blogger.com");
  EXPECT_EQ(author.at("gd$image").at("rel"), "http://schemas.google.com/g/2005#thumbnail");
  EXPECT_EQ(author.at("gd$image").at("width"), "16");
  EXPECT_EQ(author.at("gd$image").at("height"), "16");
  EXPECT_EQ(author.at("gd$image").at("src"), "https://img1.blogblog.com/img/b16-rounded.gif");
  const json::value& thumbnail = e.at("media$thumbnail");
  EXPECT_EQ(thumbnail.at("xmlns$media"), "http://search.yahoo.com/mrss/");
  EXPECT_EQ(thumbnail.at("url"), "http://example.com/images/a.png");
  EXPECT_EQ(thumbnail.at("width"), "72");
  EXPECT_EQ(thumbnail.at("height"), "72");
  EXPECT_TRUE(e.at("thr$total").at("$t").is_string());
  EXPECT_EQ(T(e.at("thr$total")), "3");
  EXPECT_EQ(T(e.at("author").at(0).at("name")), "Otto");
}

TEST(GDataJsonTest, SummaryAndControlCharacters) {
  FeedModel feed = SampleFeed();
  feed.summary = true;
  feed.posts[0].title =
      "a\x01"
      "b\x0b"
      "c \"q\" </script>";
  const json::object root = Parse(RenderGDataJson(feed));
  const json::value& e = root.at("feed").at("entry").at(0);
  EXPECT_EQ(T(e.at("title")), "abc \"q\" </script>");
  EXPECT_FALSE(e.as_object().contains("content"));
  EXPECT_EQ(T(e.at("summary")), "See this and and that.");
}

TEST(GDataJsonTest, EmptyCommentFeed) {
  FeedModel feed = SampleFeed();
  feed.kind = FeedKind::kBlogComments;
  feed.total_results = 0;
  const json::object root = Parse(RenderGDataJson(feed));
  EXPECT_EQ(T(root.at("feed").at("id")), "tag:blogger.com,1999:blog-8735240187212123456.comments");
  EXPECT_EQ(T(root.at("feed").at("openSearch$totalResults")), "0");
  EXPECT_TRUE(root.at("feed").at("entry").as_array().empty());
}

TEST(JsonFeedTest, Keys) {
  FeedModel feed = SampleFeed();
  feed.self_url = "http://example.com/feed.json";
  const json::object f = Parse(RenderJsonFeed(feed));
  EXPECT_EQ(f.at("version"), "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(f.at("title"), "War & Peace <notes>");
  EXPECT_EQ(f.at("home_page_url"), "http://example.com/");
  EXPECT_EQ(f.at("feed_url"), "http://example.com/feed.json");
  EXPECT_EQ(f.at("description"), "A blog about \"things\" & 'stuff'");
  EXPECT_FALSE(f.contains("next_url"));
  EXPECT_EQ(f.at("authors").at(0).at("name"), "Otto");
  const json::value& item = f.at("items").at(0);
  EXPECT_EQ(item.at("id"),
            "tag:blogger.com,1999:blog-8735240187212123456.post-1276418104709695660");
  EXPECT_EQ(item.at("url"), "http://example.com/2022/01/in-kazakhstan.html");
  EXPECT_EQ(item.at("title"), "In Kazakhstan & <elsewhere>");
  EXPECT_NE(std::string(item.at("content_html").as_string())
                .find("href=\"http://example.com/2021/12/older.html\""),
            std::string::npos);
  EXPECT_EQ(item.at("date_published"), "2022-01-15T16:18:00.002+01:00");
  EXPECT_EQ(item.at("date_modified"), "2022-01-15T17:18:00.000+01:00");
  EXPECT_EQ(item.at("tags"), (json::array{"politics", "Q&A"}));
  EXPECT_EQ(item.at("authors").at(0).at("name"), "Otto");
}

TEST(JsonFeedTest, NextUrlAndSummary) {
  FeedModel feed = SampleFeed();
  feed.summary = true;
  feed.next_url = "http://example.com/feed.json?start-index=26";
  const json::object f = Parse(RenderJsonFeed(feed));
  EXPECT_EQ(f.at("next_url"), "http://example.com/feed.json?start-index=26");
  const json::object& item = f.at("items").at(0).as_object();
  EXPECT_FALSE(item.contains("content_html"));
  EXPECT_EQ(item.at("summary"), "See this and and that.");
  EXPECT_EQ(item.at("content_text"), "See this and and that.");
}

}  // namespace
}  // namespace samizdat::feeds
