// SQLite store: ChangeStamp moves on this Store's writes and on another process's writes
// (a second Store on the same file stands in for the other process), with no waiting.
#include <atomic>
#include <thread>
#include <vector>

#include "sqlite_test_util.h"

namespace samizdat::store {
namespace {

TEST_F(SqliteStoreTest, ChangeStampStableWithoutWrites) {
  NewBlog("a.example");
  uint64_t stamp = store_->ChangeStamp();
  Must(store_->ListBlogs());
  EXPECT_EQ(store_->ChangeStamp(), stamp);
}

TEST_F(SqliteStoreTest, ChangeStampMovesOnOwnWrite) {
  Blog blog = NewBlog("a.example");
  uint64_t before = store_->ChangeStamp();
  NewPost(blog.id, "x", 1000);
  uint64_t after = store_->ChangeStamp();
  EXPECT_NE(after, before);
  blog.title = "renamed";
  ASSERT_TRUE(store_->UpdateBlog(blog).ok());
  EXPECT_NE(store_->ChangeStamp(), after);
}

TEST_F(SqliteStoreTest, ChangeStampMovesOnAnotherStoresWrite) {
  Blog blog = NewBlog("a.example");
  std::unique_ptr<Store> other = Must(OpenSqliteStore(path_));
  for (int i = 0; i < 5; ++i) {
    uint64_t before = store_->ChangeStamp();
    Post post;
    post.blog_id = blog.id;
    post.path = "/p" + std::to_string(i) + ".html";
    Must(other->CreatePost(post));
    EXPECT_NE(store_->ChangeStamp(), before) << "write " << i;
  }
  // And the other store sees the data at once.
  EXPECT_EQ(Must(store_->GetBlog(blog.id)).generation, 6);
}

TEST_F(SqliteStoreTest, ReadersDoNotWaitForAnOpenWriteTransaction) {
  Blog blog = NewBlog("a.example");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "BEGIN IMMEDIATE; UPDATE blogs SET title = 'uncommitted';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  // The write lock is held by the other connection; reads still answer, from the last
  // committed state.
  EXPECT_EQ(Must(store_->GetBlog(blog.id)).title, "Blog at a.example");
  EXPECT_EQ(Must(store_->ListBlogs()).size(), 1u);
  sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
}

TEST_F(SqliteStoreTest, ConcurrentReadersAndWriter) {
  Blog blog = NewBlog("a.example");
  std::atomic<bool> failed{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      PostQuery q;
      q.blog_id = blog.id;
      for (int i = 0; i < 200; ++i) {
        Result<std::vector<Post>> posts = store_->ListPosts(q);
        Result<int> count = store_->CountPosts(q);
        if (!posts.ok() || !count.ok()) failed = true;
      }
    });
  }
  for (int i = 0; i < 50; ++i) NewPost(blog.id, "p" + std::to_string(i), i);
  for (std::thread& t : readers) t.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(Must(store_->CountPosts(QueryOf(blog.id))), 50);
}

}  // namespace
}  // namespace samizdat::store
