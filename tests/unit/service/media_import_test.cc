// MediaImportService without a network: files that cannot be had are listed with why and
// change nothing; foreign files are not fetched at all; the summary line. (Downloads that
// work: tests/integration/test_media_import.py, against a local server.)
#include "service/media_import.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "test_store.h"

namespace samizdat::service {
namespace {

class MediaImportTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    // A proxy in the environment would carry the connections (and decide for itself).
    for (const char* name :
         {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
      unsetenv(name);
    }
  }

  Post AddPost(const Blog& blog, const std::string& html) {
    Post post;
    post.blog_id = blog.id;
    post.status = PostStatus::kPublished;
    post.title = "With images";
    post.path = "/2020/01/with-images.html";
    post.source = html;
    post.body_html = html;
    post.published = Now();
    post.updated = post.published;
    auto created = store_->CreatePost(post);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : post;
  }

  static MediaImportOptions Quick() {
    MediaImportOptions options;
    options.fetch.backoff = std::chrono::milliseconds(1);
    options.fetch.timeout = std::chrono::milliseconds(5000);
    return options;
  }
};

TEST_F(MediaImportTest, AFileThatCannotBeHadIsListedAndChangesNothing) {
  Blog blog = CreateBlog("example.com", "Moved");
  // On the loopback: refused before any connection (not a public address).
  blog.imported_from = "http://127.0.0.1:1/";
  const std::string html = R"(<p><img src="/wp-content/uploads/2020/01/x.jpg"></p>)";
  const Post post = AddPost(blog, html);

  auto summary = MediaImportService(*store_).Run(blog, Quick());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->downloaded, 0);
  ASSERT_EQ(summary->failed.size(), 1u);
  EXPECT_EQ(summary->failed[0].url, "http://127.0.0.1:1/wp-content/uploads/2020/01/x.jpg");
  EXPECT_EQ(summary->failed[0].reason, "127.0.0.1 is not a public address: refused")
      << summary->failed[0].reason;
  auto after = store_->GetPost(blog.id, post.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->source, html);
  EXPECT_EQ(after->body_html, html);
  auto redirects = store_->ListRedirects(blog.id);
  ASSERT_TRUE(redirects.ok());
  EXPECT_TRUE(redirects->empty());
}

TEST_F(MediaImportTest, ForeignFilesAreNotFetched) {
  const Blog blog = CreateBlog("example.com", "Own images");
  AddPost(blog, R"(<img src="http://127.0.0.1:1/photo.jpg"><a href="/2020/01/x.html">x</a>)");
  auto summary = MediaImportService(*store_).Run(blog, Quick());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->failed.empty());
  EXPECT_EQ(DescribeMediaImport(*summary), "nothing to fetch from the old blog's hosts");
}

TEST(DescribeMediaImportTest, CountsAndTheFirstFailures) {
  MediaImportSummary summary;
  summary.downloaded = 12;
  summary.bytes = 3'400'000;
  summary.already_here = 2;
  summary.failed = {{"https://a/1.jpg", "HTTP 404"}};
  EXPECT_EQ(DescribeMediaImport(summary),
            "12 files downloaded (3.4 MB), 2 already here, 1 failed: https://a/1.jpg (HTTP 404)");
  summary.failed.push_back({"https://a/2.jpg", "HTTP 500 (3 attempts)"});
  summary.failed.push_back({"https://a/3.jpg", "timed out after 60 s"});
  EXPECT_EQ(DescribeMediaImport(summary, 1),
            "12 files downloaded (3.4 MB), 2 already here, 3 failed: https://a/1.jpg (HTTP 404) "
            "and 2 more");
}

}  // namespace
}  // namespace samizdat::service
