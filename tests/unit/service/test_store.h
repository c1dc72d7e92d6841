// A fresh SQLite store in a temporary directory, removed after the test, and a way to
// add a blog to it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "service/blogs.h"
#include "store/sqlite/sqlite_store.h"

namespace samizdat::service {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("samizdat-service-test-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto opened = store::OpenSqliteStore((dir_ / "samizdat.db").string());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A blog made through BlogService; one with id 0 (and a failed expectation) when the
  // service refuses it.
  Blog CreateBlog(const std::string& host, const std::string& title,
                  const std::string& time_zone = "UTC") {
    BlogChanges changes;
    changes.host = host;
    changes.title = title;
    changes.time_zone = time_zone;
    auto blog = BlogService(*store_).Create(changes);
    EXPECT_TRUE(blog.ok()) << blog.status().ToString();
    return blog.ok() ? *blog : Blog{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace samizdat::service
