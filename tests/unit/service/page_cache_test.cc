// PageCache: generation checks, per-blog and per-post comment drops, expiry, the byte
// budget, and CachedPage::Make.
#include "service/page_cache.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace samizdat::service {
namespace {

std::shared_ptr<const CachedPage> Page(const std::string& body) {
  return CachedPage::Make(200, "text/html", body, FromEpochMillis(1'000'000));
}

std::string Gunzip(const std::string& gz) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  stream.avail_in = static_cast<uInt>(gz.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

TEST(CachedPageTest, MakeKeepsBodyAndAGzipCopyOfIt) {
  auto page = Page("<p>hello hello hello</p>");
  EXPECT_EQ(*page->body, "<p>hello hello hello</p>");
  EXPECT_EQ(Gunzip(*page->gzip_body), *page->body);
  EXPECT_EQ(page->etag.front(), '"');
  EXPECT_EQ(page->etag.back(), '"');
}

TEST(CachedPageTest, EtagFollowsTheBytes) {
  EXPECT_EQ(Page("a")->etag, Page("a")->etag);
  EXPECT_NE(Page("a")->etag, Page("b")->etag);
}

TEST(PageCacheTest, FindsWhatWasPutAtTheSameGeneration) {
  PageCache cache(1 << 20, 1000);
  cache.Put(1, 5, "/", Page("home"));
  ASSERT_NE(cache.Find(1, 5, "/"), nullptr);
  EXPECT_EQ(*cache.Find(1, 5, "/")->body, "home");
  EXPECT_EQ(cache.Find(1, 6, "/"), nullptr) << "a newer generation must miss";
  EXPECT_EQ(cache.Find(2, 5, "/"), nullptr) << "another blog's key must miss";
  EXPECT_EQ(cache.Find(1, 5, "/other"), nullptr);
}

TEST(PageCacheTest, DropBlogDropsOnlyThatBlog) {
  PageCache cache(1 << 20, 1000);
  cache.Put(1, 1, "/", Page("one"));
  cache.Put(1, 1, "/p/x.html", Page("one-x"));
  cache.Put(2, 1, "/", Page("two"));
  cache.DropBlog(1);
  EXPECT_EQ(cache.Find(1, 1, "/"), nullptr);
  EXPECT_EQ(cache.Find(1, 1, "/p/x.html"), nullptr);
  EXPECT_NE(cache.Find(2, 1, "/"), nullptr);
}

TEST(PageCacheTest, StaysWithinItsBudgetByEvictingTheOldest) {
  PageCache cache(8 * 1024, 1000);
  const std::string big(2000, 'x');
  for (int i = 0; i < 20; ++i)
    cache.Put(1, 1, "/" + std::to_string(i), Page(big + std::to_string(i)));
  EXPECT_LE(cache.bytes(), 8u * 1024);
  EXPECT_EQ(cache.Find(1, 1, "/0"), nullptr) << "the oldest page goes first";
  EXPECT_NE(cache.Find(1, 1, "/19"), nullptr) << "the newest page stays";
}

TEST(PageCacheTest, ReplacingAKeyDoesNotLeakBytes) {
  PageCache cache(1 << 20, 1000);
  cache.Put(1, 1, "/", Page("first"));
  const std::size_t once = cache.bytes();
  cache.Put(1, 2, "/", Page("first"));
  EXPECT_EQ(cache.bytes(), once);
  EXPECT_NE(cache.Find(1, 2, "/"), nullptr);
}

TEST(PageCacheTest, APageLargerThanTheBudgetIsNotKept) {
  PageCache cache(1024, 1000);
  cache.Put(1, 1, "/", Page(std::string(5000, 'y')));
  EXPECT_EQ(cache.Find(1, 1, "/"), nullptr);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(CachedPageTest, SealMovesBothBodiesIntoSealedFiles) {
  auto page = Page("<p>sealed</p>");
  auto sealed = CachedPage::Seal(page);
  ASSERT_NE(sealed->sealed_body, nullptr);
  ASSERT_NE(sealed->sealed_gzip_body, nullptr);
  EXPECT_EQ(sealed->body, nullptr) << "the bytes are no longer kept twice";
  EXPECT_EQ(sealed->sealed_body->bytes(), "<p>sealed</p>");
  EXPECT_EQ(Gunzip(std::string(sealed->sealed_gzip_body->bytes())), "<p>sealed</p>");
  EXPECT_EQ(sealed->etag, page->etag);
  EXPECT_EQ(sealed->files(), 2u);
  EXPECT_EQ(sealed->bytes(), page->bytes());
}

TEST(PageCacheTest, StaysWithinItsFileBudget) {
  PageCache cache(1 << 20, 5);
  for (int i = 0; i < 4; ++i) cache.Put(1, 1, "/" + std::to_string(i), CachedPage::Seal(Page("x")));
  EXPECT_LE(cache.files(), 5u);
  EXPECT_EQ(cache.Find(1, 1, "/0"), nullptr);
  EXPECT_EQ(cache.Find(1, 1, "/1"), nullptr);
  EXPECT_NE(cache.Find(1, 1, "/3"), nullptr);
  cache.DropBlog(1);
  EXPECT_EQ(cache.files(), 0u);
}

TEST(PageCacheTest, ACommentDropsOnlyThePagesShowingItsPost) {
  PageCache cache(1 << 20, 1000);
  cache.Put(1, 1, "/2022/01/a.html", Page("a"), CommentDeps{{10}, false, 5});
  cache.Put(1, 1, "/", Page("home"), CommentDeps{{10, 11}, false, 5});
  cache.Put(1, 1, "/2022/01/b.html", Page("b"), CommentDeps{{11}, false, 5});
  cache.Put(1, 1, "feed comments", Page("feed"), CommentDeps{{}, true, 5});
  cache.Put(1, 1, "/sitemap.xml", Page("map"));
  cache.Put(2, 1, "/2022/01/a.html", Page("other blog"), CommentDeps{{10}, false, 5});
  cache.DropComments(1, 6, {10});
  EXPECT_EQ(cache.Find(1, 1, "/2022/01/a.html"), nullptr);
  EXPECT_EQ(cache.Find(1, 1, "/"), nullptr) << "the home page shows post 10's count";
  EXPECT_EQ(cache.Find(1, 1, "feed comments"), nullptr) << "the comments feed shows them all";
  EXPECT_NE(cache.Find(1, 1, "/2022/01/b.html"), nullptr);
  EXPECT_NE(cache.Find(1, 1, "/sitemap.xml"), nullptr);
  EXPECT_NE(cache.Find(2, 1, "/2022/01/a.html"), nullptr) << "another blog's post 10 stays";
}

TEST(PageCacheTest, APageRenderedBeforeACommentChangeIsNotKept) {
  PageCache cache(1 << 20, 1000);
  cache.DropComments(1, 7, {10});
  // Rendering began when the blog's comment_seq was 6: it may miss comment 7.
  cache.Put(1, 1, "/2022/01/a.html", Page("stale"), CommentDeps{{10}, false, 6});
  EXPECT_EQ(cache.Find(1, 1, "/2022/01/a.html"), nullptr);
  cache.Put(1, 1, "feed", Page("stale feed"), CommentDeps{{}, true, 6});
  EXPECT_EQ(cache.Find(1, 1, "feed"), nullptr);
  // Pages of other posts, and pages rendered after the change, are kept.
  cache.Put(1, 1, "/2022/01/b.html", Page("b"), CommentDeps{{11}, false, 6});
  EXPECT_NE(cache.Find(1, 1, "/2022/01/b.html"), nullptr);
  cache.Put(1, 1, "/2022/01/a.html", Page("fresh"), CommentDeps{{10}, false, 7});
  EXPECT_NE(cache.Find(1, 1, "/2022/01/a.html"), nullptr);
}

TEST(PageCacheTest, AnExpiredPageMisses) {
  PageCache cache(1 << 20, 1000);
  cache.Put(1, 1, "/old", Page("old"), {}, PageCache::Clock::now() - std::chrono::seconds(1));
  cache.Put(1, 1, "/new", Page("new"), {}, PageCache::Clock::now() + std::chrono::hours(1));
  EXPECT_EQ(cache.Find(1, 1, "/old"), nullptr);
  EXPECT_NE(cache.Find(1, 1, "/new"), nullptr);
}

}  // namespace
}  // namespace samizdat::service
