// DecodeTextArray: array_out's text of a text[] back into its elements. The literals are
// spelled as PostgreSQL 15 prints them (SELECT ARRAY[...]::text[] in psql); the store
// contract's PostLabelsTest reads the same names back from a real server.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/postgres/text_array.h"

namespace samizdat::store::postgres {
namespace {

using Strings = std::vector<std::string>;

Strings Decoded(std::string_view literal) {
  Result<Strings> elements = DecodeTextArray(literal);
  EXPECT_TRUE(elements.ok()) << literal << ": " << elements.status().ToString();
  return elements.ok() ? *elements : Strings{"<failed>"};
}

TEST(DecodeTextArrayTest, EmptyArray) { EXPECT_EQ(Decoded("{}"), Strings{}); }

TEST(DecodeTextArrayTest, BareElements) {
  EXPECT_EQ(Decoded("{news}"), Strings{"news"});
  EXPECT_EQ(Decoded("{zeta,Alpha,mid}"), (Strings{"zeta", "Alpha", "mid"}));
  // Characters array_out leaves bare: punctuation other than {},"\ and non-ASCII text.
  EXPECT_EQ(Decoded("{c++,a.b,'x',(y),[z],NULLS,NUL}"),
            (Strings{"c++", "a.b", "'x'", "(y)", "[z]", "NULLS", "NUL"}));
  EXPECT_EQ(Decoded("{Überschrift,東京,😀}"), (Strings{"Überschrift", "東京", "😀"}));
}

TEST(DecodeTextArrayTest, QuotedElements) {
  // Commas, braces, spaces and other whitespace, the empty string and the word NULL in
  // any case are quoted; inside the quotes only " and \ are escaped.
  EXPECT_EQ(Decoded("{\"a,b\",\"{x}\",\"}\",\"{\",\"two words\",\" lead\",\"tab\there\"}"),
            (Strings{"a,b", "{x}", "}", "{", "two words", " lead", "tab\there"}));
  EXPECT_EQ(Decoded("{\"line\nbreak\",\"\",\"NULL\",\"null\",\"Null\"}"),
            (Strings{"line\nbreak", "", "NULL", "null", "Null"}));
  EXPECT_EQ(Decoded(R"({"say \"hi\"","back\\slash","\\","\"","\\\"",x})"),
            (Strings{"say \"hi\"", "back\\slash", "\\", "\"", "\\\"", "x"}));
  EXPECT_EQ(Decoded(R"({"東京 タワー","a,\"b\",{c}\\d"})"),
            (Strings{"東京 タワー", "a,\"b\",{c}\\d"}));
}

TEST(DecodeTextArrayTest, RefusesWhatArrayOutDoesNotWrite) {
  for (std::string_view bad : {"",
                               "{",
                               "}",
                               "news",
                               "{news",
                               "news}",
                               "{a,}",
                               "{,a}",
                               "{a,,b}",
                               "{NULL}",
                               "{a,null}",
                               R"({"open})",
                               R"({"a\"})",
                               R"({"a"b})",
                               R"({a"b"})",
                               "{a b}",
                               "{a\\,b}",
                               "{{a},{b}}",
                               "[0:1]={a,b}",
                               "{a}}",
                               "{\"a\"\"b\"}"}) {
    Result<Strings> elements = DecodeTextArray(bad);
    ASSERT_FALSE(elements.ok()) << "'" << bad << "' decoded";
    EXPECT_EQ(elements.status().code(), Status::Code::kInternal) << bad;
  }
}

}  // namespace
}  // namespace samizdat::store::postgres
