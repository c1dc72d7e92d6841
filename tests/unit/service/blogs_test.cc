// BlogService: validation of settings and the CLI's choice of blog.
#include "service/blogs.h"

#include "test_store.h"

namespace samizdat::service {
namespace {

BlogChanges Named(std::string host, std::string title) {
  BlogChanges changes;
  changes.host = std::move(host);
  changes.title = std::move(title);
  return changes;
}

TEST(NormalizeHostTest, LowerCasesAndDropsThePort) {
  EXPECT_EQ(NormalizeHost("Example.COM:8080"), "example.com");
  EXPECT_EQ(NormalizeHost("example.com"), "example.com");
  EXPECT_EQ(NormalizeHost("[::1]:8080"), "[::1]");
}

using BlogServiceTest = StoreTest;

TEST_F(BlogServiceTest, CreatesABlogWithItsSettings) {
  BlogChanges changes = Named("Example.com", "My blog");
  changes.time_zone = "Europe/Paris";
  changes.posts_per_page = 3;
  auto blog = BlogService(*store_).Create(changes);
  ASSERT_TRUE(blog.ok()) << blog.status().ToString();
  EXPECT_EQ(blog->host, "example.com");
  EXPECT_EQ(blog->time_zone, "Europe/Paris");
  EXPECT_EQ(blog->posts_per_page, 3);
}

TEST_F(BlogServiceTest, RefusesBadSettingsAndStoresNothing) {
  BlogService blogs(*store_);
  BlogChanges zone = Named("a.test", "A");
  zone.time_zone = "Mars/Olympus";
  EXPECT_TRUE(blogs.Create(zone).status().IsInvalidArgument());
  BlogChanges per_page = Named("a.test", "A");
  per_page.posts_per_page = 0;
  EXPECT_TRUE(blogs.Create(per_page).status().IsInvalidArgument());
  EXPECT_TRUE(blogs.Create(Named("bad host!", "A")).status().IsInvalidArgument());
  EXPECT_TRUE(blogs.Create(Named("a.test", "")).status().IsInvalidArgument());
  BlogChanges date = Named("a.test", "A");
  date.date_format = "";
  EXPECT_TRUE(blogs.Create(date).status().IsInvalidArgument());
  date.date_format = "d MMMM\nyyyy";
  EXPECT_TRUE(blogs.Create(date).status().IsInvalidArgument());
  EXPECT_TRUE(store_->ListBlogs()->empty());
}

TEST_F(BlogServiceTest, ResolveNeedsAHostOnlyWhenThereAreSeveralBlogs) {
  BlogService blogs(*store_);
  EXPECT_TRUE(blogs.Resolve("").status().IsNotFound());
  ASSERT_TRUE(blogs.Create(Named("a.test", "A")).ok());
  EXPECT_EQ(blogs.Resolve("")->host, "a.test");
  ASSERT_TRUE(blogs.Create(Named("b.test", "B")).ok());
  EXPECT_TRUE(blogs.Resolve("").status().IsInvalidArgument());
  EXPECT_EQ(blogs.Resolve("B.TEST")->title, "B");
  EXPECT_TRUE(blogs.Resolve("c.test").status().IsNotFound());
}

TEST_F(BlogServiceTest, UpdateChangesOnlyWhatIsGiven) {
  BlogService blogs(*store_);
  BlogChanges changes = Named("a.test", "A");
  changes.description = "kept";
  ASSERT_TRUE(blogs.Create(changes).ok());
  BlogChanges title;
  title.title = "New title";
  title.date_format = "d MMMM yyyy";
  auto updated = blogs.Update("a.test", title);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->title, "New title");
  EXPECT_EQ(updated->date_format, "d MMMM yyyy");
  EXPECT_EQ(updated->time_format, "h:mm a");
  EXPECT_EQ(updated->description, "kept");
}

}  // namespace
}  // namespace samizdat::service
