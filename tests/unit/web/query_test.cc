// ParseListQuery: Blogger's paging and search parameters, and their refusals.
#include "web/query.h"

#include <gtest/gtest.h>

namespace samizdat::web {
namespace {

TEST(ParseListQueryTest, ReadsBloggersPagingParameters) {
  auto query = ParseListQuery(
      "updated-max=2009-11-30T13%3A00%3A00-08%3A00&max-results=7&reverse-paginate=true&m=1");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(*query->updated_max, *ParseRfc3339("2009-11-30T21:00:00Z"));
  EXPECT_EQ(query->max_results, 7);
  EXPECT_TRUE(query->reverse);
}

TEST(ParseListQueryTest, AnUnencodedPlusOffsetStillParses) {
  auto query = ParseListQuery("updated-max=2022-01-15T10:00:00.000+01:00");
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  EXPECT_EQ(*query->updated_max, *ParseRfc3339("2022-01-15T09:00:00Z"));
}

TEST(ParseListQueryTest, SearchWordsAreDecodedAndTrimmed) {
  auto query = ParseListQuery("q=+working%20class+");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->q, "working class");
}

TEST(ParseListQueryTest, IrrelevantParametersDoNotChangeTheCacheKey) {
  auto plain = ParseListQuery("max-results=5");
  auto decorated = ParseListQuery("m=1&max-results=5&utm_source=x");
  ASSERT_TRUE(plain.ok() && decorated.ok());
  EXPECT_EQ(plain->cache_key_suffix, decorated->cache_key_suffix);
  EXPECT_NE(plain->cache_key_suffix, ParseListQuery("max-results=6")->cache_key_suffix);
}

TEST(ParseListQueryTest, RefusesBadValuesNamingTheParameter) {
  for (const char* bad : {"max-results=abc", "max-results=0", "max-results=-1", "max-results=501",
                          "max-results=", "start=-3"}) {
    auto query = ParseListQuery(bad);
    ASSERT_FALSE(query.ok()) << bad;
    EXPECT_TRUE(query.status().IsInvalidArgument());
  }
  auto garbage = ParseListQuery("updated-max=garbage");
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.status().message().find("updated-max"), std::string::npos);
  auto long_q = ParseListQuery("q=" + std::string(1001, 'a'));
  ASSERT_FALSE(long_q.ok());
  EXPECT_NE(long_q.status().message().find("q "), std::string::npos);
  EXPECT_TRUE(ParseListQuery("q=" + std::string(1000, 'a')).ok());
}

TEST(ParseListQueryTest, CommentPagesHaveTheirOwnCacheKeysAndPageOneIsTheBareOne) {
  auto bare = ParseListQuery("");
  auto one = ParseListQuery("commentPage=1");
  auto two = ParseListQuery("commentPage=2");
  auto three = ParseListQuery("commentPage=3&m=1");
  ASSERT_TRUE(bare.ok() && one.ok() && two.ok() && three.ok());
  EXPECT_EQ(two->comment_page, 2);
  EXPECT_EQ(one->cache_key_suffix, bare->cache_key_suffix);
  EXPECT_NE(two->cache_key_suffix, bare->cache_key_suffix);
  EXPECT_NE(two->cache_key_suffix, three->cache_key_suffix);
  EXPECT_EQ(two->cache_key_suffix, CommentPageKey(2));
  EXPECT_EQ(CommentPageKey(1), "");
}

TEST(ParseListQueryTest, RefusesACommentPageThatIsNotAPageNumber) {
  for (const char* bad : {"commentPage=0", "commentPage=-1", "commentPage=abc", "commentPage=",
                          "commentPage=2x", "commentPage=99999999999999999999999"}) {
    auto query = ParseListQuery(bad);
    ASSERT_FALSE(query.ok()) << bad;
    EXPECT_TRUE(query.status().IsInvalidArgument());
    EXPECT_NE(query.status().message().find("commentPage"), std::string::npos);
  }
}

TEST(ParseListQueryTest, APermalinksTimeChoosesNothingOfTheCacheKey) {
  auto permalink = ParseListQuery("showComment=1291062944027");
  ASSERT_TRUE(permalink.ok());
  EXPECT_EQ(permalink->show_comment, 1291062944027);
  EXPECT_EQ(permalink->cache_key_suffix, "");
  // Old links may carry anything there: it is ignored, never refused.
  auto odd = ParseListQuery("showComment=abc");
  ASSERT_TRUE(odd.ok());
  EXPECT_FALSE(odd->show_comment);
}

}  // namespace
}  // namespace samizdat::web
