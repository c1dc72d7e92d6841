// Tests for MarkdownToHtml: GitHub's dialect through md4c.
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

TEST(MarkdownToHtml, RendersFencedCodeBlocksEscaped) {
  EXPECT_EQ(Render("```cpp\nint a = b < c;\n```\n"),
            "<pre><code class=\"language-cpp\">int a = b &lt; c;\n</code></pre>\n");
}

TEST(MarkdownToHtml, RendersTaskLists) {
  const std::string html = Render("- [x] done\n- [ ] todo\n");
  EXPECT_NE(html.find("checked"), std::string::npos) << html;
  EXPECT_NE(html.find("todo"), std::string::npos) << html;
}

TEST(MarkdownToHtml, PassesRawHtmlThrough) {
  // The sanitizer, not the Markdown renderer, decides what HTML survives.
  EXPECT_EQ(Render("<div>raw</div>\n"), "<div>raw</div>\n");
}

TEST(MarkdownToHtml, EmptyInputGivesEmptyOutput) { EXPECT_EQ(Render(""), ""); }

}  // namespace
}  // namespace samizdat::text
