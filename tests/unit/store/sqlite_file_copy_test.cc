// SQLite store files for backup, restore and read-only commands: a copy holds what the
// store held, as one file; CheckSqliteBackup tells a backup from other files; a store
// opened read-only reads, refuses writes, and neither creates nor upgrades a file.
#include "store/sqlite/sqlite_file_copy.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "store/sql/migrations.h"
#include "store_test_util.h"

namespace samizdat::store {
namespace {

int LatestVersion() { return sqlite::EmbeddedMigrations().back().version; }

TEST_F(SqliteStoreTest, CopyHoldsEveryRowInOneFile) {
  Blog blog = NewBlog("a.example");
  NewPost(blog.id, "x", 1000, {"kept"});
  const std::string copy = (dir_ / "copy.db").string();
  ASSERT_TRUE(CopySqliteDatabase(path_, copy).ok());
  EXPECT_FALSE(std::filesystem::exists(copy + "-wal"));
  EXPECT_EQ(QueryInt(copy, "SELECT journal_mode = 'delete' FROM pragma_journal_mode"), 1);
  BackupSchema schema = Must(CheckSqliteBackup(copy));
  EXPECT_EQ(schema.found, LatestVersion());
  EXPECT_EQ(schema.current, LatestVersion());
  auto reopened = Must(OpenSqliteStore(copy));
  EXPECT_EQ(Must(reopened->GetPostByPath(blog.id, "/2022/01/x.html")).labels,
            (std::vector<std::string>{"kept"}));
}

TEST_F(SqliteStoreTest, CopyOfAMissingDatabaseIsNotFoundAndCreatesNothing) {
  const std::filesystem::path absent = dir_ / "absent.db";
  Status copied = CopySqliteDatabase(absent.string(), (dir_ / "copy.db").string());
  EXPECT_TRUE(copied.IsNotFound()) << copied.ToString();
  EXPECT_FALSE(std::filesystem::exists(absent));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "copy.db"));
}

TEST_F(SqliteStoreTest, CheckRefusesWhatIsNotARestorableBackup) {
  const std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << std::string(2000, 'x');
  const std::string foreign = (dir_ / "foreign.db").string();
  ExecOnFile(foreign, "CREATE TABLE things (x)");
  const std::string newer = (dir_ / "newer.db").string();
  ASSERT_TRUE(CopySqliteDatabase(path_, newer).ok());
  ExecOnFile(newer, "INSERT INTO schema_version VALUES (9999, 'future', 0)");
  for (const auto& [file, says] :
       {std::pair{text, "not a samizdat backup"}, std::pair{foreign, "without samizdat's tables"},
        std::pair{newer, "newer samizdat"}}) {
    Result<BackupSchema> checked = CheckSqliteBackup(file);
    ASSERT_FALSE(checked.ok()) << file;
    EXPECT_TRUE(checked.status().IsInvalidArgument()) << checked.status().ToString();
    EXPECT_NE(checked.status().message().find(says), std::string::npos)
        << checked.status().message();
  }
  EXPECT_TRUE(CheckSqliteBackup((dir_ / "absent.db").string()).status().IsNotFound());
}

TEST_F(SqliteStoreTest, ReadOnlyStoreReadsAndRefusesWrites) {
  Blog blog = NewBlog("a.example");
  store_.reset();
  auto reader = Must(OpenSqliteStoreReadOnly(path_));
  EXPECT_EQ(Must(reader->GetBlog(blog.id)).host, "a.example");
  Blog other;
  other.host = "b.example";
  EXPECT_FALSE(reader->CreateBlog(other).ok());
  reader.reset();
  EXPECT_EQ(QueryInt(path_, "SELECT COUNT(*) FROM blogs"), 1);
}

TEST_F(SqliteStoreTest, ReadOnlyOpenNeitherCreatesNorUpgrades) {
  const std::filesystem::path absent = dir_ / "absent.db";
  Result<std::unique_ptr<Store>> missing = OpenSqliteStoreReadOnly(absent.string());
  EXPECT_TRUE(missing.status().IsInvalidArgument()) << missing.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(absent));

  store_.reset();
  const std::string forget =
      "DELETE FROM schema_version WHERE version = " + std::to_string(LatestVersion());
  ExecOnFile(path_, forget.c_str());
  Result<std::unique_ptr<Store>> older = OpenSqliteStoreReadOnly(path_);
  ASSERT_FALSE(older.ok());
  EXPECT_TRUE(older.status().IsInvalidArgument()) << older.status().ToString();
  EXPECT_NE(older.status().message().find("older"), std::string::npos) << older.status().message();
  EXPECT_EQ(QueryInt(path_, "SELECT MAX(version) FROM schema_version"), LatestVersion() - 1);
}

}  // namespace
}  // namespace samizdat::store
