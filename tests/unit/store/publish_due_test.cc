// Store contract (every backend): PublishDue publishes the due scheduled posts and pages
// of one blog in one write, and when several stores (processes, nodes) call it at once
// each post is published by exactly one of them.
#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

using Ids = std::vector<int64_t>;

class PublishDueTest : public StoreTest {
 protected:
  Post Scheduled(int64_t blog_id, const std::string& slug, int64_t ms,
                 std::vector<std::string> labels = {}, PostKind kind = PostKind::kPost) {
    return NewPost(blog_id, slug, ms, std::move(labels), PostStatus::kScheduled, kind);
  }

  PostStatus StatusOf(const Post& post) {
    return Must(store_->GetPost(post.blog_id, post.id)).status;
  }

  static Ids Sorted(Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

TEST_P(PublishDueTest, PublishesOnlyTheDueScheduledPostsAndPagesOfTheBlog) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  Post due_post = Scheduled(blog.id, "due", 1000, {"news"});
  Post due_page = Scheduled(blog.id, "about", 2000, {}, PostKind::kPage);
  Post due_now = Scheduled(blog.id, "now", 3000);  // at `now` exactly: due
  Post future = Scheduled(blog.id, "future", 3001, {"news"});
  Post draft = NewPost(blog.id, "draft", 1000, {}, PostStatus::kDraft);
  Post published = NewPost(blog.id, "old", 500);
  Post elsewhere = Scheduled(other.id, "elsewhere", 1000);
  const int64_t generation = Generation(blog.id);
  const int64_t other_generation = Generation(other.id);
  EXPECT_TRUE(Must(store_->LabelCounts(blog.id)).empty());

  Ids ids = Must(store_->PublishDue(blog.id, At(3000)));
  EXPECT_EQ(Sorted(ids), Sorted({due_post.id, due_page.id, due_now.id}));
  EXPECT_EQ(StatusOf(due_post), PostStatus::kPublished);
  EXPECT_EQ(StatusOf(due_page), PostStatus::kPublished);
  EXPECT_EQ(StatusOf(due_now), PostStatus::kPublished);
  EXPECT_EQ(StatusOf(future), PostStatus::kScheduled);
  EXPECT_EQ(StatusOf(draft), PostStatus::kDraft);
  EXPECT_EQ(StatusOf(published), PostStatus::kPublished);
  EXPECT_EQ(StatusOf(elsewhere), PostStatus::kScheduled);
  // One write: the generation moved once, and only the blog's.
  EXPECT_EQ(Generation(blog.id), generation + 1);
  EXPECT_EQ(Generation(other.id), other_generation);
  // Readers see the published posts with their labels, as if published by hand.
  std::vector<Post> listed = Must(store_->ListPosts(QueryOf(blog.id)));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].id, due_now.id);
  EXPECT_EQ(listed[1].id, due_post.id);
  EXPECT_EQ(listed[2].id, published.id);
  std::vector<LabelCount> labels = Must(store_->LabelCounts(blog.id));
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0].name, "news");
  EXPECT_EQ(labels[0].count, 1);
  EXPECT_EQ(Must(store_->GetPost(blog.id, due_page.id)).path, "/p/about.html");
}

TEST_P(PublishDueTest, NothingDueReturnsNothingAndLeavesTheGeneration) {
  Blog blog = NewBlog("a.example");
  Post future = Scheduled(blog.id, "future", 5000);
  NewPost(blog.id, "draft", 1000, {}, PostStatus::kDraft);
  const int64_t generation = Generation(blog.id);

  EXPECT_TRUE(Must(store_->PublishDue(blog.id, At(4999))).empty());
  EXPECT_EQ(Generation(blog.id), generation);
  EXPECT_EQ(StatusOf(future), PostStatus::kScheduled);

  // Once published, a post is not published again.
  EXPECT_EQ(Must(store_->PublishDue(blog.id, At(5000))), (Ids{future.id}));
  EXPECT_TRUE(Must(store_->PublishDue(blog.id, At(9000))).empty());
  EXPECT_EQ(Generation(blog.id), generation + 1);
  // A blog that does not exist has nothing due either.
  EXPECT_TRUE(Must(store_->PublishDue(blog.id + 1000, At(9000))).empty());
}

// Four threads, two on each of two stores of the same database, publish 50 posts that
// come due over five steps of time, all calling at each step. Whatever the interleaving,
// each post is returned by exactly one call, and the generation moves once per call
// that published something. (A call may return nothing while another one publishes, up
// to that one's time: what is left is due at the next call, the final one here.)
TEST_P(PublishDueTest, ConcurrentCallersPublishEachPostOnce) {
  Blog blog = NewBlog("a.example");
  Ids expected;
  for (int i = 0; i < 50; ++i) {
    expected.push_back(Scheduled(blog.id, "p" + std::to_string(i), 1000 + 10 * i).id);
  }
  const int64_t generation = Generation(blog.id);
  std::unique_ptr<Store> other = OpenAgain();

  std::mutex mu;
  Ids returned;
  int publishing_calls = 0;
  std::vector<Status> errors;
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    Store* store = t % 2 == 0 ? store_.get() : other.get();
    threads.emplace_back([&, store] {
      ++ready;
      while (ready < 4) std::this_thread::yield();
      for (int step = 1; step <= 5; ++step) {
        Result<Ids> ids = store->PublishDue(blog.id, At(1000 + 100 * step));
        std::lock_guard lock(mu);
        if (!ids.ok()) {
          errors.push_back(ids.status());
          continue;
        }
        returned.insert(returned.end(), ids->begin(), ids->end());
        if (!ids->empty()) ++publishing_calls;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  Ids last = Must(store_->PublishDue(blog.id, At(1500)));
  returned.insert(returned.end(), last.begin(), last.end());
  if (!last.empty()) ++publishing_calls;

  for (const Status& error : errors) ADD_FAILURE() << error.ToString();
  EXPECT_EQ(Sorted(returned), Sorted(expected));  // every post once, none twice
  EXPECT_EQ(Must(store_->CountPosts(QueryOf(blog.id))), 50);
  EXPECT_EQ(Generation(blog.id), generation + publishing_calls);
}

SAMIZDAT_ON_EVERY_STORE(PublishDueTest);

}  // namespace
}  // namespace samizdat::store
