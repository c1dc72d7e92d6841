// A fresh SQLite store in a temporary directory, removed after the test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

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

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace samizdat::service
