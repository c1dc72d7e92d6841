// Tests for FindJumpBreak: where a break is found, what comes before it, and its text.
#include "text/jump_break.h"

#include <gtest/gtest.h>

#include <string>

#include "text/sanitize.h"

namespace samizdat::text {
namespace {

// The part before the break, which every test also checks is a sanitizer fixed point
// (well-formed: nothing left open, nothing a re-parse would move).
std::string Before(std::string_view body) {
  const std::optional<JumpBreak> cut = FindJumpBreak(body);
  if (!cut) return "<no break>";
  EXPECT_EQ(SanitizeHtml(cut->before_html, SanitizePolicy::kPostBody), cut->before_html);
  return cut->before_html;
}

TEST(FindJumpBreak, CutsAtTopLevelBreak) {
  EXPECT_EQ(Before("<p>Intro <b>bold</b></p><a name=\"more\"></a><p>The rest</p>"),
            "<p>Intro <b>bold</b></p>");
  EXPECT_EQ(Before("Intro text<a name=\"more\"></a>The rest"), "Intro text");
}

TEST(FindJumpBreak, ClosesTheElementsTheBreakSatIn) {
  EXPECT_EQ(Before("<div>Intro <i>one<a name=\"more\"></a>two</i> three</div><p>After</p>"),
            "<div>Intro <i>one</i></div>");
  EXPECT_EQ(Before("<blockquote><p>Quoted<a name=\"more\"></a> rest</p></blockquote>"),
            "<blockquote><p>Quoted</p></blockquote>");
}

TEST(FindJumpBreak, ClosesNestedLists) {
  EXPECT_EQ(Before("<ul><li>one<ul><li>two<ol><li>three<a name=\"more\"></a>hidden</li></ol>"
                   "</li><li>gone</li></ul></li><li>gone too</li></ul><p>After</p>"),
            "<ul><li>one<ul><li>two<ol><li>three</li></ol></li></ul></li></ul>");
}

TEST(FindJumpBreak, ClosesTables) {
  EXPECT_EQ(Before("<table><tbody><tr><td>a</td><td>b<a name=\"more\"></a>c</td></tr>"
                   "<tr><td>d</td></tr></tbody></table>"),
            "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>");
}

TEST(FindJumpBreak, DropsTheEmptyParagraphTheBreakStoodIn) {
  EXPECT_EQ(Before("<p>Intro</p>\n<p><a name=\"more\"></a></p>\n<p>Rest</p>"), "<p>Intro</p>");
  EXPECT_EQ(Before("<p>Intro</p><div><p> <a name=\"more\"></a></p></div>"), "<p>Intro</p>");
  // An element with attributes or content is kept.
  EXPECT_EQ(Before("<p>Intro</p><a name=\"top\"></a><a name=\"more\"></a>Rest"),
            "<p>Intro</p><a id=\"top\"></a>");
}

TEST(FindJumpBreak, BreakFirstLeavesNothingBefore) {
  const std::optional<JumpBreak> cut = FindJumpBreak("<a name=\"more\"></a><p>All hidden</p>");
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->before_html, "");
}

TEST(FindJumpBreak, NoBreak) {
  EXPECT_FALSE(FindJumpBreak(""));
  EXPECT_FALSE(FindJumpBreak("<p>A post without a break</p>"));
  // Other anchors, a differently spelt name, and the words as text are no break.
  EXPECT_FALSE(
      FindJumpBreak("<a name=\"more-info\"></a><a name=\"More\"></a><a href=\"#more\">"
                    "x</a><p>name=\"more\"</p>"));
}

TEST(FindJumpBreak, OnlyTheFirstBreakCounts) {
  EXPECT_EQ(Before("one<a name=\"more\"></a>two<a name=\"more\"></a>three"), "one");
}

TEST(FindJumpBreak, CustomText) {
  const std::optional<JumpBreak> cut = FindJumpBreak(
      "<p>Intro</p><a name=\"more\" data-more-text=\" Keep &amp; reading \"></a>"
      "<p>Rest</p>");
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->before_html, "<p>Intro</p>");
  EXPECT_EQ(cut->custom_text, "Keep & reading");

  const std::optional<JumpBreak> plain = FindJumpBreak("Intro<a name=\"more\"></a>Rest");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->custom_text, "");
}

// As deep as a stored body goes: the sanitizer caps nesting at 256 (nesting_guard.h).
TEST(FindJumpBreak, DeepNestingIsCutWithoutRecursion) {
  std::string body;
  for (int i = 0; i < 250; ++i) body += "<div>";
  body += "deep<a name=\"more\"></a>rest";
  const std::optional<JumpBreak> cut = FindJumpBreak(body);
  ASSERT_TRUE(cut);
  EXPECT_NE(cut->before_html.find("deep"), std::string::npos);
  EXPECT_EQ(cut->before_html.find("rest"), std::string::npos);
}

}  // namespace
}  // namespace samizdat::text
