// FtsQuery and SnippetToHtml: reader text to a safe FTS5 query, snippets to safe HTML.
#include "store/sqlite/fts_query.h"

#include <gtest/gtest.h>

#include <string>

namespace samizdat::store::sqlite {
namespace {

TEST(FtsQueryTest, QuotesEachWord) {
  EXPECT_EQ(FtsQuery("working class"), "\"working\" \"class\"");
  EXPECT_EQ(FtsQuery("  padded\tand\nsplit  "), "\"padded\" \"and\" \"split\"");
}

TEST(FtsQueryTest, OperatorsAndQuotesBecomeText) {
  EXPECT_EQ(FtsQuery("\"foo AND ("), "\"\"\"foo\" \"AND\" \"(\"");
  EXPECT_EQ(FtsQuery("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(FtsQuery("*"), "\"*\"");
}

TEST(FtsQueryTest, EmptyWhenNoWords) {
  EXPECT_EQ(FtsQuery(""), "");
  EXPECT_EQ(FtsQuery(" \t\r\n"), "");
  EXPECT_EQ(FtsQuery(std::string("\x01\x02", 2)), "");
}

TEST(FtsQueryTest, KeepsAtMost32Words) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "w ";
  std::string query = FtsQuery(many);
  EXPECT_EQ(std::count(query.begin(), query.end(), '"'), 64);
}

TEST(SnippetToHtmlTest, MarksAndEscapes) {
  EXPECT_EQ(SnippetToHtml("a <b> \x02hit\x03 & c"), "a &lt;b&gt; <mark>hit</mark> &amp; c");
}

TEST(SnippetToHtmlTest, TagsStayBalanced) {
  EXPECT_EQ(SnippetToHtml("\x03stray \x02open"), "stray <mark>open</mark>");
  EXPECT_EQ(SnippetToHtml("\x02\x02x\x03\x03"), "<mark>x</mark>");
}

}  // namespace
}  // namespace samizdat::store::sqlite
