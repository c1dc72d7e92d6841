// Store contract (every backend): creating, listing and updating blogs; generations.
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class BlogsTest : public StoreTest {};

TEST_P(BlogsTest, CreateBlogAssignsIdAndKeepsSettings) {
  Blog blog;
  blog.host = "otto.example";
  blog.title = "A war room";
  blog.description = "Notes";
  blog.banner_url = "/banner.png";
  blog.banner_alt = "banner";
  blog.time_zone = "Europe/Paris";
  blog.locale = "fr";
  blog.posts_per_page = 3;
  blog.date_format = "d MMMM yyyy";
  blog.time_format = "HH:mm";
  Blog created = Must(store_->CreateBlog(blog));
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.generation, 1);
  EXPECT_GT(created.created.time_since_epoch().count(), 0);

  Blog read = Must(store_->GetBlog(created.id));
  EXPECT_EQ(read.host, "otto.example");
  EXPECT_EQ(read.title, "A war room");
  EXPECT_EQ(read.description, "Notes");
  EXPECT_EQ(read.banner_url, "/banner.png");
  EXPECT_EQ(read.banner_alt, "banner");
  EXPECT_EQ(read.time_zone, "Europe/Paris");
  EXPECT_EQ(read.locale, "fr");
  EXPECT_EQ(read.posts_per_page, 3);
  EXPECT_EQ(read.date_format, "d MMMM yyyy");
  EXPECT_EQ(read.time_format, "HH:mm");
  EXPECT_EQ(read.created, created.created);
}

TEST_P(BlogsTest, ImportedBlogKeepsItsIdAndCreationTime) {
  Blog blog;
  blog.id = 8735244591571808512;  // a Blogger-sized id
  blog.host = "imported.example";
  blog.created = At(1234567890123);
  blog.imported_from = "https://imported.blogspot.com/";
  Blog created = Must(store_->CreateBlog(blog));
  EXPECT_EQ(created.id, 8735244591571808512);
  EXPECT_EQ(created.created, At(1234567890123));
  EXPECT_EQ(created.imported_from, "https://imported.blogspot.com/");

  Blog again;
  again.id = blog.id;
  again.host = "other.example";
  Status clash = store_->CreateBlog(again).status();
  EXPECT_TRUE(clash.IsConflict());
  EXPECT_NE(clash.message().find("8735244591571808512"), std::string::npos) << clash.message();
}

TEST_P(BlogsTest, HostIsUnique) {
  NewBlog("a.example");
  Blog dup;
  dup.host = "a.example";
  Status st = store_->CreateBlog(dup).status();
  EXPECT_TRUE(st.IsConflict());
  EXPECT_NE(st.message().find("a.example"), std::string::npos) << st.message();
  EXPECT_EQ(Must(store_->ListBlogs()).size(), 1u);
}

TEST_P(BlogsTest, ListBlogsOldestFirst) {
  Blog first;
  first.host = "first.example";
  first.created = At(1000);
  Blog second;
  second.host = "second.example";
  second.created = At(2000);
  Must(store_->CreateBlog(second));
  Must(store_->CreateBlog(first));
  std::vector<Blog> blogs = Must(store_->ListBlogs());
  ASSERT_EQ(blogs.size(), 2u);
  EXPECT_EQ(blogs[0].host, "first.example");
  EXPECT_EQ(blogs[1].host, "second.example");
}

TEST_P(BlogsTest, UpdateBlogReplacesSettingsAndBumpsGeneration) {
  Blog blog = NewBlog("a.example");
  blog.title = "New title";
  blog.host = "b.example";
  blog.imported_from = "https://a.wordpress.com/";
  ASSERT_TRUE(store_->UpdateBlog(blog).ok());
  Blog read = Must(store_->GetBlog(blog.id));
  EXPECT_EQ(read.title, "New title");
  EXPECT_EQ(read.host, "b.example");
  EXPECT_EQ(read.imported_from, "https://a.wordpress.com/");
  EXPECT_EQ(read.generation, 2);
  EXPECT_GE(read.updated, blog.updated);
}

TEST_P(BlogsTest, UpdateBlogToTakenHostIsConflictAndChangesNothing) {
  Blog a = NewBlog("a.example");
  NewBlog("b.example");
  a.host = "b.example";
  a.title = "changed";
  Status st = store_->UpdateBlog(a);
  EXPECT_TRUE(st.IsConflict());
  EXPECT_NE(st.message().find("b.example"), std::string::npos);
  Blog read = Must(store_->GetBlog(a.id));
  EXPECT_EQ(read.host, "a.example");
  EXPECT_EQ(read.title, "Blog at a.example");
  EXPECT_EQ(read.generation, 1);
}

TEST_P(BlogsTest, MissingBlogIsNotFound) {
  EXPECT_TRUE(store_->GetBlog(42).status().IsNotFound());
  Blog ghost;
  ghost.id = 42;
  ghost.host = "ghost.example";
  EXPECT_TRUE(store_->UpdateBlog(ghost).IsNotFound());
}

TEST_P(BlogsTest, EveryPostWriteBumpsGeneration) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  EXPECT_EQ(Generation(blog.id), 1);
  Post post = NewPost(blog.id, "x", 1000);
  EXPECT_EQ(Generation(blog.id), 2);
  post.title = "changed";
  ASSERT_TRUE(store_->UpdatePost(post).ok());
  EXPECT_EQ(Generation(blog.id), 3);
  ASSERT_TRUE(store_->DeletePost(blog.id, post.id).ok());
  EXPECT_EQ(Generation(blog.id), 4);
  EXPECT_EQ(Generation(other.id), 1);  // the other blog's caches stay
}

TEST_P(BlogsTest, FailedWriteDoesNotBumpGeneration) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "x", 1000);
  int64_t before = Generation(blog.id);
  Post clash;
  clash.blog_id = blog.id;
  clash.path = "/2022/01/x.html";
  EXPECT_TRUE(store_->CreatePost(clash).status().IsConflict());
  EXPECT_TRUE(store_->DeletePost(blog.id, 12345).IsNotFound());
  EXPECT_EQ(Generation(blog.id), before);
}

SAMIZDAT_ON_EVERY_STORE(BlogsTest);

}  // namespace
}  // namespace samizdat::store
