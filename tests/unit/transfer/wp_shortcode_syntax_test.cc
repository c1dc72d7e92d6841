// MatchShortcode and ParseShortcodeAtts against what WordPress's get_shortcode_regex()
// and shortcode_parse_atts() make of the same text.
#include "transfer/wp_shortcode_syntax.h"

#include <gtest/gtest.h>

namespace samizdat::transfer {
namespace {

bool Known(std::string_view name) { return name == "caption" || name == "gallery"; }

TEST(ShortcodeSyntaxTest, EnclosingSelfClosingAndStandingAlone) {
  const std::string_view text = "a [caption width=\"640\"]<img src=x> Hi[/caption] b";
  auto code = MatchShortcode(text, 2, Known);
  ASSERT_TRUE(code);
  EXPECT_EQ(code->name, "caption");
  EXPECT_EQ(code->atts, " width=\"640\"");
  EXPECT_EQ(code->content, "<img src=x> Hi");
  EXPECT_EQ(text.substr(code->begin, code->end - code->begin),
            "[caption width=\"640\"]<img src=x> Hi[/caption]");

  auto self = MatchShortcode("[gallery ids=\"1,2\" /] [/gallery]", 0, Known);
  ASSERT_TRUE(self);
  EXPECT_EQ(self->atts, " ids=\"1,2\" ");
  EXPECT_FALSE(self->content);
  EXPECT_EQ(self->end, 21u);  // the later [/gallery] is not its closing tag

  auto alone = MatchShortcode("[gallery] and more", 0, Known);
  ASSERT_TRUE(alone);
  EXPECT_FALSE(alone->content);
  EXPECT_EQ(alone->end, 9u);
}

TEST(ShortcodeSyntaxTest, TheFirstClosingTagEndsTheContent) {
  auto code = MatchShortcode("[caption]a[/caption] b [caption]c[/caption]", 0, Known);
  ASSERT_TRUE(code);
  EXPECT_EQ(code->content, "a");
  EXPECT_EQ(code->end, 20u);
}

TEST(ShortcodeSyntaxTest, UnknownNamesAndLookalikesDoNotMatch) {
  EXPECT_FALSE(MatchShortcode("[contact-form id=1]", 0, Known));
  EXPECT_FALSE(MatchShortcode("[gallery-old]", 0, Known));   // the name goes on
  EXPECT_FALSE(MatchShortcode("[Gallery]", 0, Known));       // names are case-sensitive
  EXPECT_FALSE(MatchShortcode("[gallery ids=1", 0, Known));  // never closed
  EXPECT_FALSE(MatchShortcode("x[gallery]", 0, Known));      // not at a '['
}

TEST(ShortcodeSyntaxTest, DoubleBracketsEscape) {
  auto escaped = MatchShortcode("[[gallery]] x", 0, Known);
  ASSERT_TRUE(escaped);
  EXPECT_TRUE(escaped->escaped);
  EXPECT_EQ(escaped->literal, "[gallery]");
  EXPECT_EQ(escaped->begin, 0u);
  EXPECT_EQ(escaped->end, 11u);

  // "[[gallery]" without a second ']': the first '[' is text, the shortcode follows.
  auto half = MatchShortcode("[[gallery] x", 0, Known);
  ASSERT_TRUE(half);
  EXPECT_FALSE(half->escaped);
  EXPECT_EQ(half->begin, 1u);
}

TEST(ShortcodeSyntaxTest, AttributesAsWordPressReadsThem) {
  const ShortcodeAtts atts = ParseShortcodeAtts(
      " ID=\"attachment_5\" align='aligncenter' width=640 \"quoted one\" bare"
      " caption=\"say \\'hi\\'\\n\" empty=\"\"");
  EXPECT_EQ(atts.Get("id"), "attachment_5");  // names are lower-cased
  EXPECT_EQ(atts.Get("align"), "aligncenter");
  EXPECT_EQ(atts.Get("width"), "640");
  EXPECT_EQ(atts.Get("caption"), "say 'hi'\n");  // stripcslashes
  EXPECT_EQ(atts.Get("empty", "none"), "");
  EXPECT_EQ(atts.Get("missing", "none"), "none");
  EXPECT_EQ(atts.positional, (std::vector<std::string>{"quoted one", "bare"}));
}

TEST(ShortcodeSyntaxTest, AUrlIsOnePositionalValue) {
  const ShortcodeAtts atts = ParseShortcodeAtts(" https://www.youtube.com/watch?v=abc&w=640");
  EXPECT_TRUE(atts.named.empty());
  EXPECT_EQ(atts.positional,
            (std::vector<std::string>{"https://www.youtube.com/watch?v=abc&w=640"}));
  // WordPress.com's [youtube=URL]: the '=' stays with the value.
  EXPECT_EQ(ParseShortcodeAtts("=http://youtu.be/x").positional,
            (std::vector<std::string>{"=http://youtu.be/x"}));
}

TEST(ShortcodeSyntaxTest, NoBreakSpacesSeparateAndUnclosedTagsEmptyAValue) {
  const ShortcodeAtts atts = ParseShortcodeAtts(
      "a=1\xc2\xa0"
      "b=2\xe2\x80\x8b"
      "c=\"<a href='x'>ok</a>\" d=\"<img src=x\"");
  EXPECT_EQ(atts.Get("a"), "1");
  EXPECT_EQ(atts.Get("b"), "2");
  EXPECT_EQ(atts.Get("c"), "<a href='x'>ok</a>");
  EXPECT_EQ(atts.Get("d", "absent"), "");
}

TEST(ShortcodeSyntaxTest, AValueGluedToTheNextIsNotNamed) {
  // name="x"y: the quoted value must be followed by white space, so WordPress reads the
  // pieces as bare words instead.
  const ShortcodeAtts atts = ParseShortcodeAtts("a=\"x\"y b=2");
  EXPECT_FALSE(atts.named.contains("a"));
  EXPECT_EQ(atts.Get("b"), "2");
  EXPECT_EQ(atts.positional, (std::vector<std::string>{"a=\"x\"y"}));
}

}  // namespace
}  // namespace samizdat::transfer
