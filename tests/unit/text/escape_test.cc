// Tests for EscapeHtml and PercentEncode.
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

TEST(EscapeHtml, DropsWhatAPageMayNotHold) {
  // Stored text from before control characters were removed on the way in.
  EXPECT_EQ(EscapeHtml("Ann\x01\x02\x03 <b>"s + '\0'), "Ann &lt;b&gt;");
  EXPECT_EQ(EscapeHtml("a\x7F"
                       "b\xC2\x85"
                       "c\xEF\xB7\x90"
                       "d"),
            "abcd");  // DEL, NEL, U+FDD0
  EXPECT_EQ(EscapeHtml("tab\tline\n"), "tab\tline\n");
  EXPECT_EQ(EscapeHtml("bad\xFF"), "bad\xEF\xBF\xBD");
}

}  // namespace
}  // namespace samizdat::text
