// SanitizeWithText's text, found in the sanitizer's own walk of the tree, is HtmlToText
// of its HTML, on every hostile body of tests/fixtures/hostile_comments.json and on
// random tag soup, under both policies: search and feeds see the same words as before.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_inputs.h"
#include "text/html_text.h"
#include "text/sanitize.h"

namespace samizdat::text {
namespace {

using std::string_literals::operator""s;

void ExpectTextOfHtml(const std::string& input) {
  for (SanitizePolicy policy : {SanitizePolicy::kPostBody, SanitizePolicy::kComment}) {
    SanitizeReport with_text_report;
    SanitizeReport report;
    const SanitizedBody body = SanitizeWithText(input, policy, &with_text_report);
    const std::string html = SanitizeHtml(input, policy, &report);
    ASSERT_EQ(body.html, html) << "input: " << ::testing::PrintToString(input);
    ASSERT_EQ(body.text, HtmlToText(html))
        << "input: " << ::testing::PrintToString(input) << "\nhtml: " << html;
    ASSERT_EQ(with_text_report.Describe(), report.Describe());
  }
}

TEST(SanitizeWithText, TextIsHtmlToTextOfTheHtmlOnHostileBodies) {
  const std::vector<std::string> bodies = testing::HostileBodies();
  ASSERT_GT(bodies.size(), 100u);
  for (const std::string& body : bodies) ExpectTextOfHtml(body);
}

TEST(SanitizeWithText, TextIsHtmlToTextOfTheHtmlOnChosenBodies) {
  const std::vector<std::string> bodies = {
      "<p>One</p><p>Two<br>three</p>",
      "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
      "<pre>\n\nindented\n  code</pre>",
      "<details><p>no summary</p></details>",
      "<video src=\"https://example.com/v.mp4\">fallback <b>text</b></video> after",
      "<audio src=\"https://example.com/a.mp3\"><p>fallback</p></audio>",
      "<iframe src=\"https://www.youtube.com/embed/x\">frames</iframe>",
      "<center>middle</center><strike>old</strike><tt>mono</tt>",
      "a&#13;b&#1;c &#x85; d\r\ne\rf",
      "<p>a</p>&#1;<p>b</p>",
      "x <!-- more --> y <a name=\"more\"></a> z",
      "<ul><li>one<li>two</ul><dl><dt>t<dd>d</dl>",
      "<p>unclosed <b>bold <i>both</p> after",
      "<script>no()</script><style>p{}</style><svg><text>no</text></svg> yes",
      "<input type=\"checkbox\" checked> done<hr>next",
      "<figure><img src=\"a.png\" alt=\"alt\"><figcaption>cap</figcaption></figure>",
      "caf\xc3\xa9 \xff bad\0nul"s,
  };
  for (const std::string& body : bodies) ExpectTextOfHtml(body);
}

TEST(SanitizeWithText, TextIsHtmlToTextOfTheHtmlOnRandomTagSoup) {
  const std::vector<std::string> pieces = {
      "<p>",
      "</p>",
      "<div>",
      "</div>",
      "<b>",
      "</b>",
      "<i>",
      "<a href=\"/x\">",
      "</a>",
      "<br>",
      "<hr>",
      "<pre>",
      "</pre>",
      "\n",
      "<table>",
      "<tr>",
      "<td>",
      "</td>",
      "<th>",
      "</table>",
      "<li>",
      "<ul>",
      "</ul>",
      "<blockquote>",
      "</blockquote>",
      "<h2>",
      "</h2>",
      "<span>",
      "</span>",
      "<details>",
      "<summary>",
      "</summary>",
      "</details>",
      "<video>",
      "</video>",
      "<font>",
      "</font>",
      "<script>",
      "</script>",
      "<!--x-->",
      "<!--more-->",
      "&amp;",
      "&#13;",
      "&#1;",
      "&nbsp;",
      " ",
      "  ",
      "\t",
      "\r\n",
      "word",
      "w",
      ">",
      "<center>",
      "<tt>",
      "<dl><dt>",
      "<dd>",
      "<figure>",
      "<figcaption>",
      "<img src=\"/a.png\">",
      "<q>",
      "<sup>",
      "<textarea>",
  };
  testing::ForRandomJoins(pieces, 4000, 16, [&](const std::string& input) {
    ExpectTextOfHtml(input);
    return !HasFailure();
  });
}

}  // namespace
}  // namespace samizdat::text
