// ParseFeedQuery: GData's feed parameters, and their refusals.
#include "web/feed_query.h"

#include <gtest/gtest.h>

namespace samizdat::web {
namespace {

TEST(ParseFeedQueryTest, DefaultsAreBloggers) {
  auto query = ParseFeedQuery("");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->format, FeedFormat::kAtom);
  EXPECT_EQ(query->max_results, 25);
  EXPECT_EQ(query->start_index, 1);
  EXPECT_FALSE(query->order_by_updated);
  EXPECT_EQ(query->callback, "gdata.io.handleScriptLoaded");
}

TEST(ParseFeedQueryTest, ReadsEveryParameter) {
  auto query = ParseFeedQuery(
      "alt=json-in-script&callback=my.cb_1&max-results=5&start-index=6&orderby=updated"
      "&published-min=2022-01-01T00%3A00%3A00Z&updated-max=2022-02-01T00:00:00+01:00");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(query->format, FeedFormat::kJsonInScript);
  EXPECT_EQ(query->callback, "my.cb_1");
  EXPECT_EQ(query->max_results, 5);
  EXPECT_EQ(query->start_index, 6);
  EXPECT_TRUE(query->order_by_updated);
  EXPECT_EQ(*query->published_min, *ParseRfc3339("2022-01-01T00:00:00Z"));
  EXPECT_EQ(*query->updated_max, *ParseRfc3339("2022-01-31T23:00:00Z"));
}

TEST(ParseFeedQueryTest, TheCacheKeyFollowsWhatSelectsTheBytes) {
  EXPECT_EQ(ParseFeedQuery("alt=atom&v=2")->cache_key_suffix, ParseFeedQuery("")->cache_key_suffix);
  EXPECT_NE(ParseFeedQuery("alt=rss")->cache_key_suffix, ParseFeedQuery("")->cache_key_suffix);
  EXPECT_NE(ParseFeedQuery("alt=json-in-script&callback=a")->cache_key_suffix,
            ParseFeedQuery("alt=json-in-script&callback=b")->cache_key_suffix);
}

TEST(ParseFeedQueryTest, RefusesBadValuesNamingTheParameter) {
  const std::pair<const char*, const char*> cases[] = {
      {"max-results=0", "max-results"},    {"max-results=-1", "max-results"},
      {"max-results=abc", "max-results"},  {"max-results=10000", "max-results"},
      {"start-index=0", "start-index"},    {"alt=html", "alt"},
      {"orderby=bogus", "orderby"},        {"published-min=garbage", "published-min"},
      {"callback=alert(1)//", "callback"},
  };
  for (const auto& [input, parameter] : cases) {
    auto query = ParseFeedQuery(input);
    ASSERT_FALSE(query.ok()) << input;
    EXPECT_TRUE(query.status().IsInvalidArgument()) << input;
    EXPECT_NE(query.status().message().find(parameter), std::string::npos) << input;
  }
}

TEST(IsJavaScriptCallbackNameTest, AcceptsIdentifierPathsOnly) {
  for (const char* good : {"cb", "gdata.io.handleScriptLoaded", "$", "_a1.b$"}) {
    EXPECT_TRUE(IsJavaScriptCallbackName(good)) << good;
  }
  for (const char* bad :
       {"", "1a", "a.", ".a", "a..b", "a b", "alert(1)", "a;b", "a-b", "</script>"}) {
    EXPECT_FALSE(IsJavaScriptCallbackName(bad)) << bad;
  }
}

}  // namespace
}  // namespace samizdat::web
