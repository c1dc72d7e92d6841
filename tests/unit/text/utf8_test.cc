// Tests for UTF-8 validation and repair.
#include "text/utf8.h"

#include <gtest/gtest.h>

namespace samizdat::text {
namespace {

TEST(IsValidUtf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Қазақстан 日本語 \xF0\x9F\x98\x80"));  // includes U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));                   // U+10FFFF
}

TEST(IsValidUtf8, RejectsIllFormedSequences) {
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong, three bytes
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("ok\xE2\x82"));  // truncated at the end
}

TEST(ToValidUtf8, ReplacesEachBadSubpartWithOneReplacementChar) {
  const std::string kFffd = "\xEF\xBF\xBD";
  EXPECT_EQ(ToValidUtf8("a\xFF"
                        "b"),
            "a" + kFffd + "b");
  EXPECT_EQ(ToValidUtf8("a\xE2\x82"
                        "b"),
            "a" + kFffd + "b");  // truncated 3-byte form
  EXPECT_EQ(ToValidUtf8("\xC0\xAF"), kFffd + kFffd);
  EXPECT_EQ(ToValidUtf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8("\xF0\x9F\x98")));
}

TEST(StripControlChars, RemovesWhatHtmlAndXmlForbidKeepsWhatPeopleType) {
  using std::string_literals::operator""s;
  // C0 controls (raw U+0000-U+0003 in an author name), form feed, DEL, C1 controls.
  EXPECT_EQ(StripControlChars("\0\x01\x02\x03"s + "Ann\x0C\x1F\x7F"), "Ann");
  EXPECT_EQ(StripControlChars("a\xC2\x80"
                              "b\xC2\x9F"
                              "c"),
            "abc");  // U+0080, U+009F
  // Noncharacters: U+FDD0, U+FDEF, U+FFFE, U+FFFF, U+1FFFE, U+10FFFF.
  EXPECT_EQ(StripControlChars("1\xEF\xB7\x90"
                              "2\xEF\xB7\xAF"
                              "3\xEF\xBF\xBE"
                              "4\xEF\xBF\xBF"
                              "5\xF0\x9F\xBF\xBE"
                              "6\xF4\x8F\xBF\xBF"
                              "7"),
            "1234567");
  EXPECT_EQ(StripControlChars("tab\there\r\nline \xC2\xA0nbsp \xEF\xB7\xB0 \xF0\x9F\x98\x80"),
            "tab\there\r\nline \xC2\xA0nbsp \xEF\xB7\xB0 \xF0\x9F\x98\x80");  // U+FDF0 is kept
  EXPECT_EQ(StripControlChars("bad\xFF"), "bad\xEF\xBF\xBD");
  EXPECT_EQ(StripControlChars(""), "");
}

}  // namespace
}  // namespace samizdat::text
