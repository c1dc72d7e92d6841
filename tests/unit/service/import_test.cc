// ImportService's WordPress content: galleries from the first read's attachments, and the
// summary of what the sanitizer removed.
#include "service/import.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "test_store.h"

namespace samizdat::service {
namespace {

const std::string kFixtures = std::string(SAMIZDAT_TEST_FIXTURES) + "/import/";

class ImportTest : public StoreTest {
 protected:
  Result<ImportSummary> Import(const std::string& path) {
    ImportOptions options;
    options.blog_host = "wp.example";
    return ImportService(*store_).Import(path, options);
  }
  std::string BodyAt(const std::string& path) {
    auto blogs = store_->ListBlogs();
    if (!blogs.ok() || blogs->empty()) return "";
    auto post = store_->GetPostByPath(blogs->front().id, path);
    return post.ok() ? post->body_html : "";
  }
  // A one-post WXR file written into the test's directory.
  std::string WriteWxr(const std::string& title, const std::string& content) {
    const std::string path = (dir_ / "one.xml").string();
    std::ofstream(path) << R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>One</title>
<link>https://wp.example</link><item><title>)" +
                               title + R"(</title><content:encoded><![CDATA[)" + content +
                               R"(]]></content:encoded><wp:post_id>7</wp:post_id>
<wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type></item></channel></rss>
)";
    return path;
  }
};

// The attachments come after the posts in the file: the storing read has them from the
// checking read.
TEST_F(ImportTest, GalleriesShowAttachmentsListedAfterThePost) {
  auto summary = Import(kFixtures + "wxr-shortcodes.xml");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  const std::string gallery = BodyAt("/2024/03/boats-in-gallery.html");
  EXPECT_NE(gallery.find("<img src=\"https://shortcodes.example.org/wp-content/uploads/2024/03/"
                         "ketch.jpg\""),
            std::string::npos)
      << gallery;
  EXPECT_NE(gallery.find("<figcaption>A red dinghy</figcaption>"), std::string::npos);
}

TEST_F(ImportTest, NothingRemovedNothingListed) {
  auto summary = Import(WriteWxr("Plain", "<p>Just <em>text</em>.</p>"));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->posts, 1);
  EXPECT_EQ(summary->posts_with_removals, 0);
  EXPECT_TRUE(summary->removed.empty());
  EXPECT_TRUE(summary->removal_titles.empty());
}

TEST_F(ImportTest, TheSummaryListsWhatTheSanitizerRemoved) {
  auto summary = Import(WriteWxr("Hostile",
                                 "<p>Hi</p><script>alert(1)</script><script>alert(2)</script>"
                                 "<iframe src=\"https://evil.example/x\"></iframe>"));
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->posts_with_removals, 1);
  EXPECT_EQ(summary->removal_titles, std::vector<std::string>{"Hostile"});
  EXPECT_GE(summary->removed.Total(), 3);
  const std::string described = summary->removed.Describe();
  EXPECT_NE(described.find("2 \u00d7 <script>"), std::string::npos) << described;
  EXPECT_NE(described.find("<iframe>"), std::string::npos) << described;
  EXPECT_EQ(BodyAt("/2024/03/hostile.html").find("script"), std::string::npos);
}

}  // namespace
}  // namespace samizdat::service
