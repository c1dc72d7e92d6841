// Tests for the sanitizer's plain-comment fast path: on every plain-text input it gives
// byte for byte what the parsing path gives (SanitizeHtml's HTML, and HtmlToText of it).
#include "text/plain_comment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_inputs.h"
#include "text/html_text.h"

namespace samizdat::text {
namespace {

using std::string_literals::operator""s;

// The parsing path's HTML and text for `input`.
SanitizedBody Parsed(std::string_view input) {
  SanitizedBody body;
  body.html = internal::SanitizeParsed(input, SanitizePolicy::kComment, nullptr, nullptr);
  body.text = HtmlToText(body.html);
  return body;
}

void ExpectSameAsParsed(std::string_view input) {
  ASSERT_TRUE(internal::IsPlainText(input));
  const SanitizedBody fast = internal::SanitizePlainComment(input);
  const SanitizedBody parsed = Parsed(input);
  EXPECT_EQ(fast.html, parsed.html) << "input: " << ::testing::PrintToString(std::string(input));
  EXPECT_EQ(fast.text, parsed.text) << "input: " << ::testing::PrintToString(std::string(input));
  // The public entry points take the fast path and say nothing was removed.
  SanitizeReport report;
  EXPECT_EQ(SanitizeHtml(input, SanitizePolicy::kComment, &report), parsed.html);
  EXPECT_TRUE(report.empty());
  const SanitizedBody both = SanitizeWithText(input, SanitizePolicy::kComment);
  EXPECT_EQ(both.html, parsed.html);
  EXPECT_EQ(both.text, parsed.text);
}

TEST(PlainComment, OnlyTextWithoutMarkupOrReferencesIsPlain) {
  EXPECT_TRUE(internal::IsPlainText("Nice post, thanks!\nSee you > soon"));
  EXPECT_TRUE(internal::IsPlainText(""));
  EXPECT_FALSE(internal::IsPlainText("a <b>bold</b> claim"));
  EXPECT_FALSE(internal::IsPlainText("fish &amp; chips"));
  EXPECT_FALSE(internal::IsPlainText("a < b"));
  EXPECT_FALSE(internal::IsPlainText("R&D"));
}

TEST(PlainComment, WritesWhatTheParserWrites) {
  const std::vector<std::string> inputs = {
      "",
      "Thanks!",
      "  padded \t ",
      "two\nlines",
      "windows\r\nline\r\nbreaks",
      "old mac\rbreaks\r\r\n",
      "\n\nleading and trailing breaks\n\n",
      "a > b >> c",
      "quotes \" and ' and = and / stay",
      "\x01\nafter a control character",
      "before a control character\n\x01",
      "\x01 \x01",
      "nul\0inside"s,
      "form\ffeed and \vvertical tab",
      "del\x7f and C1 \xc2\x80\xc2\x9f controls",
      "ill-formed \xff\xfe and cut \xc3",
      "caf\xc3\xa9, \xe2\x82\xac, \xf0\x9f\x98\x80 and U+FFFD \xef\xbf\xbd",
      "noncharacters \xef\xb7\x90 \xef\xbf\xbe",
      "\t\ttabs\tinside\t",
  };
  for (const std::string& input : inputs) ExpectSameAsParsed(input);
}

TEST(PlainComment, WritesWhatTheParserWritesOnRandomText) {
  // Pieces that matter to the parser, the sanitizer or the text: white space of every
  // kind, line breaks, '>', controls, ill-formed and multi-byte UTF-8.
  const std::vector<std::string> pieces = {
      "a",
      "word",
      " ",
      "  ",
      "\t",
      "\n",
      "\r",
      "\r\n",
      "\f",
      "\v",
      "\x01",
      "\0"s,
      "\x7f",
      ">",
      "\"",
      "'",
      "=",
      "/",
      "\xc2\x85",
      "\xff",
      "\xc3",
      "\xc3\xa9",
      "\xe2\x80\xa8",
      "\xef\xbf\xbe",
      "\xef\xb7\x90",
      "\xf0\x9f\x98\x80",
      "\xe2\x80\x8b",
      "\xc2\xa0",
      "]]>",
      "-->",
  };
  testing::ForRandomJoins(pieces, 3000, 12, [&](const std::string& input) {
    ExpectSameAsParsed(input);
    return !HasFailure();
  });
}

}  // namespace
}  // namespace samizdat::text
