// AbsolutizeUrls: relative links and images in post bodies point at the blog in feeds.
#include "feeds/absolutize.h"

#include <gtest/gtest.h>

namespace samizdat::feeds {
namespace {

TEST(AbsolutizeUrlsTest, RootRelativeHrefAndSrcGetTheBase) {
  EXPECT_EQ(AbsolutizeUrls("<a href=\"/2022/01/x.html\">x</a><img src=\"/i.png\" alt=\"\">",
                           "http://example.com"),
            "<a href=\"http://example.com/2022/01/x.html\">x</a>"
            "<img src=\"http://example.com/i.png\" alt=\"\">");
}

TEST(AbsolutizeUrlsTest, ProtocolRelativeTakesTheBaseScheme) {
  EXPECT_EQ(AbsolutizeUrls("<img src=\"//cdn.org/i.png\">", "http://example.com"),
            "<img src=\"http://cdn.org/i.png\">");
  EXPECT_EQ(AbsolutizeUrls("<img src=\"//cdn.org/i.png\">", "https://example.com"),
            "<img src=\"https://cdn.org/i.png\">");
}

TEST(AbsolutizeUrlsTest, OtherUrlsAreKept) {
  const std::string html =
      "<a href=\"https://other.org/\">a</a><a href=\"#c1\">b</a>"
      "<a href=\"mailto:x@y.z\">c</a><a href=\"page.html\">d</a>";
  EXPECT_EQ(AbsolutizeUrls(html, "http://example.com"), html);
}

TEST(AbsolutizeUrlsTest, TextThatLooksLikeAnAttributeIsNotTouched) {
  // Sanitizer output escapes '<' in text, so this is text, not a tag.
  const std::string html = "<p>write &lt;a href=\"/x\"&gt; or  href=\"/y\"</p>";
  EXPECT_EQ(AbsolutizeUrls(html, "http://example.com"), html);
}

TEST(AbsolutizeUrlsTest, OnlyHrefAndSrcAttributeNamesMatch) {
  // data-href is not an attribute our sanitizer keeps, but must not be mistaken anyway;
  // a title whose value contains ' href="/' is inside quotes and is kept.
  const std::string html = "<a title=\"x href=&quot;/a\" href=\"/b\">t</a>";
  EXPECT_EQ(AbsolutizeUrls(html, "http://example.com"),
            "<a title=\"x href=&quot;/a\" href=\"http://example.com/b\">t</a>");
}

TEST(AbsolutizeUrlsTest, EmptyAndUnterminatedInputIsSafe) {
  EXPECT_EQ(AbsolutizeUrls("", "http://example.com"), "");
  EXPECT_EQ(AbsolutizeUrls("<a href=\"/x", "http://example.com"), "<a href=\"http://example.com/x");
}

}  // namespace
}  // namespace samizdat::feeds
