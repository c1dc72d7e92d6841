// Store contract (every backend): a blog's Blogger theme — put, get, delete, the
// generation they bump, and an import batch's theme.
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class ThemesTest : public StoreTest {};

TEST_P(ThemesTest, APutThemeIsReadBackAndBumpsTheGeneration) {
  Blog blog = NewBlog("a.test");
  EXPECT_TRUE(store_->GetTheme(blog.id).status().IsNotFound());
  int64_t before = Generation(blog.id);
  StoredTheme put = Must(store_->PutTheme(blog.id, "<html>one</html>"));
  EXPECT_EQ(put.blog_id, blog.id);
  EXPECT_EQ(put.xml, "<html>one</html>");
  EXPECT_EQ(Generation(blog.id), before + 1);
  EXPECT_EQ(put.version, before + 1);
  StoredTheme got = Must(store_->GetTheme(blog.id));
  EXPECT_EQ(got.xml, "<html>one</html>");
  EXPECT_EQ(got.version, put.version);
  EXPECT_EQ(got.updated, put.updated);
  EXPECT_NE(got.updated, Time{});

  StoredTheme again = Must(store_->PutTheme(blog.id, "<html>two</html>"));
  EXPECT_GT(again.version, put.version);
  EXPECT_EQ(Must(store_->GetTheme(blog.id)).xml, "<html>two</html>");
  // Another blog's theme is its own.
  Blog other = NewBlog("b.test");
  EXPECT_TRUE(store_->GetTheme(other.id).status().IsNotFound());
}

TEST_P(ThemesTest, DeleteThemeGoesBackToTheDefaultOnce) {
  Blog blog = NewBlog("a.test");
  StoredTheme put = Must(store_->PutTheme(blog.id, "<html>one</html>"));
  ASSERT_TRUE(store_->DeleteTheme(blog.id).ok());
  EXPECT_TRUE(store_->GetTheme(blog.id).status().IsNotFound());
  int64_t after_delete = Generation(blog.id);
  EXPECT_EQ(after_delete, put.version + 1);
  ASSERT_TRUE(store_->DeleteTheme(blog.id).ok());  // absent: not an error, nothing moves
  EXPECT_EQ(Generation(blog.id), after_delete);
  // Set again after a reset: a larger version than any before.
  EXPECT_GT(Must(store_->PutTheme(blog.id, "<html>one</html>")).version, put.version);
}

TEST_P(ThemesTest, BadThemesAreRefusedAndChangeNothing) {
  Blog blog = NewBlog("a.test");
  ASSERT_TRUE(store_->PutTheme(blog.id, "<html>kept</html>").ok());
  int64_t generation = Generation(blog.id);
  EXPECT_TRUE(store_->PutTheme(blog.id, "").status().IsInvalidArgument());
  EXPECT_TRUE(store_->PutTheme(blog.id, std::string("<a>\0</a>", 8)).status().IsInvalidArgument());
  EXPECT_TRUE(store_->PutTheme(blog.id, "<a>\xff</a>").status().IsInvalidArgument());
  EXPECT_TRUE(store_->PutTheme(blog.id + 1000, "<html/>").status().IsNotFound());
  EXPECT_EQ(Must(store_->GetTheme(blog.id)).xml, "<html>kept</html>");
  EXPECT_EQ(Generation(blog.id), generation);
}

TEST_P(ThemesTest, AnImportBatchPutsTheThemeAtCommit) {
  Blog blog = NewBlog("a.test");
  int64_t generation = Generation(blog.id);
  {
    std::unique_ptr<ImportBatch> batch = Must(store_->BeginImport());
    ASSERT_TRUE(batch->PutTheme(blog.id, "<html>rolled back</html>").ok());
  }
  EXPECT_TRUE(store_->GetTheme(blog.id).status().IsNotFound());

  std::unique_ptr<ImportBatch> batch = Must(store_->BeginImport());
  EXPECT_TRUE(batch->PutTheme(blog.id + 1000, "<html/>").IsNotFound());
  ASSERT_TRUE(batch->PutTheme(blog.id, "<html>imported</html>").ok());
  ASSERT_TRUE(batch->Commit(nullptr).ok());
  StoredTheme got = Must(store_->GetTheme(blog.id));
  EXPECT_EQ(got.xml, "<html>imported</html>");
  EXPECT_EQ(Generation(blog.id), generation + 1);
  EXPECT_EQ(got.version, generation + 1);
}

TEST_P(ThemesTest, ACopyKeepsTheVersionAndTime) {
  Blog blog = NewBlog("a.test");
  ASSERT_TRUE(store_->PutTheme(blog.id, "<html>old</html>").ok());
  std::unique_ptr<StoreCopy> copy = Must(store_->BeginCopy());
  ASSERT_TRUE(copy->AddTheme({blog.id, "<html>copied</html>", 1, At(5'000)}).ok());
  EXPECT_TRUE(copy->AddTheme({blog.id, "", 1, At(5'000)}).IsInvalidArgument());
  ASSERT_TRUE(copy->Commit(nullptr).ok());
  StoredTheme got = Must(store_->GetTheme(blog.id));
  EXPECT_EQ(got.xml, "<html>copied</html>");
  EXPECT_EQ(got.version, 1);
  EXPECT_EQ(got.updated, At(5'000));
}

SAMIZDAT_ON_EVERY_STORE(ThemesTest);

}  // namespace
}  // namespace samizdat::store
