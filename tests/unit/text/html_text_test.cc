// Tests for HtmlToText and Summarize.
#include "text/html_text.h"

#include <gtest/gtest.h>

#include "text/utf8.h"

namespace samizdat::text {
namespace {

TEST(HtmlToText, ExtractsVisibleTextWithLinesBetweenBlocks) {
  EXPECT_EQ(HtmlToText("<h3>Title</h3><p>Hello &amp; <b>wel</b>come</p><div>next   line\n"
                       "wrapped</div>"),
            "Title\nHello & welcome\nnext line wrapped");
}

TEST(HtmlToText, DropsScriptsStylesAndComments) {
  EXPECT_EQ(HtmlToText("a<script>var x = 1;</script><style>p{}</style><!-- note -->b"), "ab");
}

TEST(HtmlToText, BreaksLinesAtBrAndListItems) {
  EXPECT_EQ(HtmlToText("one<br>two<ul><li>three</li><li>four</li></ul>five"),
            "one\ntwo\nthree\nfour\nfive");
}

TEST(HtmlToText, SeparatesTableCells) {
  EXPECT_EQ(HtmlToText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a b\nc");
}

TEST(HtmlToText, DecodesEntitiesAndTrims) {
  EXPECT_EQ(HtmlToText("  &lt;tag&gt; &eacute;t&eacute; &#8212; ok  "), "<tag> été — ok");
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("<p></p><div> </div>"), "");
}

TEST(HtmlToText, ReplacesInvalidUtf8) {
  EXPECT_TRUE(IsValidUtf8(HtmlToText("<p>bad \xFF\xC3 bytes</p>")));
}

TEST(Summarize, ReturnsShortTextUnchanged) {
  EXPECT_EQ(Summarize("short text", 10), "short text");
  EXPECT_EQ(Summarize("", 5), "");
}

TEST(Summarize, CutsAtAWordBoundary) {
  EXPECT_EQ(Summarize("The quick brown fox jumps", 12), "The quick\u2026");
  EXPECT_EQ(Summarize("The quick brown fox jumps", 15), "The quick brown\u2026");
  EXPECT_EQ(Summarize("The quick brown fox jumps", 16), "The quick brown\u2026");
}

TEST(Summarize, CutsAnOverlongWordInside) {
  EXPECT_EQ(Summarize("Supercalifragilistic", 5), "Super\u2026");
}

TEST(Summarize, CountsCodePointsAndNeverSplitsThem) {
  // Each Cyrillic letter is two bytes; 9 code points fit "Қазақстан" exactly.
  EXPECT_EQ(Summarize("Қазақстан жұмысшылары", 9), "Қазақстан\u2026");
  EXPECT_EQ(Summarize("Қазақстан жұмысшылары", 12), "Қазақстан\u2026");
  const std::string cut = Summarize("日本語日本語日本語", 4);
  EXPECT_EQ(cut, "日本語日\u2026");
  EXPECT_TRUE(IsValidUtf8(cut));
}

}  // namespace
}  // namespace samizdat::text
