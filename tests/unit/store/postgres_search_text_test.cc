// SearchWords and SnippetHtml: reader text for plainto_tsquery, ts_headline's marked
// text to a short, safe HTML snippet.
#include <gtest/gtest.h>

#include <string>

#include "store/postgres/search_text.h"

namespace samizdat::store::postgres {
namespace {

// `body` as ts_headline returns it when every occurrence of `word` matched.
std::string MarkAll(const std::string& body, const std::string& word) {
  std::string marked;
  size_t at = 0;
  for (size_t hit; (hit = body.find(word, at)) != std::string::npos; at = hit + word.size()) {
    marked += body.substr(at, hit - at) + kMarkOpen + word + kMarkClose;
  }
  return marked + body.substr(at);
}

// "w0 w1 … w<n-1>"
std::string Numbered(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += (i ? " w" : "w") + std::to_string(i);
  return text;
}

TEST(SearchWordsTest, SplitsOnSpacesAndControlsAndKeepsOperatorsAsText) {
  EXPECT_EQ(SearchWords("  working\tclass\n"), "working class");
  EXPECT_EQ(SearchWords("\"foo AND ("), "\"foo AND (");
  EXPECT_EQ(SearchWords(std::string("a\0b\x01"
                                    "c",
                                    5)),
            "a b c");
}

TEST(SearchWordsTest, EmptyWhenNoWordsAndAtMost32) {
  EXPECT_EQ(SearchWords(" \t\r\n"), "");
  EXPECT_EQ(SearchWords(Numbered(40)), Numbered(32));
}

TEST(SearchWordsTest, RepairsIllFormedUtf8) {
  EXPECT_EQ(SearchWords("caf\xc3"), "caf\xef\xbf\xbd");
}

TEST(SnippetHtmlTest, ShortBodyIsWholeEscapedAndMarked) {
  const std::string body = "writing <b>bold</b> & kazakhstan news";
  EXPECT_EQ(SnippetHtml(body, MarkAll(body, "kazakhstan")),
            "writing &lt;b&gt;bold&lt;/b&gt; &amp; <mark>kazakhstan</mark> news");
}

TEST(SnippetHtmlTest, LongBodyIsCutAroundTheMatchesWithEllipses) {
  const std::string body = Numbered(30) + " target " + Numbered(30);
  EXPECT_EQ(SnippetHtml(body, MarkAll(body, "target")),
            "…w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 w29 <mark>target</mark> w0 w1 w2 w3 w4 "
            "w5 w6 w7 w8 w9 w10 w11…");
}

TEST(SnippetHtmlTest, WindowHoldsTheMostMatches) {
  const std::string body = "x " + Numbered(30) + " x y x " + Numbered(30);
  const std::string snippet = SnippetHtml(body, MarkAll(body, "x"));
  EXPECT_TRUE(snippet.starts_with("…w20 ")) << snippet;
  EXPECT_NE(snippet.find("w29 <mark>x</mark> y <mark>x</mark> w0"), std::string::npos) << snippet;
}

TEST(SnippetHtmlTest, NoMatchInTheBodyShowsItsStart) {
  const std::string body = Numbered(30);
  EXPECT_EQ(SnippetHtml(body, body), Numbered(24) + "…");
}

TEST(SnippetHtmlTest, PunctuationSeparatesWords) {
  // 24 words once “, —, ' and . separate them: no cut.
  const std::string body = "“quoted” — o'clock " + Numbered(18) + " 3.14";
  EXPECT_EQ(SnippetHtml(body, body), "“quoted” — o&#39;clock " + Numbered(18) + " 3.14");
}

TEST(SnippetHtmlTest, MarkedTextThatDoesNotLineUpMarksNothing) {
  EXPECT_EQ(SnippetHtml("a <b> c", std::string("a ") + kMarkOpen + "x" + kMarkClose),
            "a &lt;b&gt; c");
  EXPECT_EQ(SnippetHtml("", ""), "");
}

TEST(SnippetHtmlTest, OneCharacterForOneAlignsMultiByteText) {
  // samizdat_search_text turns "—" (3 bytes) into one space.
  const std::string body = "été — café";
  const std::string marked = std::string("été   ") + kMarkOpen + "café" + kMarkClose;
  EXPECT_EQ(SnippetHtml(body, marked), "été — <mark>café</mark>");
}

}  // namespace
}  // namespace samizdat::store::postgres
