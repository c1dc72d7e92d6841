// Store contract (every backend): ChangeStamp moves on this Store's writes and on the
// writes of another Store on the same database (standing in for another process or
// node); reads go on while a writer writes.
#include <atomic>
#include <thread>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

class ChangesTest : public StoreTest {};

TEST_P(ChangesTest, ChangeStampMovesOnOwnWrite) {
  Blog blog = NewBlog("a.example");
  uint64_t before = store_->ChangeStamp();
  NewPost(blog.id, "x", 1000);
  uint64_t after = store_->ChangeStamp();
  EXPECT_NE(after, before);
  blog.title = "renamed";
  ASSERT_TRUE(store_->UpdateBlog(blog).ok());
  EXPECT_NE(store_->ChangeStamp(), after);
}

TEST_P(ChangesTest, ChangeStampMovesOnAnotherStoresWrite) {
  Blog blog = NewBlog("a.example");
  std::unique_ptr<Store> other = OpenAgain();
  for (int i = 0; i < 5; ++i) {
    uint64_t before = store_->ChangeStamp();
    Post post;
    post.blog_id = blog.id;
    post.path = "/p" + std::to_string(i) + ".html";
    Must(other->CreatePost(post));
    EXPECT_TRUE(StampMovesFrom(before)) << "write " << i;
  }
  // And the first store reads the other's data at once.
  EXPECT_EQ(Must(store_->GetBlog(blog.id)).generation, 6);
}

TEST_P(ChangesTest, ConcurrentReadersAndWriter) {
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

SAMIZDAT_ON_EVERY_STORE(ChangesTest);

}  // namespace
}  // namespace samizdat::store
