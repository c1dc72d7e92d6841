// BlogDirectory: host lookup, and dropping cached pages of blogs whose generation moved,
// or only the pages of a commented post (also when the write came through another Store
// on the same file, as another process); a store that cannot be read keeps the blogs
// read before in force and is asked again, but not by every call.
#include "service/blog_directory.h"

#include <atomic>
#include <chrono>

#include "../store/forwarding_store.h"
#include "service/blogs.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

// A Store that forwards to another one, except that while `down` it cannot be read (the
// database is away: Unavailable), and whose change stamp the test can move.
class OutageStore : public store::ForwardingStore {
 public:
  explicit OutageStore(store::Store& inner) : ForwardingStore(inner) {}

  std::atomic<bool> down{false};
  std::atomic<int> list_blogs_calls{0};
  void MoveStamp() { ++moves_; }

  Result<std::vector<Blog>> ListBlogs() override {
    ++list_blogs_calls;
    if (down) return Away();
    return inner_.ListBlogs();
  }
  Result<std::vector<int64_t>> PostsWithCommentsChangedSince(int64_t blog_id,
                                                             int64_t since) override {
    if (down) return Away();
    return inner_.PostsWithCommentsChangedSince(blog_id, since);
  }
  uint64_t ChangeStamp() override { return inner_.ChangeStamp() + moves_; }

 private:
  static Status Away() { return Status::Unavailable("the database is away"); }

  std::atomic<uint64_t> moves_{0};
};

class BlogDirectoryTest : public StoreTest {
 protected:
  Blog Create(const std::string& host) {
    BlogChanges changes;
    changes.host = host;
    changes.title = host;
    return *BlogService(*store_).Create(changes);
  }
};

TEST_F(BlogDirectoryTest, ASingleBlogAnswersAnyHost) {
  Create("a.test");
  BlogDirectory directory(*store_, nullptr);
  ASSERT_TRUE(directory.Refresh().ok());
  ASSERT_NE(directory.ForHost("whatever.example"), nullptr);
  EXPECT_EQ(directory.ForHost("whatever.example")->blog.host, "a.test");
}

TEST_F(BlogDirectoryTest, SeveralBlogsAreChosenByHost) {
  Create("a.test");
  Create("b.test");
  BlogDirectory directory(*store_, nullptr);
  ASSERT_TRUE(directory.Refresh().ok());
  EXPECT_EQ(directory.ForHost("B.test:8080")->blog.host, "b.test");
  EXPECT_EQ(directory.ForHost("c.test"), nullptr);
}

TEST_F(BlogDirectoryTest, AWriteFromAnotherStoreDropsOnlyThatBlogsPages) {
  const Blog a = Create("a.test");
  const Blog b = Create("b.test");
  PageCache cache(1 << 20, 1000);
  BlogDirectory directory(*store_, &cache);
  ASSERT_TRUE(directory.Refresh().ok());
  const auto page = CachedPage::Make(200, "text/html", "x", Now());
  const int64_t a_generation = directory.ForHost("a.test")->blog.generation;
  cache.Put(a.id, a_generation, "/", page);
  cache.Put(b.id, directory.ForHost("b.test")->blog.generation, "/", page);

  // Another process changes blog A.
  auto other = store::OpenSqliteStore((dir_ / "samizdat.db").string());
  ASSERT_TRUE(other.ok());
  BlogChanges title;
  title.title = "A, renamed";
  ASSERT_TRUE(BlogService(**other).Update("a.test", title).ok());

  ASSERT_TRUE(directory.Refresh().ok());
  const auto a_now = directory.ForHost("a.test");
  EXPECT_EQ(a_now->blog.title, "A, renamed");
  EXPECT_GT(a_now->blog.generation, a_generation);
  EXPECT_EQ(cache.Find(a.id, a_generation, "/"), nullptr) << "A's pages are dropped";
  EXPECT_NE(cache.Find(b.id, directory.ForHost("b.test")->blog.generation, "/"), nullptr);
}

TEST_F(BlogDirectoryTest, ACommentDropsOnlyThePagesOfItsPost) {
  const Blog blog = Create("a.test");
  auto post_on = [&](const std::string& title) {
    Post post;
    post.blog_id = blog.id;
    post.status = PostStatus::kPublished;
    post.title = title;
    post.path = "/2022/01/" + title + ".html";
    post.published = Now();
    return *store_->CreatePost(post);
  };
  const Post a = post_on("a");
  const Post b = post_on("b");
  PageCache cache(1 << 20, 1000);
  BlogDirectory directory(*store_, &cache);
  ASSERT_TRUE(directory.Refresh().ok());
  const Blog known = directory.ForHost("a.test")->blog;
  const auto page = CachedPage::Make(200, "text/html", "x", Now());
  cache.Put(blog.id, known.generation, a.path, page, CommentDeps{{a.id}, false, known.comment_seq});
  cache.Put(blog.id, known.generation, b.path, page, CommentDeps{{b.id}, false, known.comment_seq});

  // Another process stores a comment on post A.
  auto other = store::OpenSqliteStore((dir_ / "samizdat.db").string());
  ASSERT_TRUE(other.ok());
  Comment comment;
  comment.blog_id = blog.id;
  comment.post_id = a.id;
  comment.status = CommentStatus::kPublished;
  comment.author_name = "Reader";
  comment.body_html = "hello";
  comment.body_text = "hello";
  ASSERT_TRUE((*other)->CreateComment(comment).ok());

  ASSERT_TRUE(directory.Refresh().ok());
  const Blog now = directory.ForHost("a.test")->blog;
  EXPECT_EQ(now.generation, known.generation) << "a comment is not a blog-wide change";
  EXPECT_GT(now.comment_seq, known.comment_seq);
  EXPECT_EQ(cache.Find(blog.id, now.generation, a.path), nullptr);
  EXPECT_NE(cache.Find(blog.id, now.generation, b.path), nullptr);
}

TEST_F(BlogDirectoryTest, AFailedRereadKeepsTheBlogsAndPagesReadBefore) {
  const Blog blog = Create("a.test");
  OutageStore outage(*store_);
  PageCache cache(1 << 20, 1000);
  BlogDirectory directory(outage, &cache, std::chrono::milliseconds(0));
  ASSERT_TRUE(directory.Refresh().ok());
  const int64_t generation = directory.ForHost("a.test")->blog.generation;
  cache.Put(blog.id, generation, "/", CachedPage::Make(200, "text/html", "x", Now()));

  // The blog changes, then the database goes away before this server reads it again.
  BlogChanges title;
  title.title = "A, renamed";
  ASSERT_TRUE(BlogService(*store_).Update("a.test", title).ok());
  outage.down = true;
  outage.MoveStamp();
  const Status failed = directory.Refresh();
  EXPECT_EQ(failed.code(), Status::Code::kUnavailable) << failed.ToString();
  EXPECT_TRUE(directory.Loaded());
  ASSERT_NE(directory.ForHost("a.test"), nullptr);
  EXPECT_EQ(directory.ForHost("a.test")->blog.title, "a.test") << "the blog read before stays";
  EXPECT_NE(cache.Find(blog.id, generation, "/"), nullptr) << "its cached page still answers";

  // Back: the next call reads the change it missed, and drops the outdated page.
  outage.down = false;
  ASSERT_TRUE(directory.Refresh().ok());
  EXPECT_EQ(directory.ForHost("a.test")->blog.title, "A, renamed");
  EXPECT_EQ(cache.Find(blog.id, generation, "/"), nullptr);
}

TEST_F(BlogDirectoryTest, LookupRefreshesAndAnswersFromTheBlogsReadBeforeWhileTheStoreIsAway) {
  Create("a.test");
  Create("b.test");
  OutageStore outage(*store_);
  BlogDirectory directory(outage, nullptr, std::chrono::milliseconds(0));

  outage.down = true;  // never read: nothing to answer with
  EXPECT_EQ(directory.Lookup("a.test").status().code(), Status::Code::kUnavailable);

  outage.down = false;
  auto found = directory.Lookup("a.test");  // refreshes by itself
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ((*found)->blog.host, "a.test");
  EXPECT_TRUE(directory.Lookup("c.test").status().IsNotFound());

  outage.down = true;  // read before: still answers
  outage.MoveStamp();
  found = directory.Lookup("b.test");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ((*found)->blog.host, "b.test");
}

TEST_F(BlogDirectoryTest, ALostStoreIsNotAskedAgainWithinTheRetryInterval) {
  Create("a.test");
  OutageStore outage(*store_);
  BlogDirectory directory(outage, nullptr, std::chrono::hours(1));
  ASSERT_TRUE(directory.Refresh().ok());
  outage.down = true;
  outage.MoveStamp();
  const int before = outage.list_blogs_calls;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(directory.Refresh().code(), Status::Code::kUnavailable);
    EXPECT_NE(directory.ForHost("a.test"), nullptr);
  }
  EXPECT_EQ(outage.list_blogs_calls - before, 1) << "one attempt, then the last error";
  outage.down = false;
  EXPECT_FALSE(directory.Refresh().ok()) << "still within the interval";
  EXPECT_EQ(outage.list_blogs_calls - before, 1);
}

TEST_F(BlogDirectoryTest, AStoreThatWasNeverReadLeavesNothingToAnswerFrom) {
  Create("a.test");
  OutageStore outage(*store_);
  outage.down = true;
  BlogDirectory directory(outage, nullptr, std::chrono::milliseconds(0));
  EXPECT_EQ(directory.Refresh().code(), Status::Code::kUnavailable);
  EXPECT_FALSE(directory.Loaded());
  EXPECT_EQ(directory.ForHost("a.test"), nullptr);
  outage.down = false;
  ASSERT_TRUE(directory.Refresh().ok());
  EXPECT_TRUE(directory.Loaded());
  EXPECT_NE(directory.ForHost("a.test"), nullptr);
}

}  // namespace
}  // namespace samizdat::service
