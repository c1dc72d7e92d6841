// HeadContentHtml: each tag of the head, escaping, and JSON-LD that parses and cannot
// close its <script>.
#include "render/head_content.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

namespace samizdat::render {
namespace {

const std::string kBase = "https://example.com";

Blog TestBlog() {
  Blog blog;
  blog.id = 1;
  blog.title = "Tides & Harbors";
  blog.description = "Notes from the quay";
  return blog;
}

PageView ItemPage() {
  PageView page;
  page.kind = PageKind::kItem;
  page.title = "Tides & Harbors: Spring \"tide\"";
  page.canonical_url = "/2022/01/spring-tide.html";
  PostView post;
  post.id = "5678";
  post.title = "Spring \"tide\"";
  post.url = "/2022/01/spring-tide.html";
  post.author = "Mira";
  post.iso_time = "2022-01-15T16:18:00.000+01:00";
  post.iso_updated = "2022-01-16T09:00:00.000+01:00";
  post.comments_feed_url = "/feeds/5678/comments/default";
  post.description = "The water rose past the third step before noon.";
  post.first_image_url = "/media/tide.jpg";
  page.posts.push_back(post);
  return page;
}

bool Has(const std::string& html, std::string_view needle) {
  return html.find(needle) != std::string::npos;
}

// The JSON-LD block's text.
std::string JsonLd(const std::string& html) {
  const std::string open = "<script type=\"application/ld+json\">";
  const size_t start = html.find(open);
  if (start == std::string::npos) return "";
  const size_t end = html.find("</script>", start);
  return html.substr(start + open.size(), end - start - open.size());
}

TEST(HeadContentTest, ItemPageHasEveryTag) {
  const std::string html = HeadContentHtml(TestBlog(), ItemPage(), kBase);
  EXPECT_TRUE(Has(html, "<title>Tides &amp; Harbors: Spring &quot;tide&quot;</title>\n")) << html;
  EXPECT_TRUE(Has(html,
                  "<meta name=\"description\" content=\"The water rose past the third "
                  "step before noon.\">"));
  EXPECT_TRUE(Has(html,
                  "<link rel=\"canonical\" href=\"https://example.com/2022/01/"
                  "spring-tide.html\">"));
  EXPECT_TRUE(Has(html,
                  "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Tides "
                  "&amp; Harbors - Atom\" href=\"https://example.com/feeds/posts/default\">"));
  EXPECT_TRUE(Has(html,
                  "type=\"application/rss+xml\" title=\"Tides &amp; Harbors - RSS\" "
                  "href=\"https://example.com/feeds/posts/default?alt=rss\">"));
  EXPECT_TRUE(Has(html, "href=\"https://example.com/feeds/5678/comments/default\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:type\" content=\"article\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:site_name\" content=\"Tides &amp; Harbors\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:title\" content=\"Spring &quot;tide&quot;\">"));
  EXPECT_TRUE(Has(html,
                  "<meta property=\"og:url\" content=\"https://example.com/2022/01/"
                  "spring-tide.html\">"));
  EXPECT_TRUE(Has(html,
                  "<meta property=\"og:image\" content=\"https://example.com/media/"
                  "tide.jpg\">"));
  EXPECT_TRUE(Has(html, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));

  const boost::json::value ld = boost::json::parse(JsonLd(html));
  EXPECT_EQ(ld.at("@type").as_string(), "BlogPosting");
  EXPECT_EQ(ld.at("headline").as_string(), "Spring \"tide\"");
  EXPECT_EQ(ld.at("datePublished").as_string(), "2022-01-15T16:18:00.000+01:00");
  EXPECT_EQ(ld.at("dateModified").as_string(), "2022-01-16T09:00:00.000+01:00");
  EXPECT_EQ(ld.at("author").at("name").as_string(), "Mira");
  EXPECT_EQ(ld.at("image").as_string(), "https://example.com/media/tide.jpg");
  EXPECT_EQ(ld.at("mainEntityOfPage").at("@id").as_string(),
            "https://example.com/2022/01/spring-tide.html");
}

TEST(HeadContentTest, ListPagesUseTheBlogsDescriptionAndNoJsonLd) {
  PageView page;
  page.kind = PageKind::kIndex;
  page.title = "Tides & Harbors";
  page.canonical_url = "/";
  page.posts.push_back(ItemPage().posts.front());  // a list's posts do not describe it
  const std::string html = HeadContentHtml(TestBlog(), page, kBase);
  EXPECT_TRUE(Has(html, "<meta name=\"description\" content=\"Notes from the quay\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:type\" content=\"website\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:title\" content=\"Tides &amp; Harbors\">"));
  EXPECT_TRUE(Has(html, "<meta name=\"twitter:card\" content=\"summary\">"));
  EXPECT_FALSE(Has(html, "og:image"));
  EXPECT_FALSE(Has(html, "ld+json"));
  EXPECT_FALSE(Has(html, "/feeds/5678/comments")) << "no post comments feed on a list";
}

TEST(HeadContentTest, ItemWithoutTextOrImageFallsBack) {
  PageView page = ItemPage();
  page.posts[0].description.clear();
  page.posts[0].first_image_url.clear();
  const std::string html = HeadContentHtml(TestBlog(), page, kBase);
  EXPECT_TRUE(Has(html, "<meta name=\"description\" content=\"Notes from the quay\">"));
  EXPECT_TRUE(Has(html, "<meta name=\"twitter:card\" content=\"summary\">"));
  EXPECT_FALSE(Has(html, "og:image"));
  // An absolute image URL is kept as it is.
  page.posts[0].first_image_url = "https://cdn.example.org/a.png?x=1&y=2";
  EXPECT_TRUE(Has(HeadContentHtml(TestBlog(), page, kBase),
                  "<meta property=\"og:image\" content=\"https://cdn.example.org/a.png?x=1&amp;"
                  "y=2\">"));
}

TEST(HeadContentTest, JsonLdCannotCloseItsScript) {
  PageView page = ItemPage();
  page.posts[0].title = "</script><script>alert(1)</script><!--";
  page.posts[0].author = "A & B </SCRIPT>";
  const std::string html = HeadContentHtml(TestBlog(), page, kBase);
  const std::string ld = JsonLd(html);
  EXPECT_EQ(ld.find('<'), std::string::npos) << ld;
  EXPECT_EQ(ld.find('>'), std::string::npos) << ld;
  // Exactly one script element, closed where the head content closes it.
  EXPECT_EQ(html.find("<script"), html.rfind("<script"));
  const boost::json::value parsed = boost::json::parse(ld);
  EXPECT_EQ(parsed.at("headline").as_string(), "</script><script>alert(1)</script><!--");
  EXPECT_EQ(parsed.at("author").at("name").as_string(), "A & B </SCRIPT>");
  // And the same title in the other tags is escaped HTML.
  EXPECT_TRUE(
      Has(html, "content=\"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--\">"));
}

TEST(HeadContentTest, ErrorPagesHaveNoCanonicalLink) {
  PageView page;
  page.kind = PageKind::kError;
  page.title = "Tides & Harbors";
  const std::string html = HeadContentHtml(TestBlog(), page, kBase);
  EXPECT_FALSE(Has(html, "rel=\"canonical\""));
  EXPECT_FALSE(Has(html, "og:url"));
  EXPECT_TRUE(Has(html, "<title>Tides &amp; Harbors</title>"));
}

}  // namespace
}  // namespace samizdat::render
