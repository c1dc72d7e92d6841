// Shared fixture of the SQLite store tests: a fresh database file in a temporary
// directory per test, removed afterwards, and small builders for blogs and posts.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace samizdat::store {

// Asserts that a Result holds a value and yields it.
template <typename T>
T Must(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) std::abort();
  return std::move(result).value();
}

// Runs a one-value query on the database file directly, outside the Store (-1 if no row).
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

// Runs statements on the database file directly, outside the Store.
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

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "samizdat-store-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "blog.db").string();
    store_ = Must(OpenSqliteStore(path_));
  }

  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Blog NewBlog(const std::string& host) {
    Blog blog;
    blog.host = host;
    blog.title = "Blog at " + host;
    return Must(store_->CreateBlog(blog));
  }

  // A published post at /2022/01/<slug>.html, published at `ms`.
  Post NewPost(int64_t blog_id, const std::string& slug, int64_t ms,
               std::vector<std::string> labels = {},
               PostStatus status = PostStatus::kPublished, PostKind kind = PostKind::kPost) {
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

  // A second Store on the same database, as another process or node would open it.
  std::unique_ptr<Store> OpenAgain() { return Must(OpenSqliteStore(path_)); }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

}  // namespace samizdat::store
