// The PostgreSQL twins of the SQLite-only tests, reaching the database with libpq beside
// the store: migrations applied once, a database of a newer samizdat refused, an older
// one upgraded, readers not waiting for another session's open write, an unreachable
// server reported as Unavailable, a snapshot store frozen at its first read.
#include <string>
#include <vector>

#include "store/sql/migrations.h"
#include "store_test_util.h"

namespace samizdat::store {
namespace {

int64_t LatestVersion() { return postgres::EmbeddedMigrations().back().version; }

TEST_F(PostgresStoreTest, MigrationsAppliedOnceAndDataSurvivesReopen) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "x", 1000, {"kept"});
  store_.reset();
  store_ = OpenAgain();
  store_.reset();
  store_ = OpenAgain();
  PgSession db = Session();
  EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM schema_version"), LatestVersion());
  EXPECT_EQ(db.QueryInt("SELECT MAX(version) FROM schema_version"), LatestVersion());
  Post post = Must(store_->GetPostByPath(blog.id, "/2022/01/x.html"));
  EXPECT_EQ(post.labels, (std::vector<std::string>{"kept"}));
}

TEST_F(PostgresStoreTest, NewerSchemaIsRefused) {
  store_.reset();
  PgSession db = Session();
  ASSERT_EQ(db.Exec("INSERT INTO schema_version (version, name, applied_ms) "
                    "VALUES (9999, 'future', 0)"),
            "");
  Result<std::unique_ptr<Store>> opened = Open();
  ASSERT_FALSE(opened.ok());
  EXPECT_TRUE(opened.status().IsInvalidArgument()) << opened.status().ToString();
  const std::string& message = opened.status().message();
  EXPECT_NE(message.find("9999"), std::string::npos) << message;
  EXPECT_NE(message.find("newer"), std::string::npos) << message;
  // Refusing changed nothing: the future version is still there, nothing was added.
  EXPECT_EQ(db.QueryInt("SELECT MAX(version) FROM schema_version"), 9999);
  EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM schema_version"), LatestVersion() + 1);
}

TEST_F(PostgresStoreTest, OlderDatabaseIsUpgraded) {
  // A database with only the schema_version table gets every migration on open.
  store_.reset();
  PgSession db = Session();
  ASSERT_EQ(db.Exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public; "
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                    "name TEXT NOT NULL, applied_ms BIGINT NOT NULL)"),
            "");
  EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM schema_version"), 0);
  store_ = OpenAgain();
  EXPECT_EQ(db.QueryInt("SELECT MAX(version) FROM schema_version"), LatestVersion());
  NewBlog("a.example");
}

TEST_F(PostgresStoreTest, ReadersDoNotWaitForAnOpenWriteTransaction) {
  Blog blog = NewBlog("a.example");
  PgSession writer = Session();
  ASSERT_EQ(writer.Exec("BEGIN; UPDATE blogs SET title = 'uncommitted'"), "");
  // The blog's row is locked by the other session; reads still answer, from the last
  // committed state.
  EXPECT_EQ(Must(store_->GetBlog(blog.id)).title, "Blog at a.example");
  EXPECT_EQ(Must(store_->ListBlogs()).size(), 1u);
  EXPECT_EQ(writer.Exec("ROLLBACK"), "");
}

TEST_F(PostgresStoreTest, SnapshotSeesTheDatabaseAsAtItsFirstReadAndRefusesWrites) {
  NewBlog("a.example");
  auto snapshot = Must(OpenPostgresSnapshot(location_));
  EXPECT_EQ(Must(snapshot->ListBlogs()).size(), 1u);
  NewBlog("b.example");  // another writer, after the snapshot's first read
  EXPECT_EQ(Must(snapshot->ListBlogs()).size(), 1u);
  EXPECT_EQ(Must(store_->ListBlogs()).size(), 2u);
  Blog other;
  other.host = "c.example";
  Result<Blog> created = snapshot->CreateBlog(other);
  EXPECT_TRUE(created.status().IsInvalidArgument()) << created.status().ToString();
  EXPECT_EQ(Session().QueryInt("SELECT COUNT(*) FROM blogs"), 2);
}

TEST(PostgresOpenTest, UnreachableServerIsUnavailable) {
  Result<std::unique_ptr<Store>> opened =
      OpenPostgresStore("postgresql:///samizdat?host=/nonexistent-dir&port=1");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Status::Code::kUnavailable) << opened.status().ToString();
}

}  // namespace
}  // namespace samizdat::store
