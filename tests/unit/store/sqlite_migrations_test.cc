// SQLite store: migrations are embedded, applied once, survive reopening, and a
// database from a newer samizdat is refused.
#include <string>

#include "sqlite_test_util.h"
#include "store/sqlite/migrations.h"

namespace samizdat::store {
namespace {

TEST(SqliteMigrationsTest, EmbeddedVersionsRunFromOneWithoutGaps) {
  auto migrations = sqlite::EmbeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(migrations[i].name.empty());
    EXPECT_NE(migrations[i].sql.find("CREATE"), std::string_view::npos);
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
  ExecOnFile(path_, "INSERT INTO schema_version (version, name, applied_ms) VALUES (9999, 'future', 0)");
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

TEST(SqliteOpenTest, UnopenablePathIsAnError) {
  Result<std::unique_ptr<Store>> opened = OpenSqliteStore("/nonexistent-dir/x/blog.db");
  EXPECT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("/nonexistent-dir/x/blog.db"), std::string::npos)
      << opened.status().ToString();
}

}  // namespace
}  // namespace samizdat::store
