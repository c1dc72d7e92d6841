// The fixture of the store contract suite: every test gets a fresh, empty database of
// one backend and a Store open on it, and small builders for blogs and posts.
//
//   StoreTest runs each test on SQLite and on PostgreSQL. Each test file derives its own
//     fixture (class PostsTest : public StoreTest {…};), writes TEST_P(PostsTest, X) and
//     once, after them, SAMIZDAT_ON_EVERY_STORE(PostsTest); the tests are named
//     PostsTest.X/Sqlite and PostsTest.X/Postgres (--gtest_filter='*/Postgres').
//   SqliteStoreTest and PostgresStoreTest fix the backend, for the few tests that look
//     at the database itself (TEST_F).
//
// SQLite: a database file in a temporary directory, removed afterwards. PostgreSQL: a
// database samizdat_t<pid>_<n> created on the test server (pg_test_server.h) and dropped
// WITH (FORCE) once the test's stores are gone. Without a server the PostgreSQL instances
// fail, saying how to name one.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <source_location>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/model.h"
#include "pg_test_server.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace samizdat::store {

enum class Backend { kSqlite, kPostgres };

// Thrown by Must: the failure is already recorded, and the test cannot go on.
struct MustFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Asserts that a Result holds a value and yields it; otherwise records a failure at the
// caller's line and ends the test (by throwing, so the next test still runs).
template <typename T>
T Must(Result<T> result, std::source_location where = std::source_location::current()) {
  if (!result.ok()) {
    ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line())) << result.status().ToString();
    throw MustFailed(result.status().ToString());
  }
  return std::move(result).value();
}

// Runs a one-value query on the SQLite file directly, outside the Store (-1 if no row).
inline int64_t QueryInt(const std::string& path, const char* sql) {
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  sqlite3_stmt* raw_stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db.get(), sql, -1, &raw_stmt, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db.get());
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw_stmt, &sqlite3_finalize);
  if (!stmt) return -1;
  return sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : -1;
}

// Runs statements on the SQLite file directly, outside the Store.
inline void ExecOnFile(const std::string& path, const char* sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  EXPECT_EQ(sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db.get());
}

inline Time At(int64_t ms) { return Time(std::chrono::milliseconds(ms)); }

// The default query (published posts, newest first) of one blog.
inline PostQuery QueryOf(int64_t blog_id) {
  PostQuery q;
  q.blog_id = blog_id;
  return q;
}

// What a fixture does whichever way its backend is chosen.
class StoreFixture : public ::testing::Test {
 protected:
  virtual Backend backend() const = 0;
  bool OnPostgres() const { return backend() == Backend::kPostgres; }

  void SetUp() override {
    if (OnPostgres()) {
      CreatePgDatabase();
    } else {
      std::string pattern = (std::filesystem::temp_directory_path() / "samizdat-store-XXXXXX");
      ASSERT_NE(mkdtemp(pattern.data()), nullptr);
      dir_ = pattern;
      path_ = (dir_ / "blog.db").string();
      location_ = path_;
    }
    if (!HasFatalFailure()) store_ = Must(Open());
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!pg_database_.empty()) {
      PgSession server(pg_server_);
      EXPECT_EQ(server.Exec("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)"), "");
    }
  }

  // A Store on the test's database (another one each call).
  Result<std::unique_ptr<Store>> Open() {
    return OnPostgres() ? OpenPostgresStore(location_) : OpenSqliteStore(location_);
  }

  // A second Store on the same database, as another process or node would open it.
  std::unique_ptr<Store> OpenAgain() { return Must(Open()); }

  Blog NewBlog(const std::string& host) {
    Blog blog;
    blog.host = host;
    blog.title = "Blog at " + host;
    return Must(store_->CreateBlog(blog));
  }

  // A published post at /2022/01/<slug>.html, published at `ms`.
  Post NewPost(int64_t blog_id, const std::string& slug, int64_t ms,
               std::vector<std::string> labels = {}, PostStatus status = PostStatus::kPublished,
               PostKind kind = PostKind::kPost) {
    Post post;
    post.blog_id = blog_id;
    post.kind = kind;
    post.status = status;
    post.title = "Title " + slug;
    post.path = kind == PostKind::kPage ? "/p/" + slug + ".html" : "/2022/01/" + slug + ".html";
    post.body_html = "<p>Body of " + slug + "</p>";
    post.body_text = "Body of " + slug;
    post.author = "Author";
    post.labels = std::move(labels);
    post.published = At(ms);
    post.updated = At(ms);
    return Must(store_->CreatePost(post));
  }

  int64_t Generation(int64_t blog_id) { return Must(store_->GetBlog(blog_id)).generation; }

  // Whether store_'s ChangeStamp() moves away from `before`: at once on SQLite; on
  // PostgreSQL another node's write arrives by NOTIFY on the listener's thread, so it is
  // given up to 2 s (a bound for a loaded machine, not a measure of speed).
  bool StampMovesFrom(uint64_t before) {
    if (!OnPostgres()) return store_->ChangeStamp() != before;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (store_->ChangeStamp() == before) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  // store_'s ChangeStamp() once the notifications of earlier writes have all arrived: at
  // once on SQLite; on PostgreSQL when it has stood still for 200 ms (its own NOTIFYs
  // come back on the listener's thread a little after each commit), within 2 s.
  uint64_t SettledStamp() {
    uint64_t stamp = store_->ChangeStamp();
    if (!OnPostgres()) return stamp;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const uint64_t now = store_->ChangeStamp();
      if (now == stamp) break;
      stamp = now;
    }
    return stamp;
  }

  // SQLite: the database file. PostgreSQL: the URL of the test's database.
  std::string location_;
  // SQLite only: the temporary directory and the file in it.
  std::filesystem::path dir_;
  std::string path_;
  // PostgreSQL only: the maintenance database's URL and the test database's name.
  std::string pg_server_;
  std::string pg_database_;
  std::unique_ptr<Store> store_;

 private:
  void CreatePgDatabase() {
    std::optional<std::string> server = TestServerUrl();
    if (!server) FAIL() << kHowToReachPostgres;
    static std::atomic<int> counter{0};
    const std::string name =
        "samizdat_t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    PgSession session(*server);
    ASSERT_EQ(session.Error(), "") << "the test server " << *server;
    // A database left by a crashed run of a process with the same pid goes first.
    ASSERT_EQ(session.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"), "");
    ASSERT_EQ(session.Exec("CREATE DATABASE " + name), "");
    pg_server_ = *server;
    pg_database_ = name;
    location_ = WithDatabase(*server, name);
  }
};

// The contract fixture: each test runs once per backend.
class StoreTest : public StoreFixture, public ::testing::WithParamInterface<Backend> {
 protected:
  Backend backend() const override { return GetParam(); }
};

// For what only the SQLite store has (the file, its triggers and caches, WAL).
class SqliteStoreTest : public StoreFixture {
 protected:
  Backend backend() const override { return Backend::kSqlite; }
};

// For the PostgreSQL twins of SQLite-only tests, reaching the database with libpq.
class PostgresStoreTest : public StoreFixture {
 protected:
  Backend backend() const override { return Backend::kPostgres; }
  // A session on the test's database, beside the store's own connections.
  PgSession Session() { return PgSession(location_); }
};

inline const char* BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "Sqlite" : "Postgres";
}
// The tests' names end in it: PostsTest.X/Sqlite.
inline std::string BackendTestName(const ::testing::TestParamInfo<Backend>& info) {
  return BackendName(info.param);
}
// How gtest prints the parameter of a failed test.
inline void PrintTo(Backend backend, std::ostream* out) { *out << BackendName(backend); }

}  // namespace samizdat::store

// Runs every TEST_P of `fixture` (StoreTest or a fixture derived from it) on both backends.
#define SAMIZDAT_ON_EVERY_STORE(fixture)                                             \
  INSTANTIATE_TEST_SUITE_P(, fixture,                                                \
                           ::testing::Values(::samizdat::store::Backend::kSqlite,    \
                                             ::samizdat::store::Backend::kPostgres), \
                           ::samizdat::store::BackendTestName)
