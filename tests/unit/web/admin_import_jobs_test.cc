// ImportJobs: an upload imported on a thread of its own, its outcome kept for its blog
// only, a broken file's error naming the upload, a fetch-only job, one job per blog at a
// time, and the destructor waiting for a running import.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "../service/test_store.h"
#include "service/blogs.h"
#include "web/admin/import_jobs.h"

namespace samizdat::web::admin {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kExport = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Elsewhere</title>
  <link>https://elsewhere.example</link>
  <item>
    <title>First</title>
    <content:encoded><![CDATA[<p>One.</p>]]></content:encoded>
    <wp:post_id>1</wp:post_id>
    <wp:post_date_gmt>2022-01-15 15:18:00</wp:post_date_gmt>
    <wp:post_name>first</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
  <item>
    <title>Second</title>
    <content:encoded><![CDATA[<p>Two.</p>]]></content:encoded>
    <wp:post_id>2</wp:post_id>
    <wp:post_date_gmt>2022-01-16 15:18:00</wp:post_date_gmt>
    <wp:post_name>second</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>
</channel>
</rss>
)";

// The proxy libcurl goes through, `url` (none when empty), for this object's life.
class ProxyEnvironment {
 public:
  explicit ProxyEnvironment(const std::string& url) {
    for (const char* name : kNames) unsetenv(name);
    if (!url.empty()) setenv("http_proxy", url.c_str(), 1);
  }
  ~ProxyEnvironment() {
    for (const char* name : kNames) unsetenv(name);
  }
  ProxyEnvironment(const ProxyEnvironment&) = delete;
  ProxyEnvironment& operator=(const ProxyEnvironment&) = delete;

 private:
  static constexpr const char* kNames[] = {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy",
                                           "ALL_PROXY"};
};

class ImportJobsTest : public service::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    service::BlogChanges changes;
    changes.host = "a.test";
    changes.title = "A";
    blog_ = *service::BlogService(*store_).Create(changes);
  }

  // The job once it is done (polled; the import of a few posts takes milliseconds).
  static ImportJob Finished(const ImportJobs& jobs, int64_t blog_id, const std::string& id) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      std::optional<ImportJob> job = jobs.Get(blog_id, id);
      if (!job) {
        ADD_FAILURE() << "job " << id << " vanished";
        return {};
      }
      if (job->done) return *job;
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "job " << id << " did not end within a minute";
    return {};
  }

  // A blog on 127.0.0.1 whose post shows an upload of its own host, where nothing
  // listens (port 1): without a proxy, refused as not public; listed, never fatal.
  Blog LocalBlogWithImage() {
    service::BlogChanges changes;
    changes.host = "127.0.0.1";
    changes.title = "Local";
    auto blog = service::BlogService(*store_).Create(changes);
    EXPECT_TRUE(blog.ok()) << blog.status().ToString();
    if (!blog.ok()) return {};
    Post post;
    post.blog_id = blog->id;
    post.status = PostStatus::kPublished;
    post.title = "With an image";
    post.path = "/2020/01/with-an-image.html";
    post.source = R"(<p><img src="http://127.0.0.1:1/wp-content/uploads/x.jpg"></p>)";
    post.body_html = post.source;
    post.published = Now();
    post.updated = post.published;
    auto created = store_->CreatePost(post);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return *blog;
  }

  int Posts() {
    store::PostQuery query;
    query.blog_id = blog_.id;
    return *store_->CountPosts(query);
  }

  Blog blog_;
};

TEST_F(ImportJobsTest, ImportsIntoTheBlogAndKeepsTheSummaryForItsBlogOnly) {
  ImportJobs jobs(*store_);
  auto id = jobs.Start(blog_, "site.xml", kExport);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->size(), 32u);
  const ImportJob job = Finished(jobs, blog_.id, *id);
  ASSERT_TRUE(job.summary.has_value()) << job.error;
  EXPECT_EQ(job.filename, "site.xml");
  EXPECT_EQ(job.summary->posts, 2);
  EXPECT_EQ(job.summary->blog.id, blog_.id) << "imported into the request's blog";
  EXPECT_EQ(job.progress.posts_done, 2);
  EXPECT_EQ(Posts(), 2);
  EXPECT_FALSE(jobs.Get(blog_.id + 1, *id).has_value()) << "another blog sees the job";
  EXPECT_FALSE(jobs.Get(blog_.id, "0123456789abcdef0123456789abcdef").has_value());
}

TEST_F(ImportJobsTest, ABrokenFileFailsNamingTheUploadAndStoresNothing) {
  ImportJobs jobs(*store_);
  auto id = jobs.Start(blog_, "broken.xml", kExport.substr(0, kExport.find("<item>", 300)));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  const ImportJob job = Finished(jobs, blog_.id, *id);
  EXPECT_FALSE(job.summary.has_value());
  EXPECT_TRUE(job.error.starts_with("broken.xml:")) << job.error;
  EXPECT_EQ(job.error.find("samizdat-upload"), std::string::npos) << job.error;
  EXPECT_EQ(Posts(), 0);
}

TEST_F(ImportJobsTest, TheFilesOnTheOldHostsAreFetchedAfterTheImportWhichStands) {
  service::BlogChanges changes;
  changes.host = "127.0.0.1";
  changes.title = "Local";
  auto blog = service::BlogService(*store_).Create(changes);
  ASSERT_TRUE(blog.ok()) << blog.status().ToString();
  // An upload on the blog's own host, where nothing listens (port 1): listed, not fatal.
  std::string with_image(kExport);
  const std::string one = "<p>One.</p>";
  with_image.replace(with_image.find(one), one.size(),
                     R"(<img src="http://127.0.0.1:1/wp-content/uploads/x.jpg">)");
  ImportJobs jobs(*store_);
  auto id = jobs.Start(*blog, "site.xml", with_image);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  const ImportJob job = Finished(jobs, blog->id, *id);
  ASSERT_TRUE(job.summary.has_value()) << job.error;
  EXPECT_EQ(job.summary->posts, 2);
  EXPECT_TRUE(
      job.media.starts_with("0 files downloaded (0.0 MB), 0 already here, 1 failed: "
                            "http://127.0.0.1:1/wp-content/uploads/x.jpg ("))
      << job.media;
  ASSERT_TRUE(job.media_progress.has_value());
  EXPECT_EQ(job.media_progress->files_done, 1);
}

TEST_F(ImportJobsTest, AFetchOnlyJobFetchesTheFilesAndImportsNothing) {
  ProxyEnvironment none("");
  const Blog blog = LocalBlogWithImage();
  ImportJobs jobs(*store_);
  auto id = jobs.StartFetch(blog);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  const ImportJob job = Finished(jobs, blog.id, *id);
  EXPECT_TRUE(job.fetch_only);
  EXPECT_FALSE(job.summary.has_value()) << "a fetch imports nothing";
  EXPECT_TRUE(job.error.empty()) << job.error;
  EXPECT_TRUE(
      job.media.starts_with("0 files downloaded (0.0 MB), 0 already here, 1 failed: "
                            "http://127.0.0.1:1/wp-content/uploads/x.jpg ("))
      << job.media;
  ASSERT_TRUE(job.media_progress.has_value());
  EXPECT_EQ(job.media_progress->files_done, 1);
}

TEST_F(ImportJobsTest, AJobOfTheBlogWaitsForTheRunningFetch) {
  // A proxy that takes the connection and never answers: the fetch runs until the
  // proxy goes (its pending connection reset, then refused).
  const int proxy = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(proxy, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(proxy, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(::listen(proxy, 4), 0);
  ASSERT_EQ(::getsockname(proxy, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ProxyEnvironment through("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)));

  const Blog blog = LocalBlogWithImage();
  ImportJobs jobs(*store_);
  auto id = jobs.StartFetch(blog);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto again = jobs.StartFetch(blog);
  EXPECT_EQ(again.status().code(), Status::Code::kConflict) << again.status().ToString();
  auto import = jobs.Start(blog, "site.xml", kExport);
  EXPECT_EQ(import.status().code(), Status::Code::kConflict) << import.status().ToString();
  EXPECT_TRUE(jobs.StartFetch(blog_).ok()) << "another blog's fetch waits for nothing";
  EXPECT_FALSE(jobs.Get(blog.id, *id)->done);

  ::close(proxy);
  const ImportJob job = Finished(jobs, blog.id, *id);
  EXPECT_TRUE(job.media.starts_with("0 files downloaded (0.0 MB), 0 already here, 1 failed: "))
      << job.media;
  EXPECT_EQ(Posts(), 0) << "the refused import stored nothing";
  EXPECT_TRUE(jobs.StartFetch(blog).ok()) << "once done, the next may start";
}

TEST_F(ImportJobsTest, TheDestructorWaitsForARunningImport) {
  {
    ImportJobs jobs(*store_);
    ASSERT_TRUE(jobs.Start(blog_, "site.xml", kExport).ok());
  }
  EXPECT_EQ(Posts(), 2);
}

TEST_F(ImportJobsTest, OnlyTheLastJobsAreKept) {
  ImportJobs jobs(*store_);
  std::vector<std::string> ids;
  for (size_t i = 0; i < ImportJobs::kKeptJobs + 2; ++i) {
    auto id = jobs.Start(blog_, "site.xml", kExport);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    Finished(jobs, blog_.id, *id);
    ids.push_back(*id);
  }
  EXPECT_FALSE(jobs.Get(blog_.id, ids[0]).has_value());
  EXPECT_FALSE(jobs.Get(blog_.id, ids[1]).has_value());
  EXPECT_TRUE(jobs.Get(blog_.id, ids[2]).has_value());
  EXPECT_TRUE(jobs.Get(blog_.id, ids.back())->summary->posts_already_there == 2);
}

}  // namespace
}  // namespace samizdat::web::admin
