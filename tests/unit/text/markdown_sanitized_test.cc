// Markdown posts end to end, as PostService stores them: MarkdownToHtml, then SanitizeHtml
// with the post policy. Some need the post policy's class, id, <section> and checkbox
// allowances (issue 15's sanitizer work).
#include <gtest/gtest.h>

#include "html_normalize.h"
#include "text/markdown.h"
#include "text/sanitize.h"

namespace samizdat::text {
namespace {

// The post body as stored, normalized (text/html_normalize.h).
std::string Post(std::string_view markdown) {
  Result<std::string> html = MarkdownToHtml(markdown);
  EXPECT_TRUE(html.ok()) << html.status().ToString();
  return testing::NormalizeHtml(SanitizeHtml(html.ok() ? *html : "", SanitizePolicy::kPostBody));
}

TEST(MarkdownPost, ShowsASwallowingTagAsTextAndKeepsTheRestOfThePost) {
  EXPECT_EQ(Post("Use the <textarea> element.\n\nThe rest of the post."),
            "<p>Use the &lt;textarea&gt; element.</p><p>The rest of the post.</p>");
  EXPECT_EQ(Post("<style>\np { color: red }\n</style>\n\nStill here."),
            "<p>&lt;style&gt;\np { color: red }\n&lt;/style&gt;</p><p>Still here.</p>");
  EXPECT_EQ(Post("<textarea> holds text.\n\n**Bold** after."),
            "<p>&lt;textarea&gt; holds text.</p><p><strong>Bold</strong> after.</p>");
  EXPECT_EQ(Post("An <iframe> without end.\n\nStill here."),
            "<p>An &lt;iframe&gt; without end.</p><p>Still here.</p>");
  // Unclosed, these hold the rest of the post, which the sanitizer removes with them.
  EXPECT_EQ(Post("Pick with <select> or draw with <svg>.\n\nStill here."),
            "<p>Pick with &lt;select&gt; or draw with &lt;svg&gt;.</p><p>Still here.</p>");
}

TEST(MarkdownPost, KeepsAYouTubeEmbed) {
  const std::string post = Post(
      "Watch:\n\n<iframe width=\"560\" height=\"315\" "
      "src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>\n\nAfter.");
  EXPECT_NE(post.find("<iframe"), std::string::npos) << post;
  EXPECT_NE(post.find("src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\""), std::string::npos)
      << post;
  EXPECT_NE(post.find("<p>After.</p>"), std::string::npos) << post;
}

TEST(MarkdownPost, KeepsTaskListCheckboxesWithTheirState) {
  EXPECT_EQ(Post("- [x] done\n- [ ] todo\n"),
            "<ul><li class=\"task-list-item\"><input checked=\"\" disabled=\"\" "
            "type=\"checkbox\"> done</li><li class=\"task-list-item\"><input disabled=\"\" "
            "type=\"checkbox\"> todo</li></ul>");
}

TEST(MarkdownPost, KeepsFootnotesWithTheirLinks) {
  EXPECT_EQ(Post("Text[^1].\n\n[^1]: The note.\n"),
            "<p>Text<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>.</p>"
            "<section class=\"footnotes\"><ol><li id=\"fn-1\"><p>The note. <a "
            "class=\"footnote-backref\" href=\"#fnref-1\">\u21a9</a></p></li></ol></section>");
  // A label with characters an id may not hold still links both ways.
  const std::string odd = Post("See[^javascript:alert(1)].\n\n[^javascript:alert(1)]: Odd.\n");
  EXPECT_NE(odd.find("href=\"#fn-javascript:alert.281.29\" id=\"fnref-javascript:alert.281.29\""),
            std::string::npos)
      << odd;
  EXPECT_NE(odd.find("<li id=\"fn-javascript:alert.281.29\">"), std::string::npos) << odd;
}

TEST(MarkdownPost, KeepsTheCodeLanguageAndRelativeLinks) {
  EXPECT_EQ(Post("```python\nprint(1)\n```\n"),
            "<pre><code class=\"language-python\">print(1)\n</code></pre>");
  EXPECT_EQ(Post("[next](other.html) [up](../index.html#top) ![x](pics/x.jpg)"),
            "<p><a href=\"other.html\">next</a> <a href=\"../index.html#top\">up</a> "
            "<img alt=\"x\" src=\"pics/x.jpg\"></p>");
}

}  // namespace
}  // namespace samizdat::text
