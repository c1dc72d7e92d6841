// SQLite store: migrations are embedded, applied once, survive reopening, and a
// database from a newer samizdat is refused.
#include <string>

#include "store/sql/migrations.h"
#include "store/sqlite/connection.h"
#include "store_test_util.h"

namespace samizdat::store {
namespace {

TEST(SqliteMigrationsTest, EmbeddedVersionsRunFromOneWithoutGaps) {
  auto migrations = sqlite::EmbeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(migrations[i].name.empty());
    EXPECT_NE(migrations[i].sql.find(';'), std::string_view::npos);  // at least one statement
  }
  EXPECT_EQ(migrations[0].name, "initial");
}

TEST_F(SqliteStoreTest, MigrationsAppliedOnceAndDataSurvivesReopen) {
  const int64_t latest = sqlite::EmbeddedMigrations().back().version;
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "x", 1000, {"kept"});
  store_.reset();
  store_ = Must(OpenSqliteStore(path_));
  store_.reset();
  store_ = Must(OpenSqliteStore(path_));
  EXPECT_EQ(QueryInt(path_, "SELECT COUNT(*) FROM schema_version"), latest);
  EXPECT_EQ(QueryInt(path_, "SELECT MAX(version) FROM schema_version"), latest);
  Post post = Must(store_->GetPostByPath(blog.id, "/2022/01/x.html"));
  EXPECT_EQ(post.labels, (std::vector<std::string>{"kept"}));
}

TEST_F(SqliteStoreTest, DatabaseIsInWalModeWithForeignKeys) {
  EXPECT_EQ(QueryInt(path_, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
}

TEST_F(SqliteStoreTest, NewerSchemaIsRefused) {
  store_.reset();
  ExecOnFile(path_,
             "INSERT INTO schema_version (version, name, applied_ms) VALUES (9999, 'future', 0)");
  Result<std::unique_ptr<Store>> opened = OpenSqliteStore(path_);
  ASSERT_FALSE(opened.ok());
  EXPECT_TRUE(opened.status().IsInvalidArgument()) << opened.status().ToString();
  const std::string& message = opened.status().message();
  EXPECT_NE(message.find("9999"), std::string::npos) << message;
  EXPECT_NE(message.find("newer"), std::string::npos) << message;
  // Refusing changed nothing: the future version is still there, nothing was added.
  EXPECT_EQ(QueryInt(path_, "SELECT MAX(version) FROM schema_version"), 9999);
}

TEST_F(SqliteStoreTest, OlderDatabaseIsUpgraded) {
  // A file that only has the schema_version table, as a pre-0001 samizdat left it, gets
  // every migration on open.
  store_.reset();
  std::filesystem::remove(path_);
  ExecOnFile(path_,
             "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "applied_ms INTEGER NOT NULL)");
  store_ = Must(OpenSqliteStore(path_));
  EXPECT_EQ(QueryInt(path_, "SELECT MAX(version) FROM schema_version"),
            sqlite::EmbeddedMigrations().back().version);
  NewBlog("a.example");
}

TEST_F(SqliteStoreTest, DatabaseOfVersionTwoGainsCommentsWithDefaults) {
  // A file as a samizdat of migration 0002 left it, with a blog and a post.
  store_.reset();
  std::filesystem::remove(path_);
  {
    auto conn = Must(sqlite::Connection::Open(path_));
    ASSERT_TRUE(sqlite::ApplyMigrations(*conn, sqlite::EmbeddedMigrations().first(2)).ok());
    ASSERT_TRUE(conn->Exec("INSERT INTO blogs (id, host, created_ms, updated_ms, generation) "
                           "VALUES (7, 'old.example', 1, 2, 5);"
                           "INSERT INTO posts (id, blog_id, kind, status, path, format, "
                           "published_ms, updated_ms, comment_count) VALUES (70, 7, 'post', "
                           "'published', '/2020/01/old.html', 'html', 10, 20, 0)")
                    .ok());
  }
  EXPECT_EQ(QueryInt(path_, "SELECT MAX(version) FROM schema_version"), 2);

  store_ = Must(OpenSqliteStore(path_));
  EXPECT_EQ(QueryInt(path_, "SELECT MAX(version) FROM schema_version"),
            sqlite::EmbeddedMigrations().back().version);
  Blog blog = Must(store_->GetBlog(7));
  EXPECT_EQ(blog.generation, 5);
  EXPECT_EQ(blog.comment_moderation, ModerationMode::kNever);
  EXPECT_EQ(blog.moderation_days, 14);
  EXPECT_EQ(blog.comment_depth, 2);
  EXPECT_EQ(blog.comment_seq, 0);
  Post post = Must(store_->GetPost(7, 70));
  EXPECT_EQ(post.comments_mode, CommentsMode::kOpen);
  EXPECT_EQ(post.comment_count, 0);

  Comment comment;
  comment.blog_id = 7;
  comment.post_id = 70;
  comment.status = CommentStatus::kPublished;
  Must(store_->CreateComment(comment));
  EXPECT_EQ(Must(store_->GetPost(7, 70)).comment_count, 1);
  EXPECT_EQ(Must(store_->PostsWithCommentsChangedSince(7, 0)), (std::vector<int64_t>{70}));
}

TEST(SqliteOpenTest, UnopenablePathIsAnError) {
  Result<std::unique_ptr<Store>> opened = OpenSqliteStore("/nonexistent-dir/x/blog.db");
  EXPECT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("/nonexistent-dir/x/blog.db"), std::string::npos)
      << opened.status().ToString();
}

}  // namespace
}  // namespace samizdat::store
