// Tests for MarkdownToHtml: GitHub's dialect through md4c and our renderer.
#include "text/markdown.h"

#include <gtest/gtest.h>

namespace samizdat::text {
namespace {

std::string Render(std::string_view md) {
  Result<std::string> html = MarkdownToHtml(md);
  EXPECT_TRUE(html.ok()) << html.status().ToString();
  return html.ok() ? *html : std::string();
}

TEST(MarkdownToHtml, RendersParagraphsAndEmphasis) {
  EXPECT_EQ(Render("Hello *world* and **you**"),
            "<p>Hello <em>world</em> and <strong>you</strong></p>\n");
}

TEST(MarkdownToHtml, RendersTables) {
  EXPECT_EQ(Render("| a | b |\n|---|--:|\n| 1 | 2 |\n"),
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n"
            "</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td align=\"right\">2</td>\n</tr>\n"
            "</tbody>\n</table>\n");
}

TEST(MarkdownToHtml, RendersStrikethrough) {
  EXPECT_EQ(Render("~~gone~~ here"), "<p><del>gone</del> here</p>\n");
}

TEST(MarkdownToHtml, AutolinksBareUrlsWwwAndEmail) {
  EXPECT_EQ(Render("see https://example.com/x now"),
            "<p>see <a href=\"https://example.com/x\">https://example.com/x</a> now</p>\n");
  EXPECT_EQ(Render("www.example.com"),
            "<p><a href=\"http://www.example.com\">www.example.com</a></p>\n");
  EXPECT_EQ(Render("mail me@example.com"),
            "<p>mail <a href=\"mailto:me@example.com\">me@example.com</a></p>\n");
}

TEST(MarkdownToHtml, RendersFencedCodeBlocksEscapedWithTheirLanguage) {
  EXPECT_EQ(Render("```cpp\nint a = b < c;\n```\n"),
            "<pre><code class=\"language-cpp\">int a = b &lt; c;\n</code></pre>\n");
  EXPECT_EQ(Render("```\nplain\n```\n"), "<pre><code>plain\n</code></pre>\n");
  // The language is an attribute value: quotes cannot end it.
  EXPECT_EQ(Render("~~~ a\"b\nx\n~~~\n"),
            "<pre><code class=\"language-a&quot;b\">x\n</code></pre>\n");
}

TEST(MarkdownToHtml, RendersTaskListsAsDisabledCheckboxesWithTheirState) {
  EXPECT_EQ(Render("- [x] done\n- [ ] todo\n- [X] also\n"),
            "<ul>\n"
            "<li class=\"task-list-item\"><input type=\"checkbox\" disabled checked> done</li>\n"
            "<li class=\"task-list-item\"><input type=\"checkbox\" disabled> todo</li>\n"
            "<li class=\"task-list-item\"><input type=\"checkbox\" disabled checked> also</li>\n"
            "</ul>\n");
}

TEST(MarkdownToHtml, PutsALooseTaskItemsCheckboxInItsFirstParagraph) {
  EXPECT_EQ(Render("1. [x] *first*\n\n   more\n"),
            "<ol>\n<li class=\"task-list-item\"><p><input type=\"checkbox\" disabled checked> "
            "<em>first</em></p>\n<p>more</p>\n</li>\n</ol>\n");
}

TEST(MarkdownToHtml, KeepsRelativeLinksAndImagesAsWritten) {
  EXPECT_EQ(Render("[up](../a/b.html#part) [here](#notes) ![pic](pics/x.jpg \"A pic\")"),
            "<p><a href=\"../a/b.html#part\">up</a> <a href=\"#notes\">here</a> "
            "<img src=\"pics/x.jpg\" alt=\"pic\" title=\"A pic\"></p>\n");
}

TEST(MarkdownToHtml, DecodesEntitiesInUrlsAndKeepsThemInText) {
  EXPECT_EQ(Render("[f&ouml;](/f&ouml;&#x41;?a=1&amp;b=2) &copy;"),
            "<p><a href=\"/f%C3%B6A?a=1&amp;b=2\">f&ouml;</a> &copy;</p>\n");
}

TEST(MarkdownToHtml, PassesRawHtmlThrough) {
  // The sanitizer, not the Markdown renderer, decides what HTML survives.
  EXPECT_EQ(Render("<div>raw</div>\n"), "<div>raw</div>\n");
  EXPECT_EQ(Render("a <span class=\"x\">b</span> c"), "<p>a <span class=\"x\">b</span> c</p>\n");
}

TEST(MarkdownToHtml, ShowsSwallowingElementsAsTextAndKeepsTheRestOfThePost) {
  EXPECT_EQ(Render("Use the <textarea> element.\n\nThe rest of the post."),
            "<p>Use the &lt;textarea> element.</p>\n<p>The rest of the post.</p>\n");
  for (std::string_view tag :
       {"textarea", "title", "xmp", "style", "plaintext", "noembed", "noframes", "script",
        "noscript", "select", "template", "object", "applet", "svg", "math", "TITLE", "Style"}) {
    const std::string md = "a <" + std::string(tag) + " x=\"1\"> b </" + std::string(tag) + "> c";
    EXPECT_EQ(Render(md),
              "<p>a &lt;" + std::string(tag) + " x=\"1\"> b &lt;/" + std::string(tag) + "> c</p>\n")
        << tag;
  }
  // Names that only begin like one are other elements.
  EXPECT_EQ(Render("a <titles> b"), "<p>a <titles> b</p>\n");
}

TEST(MarkdownToHtml, ShowsSwallowingTagsInHtmlBlocksAsText) {
  EXPECT_EQ(Render("<style>\np { color: red }\n</style>\n\nStill here."),
            "<p>&lt;style&gt;\np { color: red }\n&lt;/style></p>\n<p>Still here.</p>\n");
  EXPECT_EQ(Render("<div>\n<script\nsrc=x></script>\n</div>\n\nStill here."),
            "<div>\n&lt;script\nsrc=x>&lt;/script>\n</div>\n<p>Still here.</p>\n");
}

TEST(MarkdownToHtml, KeepsTheMarkdownAfterALineOpeningWithASwallowingTag) {
  // CommonMark makes "<style" at the start of a line an HTML block running to </style>,
  // here to the end of the post: the rest would show as raw text.
  EXPECT_EQ(Render("<style> sets the looks.\n\n# Heading\n\nMore *text*.\n"),
            "<p>&lt;style&gt; sets the looks.</p>\n<h1>Heading</h1>\n"
            "<p>More <em>text</em>.</p>\n");
  EXPECT_EQ(Render("<script>a\n<style>b\n\n*c*\n"),
            "<p>&lt;script&gt;a\n&lt;style&gt;b</p>\n<p><em>c</em></p>\n");
  // In code it is code.
  EXPECT_EQ(Render("    <style>\n\n*c*\n"),
            "<pre><code>&lt;style&gt;\n</code></pre>\n<p><em>c</em></p>\n");
}

TEST(MarkdownToHtml, KeepsAnIframeOnlyWhenItIsClosed) {
  const std::string embed =
      "<iframe width=\"560\" src=\"https://www.youtube.com/embed/x\"></iframe>";
  EXPECT_EQ(Render("Watch:\n\n" + embed + "\n\nAfter."),
            "<p>Watch:</p>\n" + embed + "\n<p>After.</p>\n");
  EXPECT_EQ(Render("Watch " + embed + " now."), "<p>Watch " + embed + " now.</p>\n");
  // Closed in a later block: kept too.
  EXPECT_EQ(Render("<iframe src=\"https://player.vimeo.com/video/1\">\n\n</iframe>\n"),
            "<iframe src=\"https://player.vimeo.com/video/1\">\n</iframe>\n");
  EXPECT_EQ(Render("Use an <iframe> here.\n\nAfter."),
            "<p>Use an &lt;iframe> here.</p>\n<p>After.</p>\n");
  // A </iframe> before the <iframe>, or in code, closes nothing.
  EXPECT_EQ(Render("a </iframe> b <iframe> `</iframe>`"),
            "<p>a &lt;/iframe> b &lt;iframe> <code>&lt;/iframe&gt;</code></p>\n");
}

TEST(MarkdownToHtml, EscapesRawHtmlInAnImagesAltText) {
  EXPECT_EQ(Render("![a <b title=\"x\">](u.png)"),
            "<p><img src=\"u.png\" alt=\"a &lt;b title=&quot;x&quot;&gt;\"></p>\n");
}

constexpr std::string_view kNoteOne =
    "<li id=\"fn-1\"><p>The note. <a href=\"#fnref-1\" class=\"footnote-backref\">\u21a9</a>"
    "</p></li>\n";

TEST(MarkdownToHtml, RendersFootnotesAtTheEnd) {
  EXPECT_EQ(Render("Text[^1].\n\n[^1]: The note.\n\nMore."),
            "<p>Text<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>.</p>\n"
            "<p>More.</p>\n"
            "<section class=\"footnotes\">\n<ol>\n" +
                std::string(kNoteOne) + "</ol>\n</section>\n");
}

TEST(MarkdownToHtml, NumbersFootnotesByFirstReference) {
  const std::string html =
      Render("[^b]: Note B with *stress*.\n\nSee[^a] and[^b] and[^a] again.\n\n[^a]: Note A\n");
  EXPECT_EQ(html,
            "<p>See<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\">1</a></sup>"
            " and<sup class=\"footnote-ref\"><a href=\"#fn-b\" id=\"fnref-b\">2</a></sup>"
            " and<sup class=\"footnote-ref\"><a href=\"#fn-a\">1</a></sup> again.</p>\n"
            "<section class=\"footnotes\">\n<ol>\n"
            "<li id=\"fn-a\"><p>Note A <a href=\"#fnref-a\" class=\"footnote-backref\">\u21a9"
            "</a></p></li>\n"
            "<li id=\"fn-b\"><p>Note B with <em>stress</em>. <a href=\"#fnref-b\" "
            "class=\"footnote-backref\">\u21a9</a></p></li>\n"
            "</ol>\n</section>\n");
}

TEST(MarkdownToHtml, KeepsFootnoteMarksLiteralWhereTheyAreNoReference) {
  EXPECT_EQ(Render("Undefined[^x] here."), "<p>Undefined[^x] here.</p>\n");
  EXPECT_EQ(Render("`a[^1]`\n\n    b[^1]\n\n[^1]: The note.\n"),
            "<p><code>a[^1]</code></p>\n<pre><code>b[^1]\n</code></pre>\n"
            "<section class=\"footnotes\">\n<ol>\n"
            "<li id=\"fn-1\"><p>The note.</p></li>\n</ol>\n</section>\n");
  EXPECT_EQ(Render("```\n[^1]: not a note\n```\n"), "<pre><code>[^1]: not a note\n</code></pre>\n");
}

TEST(MarkdownToHtml, ReadsFootnotesThatMd4cWouldTakeForLinkDefinitions) {
  // "[^1]: Wikipedia" is also a valid link reference definition (label "^1").
  EXPECT_EQ(Render("Text[^1].\n\n[^1]: Wikipedia\n"),
            "<p>Text<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>."
            "</p>\n<section class=\"footnotes\">\n<ol>\n"
            "<li id=\"fn-1\"><p>Wikipedia <a href=\"#fnref-1\" class=\"footnote-backref\">"
            "\u21a9</a></p></li>\n</ol>\n</section>\n");
  EXPECT_NE(Render("A[^src].\n\n[^src]: https://example.com/page\n")
                .find("<li id=\"fn-src\"><p><a href=\"https://example.com/page\">"),
            std::string::npos);
}

TEST(MarkdownToHtml, KeepsASecondDefinitionOfALabelAsAParagraph) {
  EXPECT_EQ(Render("X[^1]\n\n[^1]: The note.\n\n[^1]: Again.\n"),
            "<p>X<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p>\n"
            "<p>[^1]: Again.</p>\n<section class=\"footnotes\">\n<ol>\n" +
                std::string(kNoteOne) + "</ol>\n</section>\n");
}

TEST(MarkdownToHtml, SkipsAByteOrderMark) { EXPECT_EQ(Render("\xEF\xBB\xBFHi"), "<p>Hi</p>\n"); }

TEST(MarkdownToHtml, EmptyInputGivesEmptyOutput) { EXPECT_EQ(Render(""), ""); }

TEST(MarkdownToHtml, FootnoteIdsHoldOnlyCharactersAnIdMayHave) {
  const std::string html = Render("See[^x(a).b] and[^é].\n\n[^x(a).b]: One.\n\n[^é]: Two.");
  EXPECT_NE(html.find("<a href=\"#fn-x.28a.29.2Eb\" id=\"fnref-x.28a.29.2Eb\">1</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<li id=\"fn-.C3.A9\">"), std::string::npos) << html;
}

}  // namespace
}  // namespace samizdat::text
