// What only the SQLite store has, asserted on the file itself: the label_counts cache
// and the triggers sqlite/bulk_load.cc mirrors, a ChangeStamp that stands still without writes,
// and WAL readers that never wait for a writer's lock. (The PostgreSQL twins of the last
// one and of the migration tests are in postgres_store_test.cc.)
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

TEST_F(SqliteStoreTest, ChangeStampStableWithoutWrites) {
  // Only SQLite promises this: its stamp follows the file's data version. A PostgreSQL
  // store's own NOTIFY comes back a moment after each write, so there is no moment at
  // which its stamp must have settled.
  NewBlog("a.example");
  uint64_t stamp = store_->ChangeStamp();
  Must(store_->ListBlogs());
  EXPECT_EQ(store_->ChangeStamp(), stamp);
}

TEST_F(SqliteStoreTest, ReadersDoNotWaitForAnOpenWriteTransaction) {
  Blog blog = NewBlog("a.example");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  ASSERT_EQ(sqlite3_exec(db.get(), "BEGIN IMMEDIATE; UPDATE blogs SET title = 'uncommitted';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  // The write lock is held by the other connection; reads still answer, from the last
  // committed state.
  EXPECT_EQ(Must(store_->GetBlog(blog.id)).title, "Blog at a.example");
  EXPECT_EQ(Must(store_->ListBlogs()).size(), 1u);
  sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

// sqlite/bulk_load.cc does by hand what the schema's INSERT triggers do (the batch runs with
// triggers off, for speed). A new trigger must be mirrored there; then update this list.
TEST_F(SqliteStoreTest, BulkWriterKnowsEveryTrigger) {
  EXPECT_EQ(QueryInt(path_, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger'"), 8);
  EXPECT_EQ(QueryInt(path_,
                     "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN ("
                     "'post_labels_follow', 'label_counts_insert', 'label_counts_delete', "
                     "'label_counts_leave', 'label_counts_join', 'posts_fts_insert', "
                     "'posts_fts_delete', 'posts_fts_update')"),
            8);
}

TEST_F(SqliteStoreTest, KeptLabelCountsMatchARecount) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  std::vector<Post> posts;
  for (int i = 0; i < 12; ++i) {
    posts.push_back(NewPost(i % 3 ? blog.id : other.id, "p" + std::to_string(i), i,
                            {"l" + std::to_string(i % 4), "all", "l" + std::to_string(i % 5)},
                            i % 2 ? PostStatus::kPublished : PostStatus::kDraft,
                            i % 7 ? PostKind::kPost : PostKind::kPage));
  }
  for (size_t i = 0; i < posts.size(); i += 2) {
    posts[i].status = PostStatus::kPublished;
    posts[i].labels = {"all", "new" + std::to_string(i % 3)};
    ASSERT_TRUE(store_->UpdatePost(posts[i]).ok());
  }
  for (size_t i = 1; i < posts.size(); i += 3) {
    ASSERT_TRUE(store_->DeletePost(posts[i].blog_id, posts[i].id).ok());
  }
  store_.reset();  // check the file itself
  // Rows in one of (kept counts, recount) but not in the other.
  EXPECT_EQ(QueryInt(path_,
                     "WITH recount AS (SELECT l.blog_id, l.name, COUNT(*) AS count "
                     "  FROM post_labels l JOIN posts p ON p.id = l.post_id "
                     "  WHERE p.kind = 'post' AND p.status = 'published' "
                     "  GROUP BY l.blog_id, l.name) "
                     "SELECT (SELECT COUNT(*) FROM (SELECT * FROM label_counts EXCEPT "
                     "                              SELECT * FROM recount)) + "
                     "       (SELECT COUNT(*) FROM (SELECT * FROM recount EXCEPT "
                     "                              SELECT * FROM label_counts))"),
            0);
  EXPECT_GT(QueryInt(path_, "SELECT COUNT(*) FROM label_counts"), 3);
}

}  // namespace
}  // namespace samizdat::store
