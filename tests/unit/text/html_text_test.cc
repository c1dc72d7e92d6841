// Tests for HtmlToText, Summarize and LinkHrefs.
#include "text/html_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

using Hrefs = std::vector<std::string>;

TEST(LinkHrefs, ListsEveryLinkInDocumentOrder) {
  EXPECT_EQ(LinkHrefs("<p>See <a href=\"https://a.example/\">a</a> and <b><a "
                      "href='/local?x=1'>b</a></b></p><ul><li><a href=http://c.example/c>c"
                      "</a></ul>"),
            (Hrefs{"https://a.example/", "/local?x=1", "http://c.example/c"}));
}

TEST(LinkHrefs, KeepsRepeatedLinks) {
  EXPECT_EQ(LinkHrefs("<a href=x>1</a><a href=x>2</a>"), (Hrefs{"x", "x"}));
}

TEST(LinkHrefs, DecodesEntitiesAndKeepsTheRestAsWritten) {
  EXPECT_EQ(LinkHrefs("<a href=\"/q?a=1&amp;b=2\">q</a><a href=\" spaced \">s</a>"
                      "<a href=\"\">empty</a><A HREF=\"HTTP://UPPER.EXAMPLE\">u</A>"),
            (Hrefs{"/q?a=1&b=2", " spaced ", "", "HTTP://UPPER.EXAMPLE"}));
}

TEST(LinkHrefs, SkipsAnchorsWithoutHrefAndOtherElements) {
  EXPECT_EQ(LinkHrefs("<a name=top>top</a><area href=/map><link href=/style.css>"
                      "<img src=/i.png><svg><a href=/svg-link>s</a></svg>"
                      "http://bare.example/ in text"),
            Hrefs{});
  EXPECT_EQ(LinkHrefs(""), Hrefs{});
  EXPECT_EQ(LinkHrefs("plain text"), Hrefs{});
}

TEST(LinkHrefs, FindsLinksInMalformedMarkupAsABrowserWould) {
  // Unclosed and misnested tags: the parser closes them the way a browser does (here the
  // first link is cloned into the paragraph, so a browser's document has it twice), and
  // an unfinished tag at the end is no element at all.
  EXPECT_EQ(LinkHrefs("<div><a href=one>one<p><a href=two>two</div><a href=three"),
            (Hrefs{"one", "one", "two"}));
  EXPECT_EQ(LinkHrefs("<a href=outer>x<a href=inner>y</a></a>"), (Hrefs{"outer", "inner"}));
  EXPECT_EQ(LinkHrefs("<table><a href=in-table>x</a><tr><td><a href=cell>y</a></table>"),
            (Hrefs{"in-table", "cell"}));
}

TEST(LinkHrefs, FindsLinksThatHtmlToTextWouldHide) {
  EXPECT_EQ(LinkHrefs("<object><a href=hidden>x</a></object><template><a href=t>t</a>"
                      "</template><!-- <a href=comment> -->"),
            (Hrefs{"hidden", "t"}));
}

TEST(LinkHrefs, ReplacesInvalidUtf8) {
  EXPECT_EQ(LinkHrefs("<a href=\"/p\xFF\">x</a>"), (Hrefs{"/p\uFFFD"}));
}

}  // namespace
}  // namespace samizdat::text
