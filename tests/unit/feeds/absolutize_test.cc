// AbsolutizeUrls and ResolveUrl: relative links, images and embeds in a post's body
// point where they point on the post's own page, whatever feed they are read in.
#include "feeds/absolutize.h"

#include <gtest/gtest.h>

#include <string>

namespace samizdat::feeds {
namespace {

constexpr std::string_view kPostUrl = "https://host.example/2024/05/post.html";

TEST(ResolveUrlTest, RelativeReferencesResolveAgainstThePostsOwnUrl) {
  const struct {
    std::string_view reference, resolved;
  } cases[] = {
      {"pics/x.jpg", "https://host.example/2024/05/pics/x.jpg"},
      {"other.html", "https://host.example/2024/05/other.html"},
      {"./other.html", "https://host.example/2024/05/other.html"},
      {"#anchor", "https://host.example/2024/05/post.html#anchor"},
      {"../x", "https://host.example/2024/x"},
      {"../../../../x", "https://host.example/x"},
      {"../../..", "https://host.example/"},
      {"/../a/../../b?q#f", "https://host.example/b?q#f"},
      {"/abs", "https://host.example/abs"},
      {"/media/a.png?w=1#f", "https://host.example/media/a.png?w=1#f"},
      {"?page=2", "https://host.example/2024/05/post.html?page=2"},
      {"//cdn.example/i.png", "https://cdn.example/i.png"},
      {"", "https://host.example/2024/05/post.html"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ResolveUrl(kPostUrl, c.reference), c.resolved) << c.reference;
  }
}

TEST(ResolveUrlTest, AbsoluteUrlsAreReturnedAsWritten) {
  for (std::string_view url : {"https://other.org/a/../b", "http://x.org/caf\xc3\xa9",
                               "mailto:someone@example.com", "HTTPS://Other.org/"}) {
    EXPECT_EQ(ResolveUrl(kPostUrl, url), url);
  }
}

TEST(ResolveUrlTest, SpacesAndNonAsciiArePercentEncodedAsBrowsersDo) {
  EXPECT_EQ(ResolveUrl(kPostUrl, "  my pics/caf\xc3\xa9.jpg\n"),
            "https://host.example/2024/05/my%20pics/caf%C3%A9.jpg");
  EXPECT_EQ(ResolveUrl(kPostUrl, "a%20b.html"), "https://host.example/2024/05/a%20b.html");
}

TEST(ResolveUrlTest, WhatIsNoUriReferenceDoesNotResolve) {
  EXPECT_EQ(ResolveUrl(kPostUrl, "100%.html"), std::nullopt);
  EXPECT_EQ(ResolveUrl(kPostUrl, "a[1].html"), std::nullopt);
  EXPECT_EQ(ResolveUrl("not a url", "x.html"), std::nullopt);
  EXPECT_EQ(ResolveUrl("/relative/base.html", "x.html"), std::nullopt);
}

TEST(AbsolutizeUrlsTest, EveryUrlAttributeResolvesAgainstThePost) {
  EXPECT_EQ(
      AbsolutizeUrls("<p><a href=\"other.html\">o</a> <img src=\"pics/x.jpg\" alt=\"x\"> "
                     "<a href=\"#more\">m</a></p><blockquote cite=\"../q.html\">q</blockquote>"
                     "<video src=\"v.mp4\" poster=\"/p.jpg\"><source src=\"v.webm\">"
                     "<track src=\"subs.vtt\"></video><iframe src=\"//www.youtube.com/embed/x\">"
                     "</iframe>",
                     kPostUrl),
      "<p><a href=\"https://host.example/2024/05/other.html\">o</a> "
      "<img src=\"https://host.example/2024/05/pics/x.jpg\" alt=\"x\"> "
      "<a href=\"https://host.example/2024/05/post.html#more\">m</a></p>"
      "<blockquote cite=\"https://host.example/2024/q.html\">q</blockquote>"
      "<video src=\"https://host.example/2024/05/v.mp4\" poster=\"https://host.example/p.jpg\">"
      "<source src=\"https://host.example/2024/05/v.webm\">"
      "<track src=\"https://host.example/2024/05/subs.vtt\"></video>"
      "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>");
}

TEST(AbsolutizeUrlsTest, AbsoluteAndUnresolvableValuesAndAllOtherBytesAreKept) {
  const std::string html =
      "<p class=\"c\" title=\"&quot;x&quot;\">A &amp; B <a "
      "href=\"https://other.org/a?b=1&amp;c=2\">"
      "a</a><a href=\"mailto:x@y.z\">c</a><a href=\"100%.html\">d</a></p>";
  EXPECT_EQ(AbsolutizeUrls(html, kPostUrl), html);
}

TEST(AbsolutizeUrlsTest, ResolvedValuesAreEscapedInTheAttribute) {
  EXPECT_EQ(AbsolutizeUrls("<a href=\"x.html?a=1&amp;b=2\">x</a>", kPostUrl),
            "<a href=\"https://host.example/2024/05/x.html?a=1&amp;b=2\">x</a>");
}

TEST(AbsolutizeUrlsTest, TextThatLooksLikeAnAttributeIsNotTouched) {
  // '<' in text is escaped, so this is text, not a tag; a title holding ' href="/' too.
  const std::string html =
      "<p>write &lt;a href=\"/x\"&gt; or  href=\"/y\"</p><a title=\"x href=&quot;/a\">t</a>";
  EXPECT_EQ(AbsolutizeUrls(html, kPostUrl), html);
}

TEST(AbsolutizeUrlsTest, MisnestedLinksAreRewrittenOnce) {
  // gumbo copies the <a> into the second paragraph; its href is written once.
  EXPECT_EQ(AbsolutizeUrls("<p><a href=\"x.html\">one</p><p>two</a></p>", kPostUrl),
            "<p><a href=\"https://host.example/2024/05/x.html\">one</p><p>two</a></p>");
}

TEST(AbsolutizeUrlsTest, EmptyAndUnterminatedInputIsKept) {
  EXPECT_EQ(AbsolutizeUrls("", kPostUrl), "");
  // A tag cut off by the end of input is no tag (HTML5): nothing to rewrite.
  EXPECT_EQ(AbsolutizeUrls("<a href=\"/x", kPostUrl), "<a href=\"/x");
}

}  // namespace
}  // namespace samizdat::feeds
