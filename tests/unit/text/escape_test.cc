// Tests for EscapeHtml, PercentEncode and StripXmlForbiddenChars.
#include "text/escape.h"

#include <gtest/gtest.h>

namespace samizdat::text {
namespace {

using std::string_literals::operator""s;

TEST(EscapeHtml, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("plain 日本"), "plain 日本");
  EXPECT_EQ(EscapeHtml("&amp;"), "&amp;amp;");
}

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(PercentEncode("Azaz09-._~"), "Azaz09-._~");
  EXPECT_EQ(PercentEncode("working class"), "working%20class");
  EXPECT_EQ(PercentEncode("a/b?c#d&e+f%"), "a%2Fb%3Fc%23d%26e%2Bf%25");
  EXPECT_EQ(PercentEncode("Қ"), "%D2%9A");
  EXPECT_EQ(PercentEncode(""), "");
}

TEST(StripXmlForbiddenChars, RemovesControlsButKeepsWhitespace) {
  EXPECT_EQ(StripXmlForbiddenChars("a\x01"
                                   "b\x1F"
                                   "c\td\ne\rf"s +
                                   '\0'),
            "abc\td\ne\rf");
  EXPECT_EQ(StripXmlForbiddenChars("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
  EXPECT_EQ(StripXmlForbiddenChars("Қазақ \x7F ok"), "Қазақ \x7F ok");
  EXPECT_EQ(StripXmlForbiddenChars("bad\xFF"), "bad\xEF\xBF\xBD");
}

}  // namespace
}  // namespace samizdat::text
